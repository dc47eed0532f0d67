// The directory's next free slots, read from practitioner_next_slots (migration 0031, ADR 0003)
// instead of being recomputed from every practitioner's consultations on each request.
//
// A stored row is the slot engine's first free slot over [computed_at, searched_until), computed
// at `computed_at`, for the `version` of what the slots depend on (the triggers of 0031 bump it in
// the transaction of every booking, move, cancellation, availability or settings change). For a
// question "first free slot in [now, now + N days)" asked later, the row still answers exactly
// when:
//   - its version is current (nothing changed since);
//   - its slot (if any) still starts after now + the minimum notice (time has not caught up with
//     it): every slot before it was already not free, and the notice only moves forward;
//   - it searched at least up to now + N days;
//   - its slot ends by now + N days (then it is the answer) or starts at or after it (then no slot
//     is free in range: a later slot ends later). A slot straddling the end of the range is the
//     one ambiguous case (an extra opening over a weekly window can hold a shorter slot inside a
//     longer one): the engine answers those few exactly.
// Other rows (stale) are recomputed for just those practitioners and stored again.
import { AVAILABLE_WITHIN_MAX_DAYS } from '@huntzen/contracts';
import { builtOnceSql, practitionerNextSlots, practitioners, type Tx } from '@huntzen/db';
import { sql } from 'drizzle-orm';
import { DEFAULT_SLOT_RULES, nextFreeSlots } from '../availability';
import { listed } from './directory.repository';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * How far a stored answer looks: a week past the farthest question, so that an answer without a
 * free slot stays good for a week (unless something changes).
 */
export const STORED_DAYS = AVAILABLE_WITHIN_MAX_DAYS + 7;

/** "The first free slot in [now, now + days)". */
export interface NextSlotQuestion {
  now: Date;
  days: number;
}

/** The end of the question's range. */
export function rangeEnd(question: NextSlotQuestion): Date {
  return new Date(question.now.getTime() + question.days * DAY_MS);
}

interface StoredRow extends Record<string, unknown> {
  id: string;
  version: string | null;
  next_slot_at: Date | string | null;
  next_slot_end: Date | string | null;
  stale: boolean;
}

const dateOf = (value: Date | string | null) => (value === null ? null : new Date(value));

// The stored rows' columns and tests against the question's range, [lower, upper) in placeholders.
const n = practitionerNextSlots;
const lowerValue = sql`${sql.placeholder('lower')}::timestamptz`;
const upperValue = sql`${sql.placeholder('upper')}::timestamptz`;
/** The stored row cannot answer: none, an older version, a slot now too close, or a shorter search. */
const stale = sql`coalesce(${n.practitionerId} is null or ${n.computedVersion} is distinct from ${n.version}
    or ${n.nextSlotAt} < ${lowerValue} or ${n.searchedUntil} < ${upperValue}, false)`;
/** The stored slot starts in range and ends past it. */
const straddles = sql`(${n.nextSlotAt} < ${upperValue} and ${n.nextSlotEnd} > ${upperValue})`;
const storedColumns = sql`${n.version}::text as version, ${n.nextSlotAt} as next_slot_at,
    ${n.nextSlotEnd} as next_slot_end, ${stale} as stale`;

/**
 * Answers of the question for listed practitioners that the stored rows cannot give as they are:
 * with `ids`, the answer of each listed practitioner among them; without, the answers of every
 * listed practitioner whose stored row is stale or straddles the range's end (usually a few: the
 * directory's SQL reads the rest from the table, see `nextSlotExpression`).
 */
export async function freshNextSlots(
  tx: Tx,
  question: NextSlotQuestion,
  ids?: readonly string[],
): Promise<Map<string, Date | null>> {
  const answers = new Map<string, Date | null>();
  if (ids && ids.length === 0) return answers;
  const now = question.now;
  const lower = new Date(now.getTime() + DEFAULT_SLOT_RULES.minNoticeMinutes * MINUTE_MS);
  const upper = rangeEnd(question);
  // Built once per connection and shape (builtOnceSql): the values in placeholders.
  const values = { lower: lower.toISOString(), upper: upper.toISOString(), ids: ids ? [...ids] : [] };
  const { rows } = await (ids
    ? builtOnceSql<StoredRow>(
        tx,
        'next-slots.of',
        () => sql`select ${practitioners.id} as id, ${storedColumns}
          from ${practitioners} left join ${n} on ${n.practitionerId} = ${practitioners.id}
         where ${listed} and ${practitioners.id} = any(${sql.placeholder('ids')}::uuid[])`,
      )
    : builtOnceSql<StoredRow>(
        tx,
        'next-slots.unreadable',
        () => sql`select ${n.practitionerId} as id, ${storedColumns}
          from ${n} where ${n.listed} and (${stale} or ${straddles})`,
      )
  ).execute(values);

  const exact: string[] = [];
  const answer = (id: string, start: Date | null, end: Date | null) => {
    if (!start || !end || start.getTime() >= upper.getTime()) answers.set(id, null);
    else if (end.getTime() <= upper.getTime()) answers.set(id, start);
    else exact.push(id);
  };
  const outdated = rows.filter((row) => row.stale);
  for (const row of rows) {
    if (!row.stale) answer(row.id, dateOf(row.next_slot_at), dateOf(row.next_slot_end));
  }
  if (outdated.length > 0) {
    const until = new Date(now.getTime() + STORED_DAYS * DAY_MS);
    const computed = await nextFreeSlots(
      tx,
      outdated.map((row) => row.id),
      { from: now, to: until },
      { now, rules: { horizonDays: STORED_DAYS } },
    );
    const kept = outdated.filter((row) => row.version !== null && computed.has(row.id));
    if (kept.length > 0) {
      const slot = (row: StoredRow) => computed.get(row.id) ?? null;
      // Stored for the version read above: a change committed since keeps the row stale.
      await tx.execute(sql`select practitioner_next_slots_store(
        ${sql.param(kept.map((row) => row.id))}::uuid[],
        ${sql.param(kept.map((row) => row.version))}::bigint[],
        ${sql.param(kept.map((row) => slot(row)?.start.toISOString() ?? null))}::timestamptz[],
        ${sql.param(kept.map((row) => slot(row)?.end.toISOString() ?? null))}::timestamptz[],
        ${now.toISOString()}::timestamptz, ${until.toISOString()}::timestamptz)`);
    }
    for (const row of outdated) {
      if (!computed.has(row.id)) continue;
      const slot = computed.get(row.id) ?? null;
      answer(row.id, slot?.start ?? null, slot?.end ?? null);
    }
  }
  if (exact.length > 0) {
    const computed = await nextFreeSlots(tx, exact, { from: now, to: upper }, { now });
    for (const id of exact) answers.set(id, computed.get(id)?.start ?? null);
  }
  return answers;
}
