// /api/v1/practitioners: the directory (search, filters' values) and a practitioner's public
// profile. Other modules add routes under the same prefix (reviews: /:id/reviews, slots: /:id/slots):
// this plugin declares exact paths only, never a wildcard.
import {
  DirectoryFacetsSchema,
  DirectoryPageSchema,
  DirectoryQuerySchema,
  HUNTZEN_ADMINS,
  PractitionerProfileSchema,
} from '@huntzen/contracts';
import type { UserRole } from '@huntzen/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import type { DirectoryService } from './directory.service';

/**
 * Employees search the directory. HuntZen's admins may read it too: they validate practitioners
 * and moderate reviews, and check what employees are shown; they already read every practitioner
 * under row-level security, so this opens nothing new. HR and practitioners have no use for it.
 */
export const DIRECTORY_READERS: readonly UserRole[] = ['EMPLOYEE', ...HUNTZEN_ADMINS];

/** The directory routes (registered under /api/v1/practitioners). */
export function directoryRoutes(service: DirectoryService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['directory'];
    const config = { access: DIRECTORY_READERS };
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          summary: 'Search validated practitioners',
          description:
            'Validated, active practitioners only. `q` is a French full-text search (accents and case ' +
            'ignored, the last word also matches as a prefix) on name, sub-specialties and bio.',
          querystring: DirectoryQuerySchema.extend(PageQuerySchema.shape),
          response: { 200: DirectoryPageSchema },
        },
      },
      async (request) => service.search(request.user!, request.query),
    );
    app.get(
      '/facets',
      {
        config,
        schema: {
          tags,
          summary: 'Values of the directory filters',
          response: { 200: DirectoryFacetsSchema },
        },
      },
      async (request) => service.facets(request.user!),
    );
    app.get(
      '/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Public profile of a practitioner',
          params: z.object({ id: z.uuid() }),
          response: { 200: PractitionerProfileSchema, 404: problemResponse('Not in the directory') },
        },
      },
      async (request) => service.profile(request.user!, request.params.id),
    );
  };
}
