// `/app/insights` (HR): the company's usage by month or by department, thresholded by the API
// (suppressed groups carry no figure and say so in words), with a chart, a table, the CSV download,
// the minimum group size and the counters employees chose to share.
import '@mantine/charts/styles.css';
import type { UsageGroup, UsageGroupBy, UsageTotal } from '@huntzen/contracts';
import { BarChart } from '@mantine/charts';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MonthField } from '../../components/MonthField';
import { Loading } from '../../components/QueryState';
import { Spinner } from '../../components/Spinner';
import { currentLanguage, formatLocale } from '../../i18n';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import {
  downloadUsageCsv,
  type UsageFilters,
  useSharedUsage,
  useUpdateUsageSettings,
  useUsage,
  useUsageSettings,
} from './insights.api';

function monthOffset(offset: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() + offset, 1));
  return d.toISOString().slice(0, 7);
}

function useMonthLabel() {
  const language = currentLanguage();
  return (key: string) =>
    new Intl.DateTimeFormat(formatLocale(language), {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${key}-01T00:00:00Z`));
}

/** The HR usage dashboard. */
export function InsightsPage() {
  const { t } = useTranslation();
  usePageTitle(t('insights.title'));
  const [draft, setDraft] = useState<UsageFilters>({
    from: monthOffset(-11),
    to: monthOffset(0),
    groupBy: 'month',
  });
  const [filters, setFilters] = useState<UsageFilters>(draft);
  const usage = useUsage(filters);
  const [downloading, setDownloading] = useState(false);
  const [csvError, setCsvError] = useState<string | null>(null);
  const k = usage.data?.minGroupSize ?? 5;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const download = async () => {
    setDownloading(true);
    try {
      await downloadUsageCsv(filters);
      setCsvError(null);
    } catch (error) {
      setCsvError(`${t('insights.csvFailed')} ${errorMessage(error, t)}`);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('insights.title')}</Title>
        <Text c="dimmed">{t('insights.subtitle', { k })}</Text>
      </Stack>

      <Card
        withBorder
        padding="md"
        component="form"
        onSubmit={apply}
        aria-label={t('insights.filters.label')}
      >
        <Group align="flex-end" wrap="wrap" gap="sm">
          <MonthField
            label={t('insights.filters.from')}
            value={draft.from}
            onChange={(from) => from && setDraft({ ...draft, from })}
            w={190}
            required
          />
          <MonthField
            label={t('insights.filters.to')}
            value={draft.to}
            onChange={(to) => to && setDraft({ ...draft, to })}
            w={190}
            required
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="insights-group-by">
              {t('insights.filters.groupBy')}
            </Text>
            <SegmentedControl
              aria-labelledby="insights-group-by"
              value={draft.groupBy}
              onChange={(value) => {
                const next = { ...draft, groupBy: value as UsageGroupBy };
                setDraft(next);
                setFilters(next);
              }}
              data={[
                { value: 'month', label: t('insights.filters.month') },
                { value: 'department', label: t('insights.filters.department') },
              ]}
            />
          </Stack>
          <Button type="submit">{t('insights.filters.apply')}</Button>
          <Button variant="light" onClick={download} loading={downloading}>
            {t('insights.csv')}
          </Button>
        </Group>
      </Card>
      {csvError && (
        <Alert color="red" role="alert">
          {csvError}
        </Alert>
      )}

      {usage.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(usage.error, t)}
        </Alert>
      ) : !usage.data ? (
        <Loading padding="lg" />
      ) : (
        <>
          <TotalCard total={usage.data.total} k={k} />
          <GroupsChart groups={usage.data.groups} groupBy={usage.data.groupBy} />
          <GroupsTable groups={usage.data.groups} groupBy={usage.data.groupBy} k={k} />
        </>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SettingsCard />
        <SharedCard />
      </SimpleGrid>
    </Stack>
  );
}

function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)} %`;
}

function TotalCard({ total, k }: { total: UsageTotal; k: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const n = (v: number | null) =>
    v === null ? '—' : new Intl.NumberFormat(formatLocale(language)).format(v);
  if (total.suppressed) {
    return (
      <Alert color="gray" title={t('insights.total.title')} data-testid="insights-total">
        {t('insights.total.suppressed')}
      </Alert>
    );
  }
  const stats: [string, string][] = [
    [t('insights.total.employees'), n(total.employees)],
    [t('insights.total.activeEmployees'), n(total.activeEmployees)],
    [t('insights.total.adoptionRate'), percent(total.adoptionRate)],
    [t('insights.total.consultations'), n(total.consultations)],
    [t('insights.total.minutes'), n(total.minutes)],
    [
      t('insights.total.median'),
      total.medianDaysToFirstConsultation === null
        ? t('insights.total.notEnough', { k })
        : n(total.medianDaysToFirstConsultation),
    ],
  ];
  return (
    <Card
      withBorder
      padding="lg"
      component="section"
      aria-labelledby="insights-total-title"
      data-testid="insights-total"
    >
      <Title order={2} fz="lg" id="insights-total-title" mb="sm">
        {t('insights.total.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3 }} component="dl" spacing="sm" m={0}>
        {stats.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="sm" c="dimmed">
              {label}
            </Text>
            <Text component="dd" fw={700} fz="xl" m={0}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Card>
  );
}

function useGroupLabel(groupBy: UsageGroupBy) {
  const { t } = useTranslation();
  const month = useMonthLabel();
  return (key: string | null) =>
    groupBy === 'month' && key ? month(key) : (key ?? t('insights.table.noDepartment'));
}

function GroupsChart({ groups, groupBy }: { groups: UsageGroup[]; groupBy: UsageGroupBy }) {
  const { t } = useTranslation();
  const label = useGroupLabel(groupBy);
  const visible = groups.filter((g) => !g.suppressed);
  const data = visible.map((g) => ({ group: label(g.key), consultations: g.consultations ?? 0 }));
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="insights-chart-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="insights-chart-title">
          {groupBy === 'month' ? t('insights.chart.title') : t('insights.chart.titleDepartment')}
        </Title>
        {data.length === 0 ? (
          <Text c="dimmed">{t('insights.chart.empty')}</Text>
        ) : (
          // The table below gives every figure in words; the SVG stays out of the tab order.
          <div data-testid="insights-chart" aria-hidden>
            <BarChart
              h={240}
              data={data}
              dataKey="group"
              series={[{ name: 'consultations', label: t('insights.chart.consultations'), color: 'teal.6' }]}
              barChartProps={{ accessibilityLayer: false }}
              yAxisProps={{ allowDecimals: false, width: 32 }}
            />
          </div>
        )}
        <Text size="sm" c="dimmed">
          {t('insights.chart.summary', {
            visible: visible.length,
            suppressed: groups.length - visible.length,
          })}
        </Text>
      </Stack>
    </Card>
  );
}

function GroupsTable({ groups, groupBy, k }: { groups: UsageGroup[]; groupBy: UsageGroupBy; k: number }) {
  const { t } = useTranslation();
  const label = useGroupLabel(groupBy);
  const language = currentLanguage();
  const n = (v: number | null) =>
    v === null ? '—' : new Intl.NumberFormat(formatLocale(language)).format(v);
  return (
    <Card withBorder padding="lg" component="section">
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="insights-table">
          <Table.Caption>{t('insights.table.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('insights.table.group')}</Table.Th>
              <Table.Th scope="col">{t('insights.total.employees')}</Table.Th>
              <Table.Th scope="col">{t('insights.total.activeEmployees')}</Table.Th>
              <Table.Th scope="col">{t('insights.total.adoptionRate')}</Table.Th>
              <Table.Th scope="col">{t('insights.total.consultations')}</Table.Th>
              <Table.Th scope="col">{t('insights.total.minutes')}</Table.Th>
              <Table.Th scope="col">{t('insights.total.median')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map((g) => (
              <Table.Tr key={g.key ?? ''}>
                <Table.Th scope="row" fw={500}>
                  {label(g.key)}
                </Table.Th>
                {g.suppressed ? (
                  <Table.Td colSpan={6}>
                    <Badge color="gray" variant="light" mr="xs">
                      {t('insights.table.suppressed')}
                    </Badge>
                    <Text span size="sm" c="dimmed">
                      {t('insights.table.suppressedWhy', { k })}
                    </Text>
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td>{n(g.employees)}</Table.Td>
                    <Table.Td>{n(g.activeEmployees)}</Table.Td>
                    <Table.Td>{percent(g.adoptionRate)}</Table.Td>
                    <Table.Td>{n(g.consultations)}</Table.Td>
                    <Table.Td>{n(g.minutes)}</Table.Td>
                    <Table.Td>{n(g.medianDaysToFirstConsultation)}</Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function SettingsCard() {
  const { t } = useTranslation();
  const settings = useUsageSettings();
  const update = useUpdateUsageSettings();
  const [value, setValue] = useState<number | string>(5);
  useEffect(() => {
    if (settings.data) setValue(settings.data.minGroupSize);
  }, [settings.data]);
  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(Number(value));
  };
  return (
    <Card withBorder padding="lg" component="form" onSubmit={save} aria-labelledby="insights-settings-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="insights-settings-title">
          {t('insights.settings.title')}
        </Title>
        <NumberInput
          label={t('insights.settings.minGroupSize')}
          description={t('insights.settings.help')}
          min={5}
          max={1000}
          allowDecimal={false}
          value={value}
          onChange={setValue}
          error={update.isError ? errorMessage(update.error, t) : undefined}
        />
        <Group>
          <Button type="submit" loading={update.isPending} disabled={settings.isPending}>
            {t('insights.settings.save')}
          </Button>
          <Text size="sm" c="teal.9" role="status">
            {update.isSuccess ? t('insights.settings.saved') : ''}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}

function SharedCard() {
  const { t } = useTranslation();
  const shared = useSharedUsage();
  const month = useMonthLabel();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="insights-shared-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="insights-shared-title">
          {t('insights.shared.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('insights.shared.help')}
        </Text>
        {shared.isPending ? (
          <Spinner size="sm" />
        ) : !shared.data || shared.data.items.length === 0 ? (
          <Text>{t('insights.shared.empty')}</Text>
        ) : (
          <Table data-testid="insights-shared">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('insights.shared.employee')}</Table.Th>
                <Table.Th scope="col">{t('insights.shared.department')}</Table.Th>
                <Table.Th scope="col">{t('insights.shared.months')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shared.data.items.map((item) => (
                <Table.Tr key={item.employeeId}>
                  <Table.Th scope="row" fw={500}>
                    {item.firstName} {item.lastName}
                  </Table.Th>
                  <Table.Td>{item.department ?? '—'}</Table.Td>
                  <Table.Td>
                    {item.months.length === 0
                      ? t('insights.shared.none')
                      : item.months.map((m) => (
                          <div key={m.month}>
                            {t('insights.shared.month', {
                              month: month(m.month),
                              count: m.consultations,
                              minutes: m.minutes,
                            })}
                          </div>
                        ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
