// Recurring series (POST /api/v1/consultations/series and POST /api/v1/consultations/series/{id}/cancel).
// The same weekly or fortnightly slot, up to 12 occurrences: each occurrence is booked on its own
// through the ordinary booking (BookingService.book: its own transaction, the slot engine, the
// exclusion constraints, the notifications and e-mails), so a taken week is refused like any single
// booking and the others still go through. The answer lists each occurrence: BOOKED or why not.
// Membership is kept in consultation_series(_members) (0030_waitlist_series.sql), never in a new
// column of consultations. Cancelling the rest of a series cancels each upcoming occurrence through
// the ordinary cancellation (LifecycleService.act), with its rules.
import {
  type BookSeriesRequest,
  type CancelSeriesAnswer,
  type ConsultationSeries,
  SERIES_RULES,
  type SeriesBooking,
  type SeriesOccurrence,
  type SeriesOccurrenceStatus,
} from '@huntzen/contracts';
import { consultationSeries, consultationSeriesMembers, consultations, withActor } from '@huntzen/db';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { DEFAULT_SLOT_RULES } from '../availability';
import type { BookingService, ConsultationsDeps } from './booking.service';
import * as repo from './consultations.repository';
import type { LifecycleService } from './lifecycle.service';

/** Why an occurrence was not booked, by the booking's error code. */
const REFUSALS: Record<string, SeriesOccurrenceStatus> = {
  SLOT_TAKEN: 'TAKEN',
  EMPLOYEE_BUSY: 'BUSY',
  VALIDATION_FAILED: 'UNAVAILABLE',
};

/**
 * The starts of a series: the same wall-clock time in the practitioner's zone every 1 or 2 weeks
 * (a series across a change of summer time keeps its local hour).
 */
export function occurrenceStarts(
  first: Date,
  intervalWeeks: number,
  count: number,
  timeZone: string,
): Date[] {
  const start = DateTime.fromJSDate(first, { zone: timeZone });
  return Array.from({ length: count }, (_, k) => start.plus({ weeks: k * intervalWeeks }).toJSDate());
}

const notFound = () => new AppError('NOT_FOUND', 'No such series.');
const DAY_MS = 86_400_000;

/** Builds the series service on the booking and lifecycle services. */
export function createSeriesService(
  deps: ConsultationsDeps,
  services: { booking: BookingService; lifecycle: LifecycleService },
) {
  const { db } = deps;
  return {
    /** Books every occurrence it can; 409 SLOT_TAKEN (with the list) when none could be. */
    async book(actor: RequestActor, body: BookSeriesRequest): Promise<SeriesBooking> {
      const intervalWeeks = SERIES_RULES.intervalWeeks[body.interval];
      const employeeId = actor.employeeId;
      if (actor.role !== 'EMPLOYEE' || !employeeId) {
        throw new AppError('FORBIDDEN', 'Only employees book consultations.');
      }
      const series = await withActor(db, actor, async (tx) => {
        const practitioner = await repo.findPractitioner(tx, body.practitionerId);
        if (!practitioner) throw new AppError('NOT_FOUND', 'No such practitioner.');
        const [row] = await tx
          .insert(consultationSeries)
          .values({
            employeeId,
            practitionerId: practitioner.id,
            intervalWeeks,
            occurrences: body.occurrences,
          })
          .returning({ id: consultationSeries.id });
        return { id: row!.id, timeZone: practitioner.timezone };
      });

      const starts = occurrenceStarts(
        new Date(body.scheduledAt),
        intervalWeeks,
        body.occurrences,
        series.timeZone,
      );
      // A series may reach past the usual booking horizon (12 fortnightly occurrences span 22
      // weeks): each occurrence is still checked against the weekly hours, days off, notice and
      // bookings, with the horizon stretched to the series' last occurrence.
      const last = starts.at(-1)!;
      const horizonDays = Math.max(
        DEFAULT_SLOT_RULES.horizonDays,
        Math.ceil((last.getTime() - Date.now()) / DAY_MS) + 1,
      );
      const results: SeriesOccurrence[] = [];
      try {
        for (const [index, start] of starts.entries()) {
          const occurrence = index + 1;
          const scheduledAt = start.toISOString();
          try {
            const answer = await services.booking.book(
              actor,
              { practitionerId: body.practitionerId, scheduledAt, format: body.format },
              undefined,
              { horizonDays },
            );
            const consultationId = answer.body.id;
            await withActor(db, actor, (tx) =>
              tx
                .insert(consultationSeriesMembers)
                .values({ seriesId: series.id, occurrence, consultationId }),
            );
            results.push({ occurrence, scheduledAt, status: 'BOOKED', consultationId, code: null });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            const status = REFUSALS[error.code];
            // A rule about the employee or the practitioner (consent, format, account) holds for
            // every week: refuse the whole series as a single booking would be, if nothing was booked.
            if (!status && !results.some((r) => r.status === 'BOOKED')) throw error;
            results.push({
              occurrence,
              scheduledAt,
              status: status ?? 'REFUSED',
              consultationId: null,
              code: error.code,
            });
          }
        }
      } finally {
        if (!results.some((r) => r.status === 'BOOKED')) {
          await withActor(db, actor, (tx) =>
            tx.delete(consultationSeries).where(eq(consultationSeries.id, series.id)),
          );
        }
      }
      const booked = results.filter((r) => r.status === 'BOOKED').length;
      if (booked === 0) {
        throw new AppError('SLOT_TAKEN', 'None of the occurrences of this series is free.', {
          errors: results.map((r) => ({
            path: `occurrences.${r.occurrence}`,
            message: `${r.scheduledAt} ${r.status}`,
          })),
        });
      }
      return { seriesId: series.id, interval: body.interval, booked, occurrences: results };
    },

    /** The series consultation `consultationId` belongs to (its participants); 404 if none. */
    async ofConsultation(actor: RequestActor, consultationId: string): Promise<ConsultationSeries> {
      return withActor(db, actor, async (tx) => {
        const [member] = await tx
          .select({
            seriesId: consultationSeriesMembers.seriesId,
            intervalWeeks: consultationSeries.intervalWeeks,
          })
          .from(consultationSeriesMembers)
          .innerJoin(consultationSeries, eq(consultationSeries.id, consultationSeriesMembers.seriesId))
          .where(eq(consultationSeriesMembers.consultationId, consultationId));
        if (!member) throw new AppError('NOT_FOUND', 'This consultation is not part of a series.');
        const rows = await tx
          .select({
            occurrence: consultationSeriesMembers.occurrence,
            consultationId: consultations.id,
            scheduledAt: consultations.scheduledAt,
            status: consultations.status,
          })
          .from(consultationSeriesMembers)
          .innerJoin(consultations, eq(consultations.id, consultationSeriesMembers.consultationId))
          .where(eq(consultationSeriesMembers.seriesId, member.seriesId))
          .orderBy(asc(consultationSeriesMembers.occurrence));
        return {
          seriesId: member.seriesId,
          interval: member.intervalWeeks === 2 ? 'FORTNIGHTLY' : 'WEEKLY',
          occurrences: rows.map((r) => ({ ...r, scheduledAt: r.scheduledAt.toISOString() })),
        };
      });
    },

    /** Cancels every upcoming, still cancellable occurrence of the series (its employee or practitioner). */
    async cancelRest(actor: RequestActor, seriesId: string, reason: string): Promise<CancelSeriesAnswer> {
      const members = await withActor(db, actor, async (tx) => {
        const [series] = await tx
          .select({ id: consultationSeries.id })
          .from(consultationSeries)
          .where(eq(consultationSeries.id, seriesId));
        if (!series) throw notFound();
        return tx
          .select({ id: consultations.id })
          .from(consultationSeriesMembers)
          .innerJoin(consultations, eq(consultations.id, consultationSeriesMembers.consultationId))
          .where(
            and(
              eq(consultationSeriesMembers.seriesId, seriesId),
              inArray(consultations.status, ['SCHEDULED', 'CONFIRMED']),
              gt(consultations.scheduledAt, new Date()),
            ),
          )
          .orderBy(asc(consultationSeriesMembers.occurrence));
      });
      const cancelled: string[] = [];
      const kept: string[] = [];
      for (const { id } of members) {
        try {
          await services.lifecycle.act(actor, id, 'cancel', { reason });
          cancelled.push(id);
        } catch (error) {
          // Raced by another change (started, cancelled already): left as it is.
          if (!(error instanceof AppError)) throw error;
          kept.push(id);
        }
      }
      return { seriesId, cancelled, kept };
    },
  };
}

export type SeriesService = ReturnType<typeof createSeriesService>;
