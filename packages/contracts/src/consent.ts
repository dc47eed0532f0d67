// The employee's consent to how HuntZen handles their health data. The text of each version lives
// in the web app's translations (onboarding.consent.*); this file only names the versions. Raising
// CURRENT_CONSENT_VERSION asks every employee to read and accept again before any clinical feature.
import { z } from 'zod';

/** The version an employee must have accepted to use clinical features (booking, chat, journal). */
export const CURRENT_CONSENT_VERSION = '1.0';

/** True when `acceptedVersion` is the current one. */
export function isConsentCurrent(acceptedVersion: string | null | undefined): boolean {
  return acceptedVersion === CURRENT_CONSENT_VERSION;
}

export const ConsentStateSchema = z
  .object({
    currentVersion: z.string().describe('The version to accept'),
    acceptedVersion: z.string().nullable().describe('The version this employee accepted last'),
    acceptedAt: z.iso.datetime().nullable(),
    upToDate: z.boolean().describe('True when the current version is accepted'),
  })
  .meta({ id: 'ConsentState' });
export type ConsentState = z.infer<typeof ConsentStateSchema>;

export const AcceptConsentRequestSchema = z.object({
  version: z.string().trim().min(1).max(20).describe('The version read, which must be the current one'),
});
export type AcceptConsentRequest = z.infer<typeof AcceptConsentRequestSchema>;
