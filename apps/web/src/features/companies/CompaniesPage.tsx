// `/app/companies` (ADMIN_HUNTZEN, SUPER_ADMIN): the sign-ups waiting for validation, and every
// company with a search and a status filter. The tab and the filters live in the URL, so Back from
// a company's page returns to the same view.
import { COMPANY_STATUSES, type CompanyStatus } from '@huntzen/contracts';
import { Button, Card, Group, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../lib/use-page-title';
import { CompanyTable } from './CompanyTable';

type Tab = 'queue' | 'all';

/** The companies page. */
export function CompaniesPage() {
  const { t } = useTranslation();
  usePageTitle(t('companies.title'));
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'all' ? 'all' : 'queue';
  const q = params.get('q') ?? '';
  const rawStatus = params.get('status') ?? '';
  const status = (COMPANY_STATUSES as readonly string[]).includes(rawStatus)
    ? (rawStatus as CompanyStatus)
    : '';
  const [search, setSearch] = useState(q);
  const [statusChoice, setStatusChoice] = useState<CompanyStatus | ''>(status);
  useEffect(() => {
    setSearch(q);
    setStatusChoice(status);
  }, [q, status]);

  const apply = (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('companies.title')}</Title>
        <Text c="dimmed">{t('companies.subtitle')}</Text>
      </Stack>
      <Tabs
        value={tab}
        onChange={(value) => apply({ tab: value === 'all' ? 'all' : '' })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="queue">{t('companies.tabs.queue')}</Tabs.Tab>
          <Tabs.Tab value="all">{t('companies.tabs.all')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue" pt="lg">
          <Stack gap="md">
            <Text>{t('companies.queueHelp')}</Text>
            <CompanyTable
              filters={{ q: '', status: 'PENDING' }}
              caption={t('companies.queueCaption')}
              empty={t('companies.queueEmpty')}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="all" pt="lg">
          <Stack gap="md">
            <Card withBorder padding="md" component="section" aria-label={t('companies.searchLabel')}>
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  apply({ q: search.trim(), status: statusChoice });
                }}
              >
                <Group align="flex-end" gap="sm">
                  <TextInput
                    style={{ flex: '1 1 260px' }}
                    label={t('companies.search')}
                    description={t('companies.searchHelp')}
                    value={search}
                    onChange={(event) => setSearch(event.currentTarget.value)}
                    type="search"
                  />
                  <Select
                    w={220}
                    label={t('companies.columns.status')}
                    placeholder={t('companies.anyStatus')}
                    clearable
                    data={COMPANY_STATUSES.map((value) => ({ value, label: t(`companies.status.${value}`) }))}
                    value={statusChoice || null}
                    onChange={(value) => setStatusChoice((value ?? '') as CompanyStatus | '')}
                  />
                  <Button type="submit">{t('companies.apply')}</Button>
                </Group>
              </form>
            </Card>
            <CompanyTable
              filters={{ q, status }}
              caption={t('companies.listCaption')}
              empty={t('companies.listEmpty')}
            />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
