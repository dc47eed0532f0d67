// Presentation of results: colours of the bands, the score as read, the date. The bands themselves
// come from @huntzen/contracts (INSTRUMENT_RULES), shared with the API.
import {
  type Assessment,
  INSTRUMENT_RULES,
  type Instrument,
  type Severity,
  WHO5_LOW_RAW,
} from '@huntzen/contracts';
import type { TFunction } from 'i18next';
import { formatLocale } from '../../i18n';

/** A Mantine colour per band, from calm to severe. */
export const SEVERITY_COLOR: Record<Severity, string> = {
  MINIMAL: 'teal',
  MILD: 'lime',
  MODERATE: 'yellow',
  MODERATELY_SEVERE: 'orange',
  SEVERE: 'red',
};

/** The chart's bands of an instrument (WHO-5: low below 52 %, i.e. raw below 13). */
export function chartBands(
  instrument: Instrument,
): { from: number; to: number; color: string; label: string }[] {
  if (instrument === 'WHO5') {
    const low = WHO5_LOW_RAW * 4;
    return [
      { from: 0, to: low, color: 'var(--mantine-color-orange-2)', label: 'low' },
      { from: low, to: 100, color: 'var(--mantine-color-teal-1)', label: 'ok' },
    ];
  }
  return INSTRUMENT_RULES[instrument].bands.map((b) => ({
    from: b.min,
    // Bands touch: the next one starts where this one ends.
    to: b.max + 1 > INSTRUMENT_RULES[instrument].maxScore ? b.max : b.max + 1,
    color: `var(--mantine-color-${SEVERITY_COLOR[b.severity]}-1)`,
    label: b.severity,
  }));
}

/** "12 / 27", "48 %". */
export function scoreText(a: Pick<Assessment, 'instrument' | 'score'>): string {
  return a.instrument === 'WHO5' ? `${a.score} %` : `${a.score} / ${INSTRUMENT_RULES[a.instrument].maxScore}`;
}

/** The band or well-being label of a result. */
export function levelText(a: Pick<Assessment, 'severity' | 'lowWellbeing'>, t: TFunction): string {
  if (a.severity) return t(`assessments.severity.${a.severity}`);
  return a.lowWellbeing ? t('assessments.history.lowBadge') : t('assessments.history.okBadge');
}

/** A short date of the current language. */
export function dateText(iso: string): string {
  return new Intl.DateTimeFormat(formatLocale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(iso),
  );
}
