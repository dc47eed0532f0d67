// Issue 14, parts 3 and 4: the waitlist for freed slots (/api/v1/waitlist) and recurring series of
// consultations (POST /api/v1/consultations/series).
import { z } from 'zod';
import { ConsultationFormatSchema, ConsultationStatusSchema } from './consultations';
import { isoInstant } from './dates';

/** The rules of both features, for the API and the web. */
export const WAITLIST_RULES = {
  /** The longest range an employee may wait for. */
  maxRangeDays: 92,
} as const;

export const SERIES_RULES = {
  minOccurrences: 2,
  maxOccurrences: 12,
  /** WEEKLY: every 7 days; FORTNIGHTLY: every 14 days. */
  intervalWeeks: { WEEKLY: 1, FORTNIGHTLY: 2 },
} as const;

const instant = isoInstant({ error: 'an ISO 8601 UTC date-time, e.g. 2026-03-02T09:00:00Z' });

export const JoinWaitlistRequestSchema = z
  .object({
    practitionerId: z.uuid(),
    from: instant.describe('Start of the range the employee waits for'),
    to: instant.describe(
      `End of the range (after \`from\`, at most ${WAITLIST_RULES.maxRangeDays} days later)`,
    ),
  })
  .meta({ id: 'JoinWaitlistRequest' });
export type JoinWaitlistRequest = z.infer<typeof JoinWaitlistRequestSchema>;

export const WaitlistEntrySchema = z
  .object({
    id: z.uuid(),
    practitionerId: z.uuid(),
    practitionerName: z.string(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    createdAt: z.iso.datetime(),
    /** Position among the practitioner's current waiters (1 = told first). */
    position: z.number().int().min(1),
    lastNotifiedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'WaitlistEntry' });
export type WaitlistEntry = z.infer<typeof WaitlistEntrySchema>;

export const WaitlistEntryListSchema = z.object({ items: z.array(WaitlistEntrySchema) });

export const SeriesIntervalSchema = z.enum(['WEEKLY', 'FORTNIGHTLY']);
export type SeriesInterval = z.infer<typeof SeriesIntervalSchema>;

export const BookSeriesRequestSchema = z
  .object({
    practitionerId: z.uuid(),
    scheduledAt: instant.describe('Start of the first occurrence: a free slot of the practitioner'),
    format: ConsultationFormatSchema,
    interval: SeriesIntervalSchema,
    occurrences: z.number().int().min(SERIES_RULES.minOccurrences).max(SERIES_RULES.maxOccurrences),
  })
  .meta({ id: 'BookSeriesRequest' });
export type BookSeriesRequest = z.infer<typeof BookSeriesRequestSchema>;

/** BOOKED, or why not: TAKEN (someone else has it), BUSY (the employee has another), UNAVAILABLE (not a slot), REFUSED (another rule). */
export const SeriesOccurrenceStatusSchema = z.enum(['BOOKED', 'TAKEN', 'BUSY', 'UNAVAILABLE', 'REFUSED']);
export type SeriesOccurrenceStatus = z.infer<typeof SeriesOccurrenceStatusSchema>;

export const SeriesOccurrenceSchema = z.object({
  occurrence: z.number().int().min(1),
  scheduledAt: z.iso.datetime(),
  status: SeriesOccurrenceStatusSchema,
  consultationId: z.uuid().nullable(),
  /** The error code of a refused occurrence (SLOT_TAKEN, EMPLOYEE_BUSY…). */
  code: z.string().nullable(),
});
export type SeriesOccurrence = z.infer<typeof SeriesOccurrenceSchema>;

export const SeriesBookingSchema = z
  .object({
    seriesId: z.uuid(),
    interval: SeriesIntervalSchema,
    booked: z.number().int().min(0),
    occurrences: z.array(SeriesOccurrenceSchema),
  })
  .meta({ id: 'SeriesBooking' });
export type SeriesBooking = z.infer<typeof SeriesBookingSchema>;

/** GET /consultations/{id}/series: the series a consultation belongs to, and its occurrences. */
export const ConsultationSeriesSchema = z
  .object({
    seriesId: z.uuid(),
    interval: SeriesIntervalSchema,
    occurrences: z.array(
      z.object({
        occurrence: z.number().int().min(1),
        consultationId: z.uuid(),
        scheduledAt: z.iso.datetime(),
        status: ConsultationStatusSchema,
      }),
    ),
  })
  .meta({ id: 'ConsultationSeries' });
export type ConsultationSeries = z.infer<typeof ConsultationSeriesSchema>;

export const CancelSeriesRequestSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3)
    .max(1000)
    .describe('Shown to the practitioner only, as for one cancellation'),
});

export const CancelSeriesAnswerSchema = z.object({
  seriesId: z.uuid(),
  cancelled: z.array(z.uuid()),
  /** Occurrences left as they are: past, already ended or cancelled, or too late to cancel. */
  kept: z.array(z.uuid()),
});
export type CancelSeriesAnswer = z.infer<typeof CancelSeriesAnswerSchema>;
