// Clinical notes (registered under /api/v1): the notes of a consultation
// (/consultations/:id/clinical-notes), one note, its signature and addenda (/clinical-notes/:id…),
// the patient file (/me/clinical-notes?employeeId=) and the notes still to write
// (/me/clinical-notes/to-write). The author practitioner only: anyone else gets 404 or 403.
import {
  ClinicalNoteAddendumSchema,
  ClinicalNoteSchema,
  ConsultationNotesSchema,
  CreateAddendumRequestSchema,
  CreateClinicalNoteRequestSchema,
  NotesToWriteSchema,
  PatientFileQuerySchema,
  PatientFileSchema,
  UpdateClinicalNoteRequestSchema,
} from '@huntzen/contracts';
import type { UserRole } from '@huntzen/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import type { ClinicalNotesService } from './clinical-notes.service';

const AUTHORS: readonly UserRole[] = ['PRACTITIONER'];
const Id = z.object({ id: z.uuid() });
const unreadable = 'The ciphertext does not authenticate (CONTENT_UNREADABLE)';

/** The clinical notes routes. */
export function clinicalNotesRoutes(service: ClinicalNotesService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['clinical-notes'];
    const config = { access: AUTHORS };
    app.get(
      '/consultations/:id/clinical-notes',
      {
        config,
        schema: {
          tags,
          summary: 'My notes of one of my consultations',
          description: 'Oldest first. Each note read is audited (READ, sensitive).',
          params: Id,
          response: { 200: ConsultationNotesSchema, 404: problemResponse('No such consultation of yours') },
        },
      },
      async (request) => service.ofConsultation(request.user!, request.params.id),
    );
    app.post(
      '/consultations/:id/clinical-notes',
      {
        config,
        schema: {
          tags,
          summary: 'Write a note on one of my consultations',
          description:
            'A draft, from `content` (free text) or the `sections` of a template (SOAP, DAP, BIRP). ' +
            'Encrypted; the draft is edited until it is signed.',
          params: Id,
          body: CreateClinicalNoteRequestSchema,
          response: {
            201: ClinicalNoteSchema,
            404: problemResponse('No such consultation of yours'),
            409: problemResponse('The consultation is cancelled (CONFLICT)'),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.create(request.user!, request.params.id, request.body)),
    );
    app.get(
      '/clinical-notes/:id',
      {
        config,
        schema: {
          tags,
          summary: 'One of my notes, with its addenda',
          description: 'Audited (READ, sensitive).',
          params: Id,
          response: {
            200: ClinicalNoteSchema,
            404: problemResponse('No such note of yours'),
            409: problemResponse(unreadable),
          },
        },
      },
      async (request) => service.get(request.user!, request.params.id),
    );
    app.patch(
      '/clinical-notes/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Edit my draft note',
          description: 'Type, template or content. A signed note is locked: add an addendum.',
          params: Id,
          body: UpdateClinicalNoteRequestSchema,
          response: {
            200: ClinicalNoteSchema,
            404: problemResponse('No such note of yours'),
            409: problemResponse(`Signed (NOTE_SIGNED), or ${unreadable}`),
          },
        },
      },
      async (request) => service.update(request.user!, request.params.id, request.body),
    );
    app.post(
      '/clinical-notes/:id/sign',
      {
        config,
        schema: {
          tags,
          summary: 'Sign my note; it is locked from then on',
          params: Id,
          response: {
            200: ClinicalNoteSchema,
            404: problemResponse('No such note of yours'),
            409: problemResponse(`Already signed (NOTE_SIGNED), or ${unreadable}`),
          },
        },
      },
      async (request) => service.sign(request.user!, request.params.id),
    );
    app.post(
      '/clinical-notes/:id/addenda',
      {
        config,
        schema: {
          tags,
          summary: 'Correct my signed note with an addendum',
          description: 'Encrypted, signed and timestamped; never changed afterwards.',
          params: Id,
          body: CreateAddendumRequestSchema,
          response: {
            201: ClinicalNoteAddendumSchema,
            404: problemResponse('No such note of yours'),
            409: problemResponse('The note is a draft: edit it instead (CONFLICT)'),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.addAddendum(request.user!, request.params.id, request.body)),
    );
    app.get(
      '/me/clinical-notes',
      {
        config,
        schema: {
          tags,
          summary: "A patient's file: my notes about them across consultations",
          description: 'Newest first. Each note read is audited (READ, sensitive).',
          querystring: PatientFileQuerySchema.extend(PageQuerySchema.shape),
          response: { 200: PatientFileSchema, 404: problemResponse('Not one of my patients') },
        },
      },
      async (request) => {
        const { employeeId, ...page } = request.query;
        return service.patientFile(request.user!, employeeId, page);
      },
    );
    app.get(
      '/me/clinical-notes/to-write',
      {
        config,
        schema: {
          tags,
          summary: 'My completed consultations without a signed note',
          description: 'Latest end first; `overdue` after 72 hours.',
          querystring: PageQuerySchema,
          response: { 200: NotesToWriteSchema },
        },
      },
      async (request) => service.toWrite(request.user!, request.query),
    );
  };
}
