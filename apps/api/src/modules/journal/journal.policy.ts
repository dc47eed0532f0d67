// Who may use a journal, and the pure rules of its streak. A journal is its employee's alone: no
// other role reaches it, HR and HuntZen's admins included (the database says the same: migration
// 0017's restrictive policy). Another employee's entry is simply not found.
import type { Actor, UserRole } from '@huntzen/db';
import { AppError } from '../../platform/errors';

/** The only role with a journal. */
export const JOURNAL_ROLES: readonly UserRole[] = ['EMPLOYEE'];

/** The employee id whose journal `actor` may use, or FORBIDDEN for any other actor. */
export function journalOwnerOf(actor: Actor): string {
  if (actor.role !== 'EMPLOYEE' || !actor.employeeId) {
    throw new AppError('FORBIDDEN', 'Only an employee has a journal.');
  }
  return actor.employeeId;
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/**
 * The streak of days with an entry: `current` ends today or yesterday (a streak is not broken
 * before the day is over), `longest` anywhere. `days` are distinct local dates, newest first.
 */
export function journalStreak(
  days: readonly string[],
  today: string,
): { current: number; longest: number; lastEntryDate: string | null } {
  let longest = 0;
  let run = 0;
  let previous: number | null = null;
  for (const day of days) {
    const n = dayNumber(day);
    run = previous !== null && previous - n === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = n;
  }
  let current = 0;
  const first = days[0];
  if (first !== undefined && dayNumber(today) - dayNumber(first) <= 1) {
    current = 1;
    for (let i = 1; i < days.length && dayNumber(days[i - 1]!) - dayNumber(days[i]!) === 1; i++) current++;
  }
  return { current, longest, lastEntryDate: first ?? null };
}
