// The SQL of the journal. Every function runs inside withActor: row-level security shows an
// employee only their own entries; the explicit employee_id conditions say the same in the query.
import { employees, journalEntries, type Mood, type Tx } from '@huntzen/db';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';

const j = journalEntries;

/** A bound of a range: a calendar date of the employee's zone, or an instant. */
export type Bound = { kind: 'date'; date: string } | { kind: 'instant'; at: string };

export interface RangeFilter {
  from?: Bound | undefined;
  to?: Bound | undefined;
  timeZone: string;
}

// Exact to the microsecond, unlike a JavaScript Date: a cursor built from it never skips a row.
const createdAtText = sql<string>`to_char(${j.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const entryColumns = {
  id: j.id,
  encryptedContent: j.encryptedContent,
  iv: j.iv,
  authTag: j.authTag,
  mood: j.mood,
  tags: j.tags,
  sentimentScore: j.sentimentScore,
  createdAt: j.createdAt,
  updatedAt: j.updatedAt,
};
export type StoredEntry = Awaited<ReturnType<typeof findEntry>> & {};

function rangeConditions(range: RangeFilter): (SQL | undefined)[] {
  const { from, to, timeZone } = range;
  return [
    from?.kind === 'date'
      ? sql`${j.createdAt} >= (${from.date}::date)::timestamp at time zone ${timeZone}`
      : from
        ? sql`${j.createdAt} >= ${from.at}::timestamptz`
        : undefined,
    // A date includes its whole day: up to the next midnight of the zone, excluded.
    to?.kind === 'date'
      ? sql`${j.createdAt} < (${to.date}::date + 1)::timestamp at time zone ${timeZone}`
      : to
        ? sql`${j.createdAt} <= ${to.at}::timestamptz`
        : undefined,
  ];
}

/** The employee's journal preferences. */
export async function findJournalOwner(tx: Tx, employeeId: string) {
  const [row] = await tx
    .select({
      preferredLanguage: employees.preferredLanguage,
      timeZone: employees.timezone,
      sentimentEnabled: employees.journalSentimentEnabled,
    })
    .from(employees)
    .where(eq(employees.id, employeeId));
  return row;
}

/** Sets the sentiment opt-in (a trigger lets only the employee change it). */
export async function setSentimentOptIn(tx: Tx, employeeId: string, enabled: boolean) {
  await tx.update(employees).set({ journalSentimentEnabled: enabled }).where(eq(employees.id, employeeId));
}

/**
 * Runs `fn` with updated_at kept as it is (the flag of migration 0006, made for key rotation): a
 * score computed or cleared by the opt-in is not an edit of the entry.
 */
// Drizzle's $onUpdate would write now(): the column is set to itself instead.
const keep = sql`${j.updatedAt}`;

async function keepingUpdatedAt(tx: Tx, fn: () => Promise<unknown>) {
  await tx.execute(sql`select set_config('huntzen.key_rotation', 'on', true)`);
  await fn();
  await tx.execute(sql`select set_config('huntzen.key_rotation', 'off', true)`);
}

/** Clears every sentiment score of the employee (opting out). */
export async function clearSentimentScores(tx: Tx, employeeId: string) {
  await keepingUpdatedAt(tx, () =>
    tx
      .update(j)
      .set({ sentimentScore: null, updatedAt: keep })
      .where(and(eq(j.employeeId, employeeId), sql`${j.sentimentScore} is not null`)),
  );
}

/** Stores sentiment scores computed for existing entries (opting in). */
export async function setSentimentScores(
  tx: Tx,
  employeeId: string,
  scores: { id: string; score: number | null }[],
) {
  await keepingUpdatedAt(tx, async () => {
    for (const { id, score } of scores) {
      await tx
        .update(j)
        .set({ sentimentScore: score, updatedAt: keep })
        .where(and(eq(j.id, id), eq(j.employeeId, employeeId)));
    }
  });
}

/** Inserts an entry; with `ifAbsent`, nothing when the id is taken (returns undefined then). */
export async function insertEntry(tx: Tx, values: typeof j.$inferInsert, ifAbsent = false) {
  const query = tx.insert(j).values(values);
  const rows = await (ifAbsent ? query.onConflictDoNothing({ target: j.id }) : query).returning(entryColumns);
  return rows[0];
}

/** The employee's entry `id`, if any. */
export async function findEntry(tx: Tx, id: string, employeeId: string) {
  const [row] = await tx
    .select(entryColumns)
    .from(j)
    .where(and(eq(j.id, id), eq(j.employeeId, employeeId)));
  return row;
}

/** Which of `ids` are entries of the employee. */
export async function existingEntryIds(tx: Tx, employeeId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: j.id })
    .from(j)
    .where(and(eq(j.employeeId, employeeId), inArray(j.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Entries newest first, filtered, after the cursor's (createdAt, id); one more than `limit`. */
export async function listEntries(
  tx: Tx,
  params: RangeFilter & {
    employeeId: string;
    mood?: Mood | undefined;
    tag?: string | undefined;
    limit: number;
    after: { t: string; id: string } | null;
  },
) {
  const { after } = params;
  return tx
    .select({ ...entryColumns, createdAtText })
    .from(j)
    .where(
      and(
        eq(j.employeeId, params.employeeId),
        ...rangeConditions(params),
        params.mood ? eq(j.mood, params.mood) : undefined,
        params.tag ? sql`${j.tags} @> array[${params.tag}]::text[]` : undefined,
        after ? sql`(${j.createdAt}, ${j.id}) < (${after.t}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(j.createdAt), desc(j.id))
    .limit(params.limit + 1);
}

/** The whole journal, oldest first (export). */
export async function allEntries(tx: Tx, employeeId: string) {
  return tx
    .select(entryColumns)
    .from(j)
    .where(eq(j.employeeId, employeeId))
    .orderBy(asc(j.createdAt), asc(j.id));
}

/** Updates the fields given; the row back, or undefined when it is not the employee's. */
export async function updateEntry(
  tx: Tx,
  id: string,
  employeeId: string,
  set: Partial<
    Pick<typeof j.$inferInsert, 'encryptedContent' | 'iv' | 'authTag' | 'mood' | 'tags' | 'sentimentScore'>
  >,
) {
  const [row] = await tx
    .update(j)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(j.id, id), eq(j.employeeId, employeeId)))
    .returning(entryColumns);
  return row;
}

/** Deletes the employee's entry; false when there was none. */
export async function deleteEntry(tx: Tx, id: string, employeeId: string): Promise<boolean> {
  const rows = await tx
    .delete(j)
    .where(and(eq(j.id, id), eq(j.employeeId, employeeId)))
    .returning({ id: j.id });
  return rows.length > 0;
}

/** Mean mood (1 … 5) per day or ISO week of the employee's zone. */
export async function moodTrend(
  tx: Tx,
  params: RangeFilter & { employeeId: string; bucket: 'day' | 'week' },
) {
  const local = sql`(${j.createdAt} at time zone ${params.timeZone})`;
  const period = sql<string>`to_char(date_trunc(${params.bucket}, ${local}), 'YYYY-MM-DD')`;
  const score = sql`case ${j.mood} when 'VERY_BAD' then 1 when 'BAD' then 2 when 'NEUTRAL' then 3
    when 'GOOD' then 4 when 'VERY_GOOD' then 5 end`;
  return (
    tx
      .select({
        period,
        average: sql<string | null>`round(avg(${score}), 2)::text`,
        entries: sql<number>`count(*)::int`,
        withMood: sql<number>`count(${j.mood})::int`,
      })
      .from(j)
      .where(and(eq(j.employeeId, params.employeeId), ...rangeConditions(params)))
      // By position: the expression repeated would carry new parameters PostgreSQL cannot match.
      .groupBy(sql`1`)
      .orderBy(sql`1`)
  );
}

/** The distinct local dates (YYYY-MM-DD) the employee wrote on, newest first. */
export async function entryDates(tx: Tx, employeeId: string, timeZone: string): Promise<string[]> {
  const day = sql<string>`to_char(${j.createdAt} at time zone ${timeZone}, 'YYYY-MM-DD')`;
  const rows = await tx
    .selectDistinct({ day })
    .from(j)
    .where(eq(j.employeeId, employeeId))
    .orderBy(sql`1 desc`);
  return rows.map((r) => r.day);
}
