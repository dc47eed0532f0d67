// The scores of one questionnaire over time, drawn over its severity bands (WHO-5: the low
// well-being zone), with a text summary for screen readers.
import { type Assessment, INSTRUMENT_RULES, type Instrument } from '@huntzen/contracts';
import { LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ReferenceArea } from 'recharts';
import { chartBands, dateText, scoreText } from './format';

/** The chart of `items` (all of `instrument`, newest first as the API lists them). */
export function HistoryChart({ instrument, items }: { instrument: Instrument; items: Assessment[] }) {
  const { t } = useTranslation();
  const points = [...items].reverse().map((a) => ({ date: dateText(a.createdAt), score: a.score }));
  const max = INSTRUMENT_RULES[instrument].maxScore;
  const latest = items[0];
  if (!latest) return <Text c="dimmed">{t('assessments.history.empty')}</Text>;
  return (
    <>
      <div data-testid="assessment-chart" aria-hidden>
        <LineChart
          h={240}
          data={points}
          dataKey="date"
          series={[{ name: 'score', label: t('assessments.history.score'), color: 'indigo.7' }]}
          yAxisProps={{ domain: [0, max], width: 32 }}
          curveType="linear"
          lineChartProps={{ accessibilityLayer: false }}
          withDots
        >
          {chartBands(instrument).map((band) => (
            <ReferenceArea
              key={band.label}
              y1={band.from}
              y2={band.to}
              fill={band.color}
              fillOpacity={0.8}
              ifOverflow="hidden"
              strokeOpacity={0}
            />
          ))}
        </LineChart>
      </div>
      <Text size="sm" c="dimmed">
        {t('assessments.history.summary', { count: items.length, score: scoreText(latest) })}
      </Text>
    </>
  );
}
