// Usage insights: HR's thresholded dashboard (/api/v1/insights) and the employee's sharing switch and
// "what my HR sees" (/api/v1/me). See insights.routes.ts and docs/adr/0002-usage-insights-anonymity.md.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hrSharingRoutes, insightsRoutes } from './insights.routes';
import { createInsightsService } from './insights.service';

/** HR's usage insights routes of `app`. */
export function insightsModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return insightsRoutes(createInsightsService({ db: app.db }));
}

/** The employee's sharing and "what my HR sees" routes of `app`. */
export function hrSharingModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return hrSharingRoutes(createInsightsService({ db: app.db }));
}
