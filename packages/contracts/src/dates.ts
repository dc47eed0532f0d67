// Dates and instants a request may carry: ISO 8601, and only years the application can store and
// compute with. PostgreSQL has no year 0000, and a year 9999 plus a duration or a time zone leaves
// the 4-digit years that `toISOString` and the response schemas expect. Every date or instant of a
// request schema is one of these, so an absurd year is a 400 naming the field, never a 500.
import { z } from 'zod';

/** The years a request date may fall in (inclusive). */
export const DATE_YEAR_RANGE = Object.freeze({ min: 1900, max: 2200 });

const yearInRange = (iso: string) => {
  // Every ISO form accepted here starts with a 4-digit year (Zod refuses expanded years); anything
  // else is already refused by the format check, which says so better.
  if (!/^\d{4}-/.test(iso)) return true;
  const year = Number(iso.slice(0, 4));
  return year >= DATE_YEAR_RANGE.min && year <= DATE_YEAR_RANGE.max;
};
const yearError = `a year between ${DATE_YEAR_RANGE.min} and ${DATE_YEAR_RANGE.max}`;

/** An ISO 8601 instant (UTC `Z`, or also with an offset when `offset`), years 1900–2200. */
export function isoInstant(options: { offset?: boolean; error?: string } = {}) {
  return z.iso
    .datetime({
      offset: options.offset ?? false,
      ...(options.error ? { error: options.error } : {}),
    })
    .refine(yearInRange, { error: yearError, abort: true });
}

/** An ISO 8601 calendar date YYYY-MM-DD, years 1900–2200. */
export function isoDate() {
  return z.iso.date().refine(yearInRange, { error: yearError, abort: true });
}

/** A calendar date, or an instant with its offset (filters' bounds), years 1900–2200. */
export function isoDateOrInstant() {
  return z.union([isoDate(), isoInstant({ offset: true })], {
    error: `an ISO 8601 date (YYYY-MM-DD) or date-time with its offset, in years ${DATE_YEAR_RANGE.min} to ${DATE_YEAR_RANGE.max}`,
  });
}

/** A calendar month YYYY-MM, years 1900–2200. */
export function isoMonth(error = 'a month as YYYY-MM, e.g. 2026-03') {
  return z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error })
    .refine(yearInRange, { error: yearError, abort: true });
}

/**
 * The locale dates and numbers are written in for a language, everywhere (web pages, e-mails,
 * notifications, public article pages): French, or British English for English (day before month,
 * 24-hour clock), so that 07/12 is 7 December in both languages.
 */
export function dateLocale(language: string): 'fr-FR' | 'en-GB' {
  return language.toLowerCase().startsWith('en') ? 'en-GB' : 'fr-FR';
}

/**
 * The parts of a full date and time as every page, e-mail and notification writes it ("lundi 2 mars
 * 2026 10:00" / "Monday 2 March 2026 10:00"): long weekday and month, a 24-hour clock.
 */
export const FULL_DATE_TIME: Readonly<Intl.DateTimeFormatOptions> = Object.freeze({
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
