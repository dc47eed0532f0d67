// Field rules of the employee profile shared by the API and the web app.
import { describe, expect, it } from 'vitest';
import { normalizeTimeZone, PhoneNumberSchema, UpdateEmployeeProfileRequestSchema } from './employee-profile';

describe('time zones', () => {
  it('takes IANA names, in their usual case', () => {
    expect(normalizeTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(normalizeTimeZone('america/new_york')).toBe('America/New_York');
    // An alias stays the name the user chose (engines disagree on which name is canonical).
    expect(normalizeTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(normalizeTimeZone('Europe/Kyiv')).toBe('Europe/Kyiv');
    expect(normalizeTimeZone('UTC')).toBe('UTC');
    expect(normalizeTimeZone('Etc/GMT+1')).toBe('Etc/GMT+1');
  });

  it('refuses unknown names, offsets and junk', () => {
    for (const name of [
      'Europe/Lutece',
      '+01:00',
      '-05:00',
      'GMT+01:00 Paris',
      '',
      '../etc/passwd',
      'Paris',
    ]) {
      expect(normalizeTimeZone(name), name).toBeNull();
    }
  });
});

describe('phone number shape', () => {
  it('takes digits with the usual separators, and clears on empty', () => {
    expect(PhoneNumberSchema.parse(' 06 12 34 56 78 ')).toBe('06 12 34 56 78');
    expect(PhoneNumberSchema.parse('+33 (0)6 12-34-56.78')).toBe('+33 (0)6 12-34-56.78');
    expect(PhoneNumberSchema.parse('')).toBeNull();
  });

  it('refuses letters, too few or too many digits', () => {
    for (const text of ['12', 'call me', '06 12 AB 56 78', '+33 6 12 34 56 78 90 12 34', '++33612345678']) {
      expect(PhoneNumberSchema.safeParse(text).success, text).toBe(false);
    }
  });
});

describe('profile update request', () => {
  it('trims, normalizes and clears', () => {
    expect(
      UpdateEmployeeProfileRequestSchema.parse({
        firstName: ' Marc ',
        bio: '  ',
        location: null,
        phoneNumber: '',
        timezone: 'europe/paris',
      }),
    ).toEqual({ firstName: 'Marc', bio: null, location: null, phoneNumber: null, timezone: 'Europe/Paris' });
  });

  it('allows a bio of 1000 characters, not 1001', () => {
    expect(UpdateEmployeeProfileRequestSchema.safeParse({ bio: 'a'.repeat(1000) }).success).toBe(true);
    expect(UpdateEmployeeProfileRequestSchema.safeParse({ bio: 'a'.repeat(1001) }).success).toBe(false);
  });
});
