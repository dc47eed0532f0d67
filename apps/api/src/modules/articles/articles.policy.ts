// Who writes articles, which publication moves are legal, when a planned publication may be set,
// and which visits count. Pure rules, tested on their own (articles.policy.test.ts).
import { ARTICLE_LIMITS, type ArticleStatus, HUNTZEN_ADMINS, isHuntzenAdmin } from '@huntzen/contracts';
import type { Actor } from '@huntzen/db';
import { AppError } from '../../platform/errors';

/** HuntZen's admins write articles; everyone reads the published ones. */
export const ARTICLE_WRITERS = HUNTZEN_ADMINS;

/** True for an actor who sees and writes every article, whatever its status. */
export function isArticleWriter(actor: Actor): boolean {
  return isHuntzenAdmin(actor.role);
}

export type ArticleAction = 'publish' | 'schedule' | 'archive';

const FROM: Record<ArticleAction, readonly ArticleStatus[]> = {
  // An archived article may come back.
  publish: ['DRAFT', 'SCHEDULED', 'ARCHIVED'],
  // Scheduling a scheduled article moves its publication.
  schedule: ['DRAFT', 'SCHEDULED', 'ARCHIVED'],
  archive: ['DRAFT', 'SCHEDULED', 'PUBLISHED'],
};

/** The status after `action`, or ILLEGAL_TRANSITION (409, with the current state). */
export function nextStatus(current: ArticleStatus, action: ArticleAction): ArticleStatus {
  if (!FROM[action].includes(current)) {
    throw new AppError('ILLEGAL_TRANSITION', `A ${current} article cannot be ${action}ed.`, {
      currentState: current,
    });
  }
  return action === 'publish' ? 'PUBLISHED' : action === 'schedule' ? 'SCHEDULED' : 'ARCHIVED';
}

/** A planned publication: after now, within two years; else VALIDATION_FAILED on the field. */
export function assertSchedulable(at: Date, now: Date): void {
  const max = now.getTime() + ARTICLE_LIMITS.scheduleMaxDays * 86_400_000;
  if (at.getTime() <= now.getTime() || at.getTime() > max) {
    throw new AppError('VALIDATION_FAILED', 'The publication time must be ahead, within two years.', {
      errors: [{ path: 'body.scheduledFor', message: 'must be in the future, within two years' }],
    });
  }
}

// Crawlers, link previews, monitors and command-line clients: none of them is a reader.
const BOT =
  /bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|lighthouse|pingdom|monitor|curl|wget|python|java\/|go-http|node-fetch|axios|okhttp|httpclient|libwww|scrapy|phantomjs|bingpreview|feed|rss/i;

/** True when a request comes from a program rather than a person (no user agent at all included). */
export function isBot(userAgent: string | undefined | null, purpose?: string | null): boolean {
  if (!userAgent || userAgent.trim() === '') return true;
  // Prefetches and prerenders are not reads.
  if (purpose && /prefetch|prerender/i.test(purpose)) return true;
  return BOT.test(userAgent);
}

/** The job key of an article's planned publication (one per article: planning again moves it). */
export function publicationJobKey(articleId: string): string {
  return `article_publication:${articleId}`;
}
