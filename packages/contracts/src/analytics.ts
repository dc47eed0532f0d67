// HuntZen's admin analytics (/api/v1/insights/billing) and the e-mail queue view
// (/api/v1/email-queue), for SUPER_ADMIN and ADMIN_HUNTZEN only. The figures come from the spec's
// materialized view `practitioner_billing_stats` (COMPLETED consultations whose bill is VALIDATED
// or BILLED), refreshed every 5 minutes and after billing validation. Never any health content:
// no reason, note, message or questionnaire; an e-mail is shown without its subject or body.
import { z } from 'zod';
import { CONSULTATION_STATUSES } from './consultations';
import { isoMonth } from './dates';
import { SPECIALTIES } from './identity';

/** How many months the trend and the status counts cover (ending with the chosen month). */
export const ANALYTICS_TREND_MONTHS = 12;
/** How many practitioners and companies the "top" lists (charts) hold. */
export const ANALYTICS_TOP = 10;

/** The filters shared by the JSON answer and the CSV export. */
export const BillingInsightsFilterSchema = z.object({
  month: isoMonth()
    .optional()
    .describe(
      'A UTC calendar month (YYYY-MM); without it, every month (the trend ends with the current one)',
    ),
  companyId: z.uuid().optional().describe('Only this company (an unknown id gives empty figures)'),
  practitionerId: z.uuid().optional().describe('Only this practitioner (an unknown id gives empty figures)'),
});
export type BillingInsightsFilter = z.infer<typeof BillingInsightsFilterSchema>;

/** The JSON answer's query: filters, and a page of the detailed rows (`limit` default 50, max 100). */
export const BillingInsightsQuerySchema = BillingInsightsFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type BillingInsightsQuery = z.input<typeof BillingInsightsQuerySchema>;

const Count = z.number().int().min(0);

/** Consultations counted, their real minutes, and minutes per consultation (one decimal; null when none). */
const FiguresSchema = z.object({
  consultations: Count,
  minutes: Count,
  averageDuration: z.number().nullable(),
});
export type InsightFigures = z.infer<typeof FiguresSchema>;

const PractitionerRefSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  specialty: z.enum(SPECIALTIES),
});
const CompanyRefSchema = z.object({ id: z.uuid(), name: z.string() });

/** One row of the view: a practitioner's counted consultations with one company in one month. */
export const BillingInsightsRowSchema = FiguresSchema.extend({
  month: isoMonth(),
  practitioner: PractitionerRefSchema,
  company: CompanyRefSchema,
}).meta({ id: 'BillingInsightsRow' });
export type BillingInsightsRow = z.infer<typeof BillingInsightsRowSchema>;

export const ConsultationStatusCountsSchema = z.object(
  Object.fromEntries(CONSULTATION_STATUSES.map((s) => [s, Count])) as Record<
    (typeof CONSULTATION_STATUSES)[number],
    typeof Count
  >,
);

/**
 * The platform's size (never filtered) and every consultation by planned month and status over the
 * 12 months ending with `month` (or the current one), following the company and practitioner
 * filters. Read from the tables themselves, not from the counters: its own route, so paging the
 * detailed rows never repeats this scan.
 */
export const PlatformFiguresSchema = z
  .object({
    window: z.object({ from: isoMonth(), to: isoMonth() }),
    companies: z.object({ total: Count, active: Count }),
    employees: Count.describe('Employee accounts (profiles), every company'),
    validatedPractitioners: Count,
    consultationsByStatus: z
      .array(z.object({ month: isoMonth(), total: Count, byStatus: ConsultationStatusCountsSchema }))
      .describe('Every consultation by planned month and status, whatever its bill; follows the filters'),
  })
  .meta({ id: 'PlatformFigures' });
export type PlatformFigures = z.infer<typeof PlatformFiguresSchema>;

export const BillingInsightsSchema = z
  .object({
    month: isoMonth().nullable(),
    /** The months of `trend`, oldest first (inclusive). */
    window: z.object({ from: isoMonth(), to: isoMonth() }),
    totals: FiguresSchema.extend({ practitioners: Count, companies: Count }),
    trend: z.array(FiguresSchema.extend({ month: isoMonth() })),
    topPractitioners: z.array(FiguresSchema.extend({ practitioner: PractitionerRefSchema })),
    topCompanies: z.array(FiguresSchema.extend({ company: CompanyRefSchema })),
    items: z.array(BillingInsightsRowSchema),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'BillingInsights' });
export type BillingInsights = z.infer<typeof BillingInsightsSchema>;

/** Who the filters may name: the companies and practitioners present in the counters. */
export const BillingInsightsOptionsSchema = z
  .object({
    companies: z.array(CompanyRefSchema),
    practitioners: z.array(PractitionerRefSchema),
  })
  .meta({ id: 'BillingInsightsOptions' });
export type BillingInsightsOptions = z.infer<typeof BillingInsightsOptionsSchema>;

// ---------------------------------------------------------------- e-mail queue

export const EMAIL_STATUSES = ['PENDING', 'SENT', 'FAILED', 'CANCELLED'] as const;
export const EmailStatusSchema = z.enum(EMAIL_STATUSES);
export type EmailStatus = z.infer<typeof EmailStatusSchema>;

export const EmailQueueSummarySchema = z
  .object({
    counts: z.object(
      Object.fromEntries(EMAIL_STATUSES.map((s) => [s, Count])) as Record<EmailStatus, typeof Count>,
    ),
    /** PENDING rows whose time has come (not scheduled later, no backoff pending). */
    due: Count,
    oldestDueAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'EmailQueueSummary' });
export type EmailQueueSummary = z.infer<typeof EmailQueueSummarySchema>;

export const EmailQueueListQuerySchema = z.object({
  status: EmailStatusSchema.default('FAILED'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type EmailQueueListQuery = z.input<typeof EmailQueueListQuerySchema>;

/** A queued e-mail as admins see it: who, which template, where it stands. Never its subject or body. */
export const EmailQueueItemSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    templateName: z
      .string()
      .nullable()
      .describe('e.g. password-reset; null for an e-mail written without one'),
    status: EmailStatusSchema,
    priority: z.enum(['LOW', 'NORMAL', 'HIGH', 'URGENT']),
    attempts: Count.describe('Failed attempts so far (retry_count)'),
    maxRetries: Count,
    error: z.string().nullable().describe('The last error, as the mail server or the sender gave it'),
    createdAt: z.iso.datetime(),
    scheduledFor: z.iso.datetime().nullable(),
    nextAttemptAt: z.iso.datetime().nullable(),
    sentAt: z.iso.datetime().nullable(),
    failedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'EmailQueueItem' });
export type EmailQueueItem = z.infer<typeof EmailQueueItemSchema>;

export const EmailQueuePageSchema = z
  .object({ items: z.array(EmailQueueItemSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'EmailQueuePage' });
export type EmailQueuePage = z.infer<typeof EmailQueuePageSchema>;
