// /api/v1/me/practitioner: the signed-in practitioner's application and public profile. Documents
// are uploaded with POST /api/v1/files (fileType DIPLOMA or CERTIFICATE, or DOCUMENT with
// relatedResource "practitioner") and listed or removed here.
import {
  PractitionerApplicationSchema,
  PractitionerDocumentListSchema,
  PractitionerListingUpdateSchema,
  PractitionerProfileUpdateSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import type { MyApplicationService } from './my-application.service';

const config = { access: ['PRACTITIONER'] } as const;
const notFound = problemResponse('No practitioner profile');
const stateConflict = problemResponse(
  'ILLEGAL_TRANSITION (with `currentState`) in this state, or CONFLICT: see `errors`',
);

/** The routes of the practitioner's own application. */
export function myApplicationRoutes(service: MyApplicationService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['practitioner-applications'];
    const security = [{ bearer: [] }];
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'My application and public profile',
          description:
            'With its state (DRAFT, SUBMITTED, REJECTED with the reason, VALIDATED), checklist and documents.',
          response: { 200: PractitionerApplicationSchema, 404: notFound },
        },
      },
      async (request) => service.get(request.user!),
    );
    app.patch(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Change my application or public profile',
          description:
            'Only the fields sent change. Not while the application is reviewed (409 ILLEGAL_TRANSITION); once ' +
            'validated, the fields HuntZen verified (names, professional number, specialty) stay (409).',
          body: PractitionerProfileUpdateSchema,
          response: {
            200: PractitionerApplicationSchema,
            400: problemResponse('Invalid fields'),
            404: notFound,
            409: problemResponse(
              'Under review, a verified field, or a professional number already registered',
            ),
          },
        },
      },
      async (request) => service.update(request.user!, request.body),
    );
    app.patch(
      '/listing',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Pause or resume my listing, or new clients',
          description: 'Once validated. `isActive: false` takes the profile out of the directory.',
          body: PractitionerListingUpdateSchema,
          response: { 200: PractitionerApplicationSchema, 404: notFound, 409: stateConflict },
        },
      },
      async (request) => service.updateListing(request.user!, request.body),
    );
    app.post(
      '/submit',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Send my application for review',
          description:
            'A complete draft, or a refused application once fixed: required fields and at least one diploma ' +
            '(409 CONFLICT lists what is missing as `requirements.<item>`).',
          response: { 200: PractitionerApplicationSchema, 404: notFound, 409: stateConflict },
        },
      },
      async (request) => service.submit(request.user!),
    );
    app.get(
      '/documents',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'My documents (diplomas, certificates, other documents)',
          response: { 200: PractitionerDocumentListSchema, 404: notFound },
        },
      },
      async (request) => service.listDocuments(request.user!),
    );
    app.delete(
      '/documents/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Remove one of my documents',
          description: 'While the application is a draft or refused.',
          params: z.object({ id: z.uuid() }),
          response: {
            204: z.null().describe('Removed'),
            404: problemResponse('No such document among yours'),
            409: stateConflict,
          },
        },
      },
      async (request, reply) => {
        await service.removeDocument(request.user!, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
