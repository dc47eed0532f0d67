// The private calendar feed: /api/v1/me/calendar-feed (status, make a new URL, revoke) for
// employees and practitioners, and the public /calendar/{token}.ics that calendars subscribe to.
import { CalendarFeedCreatedSchema, CalendarFeedStatusSchema } from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CalendarFeedService } from './calendar-feed.service';

const config = { access: ['EMPLOYEE', 'PRACTITIONER'] as ('EMPLOYEE' | 'PRACTITIONER')[] };
const tags = ['calendar-feed'];
const security = [{ bearer: [] }];

/** The feed's management routes (register under /api/v1/me/calendar-feed). */
export function calendarFeedRoutes(service: CalendarFeedService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Whether I have a private calendar feed (its URL is shown only when made)',
          response: { 200: CalendarFeedStatusSchema },
        },
      },
      async (request) => service.status(request.user!),
    );
    app.post(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Make a new secret feed URL (replaces and revokes the previous one)',
          description:
            'Subscribe to it from Google Calendar, Outlook or Apple Calendar. Events say only "Consultation HuntZen", the time and a link.',
          response: { 201: CalendarFeedCreatedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(request.user!)),
    );
    app.delete(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Revoke my feed: its URL stops working at once',
          response: { 204: z.null().describe('Revoked') },
        },
      },
      async (request, reply) => {
        await service.revoke(request.user!);
        return reply.code(204).send(null);
      },
    );
  };
}

/** The public feed file (register at the root). */
export function calendarFeedFile(service: CalendarFeedService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/calendar/:file',
      { schema: { hide: true, params: z.object({ file: z.string().max(100) }) } },
      async (request, reply) =>
        reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .header('x-robots-tag', 'noindex')
          .send(await service.feed(request.params.file)),
    );
  };
}
