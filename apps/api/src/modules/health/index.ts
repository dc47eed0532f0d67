// Health feature: liveness and readiness probes.
import type { Database } from '@huntzen/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthRoutes } from './health.routes';
import { createHealthService } from './health.service';

/** Probe paths: polled every few seconds, so app.ts leaves them out of the request log. */
export const PROBE_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/** The health module, wired to `db`. */
export function healthModule(db: Database): FastifyPluginAsyncZod {
  return healthRoutes(createHealthService({ db }));
}
