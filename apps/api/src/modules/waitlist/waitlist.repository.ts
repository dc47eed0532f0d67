// The SQL of the waitlist. Request code runs under the employee's row-level security (an entry is
// its employee's own); the job telling the waiters runs as the system actor.
import { employees, practitioners, type Tx, waitlistEntries } from '@huntzen/db';
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';

const w = waitlistEntries;

/** A practitioner an employee may book (under their RLS: the directory's rules), with its name. */
export async function findPractitioner(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: practitioners.id,
      title: practitioners.title,
      firstName: practitioners.firstName,
      lastName: practitioners.lastName,
    })
    .from(practitioners)
    .where(eq(practitioners.id, id));
  return row;
}

/** Inserts an entry; null if the employee already waits for this practitioner. */
export async function insertEntry(
  tx: Tx,
  values: { employeeId: string; practitionerId: string; rangeStart: Date; rangeEnd: Date },
): Promise<string | null> {
  const rows = await tx.insert(w).values(values).onConflictDoNothing().returning({ id: w.id });
  return rows[0]?.id ?? null;
}

/**
 * The employee's entries still running (range not over), soonest joined first, with their
 * position among the practitioner's current waiters (counted by the system function below, since
 * the employee cannot read the others' entries).
 */
export async function listEntries(tx: Tx, employeeId: string, now: Date) {
  return tx
    .select({
      id: w.id,
      practitionerId: w.practitionerId,
      title: practitioners.title,
      firstName: practitioners.firstName,
      lastName: practitioners.lastName,
      rangeStart: w.rangeStart,
      rangeEnd: w.rangeEnd,
      createdAt: w.createdAt,
      lastNotifiedAt: w.lastNotifiedAt,
      position: sql<number>`waitlist_position(${w.id})`.mapWith(Number),
    })
    .from(w)
    .innerJoin(practitioners, eq(practitioners.id, w.practitionerId))
    .where(and(eq(w.employeeId, employeeId), gt(w.rangeEnd, now)))
    .orderBy(asc(w.createdAt), asc(w.id));
}

/** Deletes one of the employee's entries; false if there is none with this id. */
export async function deleteEntry(tx: Tx, employeeId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(w)
    .where(and(eq(w.id, id), eq(w.employeeId, employeeId)))
    .returning({ id: w.id });
  return rows.length > 0;
}

/** (System) The waiters of a practitioner whose range meets [start, end), first come first. */
export async function waitersFor(tx: Tx, practitionerId: string, start: Date, end: Date) {
  return tx
    .select({
      id: w.id,
      userId: employees.userId,
      language: employees.preferredLanguage,
      timezone: employees.timezone,
      rangeStart: w.rangeStart,
      rangeEnd: w.rangeEnd,
    })
    .from(w)
    .innerJoin(employees, eq(employees.id, w.employeeId))
    .where(and(eq(w.practitionerId, practitionerId), lt(w.rangeStart, end), gt(w.rangeEnd, start)))
    .orderBy(asc(w.createdAt), asc(w.id));
}

/** (System) The practitioners someone waits for in [start, end) (their range meets it). */
export async function practitionersAwaited(tx: Tx, start: Date, end: Date): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ practitionerId: w.practitionerId })
    .from(w)
    .where(and(lt(w.rangeStart, end), gt(w.rangeEnd, start)));
  return rows.map((row) => row.practitionerId);
}

/** (System) Records that an entry is told of the slot at `slotStart`; false if it already was. */
export async function recordNotice(tx: Tx, entryId: string, slotStart: Date, at: Date): Promise<boolean> {
  const result = await tx.execute(
    sql`insert into waitlist_notices (entry_id, slot_start, notified_at)
        values (${entryId}::uuid, ${slotStart.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz)
        on conflict do nothing returning entry_id`,
  );
  return result.rows.length > 0;
}

/** (System) Marks an entry as told. */
export async function markNotified(tx: Tx, id: string, at: Date): Promise<void> {
  await tx
    .update(w)
    .set({ lastNotifiedAt: at, notifiedCount: sql`${w.notifiedCount} + 1` })
    .where(eq(w.id, id));
}

/** (System) Deletes the entries whose range is over. */
export async function deleteExpired(tx: Tx, now: Date): Promise<number> {
  const rows = await tx.delete(w).where(lt(w.rangeEnd, now)).returning({ id: w.id });
  return rows.length;
}
