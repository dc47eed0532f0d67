// The practitioner directory (/api/v1/practitioners): search and public profiles.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { directoryRoutes } from './directory.routes';
import { createDirectoryService } from './directory.service';

/** The directory module of `app`. */
export function directoryModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return directoryRoutes(createDirectoryService({ db: app.db }));
}
