// The rules of reviews, as pure functions: when a consultation may be reviewed, the three states
// of a review and the moderation moves between them, and how an author is shown.
import { REVIEW_WINDOW_DAYS, type ReviewStatus } from '@huntzen/contracts';
import type { ConsultationStatus } from '@huntzen/db';

const WINDOW_MS = REVIEW_WINDOW_DAYS * 24 * 3_600_000;

/** What a review window is computed from. */
export interface ReviewedConsultation {
  status: ConsultationStatus;
  endedAt: Date | null;
  scheduledEndAt: Date;
}

/** When the consultation ended: its recorded end, else its planned end. */
export function consultationEnd(c: Pick<ReviewedConsultation, 'endedAt' | 'scheduledEndAt'>): Date {
  return c.endedAt ?? c.scheduledEndAt;
}

/** The last instant a review is accepted (30 days of 24 h after the end, as the database checks). */
export function reviewableUntil(c: Pick<ReviewedConsultation, 'endedAt' | 'scheduledEndAt'>): Date {
  return new Date(consultationEnd(c).getTime() + WINDOW_MS);
}

/** The earliest end of a consultation still open to review at `now`. */
export function oldestReviewableEnd(now: Date): Date {
  return new Date(now.getTime() - WINDOW_MS);
}

/** Why the consultation cannot be reviewed at `now`, or null when it can. */
export function reviewRefusal(c: ReviewedConsultation, now: Date): 'NOT_COMPLETED' | 'WINDOW_CLOSED' | null {
  if (c.status !== 'COMPLETED') return 'NOT_COMPLETED';
  if (now.getTime() > reviewableUntil(c).getTime()) return 'WINDOW_CLOSED';
  return null;
}

/** Pending until moderated; then published, or rejected (moderated and not published). */
export function reviewStatus(r: { isPublished: boolean; moderatedAt: Date | null }): ReviewStatus {
  if (r.isPublished) return 'published';
  return r.moderatedAt ? 'rejected' : 'pending';
}

export type ModerationDecision = 'publish' | 'reject';

/** The states a decision applies to: a rejected review may be published after all, a published one withdrawn. */
export const MODERATION_SOURCES: Record<ModerationDecision, readonly ReviewStatus[]> = {
  publish: ['pending', 'rejected'],
  reject: ['pending', 'published'],
};

/** True when `decision` may be taken on a review in state `current`. */
export function canModerate(current: ReviewStatus, decision: ModerationDecision): boolean {
  return MODERATION_SOURCES[decision].includes(current);
}

/**
 * "M. D." from the two initials the database gives (first name, last name). Nothing else of the
 * author ever leaves the API; a missing initial is left out rather than guessed.
 */
export function formatInitials(initials: readonly (string | null)[] | null | undefined): string {
  const letters = (initials ?? [])
    .map((letter) => (letter ?? '').trim())
    .filter((letter) => letter !== '')
    .map((letter) => `${letter.toLocaleUpperCase('fr')}.`);
  return letters.length > 0 ? letters.join(' ') : '—';
}
