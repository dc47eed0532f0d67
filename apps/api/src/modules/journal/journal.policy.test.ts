import { describe, expect, it } from 'vitest';
import { journalOwnerOf, journalStreak } from './journal.policy';
import { toUnitScore } from './sentiment';

describe('journalOwnerOf', () => {
  it('gives the employee id of an employee and refuses every other role', () => {
    expect(journalOwnerOf({ role: 'EMPLOYEE', employeeId: 'e1' })).toBe('e1');
    for (const role of ['ADMIN_RH', 'PRACTITIONER', 'ADMIN_HUNTZEN', 'SUPER_ADMIN', 'SYSTEM'] as const) {
      expect(() => journalOwnerOf({ role, employeeId: 'e1' })).toThrow(/Only an employee/);
    }
    expect(() => journalOwnerOf({ role: 'EMPLOYEE' })).toThrow();
  });
});

describe('journalStreak', () => {
  it('counts consecutive days ending today or yesterday', () => {
    expect(journalStreak([], '2026-03-10')).toEqual({ current: 0, longest: 0, lastEntryDate: null });
    expect(journalStreak(['2026-03-10', '2026-03-09', '2026-03-07'], '2026-03-10')).toEqual({
      current: 2,
      longest: 2,
      lastEntryDate: '2026-03-10',
    });
    expect(journalStreak(['2026-03-09', '2026-03-08', '2026-03-07'], '2026-03-10').current).toBe(3);
    expect(journalStreak(['2026-03-08', '2026-03-07'], '2026-03-10').current).toBe(0);
    // Across a month end and a DST change.
    expect(
      journalStreak(['2026-04-01', '2026-03-31', '2026-03-30', '2026-03-29'], '2026-04-01').longest,
    ).toBe(4);
  });
});

describe('toUnitScore', () => {
  it('maps a sum over matched words to -1 … 1', () => {
    expect(toUnitScore(0, 0)).toBe(0);
    expect(toUnitScore(1.5, 2)).toBe(0.75);
    expect(toUnitScore(-3, 2)).toBe(-1);
    expect(toUnitScore(0.333, 1)).toBe(0.33);
  });
});
