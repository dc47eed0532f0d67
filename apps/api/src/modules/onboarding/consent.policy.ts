// The consent gate of clinical features (booking, chat, journal): call it in the feature's
// transaction before doing anything. It reads the row under the caller's row-level security.
import type { Actor, Tx } from '@huntzen/db';
import { AppError } from '../../platform/errors';
import { consentUpToDate } from './onboarding.policy';
import { findEmployee } from './onboarding.repository';

/**
 * Throws CONSENT_REQUIRED (403) unless the actor is an employee who accepted the current consent
 * version. Other roles give no consent: they get FORBIDDEN, so a route wired to the wrong role
 * fails closed.
 */
export async function assertConsentCurrent(tx: Tx, actor: Actor): Promise<void> {
  if (actor.role !== 'EMPLOYEE' || !actor.employeeId) {
    throw new AppError('FORBIDDEN', 'Only employees use this feature.');
  }
  const row = await findEmployee(tx, actor.employeeId);
  if (!row || !consentUpToDate(row)) {
    throw new AppError(
      'CONSENT_REQUIRED',
      'Accept the current consent (POST /api/v1/me/consent) before using this feature.',
    );
  }
}

/**
 * Whether employee `employeeId` accepted the current consent, for features a practitioner acts
 * in (e.g. a message to the employee). False when the caller cannot see the employee.
 */
export async function hasCurrentConsent(tx: Tx, employeeId: string): Promise<boolean> {
  const row = await findEmployee(tx, employeeId);
  return row !== undefined && consentUpToDate(row);
}
