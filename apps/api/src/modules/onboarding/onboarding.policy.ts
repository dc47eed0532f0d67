// Pure rules of onboarding and consent, shared by the onboarding routes, the clinical features'
// consent check and the `Me` document.
import {
  type ConsentState,
  CURRENT_CONSENT_VERSION,
  isConsentCurrent,
  ONBOARDING_FIELDS,
  OnboardingProfileSchema,
} from '@huntzen/contracts';
import { AppError } from '../../platform/errors';

/** The consent columns of an employee row. */
export interface ConsentColumns {
  consentVersion: string | null;
  consentGivenAt: Date | null;
}

/** True when the employee accepted the current consent version. */
export function consentUpToDate(row: ConsentColumns): boolean {
  return row.consentGivenAt !== null && isConsentCurrent(row.consentVersion);
}

/** What an employee's consent looks like through the API. */
export function consentStateOf(row: ConsentColumns): ConsentState {
  return {
    currentVersion: CURRENT_CONSENT_VERSION,
    acceptedVersion: row.consentVersion,
    acceptedAt: row.consentGivenAt?.toISOString() ?? null,
    upToDate: consentUpToDate(row),
  };
}

/** Refuses any version but the current one: one cannot accept a text one was not shown. */
export function checkConsentVersion(version: string): void {
  if (version !== CURRENT_CONSENT_VERSION) {
    throw new AppError(
      'CONSENT_VERSION_MISMATCH',
      `Version ${CURRENT_CONSENT_VERSION} of the consent is the current one: read it and accept it.`,
    );
  }
}

type OnboardingField = (typeof ONBOARDING_FIELDS)[number];

/** The required onboarding fields that are empty or invalid in a stored profile, in form order. */
export function missingOnboardingFields(row: Record<OnboardingField, unknown>): OnboardingField[] {
  const values = Object.fromEntries(ONBOARDING_FIELDS.map((f) => [f, row[f] ?? undefined]));
  const result = OnboardingProfileSchema.safeParse(values);
  if (result.success) return [];
  const invalid = new Set(result.error.issues.map((issue) => String(issue.path[0])));
  return ONBOARDING_FIELDS.filter((field) => invalid.has(field));
}
