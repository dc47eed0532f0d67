// Clinical notes of practitioners (registered under /api/v1, see clinical-notes.routes.ts).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicalNotesRoutes } from './clinical-notes.routes';
import { createClinicalNotesService } from './clinical-notes.service';

export {
  type ClinicalNotesDeps,
  type ClinicalNotesService,
  createClinicalNotesService,
  parseDocument,
} from './clinical-notes.service';

/** The clinical notes module of `app`. */
export function clinicalNotesModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return clinicalNotesRoutes(createClinicalNotesService({ db: app.db, cipher: app.cipher, logger: app.log }));
}
