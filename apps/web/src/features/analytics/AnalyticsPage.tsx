// `/app/analytics` (SUPER_ADMIN, ADMIN_HUNTZEN): consultations counted for billing per
// practitioner, company and month — totals, the platform's size, a 12-month trend, the top
// practitioners and companies, every consultation by status, the detailed rows and their CSV
// export. Filters (month, company, practitioner) live in the URL. Every chart has a sentence that
// says it in words; the SVG stays out of the tab order. No health content reaches this page.
import '@mantine/charts/styles.css';
import {
  type BillingInsights,
  type BillingInsightsRow,
  CONSULTATION_STATUSES,
  type PlatformFigures,
} from '@huntzen/contracts';
import { BarChart, BarsList } from '@mantine/charts';
import {
  Button,
  Card,
  Center,
  Group,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { MonthField } from '../../components/MonthField';
import { LoadError, Loading } from '../../components/QueryState';
import { Spinner } from '../../components/Spinner';
import { currentLanguage, formatLocale } from '../../i18n';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import {
  type AnalyticsFilters,
  downloadAnalyticsCsv,
  filtersFromUrl,
  filtersToQuery,
  useBillingInsights,
  useBillingInsightsOptions,
  usePlatformFigures,
} from './analytics.api';

const STATUS_COLORS: Record<(typeof CONSULTATION_STATUSES)[number], string> = {
  SCHEDULED: 'blue.5',
  CONFIRMED: 'indigo.5',
  IN_PROGRESS: 'yellow.6',
  COMPLETED: 'teal.6',
  CANCELLED: 'gray.5',
  NO_SHOW: 'red.6',
};

/** "mars 2026" / "March 2026" for a UTC month; short: "mars 26". */
function monthLabel(month: string, language: string, short = false): string {
  return new Intl.DateTimeFormat(formatLocale(language), {
    month: short ? 'short' : 'long',
    year: short ? '2-digit' : 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={700} lh={1.3}>
        {value}
      </Text>
    </Card>
  );
}

/** A chart card: its title, the chart (hidden from assistive technology) and its sentence. */
function ChartCard({
  id,
  title,
  summary,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} fz="lg" id={id}>
          {title}
        </Title>
        {children}
        <Text size="sm" c="dimmed">
          {summary}
        </Text>
      </Stack>
    </Card>
  );
}

function Charts({
  data,
  platform,
  language,
}: {
  data: BillingInsights;
  platform: PlatformFigures | undefined;
  language: string;
}) {
  const { t } = useTranslation();
  const number = new Intl.NumberFormat(formatLocale(language));
  const range = {
    from: monthLabel(data.window.from, language),
    to: monthLabel(data.window.to, language),
  };
  const trend = data.trend.map((m) => ({
    month: monthLabel(m.month, language, true),
    consultations: m.consultations,
  }));
  const trendTotal = data.trend.reduce((sum, m) => sum + m.consultations, 0);
  const busiest = data.trend.reduce(
    (best, m) => (m.consultations > best.consultations ? m : best),
    data.trend[0]!,
  );
  const statuses = (platform?.consultationsByStatus ?? []).map((m) => ({
    month: monthLabel(m.month, language, true),
    ...m.byStatus,
  }));
  const statusTotal = (platform?.consultationsByStatus ?? []).reduce((sum, m) => sum + m.total, 0);
  const practitioners = data.topPractitioners.map((p) => ({
    name: `${p.practitioner.firstName} ${p.practitioner.lastName}`,
    value: p.consultations,
  }));
  const companies = data.topCompanies.map((c) => ({ name: c.company.name, value: c.consultations }));
  const top = (list: { name: string; value: number }[]) =>
    list[0]
      ? t('analytics.charts.topSummary', { name: list[0].name, count: list[0].value })
      : t('analytics.charts.empty');

  return (
    <>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <ChartCard
          id="analytics-trend"
          title={t('analytics.charts.trend', range)}
          summary={
            trendTotal > 0
              ? t('analytics.charts.trendSummary', {
                  total: number.format(trendTotal),
                  month: monthLabel(busiest.month, language),
                  count: busiest.consultations,
                })
              : t('analytics.charts.trendEmpty')
          }
        >
          <div aria-hidden data-testid="analytics-trend-chart">
            <BarChart
              h={220}
              data={trend}
              dataKey="month"
              series={[
                { name: 'consultations', label: t('analytics.charts.consultations'), color: 'teal.6' },
              ]}
              barChartProps={{ accessibilityLayer: false }}
              yAxisProps={{ allowDecimals: false, width: 32 }}
              tickLine="y"
            />
          </div>
        </ChartCard>
        <ChartCard
          id="analytics-statuses"
          title={t('analytics.charts.statuses', range)}
          summary={
            platform ? t('analytics.charts.statusesSummary', { total: number.format(statusTotal) }) : ''
          }
        >
          {platform ? (
            <div aria-hidden>
              <BarChart
                h={220}
                data={statuses}
                dataKey="month"
                type="stacked"
                withLegend
                legendProps={{ verticalAlign: 'bottom' }}
                series={CONSULTATION_STATUSES.map((status) => ({
                  name: status,
                  label: t(`consultations.status.${status}` as never),
                  color: STATUS_COLORS[status],
                }))}
                barChartProps={{ accessibilityLayer: false }}
                yAxisProps={{ allowDecimals: false, width: 32 }}
                tickLine="y"
              />
            </div>
          ) : (
            <Center h={220}>
              <Spinner size="sm" />
            </Center>
          )}
        </ChartCard>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ChartCard
          id="analytics-top-practitioners"
          title={t('analytics.charts.topPractitioners')}
          summary={top(practitioners)}
        >
          {practitioners.length > 0 ? (
            <BarsList
              data={practitioners}
              barColor="teal.1"
              barTextColor="dark.9"
              valueFormatter={(v) => number.format(v)}
            />
          ) : null}
        </ChartCard>
        <ChartCard
          id="analytics-top-companies"
          title={t('analytics.charts.topCompanies')}
          summary={top(companies)}
        >
          {companies.length > 0 ? (
            <BarsList
              data={companies}
              barColor="blue.1"
              barTextColor="dark.9"
              valueFormatter={(v) => number.format(v)}
            />
          ) : null}
        </ChartCard>
      </SimpleGrid>
    </>
  );
}

function RowsTable({ items, language }: { items: BillingInsightsRow[]; language: string }) {
  const { t } = useTranslation();
  const number = new Intl.NumberFormat(formatLocale(language), { maximumFractionDigits: 1 });
  return (
    <ScrollArea type="auto">
      <Table striped verticalSpacing="sm" miw={820}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('analytics.table.month')}</Table.Th>
            <Table.Th scope="col">{t('analytics.table.practitioner')}</Table.Th>
            <Table.Th scope="col">{t('analytics.table.specialty')}</Table.Th>
            <Table.Th scope="col">{t('analytics.table.company')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('analytics.table.consultations')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('analytics.table.minutes')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('analytics.table.average')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((row) => (
            <Table.Tr key={`${row.month}-${row.practitioner.id}-${row.company.id}`}>
              <Table.Td>{monthLabel(row.month, language)}</Table.Td>
              <Table.Td>
                {row.practitioner.firstName} {row.practitioner.lastName}
              </Table.Td>
              <Table.Td>{t(`specialties.${row.practitioner.specialty}`)}</Table.Td>
              <Table.Td>{row.company.name}</Table.Td>
              <Table.Td ta="right">{number.format(row.consultations)}</Table.Td>
              <Table.Td ta="right">{number.format(row.minutes)}</Table.Td>
              <Table.Td ta="right">
                {row.averageDuration === null
                  ? t('analytics.totals.none')
                  : number.format(row.averageDuration)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

/** The analytics page. */
export function AnalyticsPage() {
  const { t } = useTranslation();
  usePageTitle(t('analytics.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFromUrl(params);
  const setFilters = (next: Partial<AnalyticsFilters>) => setParams(filtersToQuery({ ...filters, ...next }));
  const query = useBillingInsights(filters);
  const platform = usePlatformFigures(filters);
  const size = platform.data;
  const dash = t('analytics.totals.none');
  const options = useBillingInsightsOptions();
  const language = currentLanguage();
  const number = new Intl.NumberFormat(formatLocale(language), { maximumFractionDigits: 1 });
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const exportCsv = useMutation({
    mutationFn: () => downloadAnalyticsCsv(filters),
    onSuccess: () =>
      notifications.show({
        color: 'zen',
        message: t('analytics.exported'),
        closeButtonProps: { 'aria-label': t('common.close') },
      }),
    onError: (error) =>
      notifications.show({
        color: 'red',
        message: errorMessage(error, t),
        closeButtonProps: { 'aria-label': t('common.close') },
      }),
  });
  const filtered = Boolean(filters.month || filters.companyId || filters.practitionerId);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={4} maw={760}>
          <Title order={1}>{t('analytics.title')}</Title>
          <Text c="dimmed">{t('analytics.subtitle')}</Text>
        </Stack>
        <Button variant="outline" loading={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
          {t('analytics.export')}
        </Button>
      </Group>

      <Card withBorder component="section" aria-label={t('analytics.filters')}>
        <Group align="flex-end" gap="md" wrap="wrap">
          <MonthField
            label={t('analytics.month')}
            placeholder={t('analytics.allMonths')}
            value={filters.month}
            onChange={(picked) => setFilters({ month: picked })}
            size="md"
            clearable
            clearButtonProps={{ 'aria-label': t('analytics.allMonths') }}
            // Mantine's placeholder grey falls short of AA on white.
            styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
            w={210}
          />
          <Select
            label={t('analytics.company')}
            placeholder={t('analytics.allCompanies')}
            data={(options.data?.companies ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={filters.companyId || null}
            onChange={(value) => setFilters({ companyId: value ?? '' })}
            clearable
            searchable
            w={230}
          />
          <Select
            label={t('analytics.practitioner')}
            placeholder={t('analytics.allPractitioners')}
            data={(options.data?.practitioners ?? []).map((p) => ({
              value: p.id,
              label: `${p.firstName} ${p.lastName}`,
            }))}
            value={filters.practitionerId || null}
            onChange={(value) => setFilters({ practitionerId: value ?? '' })}
            clearable
            searchable
            w={250}
          />
          {filtered ? (
            <Button variant="subtle" onClick={() => setParams(new URLSearchParams())}>
              {t('analytics.reset')}
            </Button>
          ) : null}
        </Group>
      </Card>

      {query.isPending ? (
        <Loading />
      ) : query.isError || !first ? (
        <LoadError error={query.error} />
      ) : (
        <>
          <Stack gap="xs" component="section" aria-labelledby="analytics-totals">
            <Title order={2} fz="lg" id="analytics-totals">
              {t('analytics.totals.label')}
              {first.month ? ` — ${monthLabel(first.month, language)}` : ''}
            </Title>
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
              <Figure
                label={t('analytics.totals.consultations')}
                value={number.format(first.totals.consultations)}
              />
              <Figure label={t('analytics.totals.minutes')} value={number.format(first.totals.minutes)} />
              <Figure
                label={t('analytics.totals.average')}
                value={
                  first.totals.averageDuration === null
                    ? t('analytics.totals.none')
                    : t('analytics.totals.averageValue', {
                        value: number.format(first.totals.averageDuration),
                      })
                }
              />
              <Figure
                label={t('analytics.totals.practitioners')}
                value={number.format(first.totals.practitioners)}
              />
              <Figure label={t('analytics.totals.companies')} value={number.format(first.totals.companies)} />
            </SimpleGrid>
          </Stack>

          <Stack gap="xs" component="section" aria-labelledby="analytics-platform">
            <Title order={2} fz="lg" id="analytics-platform">
              {t('analytics.platform.label')}
            </Title>
            {platform.isError ? <LoadError error={platform.error} /> : null}
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <Figure
                label={t('analytics.platform.companies')}
                value={t('analytics.platform.companiesValue', {
                  active: size ? number.format(size.companies.active) : dash,
                  total: size ? number.format(size.companies.total) : dash,
                })}
              />
              <Figure
                label={t('analytics.platform.employees')}
                value={size ? number.format(size.employees) : dash}
              />
              <Figure
                label={t('analytics.platform.practitioners')}
                value={size ? number.format(size.validatedPractitioners) : dash}
              />
            </SimpleGrid>
          </Stack>

          <Charts data={first} platform={size} language={language} />

          <Card withBorder padding={0} component="section" aria-labelledby="analytics-table">
            <Title order={2} fz="lg" p="md" id="analytics-table">
              {t('analytics.table.title')}
            </Title>
            {items.length === 0 ? (
              <Text p="xl" ta="center">
                {t('analytics.table.empty')}
              </Text>
            ) : (
              <RowsTable items={items} language={language} />
            )}
          </Card>
          {query.hasNextPage ? (
            <Button
              variant="default"
              onClick={() => query.fetchNextPage()}
              loading={query.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          ) : null}
        </>
      )}
    </Stack>
  );
}
