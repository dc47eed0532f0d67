// The directory's search box (applied as the user pauses typing) and its filters and order
// (applied at once). The page keeps them in its URL.
import {
  DIRECTORY_SORTS,
  type DirectorySort,
  PRACTICE_FORMATS,
  type PracticeFormat,
  SPECIALTIES,
  type Specialty,
} from '@huntzen/contracts';
import {
  Button,
  Card,
  CloseButton,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AVAILABLE_WITHIN_CHOICES,
  type DirectoryFilters,
  NO_FILTERS,
  useDirectoryFacets,
} from './directory.api';
import { languageName } from './labels';

interface Props {
  filters: DirectoryFilters;
  onChange(next: DirectoryFilters): void;
}

const SEARCH_DELAY_MS = 350;

/** The search card. */
export function DirectorySearchForm({ filters, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const facets = useDirectoryFacets();
  const [text, setText] = useState(filters.q);
  // What this box last searched: when the URL's search differs (Back, Forward, a reset), the box
  // follows it; when it is this box's own, the user may have typed on meanwhile and keeps it.
  const sent = useRef(filters.q);
  useEffect(() => {
    if (filters.q.trim() !== sent.current.trim()) {
      sent.current = filters.q;
      setText(filters.q);
    }
  }, [filters.q]);
  const apply = (q: string) => {
    sent.current = q;
    onChange({ ...filters, q });
  };
  const search = useDebouncedCallback(apply, SEARCH_DELAY_MS);

  const set = <K extends keyof DirectoryFilters>(key: K, value: DirectoryFilters[K]) =>
    onChange({ ...filters, [key]: value });
  const count = (n: number | undefined) => (n === undefined ? '' : ` (${n})`);
  const specialtyCounts = new Map(facets.data?.specialties.map((s) => [s.value, s.count]));
  const sorts = DIRECTORY_SORTS.filter((s) => s !== 'relevance' || filters.q.trim());
  const sort =
    filters.sort && sorts.includes(filters.sort) ? filters.sort : filters.q.trim() ? 'relevance' : 'rating';

  return (
    <Card withBorder padding="lg" component="section" role="search" aria-label={t('directory.filters.title')}>
      <Stack gap="md">
        <TextInput
          type="search"
          label={t('directory.search.label')}
          description={t('directory.search.hint')}
          placeholder={t('directory.search.placeholder')}
          value={text}
          maxLength={200}
          onChange={(event) => {
            setText(event.currentTarget.value);
            search(event.currentTarget.value);
          }}
          onKeyDown={(event) => {
            // Enter searches at once.
            if (event.key === 'Enter') {
              search.cancel?.();
              apply(text);
            }
          }}
          rightSection={
            text ? (
              <CloseButton
                aria-label={t('directory.search.clear')}
                onClick={() => {
                  setText('');
                  search.cancel?.();
                  apply('');
                }}
              />
            ) : null
          }
        />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <Select
            label={t('directory.filters.specialty')}
            placeholder={t('directory.filters.anySpecialty')}
            data={SPECIALTIES.map((s) => ({
              value: s,
              label: `${t(`specialties.${s}`)}${count(specialtyCounts.get(s))}`,
            }))}
            value={filters.specialty || null}
            onChange={(value) => set('specialty', (value as Specialty | null) ?? '')}
            clearable
          />
          <Select
            label={t('directory.filters.subSpecialty')}
            placeholder={t('directory.filters.anySubSpecialty')}
            data={(facets.data?.subSpecialties ?? []).map((s) => ({
              value: s.value,
              label: `${s.value}${count(s.count)}`,
            }))}
            value={filters.subSpecialty || null}
            onChange={(value) => set('subSpecialty', value ?? '')}
            searchable
            clearable
            nothingFoundMessage={t('directory.results.empty')}
          />
          <Select
            label={t('directory.filters.language')}
            placeholder={t('directory.filters.anyLanguage')}
            data={(facets.data?.languages ?? []).map((l) => ({
              value: l.value,
              label: `${languageName(l.value, i18n.language)}${count(l.count)}`,
            }))}
            value={filters.language || null}
            onChange={(value) => set('language', value ?? '')}
            clearable
          />
          <Select
            label={t('directory.filters.format')}
            placeholder={t('directory.filters.anyFormat')}
            data={PRACTICE_FORMATS.map((f) => ({ value: f, label: t(`directory.formats.${f}`) }))}
            value={filters.format || null}
            onChange={(value) => set('format', (value as PracticeFormat | null) ?? '')}
            clearable
          />
          <Select
            label={t('directory.filters.availableWithin')}
            placeholder={t('directory.filters.anyTime')}
            data={AVAILABLE_WITHIN_CHOICES.map((days) => ({
              value: days,
              label: t('directory.filters.withinDays', { count: Number(days) }),
            }))}
            value={filters.availableWithinDays || null}
            onChange={(value) =>
              set('availableWithinDays', (value as DirectoryFilters['availableWithinDays'] | null) ?? '')
            }
            clearable
          />
          <Select
            label={t('directory.sort.label')}
            data={sorts.map((s) => ({ value: s, label: t(`directory.sort.${s}`) }))}
            value={sort}
            onChange={(value) => set('sort', (value as DirectorySort | null) ?? '')}
            allowDeselect={false}
          />
          <Stack justify="flex-end">
            <Switch
              label={t('directory.filters.acceptingNewClients')}
              checked={filters.acceptingNewClients}
              onChange={(event) => set('acceptingNewClients', event.currentTarget.checked)}
              size="md"
              pb={8}
            />
          </Stack>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button
            variant="subtle"
            onClick={() => {
              setText('');
              search.cancel?.();
              sent.current = '';
              onChange(NO_FILTERS);
            }}
          >
            {t('directory.filters.reset')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
