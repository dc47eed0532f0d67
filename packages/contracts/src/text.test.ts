// The shared rules every request's text and dates pass (apps/api/src/platform/validation.ts and the
// date fields of the request schemas).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDate, isoDateOrInstant, isoInstant, isoMonth } from './dates';
import { escapeUnsafeText, SafeTextSchema, textProblem, unsafeTextIssues } from './text';

describe('textProblem', () => {
  it('refuses NUL characters and lone surrogates', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('\ud800')).toMatch(/surrogate/);
    expect(textProblem('x\udfff')).toMatch(/surrogate/);
    expect(textProblem('\udc00\ud800')).toMatch(/surrogate/);
  });

  it('accepts any well-formed text without NUL, emoji (surrogate pairs) included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!text.includes('\u0000'));
        expect(textProblem(text)).toBeNull();
      }),
    );
    expect(textProblem('Zoé 😀 日本')).toBeNull();
  });

  it('agrees with String.prototype.isWellFormed on arbitrary UTF-16', () => {
    const isWellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 12 }),
        (text) => (textProblem(text) === null) === (isWellFormed(text) && !text.includes('\u0000')),
      ),
      { numRuns: 500 },
    );
  });
});

describe('unsafeTextIssues', () => {
  it('finds every bad string and object key with its path, and nothing in clean input', () => {
    const issues = unsafeTextIssues({
      ok: ['fine', 42, null, { deep: 'still fine 😀' }],
      list: ['x', 'a\u0000'],
      nested: { '\ud800key': 1, text: 'b\udc00' },
    });
    expect(issues).toEqual([
      { path: ['list', 1], message: expect.stringMatching(/NUL/) },
      { path: ['nested', '\\ud800key'], message: expect.stringMatching(/^name .*surrogate/) },
      { path: ['nested', 'text'], message: expect.stringMatching(/surrogate/) },
    ]);
    expect(unsafeTextIssues({ a: ['b', { c: 'd' }], e: 1.5, f: true })).toEqual([]);
    expect(unsafeTextIssues('\u0000')).toEqual([{ path: [], message: expect.any(String) }]);
  });

  it('stops at its limit and refuses absurd nesting', () => {
    expect(unsafeTextIssues(Array(100).fill('\u0000'), 5)).toHaveLength(5);
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(unsafeTextIssues(deep)).toEqual([
      { path: expect.any(Array), message: expect.stringMatching(/nested/) },
    ]);
  });

  it('escapes what it cannot echo back', () => {
    expect(escapeUnsafeText('a\u0000b\ud800')).toBe('a\\u0000b\\ud800');
    expect(escapeUnsafeText('😀')).toBe('😀');
  });

  it('is the rule of SafeTextSchema', () => {
    expect(SafeTextSchema.safeParse('ok').success).toBe(true);
    expect(SafeTextSchema.safeParse('a\u0000').error?.issues[0]?.message).toMatch(/NUL/);
  });
});

describe('request dates', () => {
  const yearMessage = 'a year between 1900 and 2200';
  const messages = (result: { error?: { issues: { message: string }[] } }) =>
    result.error?.issues.map((i) => i.message);

  it('refuses instants, dates and months outside 1900–2200 with one clear message', () => {
    for (const value of [
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '1899-12-31T23:59:59Z',
      '2201-01-01T00:00:00Z',
    ]) {
      expect(messages(isoInstant().safeParse(value)), value).toEqual([yearMessage]);
    }
    expect(messages(isoInstant({ offset: true }).safeParse('0000-01-01T00:00:00+14:00'))).toEqual([
      yearMessage,
    ]);
    expect(messages(isoDate().safeParse('0000-01-01'))).toEqual([yearMessage]);
    expect(messages(isoDate().safeParse('9999-12-31'))).toEqual([yearMessage]);
    expect(messages(isoMonth().safeParse('0000-01'))).toEqual([yearMessage]);
  });

  it('accepts the edges of the range and keeps the format messages for malformed values', () => {
    expect(isoInstant().safeParse('1900-01-01T00:00:00Z').success).toBe(true);
    expect(isoInstant().safeParse('2200-12-31T23:59:59.999Z').success).toBe(true);
    expect(isoInstant({ offset: true }).safeParse('2026-03-02T09:00:00+01:00').success).toBe(true);
    expect(isoInstant().safeParse('2026-03-02T09:00:00+01:00').success).toBe(false);
    expect(isoDate().safeParse('2026-02-28').success).toBe(true);
    expect(isoMonth().safeParse('2026-03').success).toBe(true);
    expect(messages(isoInstant({ error: 'an ISO date-time' }).safeParse('yesterday'))).toEqual([
      'an ISO date-time',
    ]);
    expect(messages(isoMonth().safeParse('2026-13'))).toEqual(['a month as YYYY-MM, e.g. 2026-03']);
  });
});

describe('isoDateOrInstant', () => {
  it('takes a date or an instant with its offset, and names both forms when refusing', () => {
    expect(isoDateOrInstant().safeParse('2026-03-01').success).toBe(true);
    expect(isoDateOrInstant().safeParse('2026-03-01T08:00:00+01:00').success).toBe(true);
    for (const value of ['0000-01-01T00:00:00Z', '9999-12-31', 'soon']) {
      expect(
        isoDateOrInstant()
          .safeParse(value)
          .error?.issues.map((i) => i.message),
        value,
      ).toEqual([expect.stringMatching(/^an ISO 8601 date .* in years 1900 to 2200$/)]);
    }
  });
});
