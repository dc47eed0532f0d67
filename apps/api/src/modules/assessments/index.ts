// Validated questionnaires (registered under /api/v1/assessments, see assessments.routes.ts).
// Importing this module also defines its jobs (reminders, crisis e-mail).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assessmentsRoutes } from './assessments.routes';
import { createAssessmentsService } from './assessments.service';

export { assessmentCrisisEmailTask, assessmentReminderTask } from './assessments.jobs';
export { type ExportedAssessment, exportAssessments } from './assessments.service';

/** The questionnaires module of `app`. */
export function assessmentsModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return assessmentsRoutes(
    createAssessmentsService({
      db: app.db,
      cipher: app.cipher,
      log: app.log,
    }),
  );
}
