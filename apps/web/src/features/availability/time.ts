// Dates and times of the availability page, always shown in the practitioner's time zone (not the
// browser's): a practitioner travelling still edits and reads their own working hours.
import { formatLocale } from '../../i18n';

/** Weekdays in display order, Monday first (0 = Sunday, as the API counts). */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** "Lundi" / "Monday" for 0 = Sunday … 6 = Saturday ("lundi" inside a French sentence). */
export function weekdayName(dayOfWeek: number, capitalized = true): string {
  // 4 January 2026 was a Sunday.
  const date = new Date(Date.UTC(2026, 0, 4 + dayOfWeek));
  const name = new Intl.DateTimeFormat(formatLocale(), { weekday: 'long', timeZone: 'UTC' }).format(date);
  return capitalized ? capitalize(name) : name;
}

/** "Vendredi 4 décembre 2026" for a calendar date "2026-12-04". */
export function calendarDateLabel(date: string): string {
  const value = new Date(`${date}T00:00:00Z`);
  return capitalize(
    new Intl.DateTimeFormat(formatLocale(), {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(value),
  );
}

/** "YYYY-MM-DD" of an instant in `zone`. */
export function dateInZone(instant: string | Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
}

/** "09:00" of an instant in `zone`. */
export function timeInZone(instant: string, zone: string): string {
  return new Intl.DateTimeFormat(formatLocale(), {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** Today's date in `zone`, "YYYY-MM-DD". */
export function todayIn(zone: string): string {
  return dateInZone(new Date(), zone);
}

// The time inputs cannot show "24:00": an end of "00:00" means midnight, the end of the day.
export const endToInput = (time: string) => (time === '24:00' ? '00:00' : time);
export const endFromInput = (time: string) => (time === '00:00' ? '24:00' : time);
