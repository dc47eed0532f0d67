// Billing (/api/v1/billing): HuntZen's admins validate the bills of billable consultations, one by
// one or a month at a time, then mark them billed; HR (own company) or an admin disputes one with
// a reason. Billable: a COMPLETED consultation, a NO_SHOW of the employee, and a late cancellation
// by the employee — the lifecycle keeps `isBillable` for those only. No health content anywhere:
// no consultation reason, no notes, and HR's view has neither the practitioner nor the time.
import { z } from 'zod';
import { isoMonth } from './dates';

export const BILLING_STATUSES = ['PENDING', 'VALIDATED', 'BILLED', 'DISPUTED'] as const;
export const BillingStatusSchema = z.enum(BILLING_STATUSES);
export type BillingStatus = z.infer<typeof BillingStatusSchema>;

/** A calendar month, UTC (like every time of the API): `2026-03`. */
export const BillingMonthSchema = isoMonth();

export const DisputeReasonSchema = z
  .string()
  .trim()
  .min(3)
  .max(1000)
  .describe('Why the bill is contested; shown to HuntZen and to HR, never to the participants');

export const DisputeBillingRequestSchema = z.object({ reason: DisputeReasonSchema });
export type DisputeBillingRequest = z.infer<typeof DisputeBillingRequestSchema>;

/** Several consultations at once (a selection in the table). */
export const BillingSelectionRequestSchema = z.object({
  ids: z.array(z.uuid()).min(1).max(200),
});
export type BillingSelectionRequest = z.infer<typeof BillingSelectionRequestSchema>;

/** Narrows a month's bulk validation. */
export const BillingMonthFilterSchema = z.object({
  companyId: z.uuid().optional(),
  practitionerId: z.uuid().optional(),
});
export type BillingMonthFilter = z.infer<typeof BillingMonthFilterSchema>;

export const BillingCountSchema = z
  .object({ count: z.number().int().min(0).describe('How many consultations changed') })
  .meta({ id: 'BillingCount' });
export type BillingCount = z.infer<typeof BillingCountSchema>;

export const BillingListQuerySchema = z.object({
  month: BillingMonthSchema.optional(),
  status: BillingStatusSchema.default('PENDING'),
  companyId: z.uuid().optional(),
  practitionerId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type BillingListQuery = z.input<typeof BillingListQuerySchema>;

export const BillingDisputeSchema = z
  .object({
    reason: z.string(),
    disputedAt: z.iso.datetime(),
    /** ADMIN_RH, ADMIN_HUNTZEN or SUPER_ADMIN. */
    disputedByRole: z.string(),
  })
  .meta({ id: 'BillingDispute' });
export type BillingDispute = z.infer<typeof BillingDisputeSchema>;

/** A billable consultation as HuntZen's admins see it in billing. */
export const BillingItemSchema = z
  .object({
    id: z.uuid(),
    scheduledAt: z.iso.datetime(),
    status: z.enum(['COMPLETED', 'NO_SHOW', 'CANCELLED']),
    format: z.enum(['VIDEO', 'AUDIO', 'IN_PERSON']),
    /** Planned minutes. */
    duration: z.number().int(),
    /** Real minutes (COMPLETED only). */
    actualDuration: z.number().int().nullable(),
    /** What is billed: the real minutes of a completed session, else the planned ones. */
    billableMinutes: z.number().int(),
    billingStatus: BillingStatusSchema,
    billedAt: z.iso.datetime().nullable(),
    company: z.object({ id: z.uuid(), name: z.string() }),
    practitioner: z.object({ id: z.uuid(), title: z.string(), firstName: z.string(), lastName: z.string() }),
    employee: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
    /** The open dispute, if any. */
    dispute: BillingDisputeSchema.nullable(),
  })
  .meta({ id: 'BillingItem' });
export type BillingItem = z.infer<typeof BillingItemSchema>;

export const BillingPageSchema = z
  .object({ items: z.array(BillingItemSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'BillingPage' });
export type BillingPage = z.infer<typeof BillingPageSchema>;

const StatusTotalsSchema = z.object({
  count: z.number().int(),
  minutes: z.number().int(),
});

/** A month's totals, by billing status, with the companies and practitioners that have bills. */
export const BillingSummarySchema = z
  .object({
    month: BillingMonthSchema,
    totals: z.object({
      PENDING: StatusTotalsSchema,
      VALIDATED: StatusTotalsSchema,
      BILLED: StatusTotalsSchema,
      DISPUTED: StatusTotalsSchema,
    }),
    companies: z.array(z.object({ id: z.uuid(), name: z.string(), count: z.number().int() })),
    practitioners: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        count: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'BillingSummary' });
export type BillingSummary = z.infer<typeof BillingSummarySchema>;

export const BillingSummaryQuerySchema = z.object({ month: BillingMonthSchema });

/**
 * A billable consultation as the HR of its company sees it: whose, which month, how many minutes,
 * where its bill stands. Never the practitioner, the format, the day or the kind of session.
 */
export const CompanyBillingItemSchema = z
  .object({
    id: z.uuid(),
    month: BillingMonthSchema,
    employee: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
    billableMinutes: z.number().int(),
    billingStatus: BillingStatusSchema,
    dispute: BillingDisputeSchema.nullable(),
  })
  .meta({ id: 'CompanyBillingItem' });
export type CompanyBillingItem = z.infer<typeof CompanyBillingItemSchema>;

export const CompanyBillingQuerySchema = z.object({
  month: BillingMonthSchema,
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type CompanyBillingQuery = z.input<typeof CompanyBillingQuerySchema>;

export const CompanyBillingPageSchema = z
  .object({ items: z.array(CompanyBillingItemSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CompanyBillingPage' });
export type CompanyBillingPage = z.infer<typeof CompanyBillingPageSchema>;
