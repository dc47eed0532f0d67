// /api/v1/signup: public sign-up forms. Thin: schema, access, one call.
import {
  CompanySignupRequestSchema,
  EmployeeSignupRequestSchema,
  PractitionerSignupRequestSchema,
  SignupStatusSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../../platform/auth';
import { problemResponse } from '../../platform/errors';
import type { createSignupService } from './signup.service';

const config = { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } } as const;
const responses = {
  201: SignupStatusSchema,
  400: problemResponse('Invalid fields'),
  409: problemResponse('Already registered, or no seat left'),
};

/** The sign-up routes. */
export function signupRoutes(service: ReturnType<typeof createSignupService>): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['signup'];
    app.post(
      '/company',
      {
        config,
        schema: {
          tags,
          summary: 'Register a company and its first HR admin',
          body: CompanySignupRequestSchema,
          response: responses,
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.registerCompany(request.body, requestContext(request))),
    );
    app.post(
      '/employee',
      {
        config,
        schema: {
          tags,
          summary: "Sign up with a company's email domain",
          body: EmployeeSignupRequestSchema,
          response: responses,
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.signUpEmployee(request.body, requestContext(request))),
    );
    app.post(
      '/practitioner',
      {
        config,
        schema: {
          tags,
          summary: 'Apply as a practitioner',
          body: PractitionerSignupRequestSchema,
          response: responses,
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.applyAsPractitioner(request.body, requestContext(request))),
    );
  };
}
