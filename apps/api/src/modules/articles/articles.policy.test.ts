// The pure rules of articles: every action from every status, the planning window, who is a
// reader for the view counter, and slugs.
import { ARTICLE_STATUSES, readingMinutes, slugify } from '@huntzen/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { assertSchedulable, isArticleWriter, isBot, nextStatus } from './articles.policy';

describe('nextStatus', () => {
  const table = {
    publish: { DRAFT: 'PUBLISHED', SCHEDULED: 'PUBLISHED', PUBLISHED: null, ARCHIVED: 'PUBLISHED' },
    schedule: { DRAFT: 'SCHEDULED', SCHEDULED: 'SCHEDULED', PUBLISHED: null, ARCHIVED: 'SCHEDULED' },
    archive: { DRAFT: 'ARCHIVED', SCHEDULED: 'ARCHIVED', PUBLISHED: 'ARCHIVED', ARCHIVED: null },
  } as const;
  for (const [action, row] of Object.entries(table)) {
    for (const status of ARTICLE_STATUSES) {
      const expected = row[status];
      it(`${action} from ${status} → ${expected ?? 'ILLEGAL_TRANSITION'}`, () => {
        const run = () => nextStatus(status, action as keyof typeof table);
        if (expected) expect(run()).toBe(expected);
        else
          expect(run).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', currentState: status }));
      });
    }
  }
});

describe('assertSchedulable', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  it('takes a time ahead, within two years', () => {
    expect(() => assertSchedulable(new Date('2026-03-01T10:01:00Z'), now)).not.toThrow();
    expect(() => assertSchedulable(new Date('2028-02-28T10:00:00Z'), now)).not.toThrow();
  });
  it('refuses now, the past and beyond two years, on the field', () => {
    for (const at of ['2026-03-01T10:00:00Z', '2026-02-28T10:00:00Z', '2028-03-02T10:00:00Z']) {
      expect(() => assertSchedulable(new Date(at), now)).toThrow(AppError);
    }
  });
});

describe('readers', () => {
  it('counts people, not programs', () => {
    expect(
      isBot('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36'),
    ).toBe(false);
    for (const ua of [
      '',
      undefined,
      'Googlebot/2.1 (+http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0)',
      'facebookexternalhit/1.1',
      'curl/8.5.0',
      'Mozilla/5.0 HeadlessChrome/120',
      'Feedly/1.0',
    ]) {
      expect(isBot(ua), String(ua)).toBe(true);
    }
    expect(isBot('Mozilla/5.0 Chrome/120', 'prefetch')).toBe(true);
  });
  it('knows the writers', () => {
    expect(isArticleWriter({ role: 'ADMIN_HUNTZEN' })).toBe(true);
    expect(isArticleWriter({ role: 'SUPER_ADMIN' })).toBe(true);
    expect(isArticleWriter({ role: 'ADMIN_RH' })).toBe(false);
    expect(isArticleWriter({ role: 'ANONYMOUS' })).toBe(false);
  });
});

describe('slugify and reading time', () => {
  it('strips accents and short words, and stays stable', () => {
    expect(slugify('Comment gérer le stress au travail')).toBe('comment-gerer-stress-travail');
    expect(slugify('L’œuvre d’une vie : équilibre & bien-être !')).toBe('oeuvre-vie-equilibre-bien-etre');
    expect(slugify('Le la les')).toBe('le-la-les');
    expect(slugify('🙂')).toBe('');
    expect(slugify(`${'a'.repeat(50)} ${'b'.repeat(50)}`).length).toBeLessThanOrEqual(80);
  });
  it('reads 200 words a minute, at least one', () => {
    expect(readingMinutes('mot')).toBe(1);
    expect(readingMinutes('mot '.repeat(1000))).toBe(5);
  });
});
