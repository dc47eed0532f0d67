// Who may erase their account, and what each role is told stays.
import { describe, expect, it } from 'vitest';
import { erasedFor, keptFor, mayErase } from './privacy.policy';

describe('privacy policy', () => {
  it('lets employees, practitioners and HR erase their own account, not HuntZen staff', () => {
    expect(mayErase('EMPLOYEE')).toBe(true);
    expect(mayErase('PRACTITIONER')).toBe(true);
    expect(mayErase('ADMIN_RH')).toBe(true);
    expect(mayErase('ADMIN_HUNTZEN')).toBe(false);
    expect(mayErase('SUPER_ADMIN')).toBe(false);
  });

  it('says clinical notes stay for employees and practitioners, with a legal reason for everything kept', () => {
    expect(keptFor('EMPLOYEE').map((k) => k.item)).toEqual([
      'CONSULTATIONS_ANONYMOUS',
      'CLINICAL_NOTES',
      'AUDIT_LOG_PSEUDONYMOUS',
    ]);
    expect(keptFor('PRACTITIONER').map((k) => k.item)).toContain('PRACTITIONER_IDENTITY');
    for (const role of ['EMPLOYEE', 'PRACTITIONER', 'ADMIN_RH'] as const) {
      for (const kept of keptFor(role)) expect(kept.reason.length).toBeGreaterThan(40);
      expect(erasedFor(role).length).toBeGreaterThan(2);
    }
    expect(keptFor('SUPER_ADMIN')).toEqual([]);
    expect(keptFor('EMPLOYEE').find((k) => k.item === 'CLINICAL_NOTES')!.reason).toMatch(/20 years/);
  });
});
