// /api/v1/me/onboarding and /api/v1/me/consent: the signed-in employee's first steps. The wizard
// saves profile fields with PATCH /api/v1/me/profile, accepts the consent, then completes.
import { AcceptConsentRequestSchema, ConsentStateSchema, OnboardingStateSchema } from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponse } from '../../platform/errors';
import type { OnboardingService } from './onboarding.service';

/** The onboarding and consent routes (registered under /api/v1/me). */
export function onboardingRoutes(service: OnboardingService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['onboarding'];
    const config = { access: ['EMPLOYEE'] } as const;
    const notFound = problemResponse('No employee profile');
    app.get(
      '/onboarding',
      {
        config,
        schema: {
          tags,
          summary: 'Where your onboarding stands',
          response: { 200: OnboardingStateSchema, 404: notFound },
        },
      },
      async (request) => service.state(request.user!),
    );
    app.post(
      '/onboarding/complete',
      {
        config,
        schema: {
          tags,
          summary: 'Finish onboarding',
          description:
            'Needs the required profile fields (firstName, lastName, department, position, ' +
            'preferredLanguage, timezone) and the current consent. Completing twice changes nothing.',
          response: {
            200: OnboardingStateSchema,
            400: problemResponse('Required profile fields are missing (listed in `errors`)'),
            403: problemResponse('The current consent is not accepted (CONSENT_REQUIRED)'),
            404: notFound,
          },
        },
      },
      async (request) => service.complete(request.user!),
    );
    app.get(
      '/consent',
      {
        config,
        schema: {
          tags,
          summary: 'Your consent to how HuntZen handles your data',
          response: { 200: ConsentStateSchema, 404: notFound },
        },
      },
      async (request) => service.consent(request.user!),
    );
    app.post(
      '/consent',
      {
        config,
        schema: {
          tags,
          summary: 'Accept the current consent',
          body: AcceptConsentRequestSchema,
          response: {
            200: ConsentStateSchema,
            400: problemResponse('No version given'),
            404: notFound,
            409: problemResponse('Not the current version (CONSENT_VERSION_MISMATCH)'),
          },
        },
      },
      async (request) => service.acceptConsent(request.user!, request.body.version),
    );
  };
}
