// Practitioner applications and profiles: the practitioner's own (/api/v1/me/practitioner) and
// HuntZen's review queue (/api/v1/practitioner-applications).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { filesServiceOf } from '../files';
import { myApplicationRoutes } from './my-application.routes';
import { createMyApplicationService } from './my-application.service';
import { reviewQueueRoutes } from './review-queue.routes';
import { createReviewQueueService } from './review-queue.service';

/** The practitioner's application module (register it under /api/v1/me/practitioner). */
export function myPractitionerApplicationModule(app: FastifyInstance): FastifyPluginAsyncZod {
  // Documents are removed as the files module removes any file: row, audit, then stored content.
  const files = filesServiceOf(app);
  return myApplicationRoutes(
    createMyApplicationService({ db: app.db, publicUrl: app.config.publicUrl, files }),
  );
}

/** HuntZen's review queue module (register it under /api/v1/practitioner-applications). */
export function practitionerReviewModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return reviewQueueRoutes(createReviewQueueService({ db: app.db, publicUrl: app.config.publicUrl }));
}
