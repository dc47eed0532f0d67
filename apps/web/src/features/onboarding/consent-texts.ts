// The text of each consent version, as translation keys. A new version gets a new entry (and new
// keys in onboarding.*.json) at the same time as CURRENT_CONSENT_VERSION changes in the contracts.
import { CURRENT_CONSENT_VERSION } from '@huntzen/contracts';
import type { ParseKeys } from 'i18next';

export interface ConsentText {
  title: ParseKeys;
  intro: ParseKeys;
  points: ParseKeys[];
  closing: ParseKeys;
}

const TEXTS: Record<string, ConsentText> = {
  '1.0': {
    title: 'onboarding.consent.v1_0.title',
    intro: 'onboarding.consent.v1_0.intro',
    points: [
      'onboarding.consent.v1_0.healthData',
      'onboarding.consent.v1_0.employer',
      'onboarding.consent.v1_0.secrecy',
      'onboarding.consent.v1_0.rights',
      'onboarding.consent.v1_0.emergency',
    ],
    closing: 'onboarding.consent.v1_0.changes',
  },
};

/** The text of the version this build of the app asks employees to accept. */
export function currentConsentText(): ConsentText {
  const text = TEXTS[CURRENT_CONSENT_VERSION];
  if (!text) throw new Error(`no text for consent version ${CURRENT_CONSENT_VERSION}`);
  return text;
}
