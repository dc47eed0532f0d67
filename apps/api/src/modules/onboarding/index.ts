// The employee's onboarding and consent (/api/v1/me/onboarding, /api/v1/me/consent), and the
// consent gate every clinical feature calls.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { onboardingRoutes } from './onboarding.routes';
import { createOnboardingService } from './onboarding.service';

export { assertConsentCurrent, hasCurrentConsent } from './consent.policy';
export { consentUpToDate } from './onboarding.policy';

/** The onboarding module of `app` (register it under /api/v1/me). */
export function onboardingModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return onboardingRoutes(createOnboardingService({ db: app.db }));
}
