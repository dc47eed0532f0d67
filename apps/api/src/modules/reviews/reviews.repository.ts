// The SQL of reviews: writing one, the published ones of a practitioner, the employee's own, the
// moderation queue, and the practitioner's rating kept equal to their published reviews.
import type { ReviewStatus } from '@huntzen/contracts';
import { consultations, practitionerReviews, practitioners, type Tx } from '@huntzen/db';
import { and, asc, desc, eq, isNotNull, isNull, not, type SQL, sql } from 'drizzle-orm';

const r = practitionerReviews;

/** The condition of each state (see reviews.policy reviewStatus). */
export const STATUS_CONDITION: Record<ReviewStatus, SQL> = {
  pending: and(isNull(r.moderatedAt), eq(r.isPublished, false))!,
  published: eq(r.isPublished, true),
  rejected: and(isNotNull(r.moderatedAt), eq(r.isPublished, false))!,
};

// Exact to the microsecond, unlike a JavaScript Date: a cursor built from it never skips a row.
const createdAtText = sql<string>`to_char(${r.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const moderatedAtText = sql<string>`to_char(${r.moderatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Initials of the author, read by the SECURITY DEFINER function of migration 0011. */
const authorInitials = sql<(string | null)[] | null>`review_author_initials(${r.id})`;

/** The caller's consultation `id` (row-level security shows an employee only theirs). */
export async function findOwnConsultation(tx: Tx, id: string, employeeId: string) {
  const [row] = await tx
    .select({
      id: consultations.id,
      practitionerId: consultations.practitionerId,
      status: consultations.status,
      scheduledAt: consultations.scheduledAt,
      scheduledEndAt: consultations.scheduledEndAt,
      endedAt: consultations.endedAt,
    })
    .from(consultations)
    .where(and(eq(consultations.id, id), eq(consultations.employeeId, employeeId)));
  return row;
}

/** The review of a consultation, if any. */
export async function findReviewOfConsultation(tx: Tx, consultationId: string) {
  const [row] = await tx.select({ id: r.id }).from(r).where(eq(r.consultationId, consultationId));
  return row;
}

/** Inserts an unpublished review. */
export async function insertReview(
  tx: Tx,
  values: {
    practitionerId: string;
    employeeId: string;
    consultationId: string;
    rating: number;
    comment: string | null;
  },
) {
  const [row] = await tx.insert(r).values(values).returning();
  return row!;
}

/** Published reviews of a practitioner, newest first, after the cursor's (createdAt, id). */
export async function publishedReviews(
  tx: Tx,
  params: { practitionerId: string; limit: number; after: { t: string; id: string } | null },
) {
  const { after } = params;
  return tx
    .select({
      id: r.id,
      rating: r.rating,
      comment: r.comment,
      createdAt: r.createdAt,
      createdAtText,
      initials: authorInitials,
    })
    .from(r)
    .where(
      and(
        eq(r.practitionerId, params.practitionerId),
        STATUS_CONDITION.published,
        after ? sql`(${r.createdAt}, ${r.id}) < (${after.t}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(r.createdAt), desc(r.id))
    .limit(params.limit + 1);
}

/** The employee's own reviews of a practitioner, newest first. */
export async function ownReviews(tx: Tx, employeeId: string, practitionerId: string) {
  return tx
    .select()
    .from(r)
    .where(and(eq(r.employeeId, employeeId), eq(r.practitionerId, practitionerId)))
    .orderBy(desc(r.createdAt));
}

/** The employee's completed consultations with a practitioner, ended since `since`, not reviewed. */
export async function unreviewedConsultations(
  tx: Tx,
  employeeId: string,
  practitionerId: string,
  since: Date,
) {
  const end = sql`coalesce(${consultations.endedAt}, ${consultations.scheduledEndAt})`;
  return tx
    .select({
      id: consultations.id,
      scheduledAt: consultations.scheduledAt,
      scheduledEndAt: consultations.scheduledEndAt,
      endedAt: consultations.endedAt,
    })
    .from(consultations)
    .where(
      and(
        eq(consultations.employeeId, employeeId),
        eq(consultations.practitionerId, practitionerId),
        eq(consultations.status, 'COMPLETED'),
        sql`${end} >= ${since.toISOString()}::timestamptz`,
        not(sql`exists (select 1 from ${r} where ${r.consultationId} = ${consultations.id})`),
      ),
    )
    .orderBy(desc(end));
}

/**
 * The moderation queue of one state: pending ones oldest first (a queue), decided ones most
 * recently decided first. The cursor is the last row's (time, id).
 */
export async function moderationQueue(
  tx: Tx,
  params: { status: ReviewStatus; limit: number; after: { t: string; id: string } | null },
) {
  const pending = params.status === 'pending';
  const time = pending ? r.createdAt : r.moderatedAt;
  const { after } = params;
  const beyond = after
    ? pending
      ? sql`(${time}, ${r.id}) > (${after.t}::timestamptz, ${after.id}::uuid)`
      : sql`(${time}, ${r.id}) < (${after.t}::timestamptz, ${after.id}::uuid)`
    : undefined;
  return tx
    .select({
      id: r.id,
      rating: r.rating,
      comment: r.comment,
      isPublished: r.isPublished,
      createdAt: r.createdAt,
      moderatedAt: r.moderatedAt,
      timeText: pending ? createdAtText : moderatedAtText,
      initials: authorInitials,
      practitioner: {
        id: practitioners.id,
        title: practitioners.title,
        firstName: practitioners.firstName,
        lastName: practitioners.lastName,
      },
    })
    .from(r)
    .innerJoin(practitioners, eq(practitioners.id, r.practitionerId))
    .where(and(STATUS_CONDITION[params.status], beyond))
    .orderBy(...(pending ? [asc(time), asc(r.id)] : [desc(time), desc(r.id)]))
    .limit(params.limit + 1);
}

/** A review by id (moderators read every review). */
export async function findReview(tx: Tx, id: string) {
  const [row] = await tx.select().from(r).where(eq(r.id, id));
  return row;
}

/**
 * Locks the practitioner's row until the end of the transaction. Two moderations of the same
 * practitioner's reviews then run one after the other: the second recounts after the first has
 * committed (each statement of a READ COMMITTED transaction sees what committed before it began).
 */
export async function lockPractitioner(tx: Tx, practitionerId: string) {
  await tx.execute(
    sql`select 1 from ${practitioners} where ${practitioners.id} = ${practitionerId} for update`,
  );
}

/** Sets the moderation of a review if it is still in one of `from`; returns it, or undefined. */
export async function moderateReview(
  tx: Tx,
  params: { id: string; publish: boolean; moderatorId: string; from: readonly ReviewStatus[] },
) {
  const [row] = await tx
    .update(r)
    .set({ isPublished: params.publish, moderatedAt: new Date(), moderatedBy: params.moderatorId })
    .where(
      and(
        eq(r.id, params.id),
        sql`(${sql.join(
          params.from.map((s) => STATUS_CONDITION[s]),
          sql` or `,
        )})`,
      ),
    )
    .returning();
  return row;
}

/** Sets the practitioner's averageRating and reviewCount from their published reviews, in one statement. */
export async function refreshPractitionerRating(tx: Tx, practitionerId: string) {
  const [row] = await tx
    .execute<{ average_rating: number | null; review_count: number }>(sql`
    update ${practitioners} p
       set average_rating = s.average, review_count = s.count
      from (select round(avg(rating)::numeric, 2)::float8 as average, count(*)::int as count
              from ${r} where practitioner_id = ${practitionerId} and is_published) s
     where p.id = ${practitionerId}
     returning p.average_rating, p.review_count`)
    .then((result) => result.rows);
  return row;
}
