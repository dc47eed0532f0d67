// Billing as pure rules (PRODUCT.md "Billing"): which consultations are billable, which billing
// transitions exist, and what a month is. No I/O, no clock.
//
// Billable: a consultation that is over and charged — COMPLETED, NO_SHOW or CANCELLED with
// `isBillable`. The lifecycle keeps `isBillable` only for a completed session, an absent employee
// and a late cancellation by the employee (an absent practitioner, any other cancellation: not
// billable). A late cancellation is included although it never happened: the product says it
// "stays billable", and a billable row nobody can validate would never be paid. A consultation not
// yet over (SCHEDULED, CONFIRMED, IN_PROGRESS) is not billable yet, whatever its default flag.
//
// Transitions: PENDING → VALIDATED (HuntZen validates; it then counts in the counters) →
// BILLED (`billedAt`); PENDING, VALIDATED or BILLED → DISPUTED (HR of the company or HuntZen, with a
// reason); DISPUTED → VALIDATED when HuntZen, having looked into it, validates again (the dispute
// is then resolved). Anything else: 409 ILLEGAL_TRANSITION with the current billing status; a
// consultation that is not billable: 409 NOT_BILLABLE with its status.
//
// Who: HuntZen's admins manage billing (list, validate, bill); HR of the consultation's company and
// HuntZen's admins dispute; HR reads its own company's bills. The routes declare these lists, the
// service asserts them again; the database's policies decide which rows each one sees.
import { HUNTZEN_ADMINS, isHuntzenAdmin, type Role } from '@huntzen/contracts';
import type { Actor, BillingStatus, ConsultationStatus } from '@huntzen/db';
import { AppError } from '../../platform/errors';

/** Who lists, validates and bills. */
export const BILLING_MANAGERS: readonly Role[] = HUNTZEN_ADMINS;
/** Who disputes a bill: HR (its company's) and HuntZen's admins (any). */
export const BILLING_DISPUTERS: readonly Role[] = ['ADMIN_RH', ...HUNTZEN_ADMINS];
/** Who reads a company's bills by employee: its HR. */
export const COMPANY_BILLING_READERS: readonly Role[] = ['ADMIN_RH'];

/** Refuses anyone but HuntZen's admins (403). */
export function assertBillingManager(actor: Pick<Actor, 'role'>, what = 'validate and bill'): void {
  if (!isHuntzenAdmin(actor.role)) throw new AppError('FORBIDDEN', `Only HuntZen's admins ${what}.`);
}

/** Whether `actor` may dispute bills at all (to anyone else a bill does not exist: 404). */
export function mayDispute(actor: Pick<Actor, 'role'>): boolean {
  return BILLING_DISPUTERS.includes(actor.role as Role);
}

/** Refuses anyone but HR of a company (403); returns the company. */
export function companyOfBillingReader(actor: Pick<Actor, 'role' | 'companyId'>): string {
  if (!COMPANY_BILLING_READERS.includes(actor.role as Role) || !actor.companyId)
    throw new AppError('FORBIDDEN', 'HR only.');
  return actor.companyId;
}

export const BILLABLE_STATUSES = [
  'COMPLETED',
  'NO_SHOW',
  'CANCELLED',
] as const satisfies readonly ConsultationStatus[];

export type BillingAction = 'validate' | 'bill' | 'dispute';

export const BILLING_TRANSITIONS: Readonly<
  Record<BillingAction, { from: readonly BillingStatus[]; to: BillingStatus }>
> = Object.freeze({
  validate: { from: ['PENDING', 'DISPUTED'], to: 'VALIDATED' },
  bill: { from: ['VALIDATED'], to: 'BILLED' },
  dispute: { from: ['PENDING', 'VALIDATED', 'BILLED'], to: 'DISPUTED' },
});

/** The billing statuses the practitioner counters (practitioner_billing_stats) count. */
export const COUNTED: readonly BillingStatus[] = ['VALIDATED', 'BILLED'];

export interface BillingState {
  status: ConsultationStatus;
  isBillable: boolean;
  billingStatus: BillingStatus;
}

/** Whether the consultation is over and charged. */
export function isBillable(c: Pick<BillingState, 'status' | 'isBillable'>): boolean {
  return c.isBillable && (BILLABLE_STATUSES as readonly string[]).includes(c.status);
}

/** Checks `action` on `c`; returns the new billing status or throws NOT_BILLABLE / ILLEGAL_TRANSITION. */
export function checkBillingTransition(action: BillingAction, c: BillingState): BillingStatus {
  if (!isBillable(c)) {
    throw new AppError(
      'NOT_BILLABLE',
      `A ${c.status} consultation that is not billable has no bill to ${action}.`,
      {
        currentState: c.status,
      },
    );
  }
  const rule = BILLING_TRANSITIONS[action];
  if (!rule.from.includes(c.billingStatus)) {
    const verb = { validate: 'validated', bill: 'marked billed', dispute: 'disputed' }[action];
    throw new AppError('ILLEGAL_TRANSITION', `A ${c.billingStatus} bill cannot be ${verb}.`, {
      currentState: c.billingStatus,
    });
  }
  return rule.to;
}

/** Whether going from `from` to `to` changes what the practitioner counters count. */
export function changesCounters(from: BillingStatus, to: BillingStatus): boolean {
  return COUNTED.includes(from) !== COUNTED.includes(to);
}

/** The UTC calendar month `YYYY-MM` as [from, to). */
export function monthRange(month: string): { from: Date; to: Date } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, m - 1, 1)), to: new Date(Date.UTC(year, m, 1)) };
}

/** The UTC month `YYYY-MM` of an instant. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}
