// /api/v1/me/availability (the signed-in practitioner's weekly schedule and exceptions) and
// /api/v1/practitioners/{id}/slots (free slots, for employees and the practitioner themself).
import {
  AvailabilityDateSchema,
  AvailabilityExceptionListSchema,
  AvailabilityExceptionRequestSchema,
  AvailabilityExceptionSchema,
  FreeSlotListSchema,
  FreeSlotsQuerySchema,
  WeeklyScheduleRequestSchema,
  WeeklyScheduleSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import type { AvailabilityService } from './availability.service';

const tags = ['availability'];
const security = [{ bearer: [] }];
const practitionerOnly = { access: ['PRACTITIONER'] } as const;
const Params = z.object({ id: z.uuid() });
const ExceptionListQuery = PageQuerySchema.extend({
  from: AvailabilityDateSchema.optional().describe('First date (default: today in your time zone)'),
  to: AvailabilityDateSchema.optional().describe('Last date, included'),
});
const noProfile = problemResponse('No practitioner profile');

/** The signed-in practitioner's availability routes (registered under /api/v1/me/availability). */
export function availabilityRoutes(service: AvailabilityService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: practitionerOnly,
        schema: {
          tags,
          security,
          summary: 'My weekly schedule',
          description: "Times of day are in `timezone`, the practitioner's zone.",
          response: { 200: WeeklyScheduleSchema, 404: noProfile },
        },
      },
      async (request) => service.getSchedule(request.user!),
    );
    app.put(
      '/',
      {
        config: practitionerOnly,
        schema: {
          tags,
          security,
          summary: 'Replace my weekly schedule',
          description:
            'Every window at once (several per day allowed, none overlapping; end after start; ' +
            '"24:00" ends at midnight) and one slot length, replaced in one transaction.',
          body: WeeklyScheduleRequestSchema,
          response: {
            200: WeeklyScheduleSchema,
            400: problemResponse('Invalid schedule'),
            404: noProfile,
            409: problemResponse('Changed at the same time by another request'),
          },
        },
      },
      async (request) => service.replaceSchedule(request.user!, request.body),
    );
    app.get(
      '/exceptions',
      {
        config: practitionerOnly,
        schema: {
          tags,
          security,
          summary: 'My exceptions (days off, blocked hours, extra openings)',
          querystring: ExceptionListQuery,
          response: { 200: AvailabilityExceptionListSchema, 404: noProfile },
        },
      },
      async (request) => service.listExceptions(request.user!, request.query),
    );
    app.post(
      '/exceptions',
      {
        config: practitionerOnly,
        schema: {
          tags,
          security,
          summary: 'Add an exception',
          description:
            '`date` is a date of your time zone, today or later. Exceptions of one date never overlap ' +
            '(a day off covers the whole day).',
          body: AvailabilityExceptionRequestSchema,
          response: {
            201: AvailabilityExceptionSchema,
            400: problemResponse('Invalid exception'),
            404: noProfile,
            409: problemResponse('Changed at the same time by another request'),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createException(request.user!, request.body)),
    );
    app.put(
      '/exceptions/:id',
      {
        config: practitionerOnly,
        schema: {
          tags,
          security,
          summary: 'Change an exception',
          params: Params,
          body: AvailabilityExceptionRequestSchema,
          response: {
            200: AvailabilityExceptionSchema,
            400: problemResponse('Invalid exception'),
            404: problemResponse('No such exception'),
            409: problemResponse('Changed at the same time by another request'),
          },
        },
      },
      async (request) => service.updateException(request.user!, request.params.id, request.body),
    );
    app.delete(
      '/exceptions/:id',
      {
        config: practitionerOnly,
        schema: {
          tags,
          security,
          summary: 'Remove an exception',
          params: Params,
          response: { 204: z.null().describe('Removed'), 404: problemResponse('No such exception') },
        },
      },
      async (request, reply) => {
        await service.deleteException(request.user!, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}

/** The free slots route (registered under /api/v1/practitioners, beside the directory's routes). */
export function slotsRoutes(service: AvailabilityService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/:id/slots',
      {
        config: { access: ['EMPLOYEE', 'PRACTITIONER'] },
        schema: {
          tags,
          security,
          summary: "A practitioner's free slots",
          description:
            "Slots in [from, to), in UTC, with the practitioner's time zone. At least 2 hours ahead, " +
            'at most 60 days ahead; the range may span at most 60 days. Employees see validated, active ' +
            'practitioners; a practitioner sees their own.',
          params: Params,
          querystring: FreeSlotsQuerySchema,
          response: {
            200: FreeSlotListSchema,
            400: problemResponse('Invalid range'),
            404: problemResponse('No such practitioner'),
          },
        },
      },
      async (request) => service.slots(request.user!, request.params.id, request.query),
    );
  };
}
