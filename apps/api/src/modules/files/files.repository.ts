// SQL of the files feature; every function runs in the caller's transaction (its actor's RLS).
import {
  type Actor,
  companies,
  consultations,
  employees,
  files,
  type NewFile,
  practitioners,
  type Tx,
} from '@huntzen/db';
import { type AnyColumn, and, eq, like, or, type SQL, sql } from 'drizzle-orm';

/** Inserts a file row and returns it. */
export async function insertFile(tx: Tx, values: NewFile & { id: string }) {
  const [row] = await tx.insert(files).values(values).returning();
  return row!;
}

/** The file row `id` if the actor's policies let them see it. */
export async function findFile(tx: Tx, id: string) {
  const [row] = await tx.select().from(files).where(eq(files.id, id));
  return row;
}

/** Deletes the row `id` (if the actor may); returns whether it did. */
export async function deleteFile(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.delete(files).where(eq(files.id, id)).returning({ id: files.id });
  return rows.length > 0;
}

/** True when the actor is the employee or the practitioner of consultation `id`. */
export async function isConsultationParticipant(tx: Tx, actor: Actor, id: string): Promise<boolean> {
  const mine: SQL[] = [];
  if (actor.employeeId) mine.push(eq(consultations.employeeId, actor.employeeId));
  if (actor.practitionerId) mine.push(eq(consultations.practitionerId, actor.practitionerId));
  if (mine.length === 0) return false;
  const rows = await tx
    .select({ id: consultations.id })
    .from(consultations)
    .where(and(eq(consultations.id, id), or(...mine)));
  return rows.length > 0;
}

/**
 * Takes file `fileId` off the profile or company it illustrates (`relatedResource`/`relatedId`, set
 * when it was chosen as an avatar, cover or logo). Matched on the path, so a change of PUBLIC_URL
 * leaves no dangling picture. Limited to what the actor may update.
 */
export async function clearImageReferences(
  tx: Tx,
  file: { id: string; relatedResource: string | null; relatedId: string | null },
): Promise<void> {
  const { relatedId } = file;
  if (!relatedId) return;
  const pattern = `%/api/v1/files/${file.id}/content`;
  const unset = (column: AnyColumn) => sql`case when ${column} like ${pattern} then null else ${column} end`;
  if (file.relatedResource === 'employee') {
    await tx
      .update(employees)
      .set({ avatarUrl: unset(employees.avatarUrl), coverUrl: unset(employees.coverUrl) })
      .where(
        and(
          eq(employees.id, relatedId),
          or(like(employees.avatarUrl, pattern), like(employees.coverUrl, pattern)),
        ),
      );
  } else if (file.relatedResource === 'practitioner') {
    await tx
      .update(practitioners)
      .set({ avatarUrl: unset(practitioners.avatarUrl), coverUrl: unset(practitioners.coverUrl) })
      .where(
        and(
          eq(practitioners.id, relatedId),
          or(like(practitioners.avatarUrl, pattern), like(practitioners.coverUrl, pattern)),
        ),
      );
  } else if (file.relatedResource === 'company') {
    await tx
      .update(companies)
      .set({ logoUrl: unset(companies.logoUrl), coverUrl: unset(companies.coverUrl) })
      .where(
        and(
          eq(companies.id, relatedId),
          or(like(companies.logoUrl, pattern), like(companies.coverUrl, pattern)),
        ),
      );
  }
}
