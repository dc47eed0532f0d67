// HR's usage dashboard (/api/v1/insights/usage), the employee's choice to share their own counters
// with HR (/api/v1/me/hr-sharing) and "what my HR sees" (/api/v1/me/hr-visibility). Nothing here
// names a practitioner, a specialty, a format, a reason or any content.
import { z } from 'zod';

/** k of k-anonymity: a group of fewer people is suppressed. Never below 5 (a DB CHECK too). */
export const MIN_GROUP_SIZE_FLOOR = 5;
export const MIN_GROUP_SIZE_DEFAULT = 5;
export const MIN_GROUP_SIZE_MAX = 1000;
/** The longest period one answer covers, in months. */
export const USAGE_MAX_MONTHS = 36;

export const USAGE_GROUP_BY = ['month', 'department'] as const;
export const UsageGroupBySchema = z.enum(USAGE_GROUP_BY);
export type UsageGroupBy = z.infer<typeof UsageGroupBySchema>;

/** A calendar month, YYYY-MM. */
export const UsageMonthParamSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month as YYYY-MM')
  .refine((v) => {
    const year = Number(v.slice(0, 4));
    return year >= 2000 && year <= 2100;
  }, 'A month between 2000 and 2100');

/** The number of months from `from` to `to`, both included (0 or less: `to` is before `from`). */
export function usageMonthSpan(from: string, to: string): number {
  const n = (v: string) => Number(v.slice(0, 4)) * 12 + Number(v.slice(5, 7)) - 1;
  return n(to) - n(from) + 1;
}

/** `from`/`to`: months (default: the last 12 months, this one included). */
export const UsageQuerySchema = z
  .object({
    from: UsageMonthParamSchema.optional(),
    to: UsageMonthParamSchema.optional(),
    groupBy: UsageGroupBySchema.default('month'),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to) {
      const span = usageMonthSpan(q.from, q.to);
      if (span < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` is before `from`' });
      else if (span > USAGE_MAX_MONTHS)
        ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${USAGE_MAX_MONTHS} months` });
    }
  });
export type UsageQuery = z.input<typeof UsageQuerySchema>;

const Figures = {
  /** Accounts counted in the group. */
  employees: z.number().int().nullable(),
  /** Of those, the ones with at least one completed consultation in the period. */
  activeEmployees: z.number().int().nullable(),
  /** Completed billable consultations. */
  consultations: z.number().int().nullable(),
  minutes: z.number().int().nullable(),
  /** activeEmployees / employees, 0..1. */
  adoptionRate: z.number().nullable(),
  /**
   * Median days from sign-up to the first consultation of those whose first consultation falls in
   * the period; null when fewer than minGroupSize of them (it is thresholded too).
   */
  medianDaysToFirstConsultation: z.number().nullable(),
};

/** A group: a month (YYYY-MM) or a department (null: no department). Suppressed: every figure null. */
export const UsageGroupSchema = z
  .object({
    key: z.string().nullable(),
    suppressed: z.boolean(),
    ...Figures,
  })
  .meta({ id: 'UsageGroup' });
export type UsageGroup = z.infer<typeof UsageGroupSchema>;

export const UsageTotalSchema = z.object({ suppressed: z.boolean(), ...Figures }).meta({ id: 'UsageTotal' });
export type UsageTotal = z.infer<typeof UsageTotalSchema>;

export const UsageInsightsSchema = z
  .object({
    minGroupSize: z.number().int(),
    groupBy: UsageGroupBySchema,
    from: z.string(),
    to: z.string(),
    total: UsageTotalSchema,
    groups: z.array(UsageGroupSchema),
  })
  .meta({ id: 'UsageInsights' });
export type UsageInsights = z.infer<typeof UsageInsightsSchema>;

export const UsageSettingsSchema = z
  .object({ minGroupSize: z.number().int().min(MIN_GROUP_SIZE_FLOOR).max(MIN_GROUP_SIZE_MAX) })
  .meta({ id: 'UsageSettings' });
export type UsageSettings = z.infer<typeof UsageSettingsSchema>;
export const UpdateUsageSettingsSchema = z.strictObject({
  minGroupSize: z.number().int().min(MIN_GROUP_SIZE_FLOOR).max(MIN_GROUP_SIZE_MAX),
});

// ------------------------------------------------------------------ per-employee counters

/** One month of one employee: the spec's employee_usage_stats (count and minutes only). */
export const UsageMonthSchema = z.object({
  month: z.string(),
  consultations: z.number().int(),
  minutes: z.number().int(),
});
export type UsageMonth = z.infer<typeof UsageMonthSchema>;

/** The employee's choice: HR sees their counters or not (off by default). */
export const HrSharingSchema = z
  .object({ shareUsageWithHr: z.boolean(), changedAt: z.iso.datetime().nullable() })
  .meta({ id: 'HrSharing' });
export type HrSharing = z.infer<typeof HrSharingSchema>;
export const UpdateHrSharingSchema = z.strictObject({ shareUsageWithHr: z.boolean() });

/** HR's list of the counters employees chose to share. */
export const SharedUsageItemSchema = z.object({
  employeeId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  department: z.string().nullable(),
  months: z.array(UsageMonthSchema),
});
export type SharedUsageItem = z.infer<typeof SharedUsageItemSchema>;
export const SharedUsageSchema = z
  .object({ items: z.array(SharedUsageItemSchema) })
  .meta({ id: 'SharedUsage' });
export type SharedUsage = z.infer<typeof SharedUsageSchema>;

/** "What my HR sees": my account as HR's employee list shows it, my counters only if I share them. */
export const HrVisibilitySchema = z
  .object({
    account: z.object({
      firstName: z.string(),
      lastName: z.string(),
      email: z.string(),
      department: z.string().nullable(),
      position: z.string().nullable(),
      status: z.enum(['ACTIVE', 'PENDING', 'DEACTIVATED']),
      emailVerified: z.boolean(),
      createdAt: z.iso.datetime(),
      approvedAt: z.iso.datetime().nullable(),
      /** HR's list flags an e-mail whose domain the company no longer lists. */
      domainRemoved: z.boolean(),
    }),
    sharing: HrSharingSchema,
    /** null: not shared, HR does not see them. */
    counters: z.array(UsageMonthSchema).nullable(),
    minGroupSize: z.number().int(),
  })
  .meta({ id: 'HrVisibility' });
export type HrVisibility = z.infer<typeof HrVisibilitySchema>;
