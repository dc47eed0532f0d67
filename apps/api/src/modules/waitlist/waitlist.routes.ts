// /api/v1/waitlist: the employee's waitlist entries for practitioners' freed slots. Thin: the
// service decides.
import { JoinWaitlistRequestSchema, WaitlistEntryListSchema, WaitlistEntrySchema } from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import type { WaitlistService } from './waitlist.service';

const tags = ['waitlist'];
const security = [{ bearer: [] }];

/** The waitlist routes (registered under /api/v1/waitlist). */
export function waitlistRoutes(service: WaitlistService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { access: ['EMPLOYEE'] },
        schema: {
          tags,
          security,
          summary: 'My waitlist entries whose range is not over, with my place in each queue',
          response: { 200: WaitlistEntryListSchema },
        },
      },
      async (request) => ({ items: await service.list(request.user!) }),
    );

    app.post(
      '/',
      {
        config: { access: ['EMPLOYEE'] },
        schema: {
          tags,
          security,
          summary: 'Wait for a practitioner’s freed slots between two dates',
          description:
            'When a slot of the practitioner inside the range frees up (a cancellation, a reschedule), the ' +
            'waiters are told in the order they joined (notification and e-mail); there is no hold: the ' +
            'first to book gets it. The entry expires at the end of its range.',
          body: JoinWaitlistRequestSchema,
          response: {
            201: WaitlistEntrySchema,
            400: problemResponse('Invalid request: the range (`body.to`) is reversed, over or too long'),
            404: problemResponse('No such practitioner'),
            409: problemResponse('CONFLICT: already on this practitioner’s waitlist'),
          },
        },
      },
      async (request, reply) => reply.code(201).send(await service.join(request.user!, request.body)),
    );

    app.delete(
      '/:id',
      {
        config: { access: ['EMPLOYEE'] },
        schema: {
          tags,
          security,
          summary: 'Leave a waitlist',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null().describe('Left'), 404: problemResponse('No such entry among yours') },
        },
      },
      async (request, reply) => {
        await service.leave(request.user!, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
