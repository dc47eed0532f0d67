// /api/v1/consultations: booking, the caller's consultations, one consultation, its .ics file, and
// the lifecycle actions. Thin: the services decide.
import {
  BookConsultationRequestSchema,
  CancelConsultationRequestSchema,
  CONSULTATION_TIMING,
  ConsultationListQuerySchema,
  ConsultationPageSchema,
  ConsultationSchema,
  EndConsultationRequestSchema,
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKeySchema,
  MIN_BILLABLE_MINUTES,
  RESCHEDULE_RULES,
  RescheduleConsultationRequestSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import type { BookingService } from './booking.service';
import { CONSULTATION_PARTIES, CONSULTATION_READERS } from './consultations.policy';
import type { ConsultationsService } from './consultations.service';
import type { LifecycleService } from './lifecycle.service';
import type { RescheduleService } from './reschedule.service';
import { seriesRoutes } from './series.routes';
import type { SeriesService } from './series.service';

const tags = ['consultations'];
const security = [{ bearer: [] }];
const IdParams = z.object({ id: z.uuid() });
const notFound = problemResponse('No such consultation among those you may see');
const transitionRefused = problemResponse(
  'ILLEGAL_TRANSITION (not in this status) or OUTSIDE_TIME_WINDOW (not now); both carry `currentState`',
);

export interface ConsultationsServices {
  booking: BookingService;
  lifecycle: LifecycleService;
  reading: ConsultationsService;
  rescheduling: RescheduleService;
  series: SeriesService;
}

const T = CONSULTATION_TIMING;
const ACTIONS = [
  {
    action: 'confirm',
    access: ['PRACTITIONER'],
    summary: 'Confirm a consultation (practitioner; SCHEDULED → CONFIRMED, until its planned end)',
  },
  {
    action: 'start',
    access: ['PRACTITIONER'],
    summary: `Mark the start (practitioner; CONFIRMED → IN_PROGRESS, from ${T.startOpensMinutesBefore} min before the planned start until its planned end)`,
  },
  {
    action: 'no-show',
    access: ['PRACTITIONER', 'EMPLOYEE'],
    summary: `Report the other participant absent (SCHEDULED/CONFIRMED → NO_SHOW, ${T.noShowAfterMinutes} min after the planned start without a start mark)`,
  },
] as const;

/** The consultation routes (registered under /api/v1/consultations). */
export function consultationsRoutes(services: ConsultationsServices): FastifyPluginAsyncZod {
  return async (app) => {
    // Recurring series: POST /series, POST /series/{id}/cancel (series.routes.ts).
    await app.register(seriesRoutes(services.series));

    app.post(
      '/',
      {
        config: { access: ['EMPLOYEE'] },
        schema: {
          tags,
          security,
          summary: 'Book a free slot of a practitioner',
          description:
            'Send an `Idempotency-Key` header to retry safely: the same key with the same body gets the ' +
            'first answer again (header `Idempotent-Replayed: true`) and books once; with another body, 422.',
          headers: z.object({ [IDEMPOTENCY_KEY_HEADER]: IdempotencyKeySchema.optional() }),
          body: BookConsultationRequestSchema,
          response: {
            201: ConsultationSchema,
            400: problemResponse('Invalid request, format not offered, or not a free slot (see `errors`)'),
            403: problemResponse('CONSENT_REQUIRED, or the account or company is not active'),
            404: problemResponse('No such practitioner'),
            409: problemResponse('SLOT_TAKEN, EMPLOYEE_BUSY or NOT_ACCEPTING_NEW_CLIENTS'),
            422: problemResponse('IDEMPOTENCY_KEY_REUSED'),
          },
        },
      },
      async (request, reply) => {
        const key = request.headers[IDEMPOTENCY_KEY_HEADER];
        const answer = await services.booking.book(request.user!, request.body, key);
        if (answer.replayed) reply.header('idempotent-replayed', 'true');
        return reply
          .code(answer.status as 201)
          .header('location', `/api/v1/consultations/${answer.body.id}`)
          .send(answer.body);
      },
    );

    app.get(
      '/',
      {
        config: { access: CONSULTATION_READERS },
        schema: {
          tags,
          security,
          summary: 'My consultations (every one for HuntZen admins), upcoming or past',
          querystring: ConsultationListQuerySchema,
          response: { 200: ConsultationPageSchema, 400: problemResponse('Invalid query or cursor') },
        },
      },
      async (request) => services.reading.list(request.user!, request.query),
    );

    app.get(
      '/:id',
      {
        // Route open to every signed-in role: HR and strangers get 404, as for a missing one.
        config: { access: 'authenticated' },
        schema: {
          tags,
          security,
          summary: 'One consultation (its participants and HuntZen admins)',
          params: IdParams,
          response: { 200: ConsultationSchema, 404: notFound },
        },
      },
      async (request) => services.reading.get(request.user!, request.params.id),
    );

    app.get(
      '/:id/calendar.ics',
      {
        config: { access: CONSULTATION_PARTIES },
        schema: {
          tags,
          security,
          summary: 'The consultation as an iCalendar file, to add to a calendar',
          params: IdParams,
          response: {
            200: {
              description: 'text/calendar (METHOD:PUBLISH)',
              content: { 'text/calendar': { schema: z.string() } },
            },
            404: notFound,
          },
        },
      },
      async (request, reply) => {
        const ics = await services.reading.calendar(request.user!, request.params.id);
        return reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('content-disposition', 'attachment; filename="huntzen-consultation.ics"')
          .header('cache-control', 'no-store')
          .send(ics);
      },
    );

    for (const { action, access, summary } of ACTIONS) {
      app.post(
        `/:id/${action}`,
        {
          config: { access: [...access] },
          schema: {
            tags,
            security,
            summary,
            params: IdParams,
            response: { 200: ConsultationSchema, 404: notFound, 409: transitionRefused },
          },
        },
        async (request) => services.lifecycle.act(request.user!, request.params.id, action),
      );
    }

    app.post(
      '/:id/end',
      {
        config: { access: ['PRACTITIONER'] },
        schema: {
          tags,
          security,
          summary:
            'Mark the end (practitioner; IN_PROGRESS → COMPLETED; actualDuration, totalConsultations + 1)',
          description:
            `A session shorter than ${MIN_BILLABLE_MINUTES} minutes is not billable; ending it needs ` +
            '`confirmShort: true`, else 409 CONFIRMATION_REQUIRED.',
          params: IdParams,
          // No body at all is an end without confirmation (Fastify hands it over as null).
          body: EndConsultationRequestSchema.nullish(),
          response: {
            200: ConsultationSchema,
            404: notFound,
            409: problemResponse(
              'ILLEGAL_TRANSITION (not in progress, `currentState`), or CONFIRMATION_REQUIRED (a short session: resend with `confirmShort: true`)',
            ),
          },
        },
      },
      async (request) =>
        services.lifecycle.act(request.user!, request.params.id, 'end', {
          confirmShort: request.body?.confirmShort,
        }),
    );

    app.post(
      '/:id/cancel',
      {
        config: { access: CONSULTATION_READERS },
        schema: {
          tags,
          security,
          summary: `Cancel (participants until the planned start, admins any time; SCHEDULED/CONFIRMED → CANCELLED; late under ${T.lateCancellationHours} h)`,
          description:
            'A late cancellation by the employee stays billable; by the practitioner or an admin it never is.',
          params: IdParams,
          body: CancelConsultationRequestSchema,
          response: {
            200: ConsultationSchema,
            400: problemResponse('A reason is required'),
            404: notFound,
            409: transitionRefused,
          },
        },
      },
      async (request) =>
        services.lifecycle.act(request.user!, request.params.id, 'cancel', { reason: request.body.reason }),
    );

    app.post(
      '/:id/reschedule',
      {
        config: { access: CONSULTATION_PARTIES },
        schema: {
          tags,
          security,
          summary: `Move to another free slot (participants; SCHEDULED/CONFIRMED; the employee more than ${RESCHEDULE_RULES.employeeBeforeHours} h before the start, the practitioner until the start)`,
          description:
            'One transaction: a SCHEDULED event marked `rescheduled`, reminders re-planned, the other participant notified, ' +
            'e-mails whose .ics keeps the UID with a higher SEQUENCE. Two moves into one slot: one wins, the ' +
            'other gets 409 SLOT_TAKEN.',
          params: IdParams,
          body: RescheduleConsultationRequestSchema,
          response: {
            200: ConsultationSchema,
            400: problemResponse('Not a free slot of the practitioner (`body.scheduledAt`)'),
            404: notFound,
            409: problemResponse(
              'SLOT_TAKEN / EMPLOYEE_BUSY (a race lost), ILLEGAL_TRANSITION (status) or OUTSIDE_TIME_WINDOW (too late)',
            ),
          },
        },
      },
      async (request) =>
        services.rescheduling.reschedule(request.user!, request.params.id, request.body.scheduledAt),
    );
  };
}
