// isoInstant against Date#toISOString, which it replaces where answers hold many instants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInstant, isoOrNull } from './iso-time';

const DAY = 86_400_000;

describe('isoInstant', () => {
  it('writes what Date#toISOString writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * DAY, max: 253402300800000 + 10 * DAY }), (ms) => {
        expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
    for (const ms of [0, 999, 59_999, DAY - 1, Date.parse('2028-02-29T23:59:59.999Z'), 253402300799999]) {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('keeps null', () => {
    expect(isoOrNull(null)).toBeNull();
    expect(isoOrNull(new Date('2026-12-07T08:15:30.250Z'))).toBe('2026-12-07T08:15:30.250Z');
  });
});
