// SQL of a practitioner's own availability; every function runs in the caller's transaction and
// filters on the practitioner itself (availabilities are readable by every signed-in user, for
// slot search, so RLS alone would not keep another practitioner's rows out of these lists).
import { type Availability, availabilities, practitioners, type Tx } from '@huntzen/db';
import { and, asc, eq, gt, gte, lte, or, sql } from 'drizzle-orm';

/** The practitioner's settings that shape slots (undefined when the actor cannot see them). */
export async function findPractitioner(tx: Tx, practitionerId: string) {
  const [row] = await tx
    .select({
      id: practitioners.id,
      timezone: practitioners.timezone,
      bufferTime: practitioners.bufferTime,
      defaultDuration: practitioners.defaultDuration,
    })
    .from(practitioners)
    .where(eq(practitioners.id, practitionerId));
  return row;
}

/**
 * Serialises the availability edits of one practitioner until the transaction ends, so two
 * concurrent edits check overlaps against each other's result (the exclusion constraints of
 * migration 0012 would refuse the loser anyway, with a less helpful error).
 */
export async function lockSchedule(tx: Tx, practitionerId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`availability:${practitionerId}`}, 0))`,
  );
}

/** The weekly windows, by day (Sunday first) and start time. */
export function listWeekly(tx: Tx, practitionerId: string): Promise<Availability[]> {
  return tx
    .select()
    .from(availabilities)
    .where(
      and(
        eq(availabilities.practitionerId, practitionerId),
        eq(availabilities.type, 'RECURRING'),
        eq(availabilities.isActive, true),
      ),
    )
    .orderBy(asc(availabilities.dayOfWeek), asc(availabilities.startTime));
}

/**
 * The slot length of the weekly schedule is the practitioner's default consultation length: kept
 * on the profile too, so it survives a schedule with no window yet.
 */
export async function setDefaultDuration(tx: Tx, practitionerId: string, minutes: number): Promise<void> {
  await tx
    .update(practitioners)
    .set({ defaultDuration: minutes })
    .where(eq(practitioners.id, practitionerId));
}

/** Replaces every weekly window of the practitioner. */
export async function replaceWeekly(
  tx: Tx,
  practitionerId: string,
  slotDuration: number,
  windows: { dayOfWeek: number; startTime: string; endTime: string }[],
): Promise<void> {
  await tx
    .delete(availabilities)
    .where(and(eq(availabilities.practitionerId, practitionerId), eq(availabilities.type, 'RECURRING')));
  if (windows.length === 0) return;
  await tx
    .insert(availabilities)
    .values(windows.map((w) => ({ practitionerId, type: 'RECURRING' as const, slotDuration, ...w })));
}

/** Exceptions from `from` (a stored date), by date then id, after the cursor's (date, id). */
export function listExceptions(
  tx: Tx,
  practitionerId: string,
  options: { from: Date; to?: Date; after?: { date: Date; id: string }; limit: number },
): Promise<Availability[]> {
  const { after } = options;
  return tx
    .select()
    .from(availabilities)
    .where(
      and(
        eq(availabilities.practitionerId, practitionerId),
        eq(availabilities.type, 'EXCEPTION'),
        eq(availabilities.isActive, true),
        gte(availabilities.date, options.from),
        options.to ? lte(availabilities.date, options.to) : undefined,
        after
          ? or(
              gt(availabilities.date, after.date),
              and(eq(availabilities.date, after.date), gt(availabilities.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(availabilities.date), asc(availabilities.id))
    .limit(options.limit);
}

/** The practitioner's exceptions on one stored date. */
export function exceptionsOn(tx: Tx, practitionerId: string, date: Date): Promise<Availability[]> {
  return tx
    .select()
    .from(availabilities)
    .where(
      and(
        eq(availabilities.practitionerId, practitionerId),
        eq(availabilities.type, 'EXCEPTION'),
        eq(availabilities.isActive, true),
        eq(availabilities.date, date),
      ),
    );
}

/** One exception of the practitioner. */
export async function findException(tx: Tx, practitionerId: string, id: string) {
  const [row] = await tx
    .select()
    .from(availabilities)
    .where(
      and(
        eq(availabilities.id, id),
        eq(availabilities.practitionerId, practitionerId),
        eq(availabilities.type, 'EXCEPTION'),
      ),
    );
  return row;
}

export interface ExceptionValues {
  date: Date;
  isAvailable: boolean;
  startTime: string | null;
  endTime: string | null;
  slotDuration: number;
}

/** Adds an exception. */
export async function insertException(tx: Tx, practitionerId: string, values: ExceptionValues) {
  const [row] = await tx
    .insert(availabilities)
    .values({ practitionerId, type: 'EXCEPTION', ...values })
    .returning();
  return row!;
}

/** Changes an exception of the practitioner. */
export async function updateException(tx: Tx, practitionerId: string, id: string, values: ExceptionValues) {
  const [row] = await tx
    .update(availabilities)
    .set(values)
    .where(and(eq(availabilities.id, id), eq(availabilities.practitionerId, practitionerId)))
    .returning();
  return row;
}

/** Removes an exception of the practitioner; whether there was one. */
export async function deleteException(tx: Tx, practitionerId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(availabilities)
    .where(
      and(
        eq(availabilities.id, id),
        eq(availabilities.practitionerId, practitionerId),
        eq(availabilities.type, 'EXCEPTION'),
      ),
    )
    .returning({ id: availabilities.id });
  return rows.length > 0;
}
