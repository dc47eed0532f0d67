// GET /healthz (liveness) and GET /readyz (readiness), outside /api so probes need no credentials.
import { HealthSchema, ReadinessSchema } from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, problemResponse } from '../../platform/errors';
import type { HealthService } from './health.service';

/** The health routes; `service` does the checking. */
export function healthRoutes(service: HealthService): FastifyPluginAsyncZod {
  return async (app) => {
    const common = { config: { access: 'public' } } as const;

    app.get(
      '/healthz',
      {
        ...common,
        schema: {
          tags: ['health'],
          summary: 'Liveness: the process is running',
          response: { 200: HealthSchema },
        },
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      {
        ...common,
        schema: {
          tags: ['health'],
          summary: 'Readiness: the database answers and every migration is applied',
          response: {
            200: ReadinessSchema,
            503: problemResponse('Not ready: the failed checks are listed in `errors`'),
          },
        },
      },
      async () => {
        const report = await service.checkReadiness();
        if (!report.ready) {
          throw new AppError('SERVICE_UNAVAILABLE', 'This instance is not ready to serve requests.', {
            errors: report.failures,
          });
        }
        return { status: 'ok' as const, checks: { database: 'ok' as const, migrations: 'ok' as const } };
      },
    );
  };
}
