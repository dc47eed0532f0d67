// The availability rules that need more than one request body, and who sees whose slots.
import { describe, expect, it } from 'vitest';
import { canSeeSlots, exceptionDateError, exceptionsOverlap, slotRangeErrors } from './availability.policy';
import { DEFAULT_SLOT_RULES } from './slots/slot-engine';

describe('availability policy', () => {
  it('shows slots to employees for bookable practitioners, to a practitioner for their own only', () => {
    const bookable = { id: 'p1', bookable: true };
    const pending = { id: 'p1', bookable: false };
    expect(canSeeSlots({ role: 'EMPLOYEE' }, bookable)).toBe(true);
    expect(canSeeSlots({ role: 'EMPLOYEE' }, pending)).toBe(false);
    expect(canSeeSlots({ role: 'PRACTITIONER', practitionerId: 'p1' }, pending)).toBe(true);
    expect(canSeeSlots({ role: 'PRACTITIONER', practitionerId: 'p2' }, bookable)).toBe(false);
    expect(canSeeSlots({ role: 'ADMIN_RH' }, bookable)).toBe(false);
  });

  it('accepts a range of at most the horizon, ending after it starts', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const at = (days: number) => new Date(from.getTime() + days * 86_400_000);
    expect(slotRangeErrors(from, at(60), DEFAULT_SLOT_RULES)).toEqual([]);
    expect(slotRangeErrors(from, at(60.01), DEFAULT_SLOT_RULES)).toEqual([
      { path: 'query.to', message: 'must be at most 60 days after from' },
    ]);
    expect(slotRangeErrors(from, from, DEFAULT_SLOT_RULES)).toEqual([
      { path: 'query.to', message: 'must be after from' },
    ]);
    expect(slotRangeErrors(from, at(2), { ...DEFAULT_SLOT_RULES, horizonDays: 1 })).toHaveLength(1);
  });

  it('finds overlapping exceptions of a date, a day off covering the whole day', () => {
    const dayOff = { startTime: null, endTime: null };
    const morning = { startTime: '09:00', endTime: '12:00' };
    expect(exceptionsOverlap(dayOff, morning)).toBe(true);
    expect(exceptionsOverlap(morning, { startTime: '11:59', endTime: '13:00' })).toBe(true);
    expect(exceptionsOverlap(morning, { startTime: '12:00', endTime: '13:00' })).toBe(false);
    expect(exceptionsOverlap({ startTime: '23:00', endTime: '24:00' }, dayOff)).toBe(true);
  });

  it('takes exception dates from today to two years ahead', () => {
    expect(exceptionDateError('2026-11-24', '2026-11-24')).toBeNull();
    expect(exceptionDateError('2028-11-24', '2026-11-24')).toBeNull();
    expect(exceptionDateError('2026-11-23', '2026-11-24')?.path).toBe('body.date');
    expect(exceptionDateError('2028-11-25', '2026-11-24')?.message).toBe('must be within 2 years');
  });
});
