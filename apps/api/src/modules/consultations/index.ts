// Consultations (/api/v1/consultations): booking without double booking and the lifecycle. Importing
// this module also defines its e-mail job (consultation.jobs.ts).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type ConsultationsDeps, createBookingService } from './booking.service';
import { consultationsRoutes } from './consultations.routes';
import { createConsultationsService } from './consultations.service';
import { createLifecycleService } from './lifecycle.service';
import { createRescheduleService } from './reschedule.service';
import { createSeriesService } from './series.service';

export { consultationUid } from './consultation.ics';
export { consultationEmailTask } from './consultation.jobs';
export { roomPasswordOf } from './rooms';

/** The consultations module of `app` (register it under /api/v1/consultations). */
export function consultationsModule(app: FastifyInstance): FastifyPluginAsyncZod {
  const deps: ConsultationsDeps = {
    db: app.db,
    cipher: app.cipher,
    publicUrl: app.config.publicUrl,
  };
  const booking = createBookingService(deps);
  const lifecycle = createLifecycleService(deps);
  return consultationsRoutes({
    booking,
    lifecycle,
    reading: createConsultationsService(deps),
    rescheduling: createRescheduleService(deps),
    series: createSeriesService(deps, { booking, lifecycle }),
  });
}
