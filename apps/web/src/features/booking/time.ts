// Dates of the consultation screens, always in a named time zone (the viewer's: the employee's
// profile zone, the practitioner's own), never the browser's: someone travelling still sees the
// times of their account. Luxon does the zone arithmetic, so weeks keep seven days across DST.
import { FULL_DATE_TIME } from '@huntzen/contracts';
import { DateTime } from 'luxon';
import { formatLocale } from '../../i18n';

/** The browser's zone: only a fallback while the account's zone loads. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** An instant (ISO string or Date) in `zone`, in the interface's language. */
export function inZone(instant: string | Date, zone: string): DateTime {
  const value = typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromJSDate(instant);
  return value.setZone(zone).setLocale(formatLocale());
}

/** Monday 00:00 (in `zone`) of the week holding `instant`. */
export function weekStart(instant: string | Date, zone: string): DateTime {
  return inZone(instant, zone).startOf('week');
}

/** The seven days (00:00 in the zone) of the week starting at `monday`. */
export function weekDays(monday: DateTime): DateTime[] {
  return Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }));
}

/** "2026-04-13": the calendar day of an instant in the zone, to group slots by day. */
export function dayKey(value: DateTime): string {
  return value.toISODate() ?? '';
}

/** "09:00". */
export function timeLabel(value: DateTime): string {
  return value.toLocaleString(DateTime.TIME_24_SIMPLE);
}

/** "Lundi 13 avril" / "Monday 13 April". */
export function dayLabel(value: DateTime): string {
  return capitalize(value.toFormat('cccc d LLLL'));
}

/** "lun. 13" / "Mon 13", for narrow columns. */
export function shortDayLabel(value: DateTime): string {
  return capitalize(value.toFormat('ccc d'));
}

/**
 * "Lundi 13 avril 2026 à 09:00"-like full date and time (Intl's long date + short time);
 * `capitalized` false inside a sentence ("le lundi 13 avril…").
 */
export function dateTimeLabel(value: DateTime, capitalized = true): string {
  const text = value.toLocaleString(FULL_DATE_TIME);
  return capitalized ? capitalize(text) : text;
}

/** "13 – 19 avril 2026", the span of a week. */
export function weekLabel(monday: DateTime): string {
  const sunday = monday.plus({ days: 6 });
  const sameMonth = monday.month === sunday.month;
  const start = monday.toFormat(sameMonth ? 'd' : 'd LLLL');
  return `${start} – ${sunday.toFormat('d LLLL yyyy')}`;
}
