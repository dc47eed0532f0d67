// `/app/audit` (SUPER_ADMIN, ADMIN_HUNTZEN): the platform's audit log — filters, rows newest
// first with "load more", a detail per row, and the CSV export of the current filters.
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IconAlert } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditTable } from './AuditTable';
import { type AuditLog, downloadAuditCsv, filtersFromUrl, filtersToUrl, useAuditLogs } from './audit.api';

/** The audit log page. */
export function AuditLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFromUrl(params);
  const query = useAuditLogs(filters);
  const items: AuditLog[] = query.data?.pages.flatMap((page) => page.items) ?? [];
  const exportCsv = useMutation({
    mutationFn: () => downloadAuditCsv(filters),
    onSuccess: () => notifications.show({ color: 'zen', message: t('audit.exported') }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={4}>
          <Title order={1}>{t('audit.title')}</Title>
          <Text c="dimmed">{t('audit.subtitle')}</Text>
        </Stack>
        <Button variant="outline" loading={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
          {t('audit.export')}
        </Button>
      </Group>
      {/* Keyed by the URL: Back/Forward and "reset" show the filters actually applied. */}
      <AuditFiltersForm
        key={params.toString()}
        initial={filters}
        onApply={(next) => setParams(filtersToUrl(next))}
      />
      <Card withBorder padding={0} component="section" aria-label={t('audit.listLabel')}>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <Alert color="red" icon={<IconAlert />} m="md" role="alert">
            {errorMessage(query.error, t)}
          </Alert>
        ) : items.length === 0 ? (
          <Text p="xl" ta="center">
            {t('audit.empty')}
          </Text>
        ) : (
          <AuditTable items={items} />
        )}
      </Card>
      {query.hasNextPage ? (
        <Button variant="default" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Stack>
  );
}
