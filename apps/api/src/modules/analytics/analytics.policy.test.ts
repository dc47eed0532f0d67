// The pure rules of the admin analytics: who, which months, which averages.
import { describe, expect, it } from 'vitest';
import type { RequestActor } from '../../platform/auth';
import { addMonths, assertPlatformAdmin, averageDuration, monthRange, trendMonths } from './analytics.policy';

const actor = (role: RequestActor['role']) =>
  ({ role, userId: 'u', email: 'e', sessionId: 's', mfa: 'ok' }) as RequestActor;

describe('analytics policy', () => {
  it("admits HuntZen's admins only", () => {
    expect(() => assertPlatformAdmin(actor('SUPER_ADMIN'))).not.toThrow();
    expect(() => assertPlatformAdmin(actor('ADMIN_HUNTZEN'))).not.toThrow();
    for (const role of ['ADMIN_RH', 'PRACTITIONER', 'EMPLOYEE'] as const) {
      expect(() => assertPlatformAdmin(actor(role))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
  });

  it('works in UTC calendar months, across years', () => {
    expect(monthRange('2026-12')).toEqual({
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(trendMonths('2026-03')).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });

  it('averages minutes per consultation with one decimal, null when there is none', () => {
    expect(averageDuration(0, 0)).toBeNull();
    expect(averageDuration(3, 145)).toBe(48.3);
    expect(averageDuration(2, 90)).toBe(45);
  });
});
