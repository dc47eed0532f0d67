// The mood over time: mean mood per day or week (1 = very bad … 5 = very good) over a chosen
// period, with a text summary for screen readers.
import type { TrendBucket } from '@huntzen/contracts';
import { LineChart } from '@mantine/charts';
import { Card, Center, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../components/Spinner';
import { currentLanguage, formatLocale } from '../../i18n';
import { useMoodTrend } from './journal.api';

const RANGES = { days30: 30, days90: 90, days365: 365 } as const;
type Range = keyof typeof RANGES;

function daysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The mood chart card. */
export function MoodChart() {
  const { t } = useTranslation();
  const [bucket, setBucket] = useState<TrendBucket>('day');
  const [range, setRange] = useState<Range>('days30');
  const from = useMemo(() => daysAgo(RANGES[range]), [range]);
  const trend = useMoodTrend(bucket, from);
  const language = currentLanguage();
  const points = (trend.data?.points ?? [])
    .filter((p) => p.average !== null)
    .map((p) => ({
      period: new Intl.DateTimeFormat(formatLocale(language), {
        day: 'numeric',
        month: 'short',
        timeZone: 'UTC',
      }).format(new Date(`${p.period}T00:00:00Z`)),
      average: p.average,
    }));
  const last = points.at(-1);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="journal-chart-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} fz="lg" id="journal-chart-title">
            {t('journal.chart.title')}
          </Title>
          <Group gap="xs" wrap="wrap">
            <SegmentedControl
              size="xs"
              aria-label={t('journal.chart.range')}
              value={range}
              onChange={(value) => setRange(value as Range)}
              data={(Object.keys(RANGES) as Range[]).map((key) => ({
                value: key,
                label: t(`journal.chart.${key}`),
              }))}
            />
            <SegmentedControl
              size="xs"
              aria-label={t('journal.chart.bucket')}
              value={bucket}
              onChange={(value) => setBucket(value as TrendBucket)}
              data={[
                { value: 'day', label: t('journal.chart.day') },
                { value: 'week', label: t('journal.chart.week') },
              ]}
            />
          </Group>
        </Group>
        {trend.isPending ? (
          <Center p="md">
            <Spinner size="sm" />
          </Center>
        ) : points.length === 0 ? (
          <Text c="dimmed">{t('journal.chart.empty')}</Text>
        ) : (
          <>
            <div data-testid="journal-chart" aria-hidden>
              <LineChart
                h={220}
                data={points}
                dataKey="period"
                series={[{ name: 'average', label: t('journal.chart.average'), color: 'teal.6' }]}
                yAxisProps={{ domain: [1, 5], ticks: [1, 2, 3, 4, 5], width: 24 }}
                curveType="monotone"
                // The summary below says it in words; the SVG stays out of the tab order.
                lineChartProps={{ accessibilityLayer: false }}
                connectNulls
                withDots={points.length < 40}
              />
            </div>
            <Text size="sm" c="dimmed">
              {t('journal.chart.summary', { count: points.length, last: last?.average })}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}
