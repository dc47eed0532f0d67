// /api/v1/me/profile: the signed-in employee's own profile (pictures: /api/v1/me/media).
import { EmployeeProfileSchema, UpdateEmployeeProfileRequestSchema } from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponse } from '../../platform/errors';
import type { EmployeeProfileService } from './employee-profile.service';

/** The employee profile routes (registered under /api/v1/me). */
export function employeeProfileRoutes(service: EmployeeProfileService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['employee-profile'];
    const config = { access: ['EMPLOYEE'] } as const;
    app.get(
      '/profile',
      {
        config,
        schema: {
          tags,
          summary: 'Your profile',
          response: { 200: EmployeeProfileSchema, 404: problemResponse('No employee profile') },
        },
      },
      async (request) => service.get(request.user!),
    );
    app.patch(
      '/profile',
      {
        config,
        schema: {
          tags,
          summary: 'Change your profile',
          description:
            'Send only the fields to change. `phoneNumber`, `bio` and `location` are cleared with null or ' +
            '"". The phone number is stored in E.164 form (a number without country code is read as French).',
          body: UpdateEmployeeProfileRequestSchema,
          response: {
            200: EmployeeProfileSchema,
            400: problemResponse('A field is invalid'),
            404: problemResponse('No employee profile'),
          },
        },
      },
      async (request) => service.update(request.user!, request.body),
    );
  };
}
