// SQL of practitioner applications; every function runs in the caller's transaction (its actor's
// row-level security: a practitioner sees their own row, HuntZen's admins every row).
import { PRACTITIONER_DOCUMENT_TYPES, type ReviewQueue } from '@huntzen/contracts';
import { files, type NewPractitioner, practitioners, type Tx, users } from '@huntzen/db';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';

export type PractitionerRow = typeof practitioners.$inferSelect;

/** The practitioner row `id`, locked for the transaction when `lock` (state changes). */
export async function findPractitioner(
  tx: Tx,
  id: string,
  lock = false,
): Promise<PractitionerRow | undefined> {
  const query = tx.select().from(practitioners).where(eq(practitioners.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The e-mail address of the practitioner's account (admins may read it). */
export async function findAccountEmail(tx: Tx, userId: string): Promise<string | undefined> {
  const [row] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email;
}

const isDocument = (practitionerId: string) =>
  and(
    eq(files.relatedResource, 'practitioner'),
    eq(files.relatedId, practitionerId),
    inArray(files.fileType, [...PRACTITIONER_DOCUMENT_TYPES]),
    or(isNull(files.expiresAt), gt(files.expiresAt, sql`now()`)),
  );

/** The practitioner's documents (diplomas, certificates, other documents), oldest first. */
export async function listDocuments(tx: Tx, practitionerId: string) {
  return tx
    .select()
    .from(files)
    .where(isDocument(practitionerId))
    .orderBy(asc(files.createdAt), asc(files.id));
}

/** One of the practitioner's documents, or undefined (not theirs, not a document, not visible). */
export async function findDocument(tx: Tx, practitionerId: string, fileId: string) {
  const [row] = await tx
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), isDocument(practitionerId)));
  return row;
}

/** Updates the practitioner row `id`; returns it (undefined when the actor may not). */
export async function updatePractitioner(tx: Tx, id: string, values: Partial<NewPractitioner>) {
  const [row] = await tx.update(practitioners).set(values).where(eq(practitioners.id, id)).returning();
  return row;
}

// Each tab: which applications, and the date it is sorted by (pending: oldest first, a queue;
// the others: the latest decision first).
const QUEUES: Record<ReviewQueue, { where: SQL; key: SQL; ascending: boolean }> = {
  pending: {
    where: and(isNotNull(practitioners.submittedAt), eq(practitioners.isValidated, false))!,
    key: sql`${practitioners.submittedAt}`,
    ascending: true,
  },
  validated: {
    where: eq(practitioners.isValidated, true),
    // Seeded or older profiles may lack a validation date.
    key: sql`coalesce(${practitioners.validatedAt}, ${practitioners.createdAt})`,
    ascending: false,
  },
  rejected: {
    where: and(
      isNotNull(practitioners.rejectedAt),
      isNull(practitioners.submittedAt),
      eq(practitioners.isValidated, false),
    )!,
    key: sql`${practitioners.rejectedAt}`,
    ascending: false,
  },
};

/**
 * One page of a tab of the review queue. `after`: the sort key (timestamptz as text, microseconds
 * kept) and id of the last row of the previous page.
 */
export async function listQueue(
  tx: Tx,
  queue: ReviewQueue,
  limit: number,
  after: { t: string; id: string } | null,
) {
  const { where, key, ascending } = QUEUES[queue];
  const beyond = after
    ? ascending
      ? sql`(${key}, ${practitioners.id}) > (${after.t}::timestamptz, ${after.id}::uuid)`
      : sql`(${key}, ${practitioners.id}) < (${after.t}::timestamptz, ${after.id}::uuid)`
    : undefined;
  const documentCount = sql<number>`(select count(*)::int from ${files} f
    where f.related_resource = 'practitioner' and f.related_id = ${practitioners.id}::text
      and f.file_type in ('DIPLOMA', 'CERTIFICATE', 'DOCUMENT')
      and (f.expires_at is null or f.expires_at > now()))`;
  return tx
    .select({
      practitioner: practitioners,
      email: users.email,
      documentCount,
      sortKey: sql<string>`(${key})::text`,
    })
    .from(practitioners)
    .innerJoin(users, eq(users.id, practitioners.userId))
    .where(and(where, beyond))
    .orderBy(...(ascending ? [asc(key), asc(practitioners.id)] : [desc(key), desc(practitioners.id)]))
    .limit(limit + 1);
}

/** True when `error` (or its cause) is the unique violation of the professional number. */
export function isProfessionalIdTaken(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; constraint?: string };
    if (pg.code === '23505' && pg.constraint === 'practitioners_professional_id_unique') return true;
  }
  return false;
}
