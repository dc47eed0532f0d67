// Phone numbers: real numbering plans, French by default, E.164 out.
import { describe, expect, it } from 'vitest';
import { normalizePhoneNumber } from './phone-numbers';

describe('phone numbers', () => {
  it('reads French numbers without a country code and keeps other countries', () => {
    expect(normalizePhoneNumber('06 12 34 56 78')).toBe('+33612345678');
    expect(normalizePhoneNumber('+33 (0)6 12-34-56-78')).toBe('+33612345678');
    expect(normalizePhoneNumber('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhoneNumber('+1 415 555 2671')).toBe('+14155552671');
  });

  it('refuses what has the shape of a number but is none', () => {
    for (const text of ['06 12 34', '00 00 00 00 00', '+33 6 12 34 56 78 90', '+999 123 456', '123456']) {
      expect(normalizePhoneNumber(text), text).toBeNull();
    }
  });
});
