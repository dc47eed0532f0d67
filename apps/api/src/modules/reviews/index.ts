// Reviews of practitioners and their moderation (registered under /api/v1, see reviews.routes.ts).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { reviewsRoutes } from './reviews.routes';
import { createReviewsService } from './reviews.service';

/** The reviews module of `app`. */
export function reviewsModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return reviewsRoutes(createReviewsService({ db: app.db }));
}
