// Billing (/api/v1/billing): HuntZen's admins list billable consultations, validate them (one, a
// selection, a whole month — each in one transaction), mark them billed; HR (own company) or an
// admin disputes one with a reason. Every change is audited (VALIDATE for validations, UPDATE for
// the rest; the consultations' trigger also records each row's before/after). After a change that
// moves bills in or out of the counted statuses, a refresh of the counters' materialized views is
// scheduled in the same transaction: it runs once the change has committed (a job keyed like the
// 5-minute cron, so refreshes never pile up).

import type {
  BillingCount,
  BillingItem,
  BillingListQuerySchema,
  BillingMonthFilter,
  BillingPage,
  BillingSummary,
  CompanyBillingPage,
  CompanyBillingQuerySchema,
} from '@huntzen/contracts';
import { type BillingStatus, type Database, type Tx, withActor } from '@huntzen/db';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { refreshCountersTask, scheduleJob } from '../../platform/jobs';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { assertCompanyValidatedForHr } from '../companies';
import {
  assertBillingManager,
  BILLING_TRANSITIONS,
  changesCounters,
  checkBillingTransition,
  companyOfBillingReader,
  mayDispute,
  monthRange,
} from './billing.policy';
import * as repo from './billing.repository';

export interface BillingDeps {
  db: Database;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
}

const notFound = () => new AppError('NOT_FOUND', 'No such consultation.');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalidCursor = () =>
  new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
    errors: [{ path: 'query.cursor', message: 'invalid' }],
  });

/** Refreshes the counters after this transaction commits (see refresh-counters.ts). */
async function refreshCountersLater(tx: Tx): Promise<void> {
  await scheduleJob(tx, {
    task: refreshCountersTask,
    payload: {},
    jobKey: 'refresh_counters',
    maxAttempts: 3,
  });
}

function toItem(row: repo.BillingRow): BillingItem {
  return {
    id: row.id,
    scheduledAt: row.scheduledAt.toISOString(),
    status: row.status as BillingItem['status'],
    format: row.format,
    duration: row.duration,
    actualDuration: row.actualDuration,
    billableMinutes: row.actualDuration ?? row.duration,
    billingStatus: row.billingStatus,
    billedAt: row.billedAt?.toISOString() ?? null,
    company: row.company,
    practitioner: row.practitioner,
    employee: row.employee,
    dispute: row.dispute
      ? {
          reason: row.dispute.reason,
          disputedAt: row.dispute.disputedAt.toISOString(),
          disputedByRole: row.dispute.disputedByRole,
        }
      : null,
  };
}

/** Builds the billing service. */
export function createBillingService(deps: BillingDeps) {
  const { db } = deps;
  const clock = deps.now ?? (() => new Date());

  /**
   * Applies `action` to consultations `ids` (all or none: one refused → 404 or 409 and nothing
   * changes); returns how many changed.
   */
  async function transition(
    actor: RequestActor,
    ids: string[],
    action: 'validate' | 'bill',
  ): Promise<number> {
    assertBillingManager(actor);
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    return withActor(db, actor, async (tx) => {
      const rows = await repo.lockBills(tx, unique);
      if (rows.length !== unique.length) throw notFound();
      for (const row of rows) checkBillingTransition(action, row);
      const to = BILLING_TRANSITIONS[action].to;
      const now = clock();
      await repo.setBillingStatus(tx, unique, to, now);
      const disputed = rows.filter((row) => row.billingStatus === 'DISPUTED').map((row) => row.id);
      await repo.resolveDisputes(tx, disputed, actor.userId, now);
      for (const row of rows) {
        await recordAudit(tx, actor, {
          action: action === 'validate' ? 'VALIDATE' : 'UPDATE',
          resource: 'consultation',
          resourceId: row.id,
          companyId: row.companyId,
          details: {
            billingStatus: { from: row.billingStatus, to },
            ...(action === 'bill' ? { billedAt: now.toISOString() } : {}),
          },
        });
      }
      if (rows.some((row) => changesCounters(row.billingStatus, to))) await refreshCountersLater(tx);
      return rows.length;
    });
  }

  return {
    /** Billable consultations for HuntZen's admins, oldest first, a page at a time. */
    async list(actor: RequestActor, q: z.output<typeof BillingListQuerySchema>): Promise<BillingPage> {
      let after: { scheduledAt: Date; id: string } | undefined;
      if (q.cursor) {
        const c = decodeCursor(q.cursor);
        after = { scheduledAt: new Date(c.t), id: c.id };
        if (Number.isNaN(after.scheduledAt.getTime()) || !UUID.test(after.id)) throw invalidCursor();
      }
      const rows = await withActor(db, actor, (tx) =>
        repo.listBillable(tx, {
          month: q.month ? monthRange(q.month) : undefined,
          status: q.status,
          companyId: q.companyId,
          practitionerId: q.practitionerId,
          limit: q.limit,
          after,
        }),
      );
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map(toItem),
        nextCursor:
          rows.length > q.limit && last
            ? encodeCursor({ t: last.scheduledAt.toISOString(), id: last.id })
            : null,
      };
    },

    /** A month's totals by billing status, with the companies and practitioners that have bills. */
    async summary(actor: RequestActor, month: string): Promise<BillingSummary> {
      const { totals, byCompany, byPractitioner } = await withActor(db, actor, (tx) =>
        repo.monthSummary(tx, monthRange(month)),
      );
      const empty = { count: 0, minutes: 0 };
      const by = (status: BillingStatus) => {
        const row = totals.find((t) => t.billingStatus === status);
        return row ? { count: row.count, minutes: row.minutes } : empty;
      };
      return {
        month,
        totals: {
          PENDING: by('PENDING'),
          VALIDATED: by('VALIDATED'),
          BILLED: by('BILLED'),
          DISPUTED: by('DISPUTED'),
        },
        companies: byCompany,
        practitioners: byPractitioner,
      };
    },

    /** Validates one consultation's bill (PENDING or DISPUTED → VALIDATED). */
    async validateOne(actor: RequestActor, id: string): Promise<BillingCount> {
      return { count: await transition(actor, [id], 'validate') };
    },

    /** Validates the selected bills, all or none. */
    async validateMany(actor: RequestActor, ids: string[]): Promise<BillingCount> {
      return { count: await transition(actor, ids, 'validate') };
    },

    /** Marks one validated bill BILLED (`billedAt`). */
    async billOne(actor: RequestActor, id: string): Promise<BillingCount> {
      return { count: await transition(actor, [id], 'bill') };
    },

    /** Marks the selected validated bills BILLED, all or none. */
    async billMany(actor: RequestActor, ids: string[]): Promise<BillingCount> {
      return { count: await transition(actor, ids, 'bill') };
    },

    /**
     * Validates every PENDING bill of `month` (optionally of one company or practitioner) in one
     * transaction; DISPUTED ones are left for one-by-one review. Returns how many.
     */
    async validateMonth(
      actor: RequestActor,
      month: string,
      filter: BillingMonthFilter,
    ): Promise<BillingCount> {
      assertBillingManager(actor, 'validate');
      return withActor(db, actor, async (tx) => {
        const ids = await repo.validateMonth(tx, { month: monthRange(month), ...filter });
        // One entry for the batch; the consultations' trigger records each row's change.
        await recordAudit(tx, actor, {
          action: 'VALIDATE',
          resource: 'billing_month',
          resourceId: month,
          companyId: filter.companyId ?? null,
          details: {
            month,
            ...filter,
            count: ids.length,
            billingStatus: { from: 'PENDING', to: 'VALIDATED' },
          },
        });
        if (ids.length > 0) await refreshCountersLater(tx);
        return { count: ids.length };
      });
    },

    /**
     * Disputes a bill with a reason: HR for its own company (another company's consultation does
     * not exist for it), HuntZen's admins for any. The reason is kept in billing_disputes, never
     * in the audit log (a free text may say more than it should).
     */
    async dispute(actor: RequestActor, id: string, reason: string): Promise<BillingCount> {
      if (!mayDispute(actor)) throw notFound();
      return withActor(db, actor, async (tx) => {
        // HR of a company HuntZen has not validated yet acts on no bill (issue 17).
        if (actor.role === 'ADMIN_RH') {
          if (!actor.companyId) throw notFound();
          await assertCompanyValidatedForHr(tx, actor.companyId);
        }
        const bill = await repo.findBill(tx, id);
        if (!bill) throw notFound();
        // The rules first, for a precise answer; the function checks them again under its lock.
        checkBillingTransition('dispute', bill);
        const { outcome, foundStatus } = await repo.disputeBill(tx, id, reason);
        // Changed between the read and the function's lock: answer as the rules would have.
        if (outcome === 'not_found') throw notFound();
        if (outcome === 'not_billable') checkBillingTransition('dispute', { ...bill, isBillable: false });
        if (outcome === 'already_disputed')
          checkBillingTransition('dispute', { ...bill, billingStatus: 'DISPUTED' });
        const from = foundStatus ?? bill.billingStatus;
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'consultation',
          resourceId: id,
          companyId: bill.companyId,
          details: { billingStatus: { from, to: 'DISPUTED' }, dispute: true },
        });
        if (changesCounters(from, 'DISPUTED')) await refreshCountersLater(tx);
        return { count: 1 };
      });
    },

    /** HR: its company's billable consultations of a month, by employee, with no health detail. */
    async companyBills(
      actor: RequestActor,
      q: z.output<typeof CompanyBillingQuerySchema>,
    ): Promise<CompanyBillingPage> {
      const companyId = companyOfBillingReader(actor);
      let after: { key: string; id: string } | undefined;
      if (q.cursor) {
        // Sorted by employee name: the key is text.
        const c = decodeCursor(q.cursor, 'text');
        if (!UUID.test(c.id)) throw invalidCursor();
        after = { key: c.t, id: c.id };
      }
      const rows = await withActor(db, actor, async (tx) => {
        await assertCompanyValidatedForHr(tx, companyId);
        return repo.listCompanyBills(tx, { companyId, month: monthRange(q.month), limit: q.limit, after });
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          id: row.id,
          month: q.month,
          employee: row.employee,
          billableMinutes: row.billableMinutes,
          billingStatus: row.billingStatus,
          dispute: row.dispute
            ? {
                reason: row.dispute.reason,
                disputedAt: row.dispute.disputedAt.toISOString(),
                disputedByRole: row.dispute.disputedByRole,
              }
            : null,
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.sortKey, id: last.id }) : null,
      };
    },
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
