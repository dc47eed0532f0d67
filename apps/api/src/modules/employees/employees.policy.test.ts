// An employee account's status and what HR may do from each one.
import { EMPLOYEE_STATUSES } from '@huntzen/contracts';
import { describe, expect, it } from 'vitest';
import { canChange, employeeStatus } from './employees.policy';

describe('employeeStatus', () => {
  it('tells a waiting account from a deactivated one by its approval', () => {
    expect(employeeStatus({ isActive: true, approvedAt: new Date() })).toBe('ACTIVE');
    expect(employeeStatus({ isActive: false, approvedAt: null })).toBe('PENDING');
    expect(employeeStatus({ isActive: false, approvedAt: new Date() })).toBe('DEACTIVATED');
  });
});

describe('canChange', () => {
  it('approves the waiting, deactivates the active, reactivates the deactivated, nothing else', () => {
    const allowed = { APPROVE: 'PENDING', DEACTIVATE: 'ACTIVE', REACTIVATE: 'DEACTIVATED' } as const;
    for (const [action, from] of Object.entries(allowed) as [keyof typeof allowed, string][]) {
      for (const status of EMPLOYEE_STATUSES) {
        expect(canChange(status, action), `${action} from ${status}`).toBe(status === from);
      }
    }
  });
});
