import { describe, expect, it } from 'vitest';
import { dateLocale } from './dates';

describe('dateLocale', () => {
  it('writes English as British English (day before month) and anything else as French', () => {
    expect(dateLocale('en')).toBe('en-GB');
    expect(dateLocale('en-US')).toBe('en-GB');
    expect(dateLocale('EN')).toBe('en-GB');
    expect(dateLocale('fr')).toBe('fr-FR');
    expect(dateLocale('de')).toBe('fr-FR');
    expect(
      new Intl.DateTimeFormat(dateLocale('en'), { timeZone: 'UTC' }).format(new Date('2026-12-07')),
    ).toBe('07/12/2026');
  });
});
