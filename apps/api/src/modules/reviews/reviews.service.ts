// Reviews: an employee reviews a completed consultation of theirs once, within 30 days; HuntZen's
// admins publish or reject; everyone signed in reads the published ones, their author shown as
// initials. A practitioner's averageRating and reviewCount always equal their published reviews:
// each moderation recounts them in its own transaction, the practitioner's row locked.
import type {
  CreateReviewRequest,
  ModerationPage,
  MyPractitionerReviews,
  MyReviewState,
  OwnReview,
  PublicReviewPage,
  ReviewStatus,
} from '@huntzen/contracts';
import { type Database, type PractitionerReview, practitioners, type Tx, withActor } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { notify } from '../../platform/notifications';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { recipientOf } from '../auth';
import { findListedPractitioner, ratingDistribution } from '../directory';
import {
  canModerate,
  consultationEnd,
  formatInitials,
  MODERATION_SOURCES,
  type ModerationDecision,
  oldestReviewableEnd,
  reviewableUntil,
  reviewRefusal,
  reviewStatus,
} from './reviews.policy';
import {
  findOwnConsultation,
  findReview,
  findReviewOfConsultation,
  insertReview,
  lockPractitioner,
  moderateReview,
  moderationQueue,
  ownReviews,
  publishedReviews,
  refreshPractitionerRating,
  unreviewedConsultations,
} from './reviews.repository';

interface Page {
  limit: number;
  cursor?: string | undefined;
}

const UNIQUE_VIOLATION = '23505';

/** True when `error` (or an error it wraps, as Drizzle does) is a unique violation of `constraint`. */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (code === UNIQUE_VIOLATION && name === constraint) return true;
  }
  return false;
}

function toOwnReview(row: PractitionerReview): OwnReview {
  return {
    id: row.id,
    consultationId: row.consultationId,
    practitionerId: row.practitionerId,
    rating: row.rating,
    comment: row.comment,
    status: reviewStatus(row),
    createdAt: row.createdAt.toISOString(),
  };
}

async function publishedPage(tx: Tx, practitionerId: string, page: Page): Promise<PublicReviewPage> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const rows = await publishedReviews(tx, { practitionerId, limit: page.limit, after });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => ({
      id: row.id,
      rating: row.rating,
      comment: row.comment,
      authorInitials: formatInitials(row.initials),
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor:
      rows.length > page.limit && last ? encodeCursor({ t: last.createdAtText, id: last.id }) : null,
  };
}

/** Builds the reviews service. */
export function createReviewsService(deps: { db: Database; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  async function notifyPublished(tx: Tx, practitionerId: string) {
    const [practitioner] = await tx
      .select({ userId: practitioners.userId })
      .from(practitioners)
      .where(eq(practitioners.id, practitionerId));
    if (!practitioner) return;
    const fr = (await recipientOf(tx, practitioner.userId)).language === 'fr';
    await notify(tx, {
      userId: practitioner.userId,
      type: 'SYSTEM',
      title: fr ? 'Nouvel avis publié' : 'New review published',
      message: fr
        ? 'Un avis sur vos consultations est désormais visible sur votre profil.'
        : 'A review of your consultations is now shown on your profile.',
      linkUrl: '/app/my-reviews',
      email: false,
    });
  }

  async function moderate(actor: RequestActor, id: string, decision: ModerationDecision) {
    return withActor(deps.db, actor, async (tx) => {
      const found = await findReview(tx, id);
      if (!found) throw new AppError('NOT_FOUND', 'No such review.');
      // Locked before the review is read again and changed: concurrent moderations of one
      // practitioner's reviews queue here, and each recount below sees the ones committed before.
      await lockPractitioner(tx, found.practitionerId);
      const review = (await findReview(tx, id)) ?? found;
      const before = reviewStatus(review);
      if (!canModerate(before, decision)) {
        throw new AppError(
          'ILLEGAL_TRANSITION',
          `This review is ${before}: it cannot be ${decision === 'publish' ? 'published' : 'rejected'}.`,
        );
      }
      const updated = await moderateReview(tx, {
        id,
        publish: decision === 'publish',
        moderatorId: actor.userId,
        from: MODERATION_SOURCES[decision],
      });
      if (!updated) throw new AppError('NOT_FOUND', 'No such review.');
      const after = reviewStatus(updated);
      const rating = await refreshPractitionerRating(tx, updated.practitionerId);
      await recordAudit(tx, actor, {
        action: decision === 'publish' ? 'VALIDATE' : 'UPDATE',
        resource: 'practitioner_review',
        resourceId: id,
        details: { practitionerId: updated.practitionerId },
        changesBefore: { status: before },
        changesAfter: { status: after },
      });
      if (after === 'published') await notifyPublished(tx, updated.practitionerId);
      return {
        id,
        status: after,
        practitioner: {
          id: updated.practitionerId,
          averageRating: rating?.average_rating ?? null,
          reviewCount: rating?.review_count ?? 0,
        },
      };
    });
  }

  return {
    /** The employee reviews a completed consultation of theirs (once, within 30 days of its end). */
    async create(actor: RequestActor, body: CreateReviewRequest): Promise<OwnReview> {
      const employeeId = actor.employeeId;
      if (!employeeId) throw new AppError('NOT_FOUND', 'No such consultation.');
      return withActor(deps.db, actor, async (tx) => {
        const consultation = await findOwnConsultation(tx, body.consultationId, employeeId);
        if (!consultation) throw new AppError('NOT_FOUND', 'No such consultation.');
        const refusal = reviewRefusal(consultation, now());
        if (refusal === 'NOT_COMPLETED') {
          throw new AppError(
            'CONFLICT',
            `Only a completed consultation can be reviewed (this one is ${consultation.status}).`,
          );
        }
        if (refusal === 'WINDOW_CLOSED') {
          throw new AppError(
            'REVIEW_WINDOW_CLOSED',
            `Consultations can be reviewed for 30 days after they end; this one ended on ${consultationEnd(consultation).toISOString()}.`,
          );
        }
        if (await findReviewOfConsultation(tx, consultation.id)) {
          throw new AppError('ALREADY_REVIEWED', 'You have already reviewed this consultation.');
        }
        let review: PractitionerReview;
        try {
          // A savepoint: a concurrent review of the same consultation fails here, and the
          // transaction stays usable to answer.
          review = await tx.transaction((sp) =>
            insertReview(sp, {
              practitionerId: consultation.practitionerId,
              employeeId,
              consultationId: consultation.id,
              rating: body.rating,
              comment: body.comment?.trim() || null,
            }),
          );
        } catch (error) {
          if (isUniqueViolation(error, 'practitioner_reviews_consultation_id_unique')) {
            throw new AppError('ALREADY_REVIEWED', 'You have already reviewed this consultation.');
          }
          throw error;
        }
        // The rating and comment are the employee's words about their care: not copied to the log.
        await recordAudit(tx, actor, {
          action: 'CREATE',
          resource: 'practitioner_review',
          resourceId: review.id,
          details: { consultationId: consultation.id, practitionerId: consultation.practitionerId },
        });
        return toOwnReview(review);
      });
    },

    /** Published reviews of a listed practitioner, newest first. */
    async listPublished(actor: RequestActor, practitionerId: string, page: Page): Promise<PublicReviewPage> {
      return withActor(deps.db, actor, async (tx) => {
        if (!(await findListedPractitioner(tx, practitionerId))) {
          throw new AppError('NOT_FOUND', 'No such practitioner in the directory.');
        }
        return publishedPage(tx, practitionerId, page);
      });
    },

    /** For the employee on a profile: consultations they may still review, and their reviews. */
    async myState(actor: RequestActor, practitionerId: string): Promise<MyReviewState> {
      const employeeId = actor.employeeId;
      if (!employeeId) throw new AppError('NOT_FOUND', 'No such practitioner in the directory.');
      return withActor(deps.db, actor, async (tx) => {
        if (!(await findListedPractitioner(tx, practitionerId))) {
          throw new AppError('NOT_FOUND', 'No such practitioner in the directory.');
        }
        const open = await unreviewedConsultations(
          tx,
          employeeId,
          practitionerId,
          oldestReviewableEnd(now()),
        );
        const reviews = await ownReviews(tx, employeeId, practitionerId);
        return {
          reviewableConsultations: open.map((c) => ({
            consultationId: c.id,
            scheduledAt: c.scheduledAt.toISOString(),
            endedAt: consultationEnd(c).toISOString(),
            reviewableUntil: reviewableUntil(c).toISOString(),
          })),
          reviews: reviews.map(toOwnReview),
        };
      });
    },

    /** The practitioner's own published reviews and rating summary. */
    async mine(actor: RequestActor, page: Page): Promise<MyPractitionerReviews> {
      const practitionerId = actor.practitionerId;
      if (!practitionerId) throw new AppError('NOT_FOUND', 'No practitioner profile.');
      return withActor(deps.db, actor, async (tx) => {
        const [profile] = await tx
          .select({ averageRating: practitioners.averageRating, reviewCount: practitioners.reviewCount })
          .from(practitioners)
          .where(eq(practitioners.id, practitionerId));
        if (!profile) throw new AppError('NOT_FOUND', 'No practitioner profile.');
        return {
          ...(await publishedPage(tx, practitionerId, page)),
          ratingSummary: { ...profile, distribution: await ratingDistribution(tx, practitionerId) },
        };
      });
    },

    /** The moderation queue of one state. */
    async queue(actor: RequestActor, status: ReviewStatus, page: Page): Promise<ModerationPage> {
      return withActor(deps.db, actor, async (tx) => {
        const after = page.cursor ? decodeCursor(page.cursor) : null;
        const rows = await moderationQueue(tx, { status, limit: page.limit, after });
        const items = rows.slice(0, page.limit);
        const last = items.at(-1);
        return {
          items: items.map((row) => ({
            id: row.id,
            rating: row.rating,
            comment: row.comment,
            authorInitials: formatInitials(row.initials),
            status: reviewStatus(row),
            createdAt: row.createdAt.toISOString(),
            moderatedAt: row.moderatedAt?.toISOString() ?? null,
            practitioner: row.practitioner,
          })),
          nextCursor:
            rows.length > page.limit && last ? encodeCursor({ t: last.timeText, id: last.id }) : null,
        };
      });
    },

    /** Publishes a pending or rejected review. */
    publish: (actor: RequestActor, id: string) => moderate(actor, id, 'publish'),
    /** Rejects a pending review, or withdraws a published one. */
    reject: (actor: RequestActor, id: string) => moderate(actor, id, 'reject'),
  };
}

export type ReviewsService = ReturnType<typeof createReviewsService>;
