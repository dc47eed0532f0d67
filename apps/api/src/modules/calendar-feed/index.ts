// The private calendar feed (/api/v1/me/calendar-feed and the public /calendar/{token}.ics).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { calendarFeedFile, calendarFeedRoutes } from './calendar-feed.routes';
import { createCalendarFeedService } from './calendar-feed.service';

/** The management routes and the public file of `app` (register the first under /api/v1/me/calendar-feed). */
export function calendarFeedModule(app: FastifyInstance): {
  routes: FastifyPluginAsyncZod;
  file: FastifyPluginAsyncZod;
} {
  const service = createCalendarFeedService({ db: app.db, publicUrl: app.config.publicUrl });
  return { routes: calendarFeedRoutes(service), file: calendarFeedFile(service) };
}
