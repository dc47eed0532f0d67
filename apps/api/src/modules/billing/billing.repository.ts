// SQL of billing, in the caller's transaction and under its row-level security (HuntZen's admins
// see every company; HR its own). Columns are chosen one by one: never the consultation's notes or
// cancellation reason.
import {
  type BillingStatus,
  billingDisputes,
  companies,
  consultations,
  employees,
  practitioners,
  type Tx,
} from '@huntzen/db';
import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { BILLABLE_STATUSES } from './billing.policy';

/** Over and charged (billing.policy.ts `isBillable`), as SQL. */
const billable = and(
  eq(consultations.isBillable, true),
  inArray(consultations.status, [...BILLABLE_STATUSES]),
);

const inMonth = (range: { from: Date; to: Date }) =>
  and(gte(consultations.scheduledAt, range.from), lt(consultations.scheduledAt, range.to));

const openDispute = {
  reason: billingDisputes.reason,
  disputedAt: billingDisputes.createdAt,
  disputedByRole: billingDisputes.disputedByRole,
};
const openDisputeJoin = and(
  eq(billingDisputes.consultationId, consultations.id),
  isNull(billingDisputes.resolvedAt),
);

export interface BillingFilter {
  month?: { from: Date; to: Date };
  status: BillingStatus;
  companyId?: string;
  practitionerId?: string;
  limit: number;
  after?: { scheduledAt: Date; id: string };
}

/** A page (limit + 1 rows) of billable consultations, oldest first, keyed on (scheduled_at, id). */
export async function listBillable(tx: Tx, f: BillingFilter) {
  return tx
    .select({
      id: consultations.id,
      scheduledAt: consultations.scheduledAt,
      status: consultations.status,
      format: consultations.format,
      duration: consultations.duration,
      actualDuration: consultations.actualDuration,
      billingStatus: consultations.billingStatus,
      billedAt: consultations.billedAt,
      company: { id: companies.id, name: companies.name },
      practitioner: {
        id: practitioners.id,
        title: practitioners.title,
        firstName: practitioners.firstName,
        lastName: practitioners.lastName,
      },
      employee: { id: employees.id, firstName: employees.firstName, lastName: employees.lastName },
      dispute: openDispute,
    })
    .from(consultations)
    .innerJoin(companies, eq(companies.id, consultations.companyId))
    .innerJoin(practitioners, eq(practitioners.id, consultations.practitionerId))
    .innerJoin(employees, eq(employees.id, consultations.employeeId))
    .leftJoin(billingDisputes, openDisputeJoin)
    .where(
      and(
        billable,
        eq(consultations.billingStatus, f.status),
        f.month ? inMonth(f.month) : undefined,
        f.companyId ? eq(consultations.companyId, f.companyId) : undefined,
        f.practitionerId ? eq(consultations.practitionerId, f.practitionerId) : undefined,
        f.after
          ? sql`(${consultations.scheduledAt}, ${consultations.id}) > (${f.after.scheduledAt.toISOString()}::timestamptz, ${f.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(consultations.scheduledAt), asc(consultations.id))
    .limit(f.limit + 1);
}

export type BillingRow = Awaited<ReturnType<typeof listBillable>>[number];

/** The billing state of consultations `ids`, locked until the end of the transaction. */
export async function lockBills(tx: Tx, ids: string[]) {
  return tx
    .select({
      id: consultations.id,
      companyId: consultations.companyId,
      status: consultations.status,
      isBillable: consultations.isBillable,
      billingStatus: consultations.billingStatus,
    })
    .from(consultations)
    .where(inArray(consultations.id, ids))
    .orderBy(asc(consultations.id))
    .for('update');
}

/** Sets the billing status of consultations `ids` (BILLED also stamps `billedAt`). */
export async function setBillingStatus(tx: Tx, ids: string[], to: BillingStatus, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(consultations)
    .set({ billingStatus: to, ...(to === 'BILLED' ? { billedAt: now } : {}) })
    .where(inArray(consultations.id, ids));
}

/**
 * Validates every PENDING billable consultation of a month (optionally of one company or
 * practitioner) in one statement; returns their ids.
 */
export async function validateMonth(
  tx: Tx,
  f: { month: { from: Date; to: Date }; companyId?: string; practitionerId?: string },
): Promise<string[]> {
  const rows = await tx
    .update(consultations)
    .set({ billingStatus: 'VALIDATED' })
    .where(
      and(
        billable,
        eq(consultations.billingStatus, 'PENDING'),
        inMonth(f.month),
        f.companyId ? eq(consultations.companyId, f.companyId) : undefined,
        f.practitionerId ? eq(consultations.practitionerId, f.practitionerId) : undefined,
      ),
    )
    .returning({ id: consultations.id });
  return rows.map((r) => r.id);
}

/** Closes the open disputes of consultations `ids` (validated again by `userId`). */
export async function resolveDisputes(tx: Tx, ids: string[], userId: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(billingDisputes)
    .set({ resolvedAt: now, resolvedBy: userId })
    .where(and(inArray(billingDisputes.consultationId, ids), isNull(billingDisputes.resolvedAt)));
}

/**
 * Disputes the bill of consultation `id` for the actor of `tx` through the SECURITY DEFINER
 * function of 0014 (HR may not update consultations itself).
 */
export async function disputeBill(
  tx: Tx,
  id: string,
  reason: string,
): Promise<{
  outcome: 'disputed' | 'not_found' | 'not_billable' | 'already_disputed';
  foundStatus: BillingStatus | null;
}> {
  const result = await tx.execute<{ outcome: string; found_status: BillingStatus | null }>(
    sql`select outcome, found_status from dispute_consultation_billing(${id}::uuid, ${reason})`,
  );
  const row = result.rows[0]!;
  return { outcome: row.outcome as never, foundStatus: row.found_status };
}

/** The consultation's status fields, if the actor may see it (for answers after a dispute). */
export async function findBill(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: consultations.id,
      companyId: consultations.companyId,
      status: consultations.status,
      isBillable: consultations.isBillable,
      billingStatus: consultations.billingStatus,
    })
    .from(consultations)
    .where(eq(consultations.id, id));
  return row;
}

/** A month's counts and minutes by billing status, and who has bills in it. */
export async function monthSummary(tx: Tx, month: { from: Date; to: Date }) {
  const minutes = sql<number>`coalesce(sum(coalesce(${consultations.actualDuration}, ${consultations.duration})), 0)::int`;
  const where = and(billable, inMonth(month));
  const totals = await tx
    .select({ billingStatus: consultations.billingStatus, count: sql<number>`count(*)::int`, minutes })
    .from(consultations)
    .where(where)
    .groupBy(consultations.billingStatus);
  const byCompany = await tx
    .select({ id: companies.id, name: companies.name, count: sql<number>`count(*)::int` })
    .from(consultations)
    .innerJoin(companies, eq(companies.id, consultations.companyId))
    .where(where)
    .groupBy(companies.id, companies.name)
    .orderBy(asc(companies.name));
  const byPractitioner = await tx
    .select({
      id: practitioners.id,
      title: practitioners.title,
      firstName: practitioners.firstName,
      lastName: practitioners.lastName,
      count: sql<number>`count(*)::int`,
    })
    .from(consultations)
    .innerJoin(practitioners, eq(practitioners.id, consultations.practitionerId))
    .where(where)
    .groupBy(practitioners.id, practitioners.title, practitioners.firstName, practitioners.lastName)
    .orderBy(asc(practitioners.lastName), asc(practitioners.firstName));
  return { totals, byCompany, byPractitioner };
}

/**
 * A page (limit + 1 rows) of the billable consultations of HR's company in a month — its row-level
 * security keeps HR to its company — by employee name. Only what HR may know: whose, how long,
 * where the bill stands; the time is used to pick the month and never leaves this query.
 */
export async function listCompanyBills(
  tx: Tx,
  f: {
    companyId: string;
    month: { from: Date; to: Date };
    limit: number;
    after?: { key: string; id: string };
  },
) {
  const key = sql<string>`${employees.lastName} || chr(1) || ${employees.firstName}`;
  return tx
    .select({
      id: consultations.id,
      billableMinutes: sql<number>`coalesce(${consultations.actualDuration}, ${consultations.duration})::int`,
      billingStatus: consultations.billingStatus,
      employee: { id: employees.id, firstName: employees.firstName, lastName: employees.lastName },
      sortKey: key,
      dispute: openDispute,
    })
    .from(consultations)
    .innerJoin(employees, eq(employees.id, consultations.employeeId))
    .leftJoin(billingDisputes, openDisputeJoin)
    .where(
      and(
        billable,
        eq(consultations.companyId, f.companyId),
        inMonth(f.month),
        f.after ? sql`(${key}, ${consultations.id}) > (${f.after.key}, ${f.after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(key), asc(consultations.id))
    .limit(f.limit + 1);
}
