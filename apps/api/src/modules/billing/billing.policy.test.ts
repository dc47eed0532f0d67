// The billing rules, pure: what is billable, every action from every billing status, months.
import { BILLING_STATUSES, CONSULTATION_STATUSES, ROLES } from '@huntzen/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import {
  assertBillingManager,
  BILLING_TRANSITIONS,
  type BillingAction,
  changesCounters,
  checkBillingTransition,
  companyOfBillingReader,
  isBillable,
  mayDispute,
  monthOf,
  monthRange,
} from './billing.policy';

function outcome(f: () => unknown): string {
  try {
    return String(f());
  } catch (error) {
    if (error instanceof AppError) return `${error.code} ${error.currentState}`;
    throw error;
  }
}

describe('billable consultations', () => {
  it('are the finished and charged ones only', () => {
    const billable = CONSULTATION_STATUSES.flatMap((status) =>
      [true, false]
        .filter((flag) => isBillable({ status, isBillable: flag }))
        .map((flag) => `${status} ${flag}`),
    );
    expect(billable).toEqual(['COMPLETED true', 'CANCELLED true', 'NO_SHOW true']);
  });

  it('refuses every action on a consultation that is not billable, with its status', () => {
    for (const action of ['validate', 'bill', 'dispute'] as BillingAction[]) {
      expect(
        outcome(() =>
          checkBillingTransition(action, { status: 'CONFIRMED', isBillable: true, billingStatus: 'PENDING' }),
        ),
      ).toBe('NOT_BILLABLE CONFIRMED');
      expect(
        outcome(() =>
          checkBillingTransition(action, { status: 'NO_SHOW', isBillable: false, billingStatus: 'PENDING' }),
        ),
      ).toBe('NOT_BILLABLE NO_SHOW');
    }
  });
});

describe('billing transitions', () => {
  const expected: Record<BillingAction, Record<string, string>> = {
    validate: {
      PENDING: 'VALIDATED',
      VALIDATED: 'ILLEGAL_TRANSITION VALIDATED',
      BILLED: 'ILLEGAL_TRANSITION BILLED',
      DISPUTED: 'VALIDATED',
    },
    bill: {
      PENDING: 'ILLEGAL_TRANSITION PENDING',
      VALIDATED: 'BILLED',
      BILLED: 'ILLEGAL_TRANSITION BILLED',
      DISPUTED: 'ILLEGAL_TRANSITION DISPUTED',
    },
    dispute: {
      PENDING: 'DISPUTED',
      VALIDATED: 'DISPUTED',
      BILLED: 'DISPUTED',
      DISPUTED: 'ILLEGAL_TRANSITION DISPUTED',
    },
  };
  for (const action of Object.keys(BILLING_TRANSITIONS) as BillingAction[]) {
    it.each(BILLING_STATUSES)(`${action} from %s`, (billingStatus) => {
      expect(
        outcome(() =>
          checkBillingTransition(action, { status: 'COMPLETED', isBillable: true, billingStatus }),
        ),
      ).toBe(expected[action][billingStatus]);
    });
  }

  it('tells which changes move a bill in or out of the counters', () => {
    expect(changesCounters('PENDING', 'VALIDATED')).toBe(true);
    expect(changesCounters('DISPUTED', 'VALIDATED')).toBe(true);
    expect(changesCounters('VALIDATED', 'BILLED')).toBe(false);
    expect(changesCounters('BILLED', 'DISPUTED')).toBe(true);
    expect(changesCounters('PENDING', 'DISPUTED')).toBe(false);
  });
});

describe('months', () => {
  it('are UTC calendar months, half-open, across the year end', () => {
    expect(monthRange('2026-03')).toEqual({
      from: new Date('2026-03-01T00:00:00.000Z'),
      to: new Date('2026-04-01T00:00:00.000Z'),
    });
    expect(monthRange('2026-12')).toEqual({
      from: new Date('2026-12-01T00:00:00.000Z'),
      to: new Date('2027-01-01T00:00:00.000Z'),
    });
    expect(monthOf(new Date('2026-03-31T23:59:59.999Z'))).toBe('2026-03');
    expect(monthOf(new Date('2026-04-01T00:00:00.000Z'))).toBe('2026-04');
  });
});

describe('who', () => {
  const actor = (role: (typeof ROLES)[number], companyId: string | null = null) => ({ role, companyId });
  const forbidden = (f: () => unknown) => {
    try {
      f();
      return false;
    } catch (error) {
      if (error instanceof AppError && error.code === 'FORBIDDEN') return true;
      throw error;
    }
  };

  it('lets HuntZen admins alone manage billing, HR and HuntZen admins dispute, HR read its company', () => {
    for (const role of ROLES) {
      const admin = role === 'SUPER_ADMIN' || role === 'ADMIN_HUNTZEN';
      expect(
        forbidden(() => assertBillingManager(actor(role))),
        role,
      ).toBe(!admin);
      expect(mayDispute(actor(role)), role).toBe(admin || role === 'ADMIN_RH');
      const company = '00000000-0000-4000-8000-000000000001';
      expect(
        forbidden(() => companyOfBillingReader(actor(role, company))),
        role,
      ).toBe(role !== 'ADMIN_RH');
    }
    // HR without a company reads nothing.
    expect(forbidden(() => companyOfBillingReader(actor('ADMIN_RH')))).toBe(true);
  });
});
