// The practitioner directory (/api/v1/practitioners): search and public profiles.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { directoryRoutes } from './directory.routes';
import { createDirectoryService } from './directory.service';

export { findListedPractitioner, ratingDistribution } from './directory.repository';
export { DIRECTORY_READERS } from './directory.routes';

/** The directory module of `app`. */
export function directoryModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return directoryRoutes(createDirectoryService({ db: app.db }));
}
