// HuntZen's admin analytics (/api/v1/insights/billing) and the e-mail queue view (/api/v1/email-queue).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { analyticsRoutes } from './analytics.routes';
import { createAnalyticsService } from './analytics.service';
import { emailQueueRoutes } from './email-queue.routes';
import { createEmailQueueService } from './email-queue.service';

export { type AnalyticsService, createAnalyticsService } from './analytics.service';

/** The admin analytics of `app` (register it under /api/v1/insights). */
export function analyticsModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return analyticsRoutes(createAnalyticsService({ db: app.db }));
}

/** The e-mail queue view of `app` (register it under /api/v1/email-queue). */
export function emailQueueModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return emailQueueRoutes(createEmailQueueService({ db: app.db }));
}
