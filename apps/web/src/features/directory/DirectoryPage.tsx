// `/app/practitioners` (employees): the directory of validated practitioners — search box,
// filters and order kept in the URL (Back from a profile returns to the same results), result
// cards and "show more".
import { Button, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IconStethoscope } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { usePageTitle } from '../../lib/use-page-title';
import { DirectorySearchForm } from './DirectorySearchForm';
import { filtersFromUrl, filtersToQuery, NO_FILTERS, useDirectory } from './directory.api';
import { PractitionerCard } from './PractitionerCard';

/** The directory page. */
export function DirectoryPage() {
  const { t } = useTranslation();
  usePageTitle(t('directory.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFromUrl(params);
  const query = useDirectory(filters);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = query.isFetching && !query.isFetchingNextPage;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('directory.title')}</Title>
        <Text c="dimmed">{t('directory.subtitle')}</Text>
      </Stack>
      <DirectorySearchForm
        filters={filters}
        // Typing replaces the history entry; Back leaves the directory rather than undoing letters.
        onChange={(next) => setParams(filtersToQuery(next), { replace: next.q !== filters.q })}
      />
      <Stack gap="md" component="section" aria-label={t('directory.results.label')} aria-busy={searching}>
        {/* Announced politely when a search or a filter changes the results. */}
        <Text size="sm" c="dimmed" role="status">
          {query.isPending
            ? t('directory.results.loading')
            : query.isSuccess
              ? t('directory.results.count', { count: items.length })
              : ''}
        </Text>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <LoadError error={query.error} />
        ) : items.length === 0 ? (
          <Stack align="center" gap="sm" py="xl" ta="center">
            <ThemeIcon size={56} radius="xl" variant="light">
              <IconStethoscope size={28} />
            </ThemeIcon>
            <Text fw={600}>{t('directory.results.empty')}</Text>
            <Text c="dimmed">{t('directory.results.emptyHint')}</Text>
            <Button variant="light" onClick={() => setParams(filtersToQuery(NO_FILTERS))}>
              {t('directory.filters.reset')}
            </Button>
          </Stack>
        ) : (
          <SimpleGrid
            cols={{ base: 1, md: 2, xl: 3 }}
            spacing="md"
            style={{ opacity: searching ? 0.6 : 1, transition: 'opacity 150ms' }}
          >
            {items.map((p) => (
              <PractitionerCard key={p.id} practitioner={p} />
            ))}
          </SimpleGrid>
        )}
        {query.hasNextPage ? (
          <Button
            variant="default"
            onClick={() => query.fetchNextPage()}
            loading={query.isFetchingNextPage}
            style={{ alignSelf: 'center' }}
          >
            {t('directory.results.loadMore')}
          </Button>
        ) : null}
      </Stack>
    </Stack>
  );
}
