// SQL of profile and company pictures; every function runs in the caller's transaction.
import { companies, employees, files, practitioners, type Tx } from '@huntzen/db';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';

/** Whose pictures: an employee's or practitioner's profile, or a company. */
export type MediaOwner =
  | { resource: 'employee'; id: string }
  | { resource: 'practitioner'; id: string }
  | { resource: 'company'; id: string };

/** The two pictures of an owner: the avatar (a company's logo) and the cover. */
export interface MediaUrls {
  picture: string | null;
  cover: string | null;
}

export type MediaSlot = keyof MediaUrls;

/** The owner's pictures, or undefined when the actor cannot see the owner. */
export async function readMedia(tx: Tx, owner: MediaOwner): Promise<MediaUrls | undefined> {
  if (owner.resource === 'employee') {
    const [row] = await tx
      .select({ picture: employees.avatarUrl, cover: employees.coverUrl })
      .from(employees)
      .where(eq(employees.id, owner.id));
    return row;
  }
  if (owner.resource === 'practitioner') {
    const [row] = await tx
      .select({ picture: practitioners.avatarUrl, cover: practitioners.coverUrl })
      .from(practitioners)
      .where(eq(practitioners.id, owner.id));
    return row;
  }
  const [row] = await tx
    .select({ picture: companies.logoUrl, cover: companies.coverUrl })
    .from(companies)
    .where(eq(companies.id, owner.id));
  return row;
}

/** Sets one picture of the owner; returns whether the actor could update it. */
export async function writeMedia(tx: Tx, owner: MediaOwner, slot: MediaSlot, url: string | null) {
  if (owner.resource === 'employee') {
    const set = slot === 'picture' ? { avatarUrl: url } : { coverUrl: url };
    const rows = await tx
      .update(employees)
      .set(set)
      .where(eq(employees.id, owner.id))
      .returning({ id: employees.id });
    return rows.length > 0;
  }
  if (owner.resource === 'practitioner') {
    const set = slot === 'picture' ? { avatarUrl: url } : { coverUrl: url };
    const rows = await tx
      .update(practitioners)
      .set(set)
      .where(eq(practitioners.id, owner.id))
      .returning({ id: practitioners.id });
    return rows.length > 0;
  }
  const set = slot === 'picture' ? { logoUrl: url } : { coverUrl: url };
  const rows = await tx
    .update(companies)
    .set(set)
    .where(eq(companies.id, owner.id))
    .returning({ id: companies.id });
  return rows.length > 0;
}

/** The file row `id`, if the actor may see it. */
export async function findFile(tx: Tx, id: string) {
  const [row] = await tx.select().from(files).where(eq(files.id, id));
  return row;
}

/**
 * Links an unexpired file of `uploadedBy` to the owner and makes it permanent. It must not belong
 * to anything else already. Returns whether it did (the row is locked against the expiry job).
 */
export async function claimFile(tx: Tx, fileId: string, uploadedBy: string, owner: MediaOwner) {
  const rows = await tx
    .update(files)
    .set({ relatedResource: owner.resource, relatedId: owner.id, expiresAt: null })
    .where(
      and(
        eq(files.id, fileId),
        eq(files.uploadedBy, uploadedBy),
        or(isNull(files.expiresAt), gt(files.expiresAt, sql`now()`)),
        or(
          isNull(files.relatedResource),
          and(eq(files.relatedResource, owner.resource), eq(files.relatedId, owner.id)),
        ),
      ),
    )
    .returning({ id: files.id });
  return rows.length > 0;
}

/** Marks a picture the owner no longer uses as expired (the hourly clean-up removes it). */
export async function expireReplacedFile(tx: Tx, fileId: string, owner: MediaOwner): Promise<void> {
  await tx
    .update(files)
    .set({ expiresAt: sql`now()` })
    .where(
      and(eq(files.id, fileId), eq(files.relatedResource, owner.resource), eq(files.relatedId, owner.id)),
    );
}
