// Who may see whose slots, and the availability rules that need more than one request body:
// pure functions, unit-tested in availability.policy.test.ts.
import { minuteOfDay } from '@huntzen/contracts';
import type { FieldError } from '../../platform/errors';
import { DAY } from './slots/local-time';
import type { SlotRules } from './slots/slot-engine';

/** How far ahead an exception may be planned (holidays are known months ahead, not years). */
export const MAX_EXCEPTION_YEARS_AHEAD = 2;

interface SlotViewer {
  role: string;
  practitionerId?: string | null;
}

/**
 * Employees see the slots of bookable (validated, active) practitioners; a practitioner sees
 * their own, bookable or not yet (the preview of their schedule). Nobody else.
 */
export function canSeeSlots(viewer: SlotViewer, practitioner: { id: string; bookable: boolean }): boolean {
  if (viewer.role === 'PRACTITIONER') return viewer.practitionerId === practitioner.id;
  if (viewer.role === 'EMPLOYEE') return practitioner.bookable;
  return false;
}

/** The problems of a slot range [from, to): to after from, at most the horizon long. */
export function slotRangeErrors(from: Date, to: Date, rules: SlotRules): FieldError[] {
  if (to.getTime() <= from.getTime()) return [{ path: 'query.to', message: 'must be after from' }];
  if (to.getTime() - from.getTime() > rules.horizonDays * DAY) {
    return [{ path: 'query.to', message: `must be at most ${rules.horizonDays} days after from` }];
  }
  return [];
}

interface TimeRange {
  startTime: string | null;
  endTime: string | null;
}

/** Minutes [start, end) of an exception's hours; a day off is the whole day. */
function minutesOf(range: TimeRange): [number, number] {
  return range.startTime === null || range.endTime === null
    ? [0, 1440]
    : [minuteOfDay(range.startTime), minuteOfDay(range.endTime)];
}

/**
 * Whether two exceptions of one date overlap. Exceptions of a date never overlap, whatever their
 * kind: two blocks or two openings would be one written twice, and an opening inside a block (or
 * a day off) would be offered and withdrawn at once.
 */
export function exceptionsOverlap(a: TimeRange, b: TimeRange): boolean {
  const [aStart, aEnd] = minutesOf(a);
  const [bStart, bEnd] = minutesOf(b);
  return aStart < bEnd && bStart < aEnd;
}

/** The problem of an exception's date: not before today, not too far ahead (dates "YYYY-MM-DD"). */
export function exceptionDateError(date: string, today: string): FieldError | null {
  if (date < today) return { path: 'body.date', message: 'must not be in the past' };
  const limit = `${Number(today.slice(0, 4)) + MAX_EXCEPTION_YEARS_AHEAD}${today.slice(4)}`;
  if (date > limit) {
    return { path: 'body.date', message: `must be within ${MAX_EXCEPTION_YEARS_AHEAD} years` };
  }
  return null;
}
