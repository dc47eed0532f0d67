// Health feature: liveness and readiness probes.
import type { Database } from '@huntzen/db';
import type { FastifyPluginAsync } from 'fastify';
import { probeContext } from '../../platform/probes';
import { healthRoutes } from './health.routes';
import { createHealthService } from './health.service';

/** Probe paths: polled every few seconds, so app.ts leaves them out of the request log. */
export const PROBE_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/** The health module, wired to `db`, in a context that skips what a probe does not need. */
export function healthModule(db: Database): FastifyPluginAsync {
  return probeContext(healthRoutes(createHealthService({ db })) as FastifyPluginAsync);
}
