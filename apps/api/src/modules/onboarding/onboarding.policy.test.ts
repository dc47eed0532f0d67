// The pure rules of onboarding and consent.
import { CURRENT_CONSENT_VERSION } from '@huntzen/contracts';
import { describe, expect, it } from 'vitest';
import {
  checkConsentVersion,
  consentStateOf,
  consentUpToDate,
  missingOnboardingFields,
} from './onboarding.policy';

const complete = {
  firstName: 'Marc',
  lastName: 'Dupont',
  department: 'IT',
  position: 'Développeur',
  preferredLanguage: 'fr',
  timezone: 'Europe/Paris',
};

describe('consent rules', () => {
  const at = new Date('2025-03-01T08:00:00Z');

  it('is up to date only with the current version, accepted', () => {
    expect(consentUpToDate({ consentVersion: CURRENT_CONSENT_VERSION, consentGivenAt: at })).toBe(true);
    expect(consentUpToDate({ consentVersion: '0.9', consentGivenAt: at })).toBe(false);
    expect(consentUpToDate({ consentVersion: null, consentGivenAt: null })).toBe(false);
    // A version without a date was never really given.
    expect(consentUpToDate({ consentVersion: CURRENT_CONSENT_VERSION, consentGivenAt: null })).toBe(false);
  });

  it('describes the state for the API', () => {
    expect(consentStateOf({ consentVersion: '0.9', consentGivenAt: at })).toEqual({
      currentVersion: CURRENT_CONSENT_VERSION,
      acceptedVersion: '0.9',
      acceptedAt: '2025-03-01T08:00:00.000Z',
      upToDate: false,
    });
  });

  it('refuses any version but the current one', () => {
    expect(() => checkConsentVersion(CURRENT_CONSENT_VERSION)).not.toThrow();
    for (const version of ['0.9', '1', '1.00', '2.0', '']) {
      expect(() => checkConsentVersion(version), version).toThrow(
        expect.objectContaining({ code: 'CONSENT_VERSION_MISMATCH', status: 409 }),
      );
    }
  });
});

describe('missing onboarding fields', () => {
  it('finds none in a complete profile', () => {
    expect(missingOnboardingFields(complete)).toEqual([]);
  });

  it('lists empty, blank and invalid fields in form order', () => {
    expect(
      missingOnboardingFields({
        ...complete,
        department: null,
        position: '   ',
        timezone: 'Mars/Base',
        firstName: '',
      }),
    ).toEqual(['firstName', 'department', 'position', 'timezone']);
    expect(missingOnboardingFields({ ...complete, preferredLanguage: 'es' })).toEqual(['preferredLanguage']);
  });
});
