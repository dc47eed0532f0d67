// /api/v1/consultations/series: book a weekly or fortnightly series, cancel the rest of one.
// Thin: series.service.ts decides, through the ordinary booking and cancellation.
import {
  BookSeriesRequestSchema,
  CancelSeriesAnswerSchema,
  CancelSeriesRequestSchema,
  ConsultationSeriesSchema,
  SeriesBookingSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { CONSULTATION_PARTIES } from './consultations.policy';
import type { SeriesService } from './series.service';

const tags = ['consultations'];
const security = [{ bearer: [] }];

/** The series routes (inside the consultations prefix). */
export function seriesRoutes(series: SeriesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/series',
      {
        config: { access: ['EMPLOYEE'] },
        schema: {
          tags,
          security,
          summary: 'Book the same slot weekly or fortnightly, 2 to 12 times',
          description:
            'Each occurrence is checked and booked on its own, as POST /api/v1/consultations would: the answer ' +
            'lists each one, BOOKED or why not (TAKEN, BUSY, UNAVAILABLE, REFUSED). None free: 409 SLOT_TAKEN ' +
            'with the list in `occurrences`.',
          body: BookSeriesRequestSchema,
          response: {
            201: SeriesBookingSchema,
            400: problemResponse('Invalid request, or the format is not offered'),
            403: problemResponse('CONSENT_REQUIRED, or the account or company is not active'),
            404: problemResponse('No such practitioner'),
            409: problemResponse('SLOT_TAKEN (no occurrence free) or NOT_ACCEPTING_NEW_CLIENTS'),
          },
        },
      },
      async (request, reply) => reply.code(201).send(await series.book(request.user!, request.body)),
    );

    app.get(
      '/:id/series',
      {
        config: { access: CONSULTATION_PARTIES },
        schema: {
          tags,
          security,
          summary: 'The series a consultation belongs to, with each of its occurrences',
          params: z.object({ id: z.uuid() }),
          response: {
            200: ConsultationSeriesSchema,
            404: problemResponse('Not part of a series, or not a consultation of yours'),
          },
        },
      },
      async (request) => series.ofConsultation(request.user!, request.params.id),
    );

    app.post(
      '/series/:id/cancel',
      {
        config: { access: CONSULTATION_PARTIES },
        schema: {
          tags,
          security,
          summary: 'Cancel the rest of a series: every upcoming occurrence still cancellable',
          description:
            'Each occurrence is cancelled as POST /api/v1/consultations/{id}/cancel would (same rules, ' +
            'notifications and e-mails). One occurrence alone: that route.',
          params: z.object({ id: z.uuid() }),
          body: CancelSeriesRequestSchema,
          response: {
            200: CancelSeriesAnswerSchema,
            400: problemResponse('A reason is required'),
            404: problemResponse('No such series among yours'),
          },
        },
      },
      async (request) => series.cancelRest(request.user!, request.params.id, request.body.reason),
    );
  };
}
