// Who may use the questionnaires, and the pure rules of their reminders. A result is its
// employee's alone: no other role reaches it, HR and HuntZen's admins included (migration 0028's
// restrictive policy says the same); a practitioner reads only what an employee shared with them.
import type { Actor, UserRole } from '@huntzen/db';
import { AppError } from '../../platform/errors';

/** The only role that takes questionnaires. */
export const ASSESSMENT_ROLES: readonly UserRole[] = ['EMPLOYEE'];
/** The role that reads results shared with it. */
export const SHARED_READER_ROLES: readonly UserRole[] = ['PRACTITIONER'];

/** The employee id whose results `actor` may use, or FORBIDDEN for any other actor. */
export function assessmentOwnerOf(actor: Actor): string {
  if (actor.role !== 'EMPLOYEE' || !actor.employeeId) {
    throw new AppError('FORBIDDEN', 'Only an employee takes questionnaires.');
  }
  return actor.employeeId;
}

/** The practitioner id of `actor`, or FORBIDDEN. */
export function sharedReaderOf(actor: Actor): string {
  if (actor.role !== 'PRACTITIONER' || !actor.practitionerId) {
    throw new AppError('FORBIDDEN', 'Only a practitioner reads shared results.');
  }
  return actor.practitionerId;
}

const WEEK_MS = 7 * 86_400_000;

/** When the next reminder is due: `weeks` after the later of the last result and now. */
export function nextReminderAt(weeks: number, from: Date): Date {
  return new Date(from.getTime() + weeks * WEEK_MS);
}

/** The job key of an employee's questionnaire reminder (one per employee). */
export function reminderJobKey(employeeId: string): string {
  return `assessment_reminder:${employeeId}`;
}
