// /api/v1/email-queue: the e-mail queue for HuntZen's admins. Thin: the service decides.
import {
  EmailQueueItemSchema,
  EmailQueueListQuerySchema,
  EmailQueuePageSchema,
  EmailQueueSummarySchema,
  HUNTZEN_ADMINS,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import type { EmailQueueService } from './email-queue.service';

const config = { access: HUNTZEN_ADMINS };
const tags = ['email-queue'];
const security = [{ bearer: [] }];

/** The e-mail queue routes (registered under /api/v1/email-queue). */
export function emailQueueRoutes(service: EmailQueueService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Queued e-mails of one status (FAILED by default), newest first',
          description:
            'Recipient, template, attempts, last error and dates: never the subject, the body or the ' +
            "template's data.",
          querystring: EmailQueueListQuerySchema,
          response: { 200: EmailQueuePageSchema, 400: problemResponse('Invalid status or cursor') },
        },
      },
      async (request) => service.list(request.user!, request.query),
    );
    app.get(
      '/summary',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'How many e-mails per status, and how many are due now',
          response: { 200: EmailQueueSummarySchema },
        },
      },
      async (request) => service.summary(request.user!),
    );
    app.post(
      '/:id/retry',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Send a FAILED e-mail again (back to PENDING, attempts counted afresh; audited)',
          params: z.object({ id: z.uuid() }),
          response: {
            200: EmailQueueItemSchema,
            404: problemResponse('No such e-mail'),
            409: problemResponse('Not FAILED (ILLEGAL_TRANSITION; `currentState` is its status)'),
          },
        },
      },
      async (request) => service.retry(request.user!, request.params.id),
    );
  };
}
