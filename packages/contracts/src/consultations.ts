// Consultations (/api/v1/consultations): booking, the lifecycle actions and what a consultation
// looks like through the API. The timing rules are here too, so the web app can show the same
// windows (start, no-show, late cancellation) the API enforces.
import { z } from 'zod';
import { isoInstant } from './dates';

export const CONSULTATION_FORMATS = ['VIDEO', 'AUDIO', 'IN_PERSON'] as const;
export const ConsultationFormatSchema = z.enum(CONSULTATION_FORMATS);
export type ConsultationFormat = z.infer<typeof ConsultationFormatSchema>;

export const CONSULTATION_STATUSES = [
  'SCHEDULED',
  'CONFIRMED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
] as const;
export const ConsultationStatusSchema = z.enum(CONSULTATION_STATUSES);
export type ConsultationStatus = z.infer<typeof ConsultationStatusSchema>;

/** The lifecycle actions, as in `POST /api/v1/consultations/{id}/{action}`. */
export const CONSULTATION_ACTIONS = ['confirm', 'start', 'end', 'cancel', 'no-show'] as const;
export type ConsultationAction = (typeof CONSULTATION_ACTIONS)[number];

/** When the lifecycle actions are allowed, relative to the planned start. */
export const CONSULTATION_TIMING = Object.freeze({
  /** The practitioner may mark the start from this many minutes before the planned start… */
  startOpensMinutesBefore: 10,
  /** …and a no-show may be reported this many minutes after it, if nobody marked the start. */
  noShowAfterMinutes: 15,
  /** A cancellation less than this many hours before the start is late (`cancelledWithin24h`). */
  lateCancellationHours: 24,
});

/**
 * A session ended after fewer minutes than this is not billable, and ending it so early needs an
 * explicit `confirmShort` (a tap on "end" by mistake must not close a session that barely began).
 * Migration 0020_short_sessions.sql holds the same number for the database's billing guard.
 */
export const MIN_BILLABLE_MINUTES = 10;

/** A session's length in whole minutes, rounded as the database computes `actualDuration`. */
export function sessionMinutes(startedAt: Date, endedAt: Date): number {
  return Math.round((endedAt.getTime() - startedAt.getTime()) / 60_000);
}

/** Whether a session from `startedAt` ended at `endedAt` is too short to be billed. */
export function isShortSession(startedAt: Date, endedAt: Date): boolean {
  return sessionMinutes(startedAt, endedAt) < MIN_BILLABLE_MINUTES;
}

export const EndConsultationRequestSchema = z.object({
  confirmShort: z
    .boolean()
    .optional()
    .describe(
      `Required (true) to end a session shorter than ${MIN_BILLABLE_MINUTES} minutes, which is then not billable`,
    ),
});
export type EndConsultationRequest = z.infer<typeof EndConsultationRequestSchema>;

/** The header that makes `POST /api/v1/consultations` safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** 1-255 visible ASCII characters, e.g. a UUID made by the client for this one booking. */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, { error: '1 to 255 visible ASCII characters, e.g. a UUID' });

export const BookConsultationRequestSchema = z.object({
  practitionerId: z.uuid(),
  scheduledAt: isoInstant({ error: 'an ISO 8601 UTC date-time, e.g. 2026-03-02T09:00:00Z' }).describe(
    'Start of one of the practitioner’s free slots (GET /api/v1/practitioners/{id}/slots)',
  ),
  format: ConsultationFormatSchema.describe('One the practitioner offers; AUDIO is a phone-like call'),
});
export type BookConsultationRequest = z.infer<typeof BookConsultationRequestSchema>;

export const CancelConsultationRequestSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3)
    .max(1000)
    .describe('Shown to the other participant only; never e-mailed, never shown to HR or admins'),
});
export type CancelConsultationRequest = z.infer<typeof CancelConsultationRequestSchema>;

/**
 * Rescheduling (POST /consultations/{id}/reschedule): either participant moves a SCHEDULED or
 * CONFIRMED consultation while its start is more than `employeeBeforeHours` away; later only the
 * practitioner may (until the start), or either cancels.
 */
export const RESCHEDULE_RULES = Object.freeze({
  employeeBeforeHours: 24,
  statuses: ['SCHEDULED', 'CONFIRMED'] as readonly string[],
});

/** Until when `party` may move a consultation starting at `scheduledAt` (exclusive). */
export function rescheduleCloses(party: 'employee' | 'practitioner', scheduledAt: Date): Date {
  return party === 'employee'
    ? new Date(scheduledAt.getTime() - RESCHEDULE_RULES.employeeBeforeHours * 3_600_000)
    : scheduledAt;
}

export const RescheduleConsultationRequestSchema = z
  .object({
    scheduledAt: isoInstant({ error: 'an ISO 8601 UTC date-time, e.g. 2026-03-02T09:00:00Z' }).describe(
      'The new start: a free slot of the practitioner',
    ),
  })
  .meta({ id: 'RescheduleConsultationRequest' });
export type RescheduleConsultationRequest = z.infer<typeof RescheduleConsultationRequestSchema>;

/** Who did something to a consultation. */
export const ConsultationPartySchema = z.enum(['employee', 'practitioner', 'admin']);
export type ConsultationParty = z.infer<typeof ConsultationPartySchema>;

/** One lifecycle action: the statuses it starts from, the status it leads to, who may take it. */
export interface ConsultationTransition {
  readonly from: readonly ConsultationStatus[];
  readonly to: ConsultationStatus;
  /** The consultation's employee, its practitioner, a HuntZen admin. */
  readonly by: readonly ConsultationParty[];
}

/**
 * The state machine (PRODUCT.md "Lifecycle"), declared once: the API enforces it
 * (consultations.policy, with the time windows of CONSULTATION_TIMING) and the web app enables its
 * buttons by it. Starting needs a confirmation first (SCHEDULED → CONFIRMED → IN_PROGRESS); a
 * consultation that never started ends as CANCELLED (before its start) or NO_SHOW (after).
 * COMPLETED, CANCELLED and NO_SHOW are final.
 */
export const CONSULTATION_TRANSITIONS: Readonly<Record<ConsultationAction, ConsultationTransition>> =
  Object.freeze({
    confirm: { from: ['SCHEDULED'], to: 'CONFIRMED', by: ['practitioner'] },
    start: { from: ['CONFIRMED'], to: 'IN_PROGRESS', by: ['practitioner'] },
    end: { from: ['IN_PROGRESS'], to: 'COMPLETED', by: ['practitioner'] },
    cancel: { from: ['SCHEDULED', 'CONFIRMED'], to: 'CANCELLED', by: ['employee', 'practitioner', 'admin'] },
    // The practitioner marks the employee absent; the employee reports the practitioner absent.
    'no-show': { from: ['SCHEDULED', 'CONFIRMED'], to: 'NO_SHOW', by: ['employee', 'practitioner'] },
  });

/**
 * The time window of an action, [opens, closes) in milliseconds since the epoch (null: unbounded),
 * for `party` (the API checks it, the web app enables its buttons by it):
 * - confirm: until the planned end (a late confirmation still lets the session start);
 * - start: from CONSULTATION_TIMING.startOpensMinutesBefore before the planned start (when the room
 *   opens) until the planned end;
 * - cancel: participants until the planned start (afterwards it is a start or a no-show), admins
 *   at any time (corrections);
 * - no-show: from CONSULTATION_TIMING.noShowAfterMinutes after the planned start, as long as nobody
 *   marked the start;
 * - end: whenever the session is in progress.
 */
export function consultationActionWindow(
  action: ConsultationAction,
  party: ConsultationParty,
  c: { scheduledAt: Date | string; scheduledEndAt: Date | string },
): { opens: number | null; closes: number | null } {
  const start = new Date(c.scheduledAt).getTime();
  const end = new Date(c.scheduledEndAt).getTime();
  switch (action) {
    case 'confirm':
      return { opens: null, closes: end };
    case 'start':
      return { opens: start - CONSULTATION_TIMING.startOpensMinutesBefore * 60_000, closes: end };
    case 'cancel':
      return { opens: null, closes: party === 'admin' ? null : start };
    case 'no-show':
      return { opens: start + CONSULTATION_TIMING.noShowAfterMinutes * 60_000, closes: null };
    case 'end':
      return { opens: null, closes: null };
  }
}

export const ConsultationSchema = z
  .object({
    id: z.uuid(),
    status: ConsultationStatusSchema,
    format: ConsultationFormatSchema,
    scheduledAt: z.iso.datetime(),
    scheduledEndAt: z.iso.datetime(),
    /** Planned minutes. */
    duration: z.number().int(),
    practitioner: z.object({
      id: z.uuid(),
      title: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      avatarUrl: z.string().nullable(),
      timezone: z.string(),
    }),
    employee: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
    startedAt: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable(),
    actualDuration: z.number().int().nullable(),
    cancelledAt: z.iso.datetime().nullable(),
    cancelledBy: ConsultationPartySchema.nullable(),
    cancelledWithin24h: z.boolean().nullable(),
    cancelReason: z
      .string()
      .nullable()
      .describe('For the two participants; always null for admins (possibly health content)'),
    noShowAt: z.iso.datetime().nullable(),
    noShowBy: z.enum(['employee', 'practitioner']).nullable().describe('Who was absent'),
    /** VIDEO and AUDIO consultations have a room (joined through the video endpoint). */
    hasRoom: z.boolean(),
    isBillable: z.boolean(),
    billingStatus: z.enum(['PENDING', 'VALIDATED', 'BILLED', 'DISPUTED']),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Consultation' });
export type Consultation = z.infer<typeof ConsultationSchema>;

/**
 * Where a consultation is listed, "Upcoming" or "Past" (as Doctolib does): by its status first,
 * then by its planned end. Completed, cancelled and no-show consultations are past even before
 * their planned time; one in progress is upcoming until it ends, even when it runs over.
 */
export const CONSULTATION_LISTING = Object.freeze({
  /** Upcoming until their planned end, past after it. */
  upcomingUntilEnd: ['SCHEDULED', 'CONFIRMED'] as const satisfies readonly ConsultationStatus[],
  /** Upcoming whatever the time. Every other status is past. */
  upcomingAlways: ['IN_PROGRESS'] as const satisfies readonly ConsultationStatus[],
});

/** Whether the consultation belongs under "Upcoming" at `now` (else under "Past"). */
export function isUpcomingConsultation(
  c: { status: ConsultationStatus; scheduledEndAt: string | Date },
  now: Date | number,
): boolean {
  if ((CONSULTATION_LISTING.upcomingAlways as readonly string[]).includes(c.status)) return true;
  if (!(CONSULTATION_LISTING.upcomingUntilEnd as readonly string[]).includes(c.status)) return false;
  return new Date(c.scheduledEndAt).getTime() > new Date(now).getTime();
}

/** The longest `from`–`to` range a list may ask for (a calendar's month view, with margins). */
export const CONSULTATION_RANGE_MAX_DAYS = 62;

export const ConsultationListQuerySchema = z
  .object({
    when: z
      .enum(['upcoming', 'past', 'all'])
      .default('upcoming')
      .describe(
        'upcoming: still to come or under way, soonest first; past: over, cancelled or missed, latest first (isUpcomingConsultation); all: both, by planned start (for a calendar, with from/to)',
      ),
    from: isoInstant({ error: 'an ISO 8601 UTC date-time, e.g. 2026-03-02T00:00:00Z' })
      .optional()
      .describe('Only consultations that end after this instant'),
    to: isoInstant({ error: 'an ISO 8601 UTC date-time, e.g. 2026-03-09T00:00:00Z' })
      .optional()
      .describe(
        `Only consultations that start before this instant (at most ${CONSULTATION_RANGE_MAX_DAYS} days after from)`,
      ),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
    flagged: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true')
      .describe('Admins: only consultations whose practitioner was reported absent'),
  })
  .superRefine((q, ctx) => {
    if (q.from === undefined || q.to === undefined) return;
    const span = Date.parse(q.to) - Date.parse(q.from);
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (span > CONSULTATION_RANGE_MAX_DAYS * 86_400_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `at most ${CONSULTATION_RANGE_MAX_DAYS} days after from`,
      });
    }
  });
export type ConsultationListQuery = z.input<typeof ConsultationListQuerySchema>;

export const ConsultationPageSchema = z
  .object({ items: z.array(ConsultationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ConsultationPage' });
export type ConsultationPage = z.infer<typeof ConsultationPageSchema>;
