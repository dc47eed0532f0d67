// /api/v1/practitioner-applications: HuntZen's review queue (ADMIN_HUNTZEN, SUPER_ADMIN). Documents
// are read through GET /api/v1/files/{id}/content (audited as DOWNLOAD).
import {
  ApplicationReviewSchema,
  ApplicationSummaryListSchema,
  DocumentsVerifiedRequestSchema,
  HUNTZEN_ADMINS,
  RejectApplicationRequestSchema,
  ReviewQueueQuerySchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import type { ReviewQueueService } from './review-queue.service';

const config = { access: HUNTZEN_ADMINS };
const Params = z.object({ id: z.uuid() });
const notFound = problemResponse('No such application');
const notReviewable = problemResponse('Not waiting for review (ILLEGAL_TRANSITION, with `currentState`)');

/** The review queue routes. */
export function reviewQueueRoutes(service: ReviewQueueService): FastifyPluginAsyncZod {
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
          summary: 'Applications by state',
          description: 'pending: waiting for review, oldest first; validated and rejected: latest first.',
          querystring: ReviewQueueQuerySchema,
          response: { 200: ApplicationSummaryListSchema },
        },
      },
      async (request) => service.list(request.user!, request.query),
    );
    app.get(
      '/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'An application with its documents',
          params: Params,
          response: { 200: ApplicationReviewSchema, 404: notFound },
        },
      },
      async (request) => service.get(request.user!, request.params.id),
    );
    app.put(
      '/:id/documents-verified',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Record that the documents were checked (or not)',
          params: Params,
          body: DocumentsVerifiedRequestSchema,
          response: { 200: ApplicationReviewSchema, 404: notFound, 409: notReviewable },
        },
      },
      async (request) =>
        service.setDocumentsVerified(request.user!, request.params.id, request.body.documentsVerified),
    );
    app.post(
      '/:id/validate',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Validate an application',
          description: 'Its documents must be verified first (409 otherwise). The practitioner is notified.',
          params: Params,
          response: {
            200: ApplicationReviewSchema,
            404: notFound,
            409: problemResponse('Documents not verified, or not waiting for review'),
          },
        },
      },
      async (request) => service.validate(request.user!, request.params.id),
    );
    app.post(
      '/:id/reject',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Send an application back with a reason',
          description: 'The practitioner sees the reason, fixes the application and sends it again.',
          params: Params,
          body: RejectApplicationRequestSchema,
          response: {
            200: ApplicationReviewSchema,
            400: problemResponse('No reason'),
            404: notFound,
            409: notReviewable,
          },
        },
      },
      async (request) => service.reject(request.user!, request.params.id, request.body.reason),
    );
  };
}
