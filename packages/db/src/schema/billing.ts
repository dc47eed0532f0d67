// Not in the spec (migration 0014): why HR or HuntZen disputes a consultation's bill, one row per
// dispute (a consultation may be disputed, re-validated and disputed again). Written only by the
// SECURITY DEFINER function `dispute_consultation_billing`; read by HuntZen's admins and the HR of
// the consultation's company; resolved by HuntZen's admins when they validate the bill again.
import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { consultations } from './consultations';
import { billingStatusEnum, roleEnum } from './enums';

export const billingDisputes = pgTable(
  'billing_disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    disputedBy: uuid('disputed_by').notNull(),
    disputedByRole: roleEnum('disputed_by_role').notNull(),
    /** The billing status the dispute interrupted (PENDING, VALIDATED or BILLED). */
    previousStatus: billingStatusEnum('previous_status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolvedBy: uuid('resolved_by'),
  },
  (t) => [
    index('billing_disputes_consultation_idx').on(t.consultationId, t.createdAt),
    uniqueIndex('billing_disputes_one_open').on(t.consultationId).where(sql`resolved_at IS NULL`),
  ],
);

export type BillingDispute = typeof billingDisputes.$inferSelect;
