// Free slots read from the database: the practitioners' rules (one query) and their busy times
// (one query, through practitioner_busy_times, migration 0012), then the pure engine. The number of
// queries never depends on the number of practitioners: the directory asks for hundreds at once.
import { MAX_SLOT_DURATION } from '@huntzen/contracts';
import { availabilities, practitioners, type Tx } from '@huntzen/db';
import { and, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import { DAY, MINUTE } from './local-time';
import {
  type BusyInterval,
  DEFAULT_SLOT_RULES,
  type ExceptionRule,
  exceptionDate,
  type FreeSlotInterval,
  firstFreeSlot,
  freeSlots,
  type SlotRules,
  type WeeklyWindowRule,
} from './slot-engine';

/** A range of instants [from, to). */
export interface SlotRange {
  from: Date;
  to: Date;
}

export interface SlotOptions {
  /** Defaults to the current time. */
  now?: Date;
  /** Minimum notice and horizon; PRODUCT.md's defaults (2 h, 60 days) otherwise. */
  rules?: Partial<SlotRules>;
}

/** One practitioner's rules, as the engine takes them. */
export interface PractitionerSchedule {
  practitionerId: string;
  timezone: string;
  bufferMinutes: number;
  /** Validated and active: bookable by employees. */
  bookable: boolean;
  windows: WeeklyWindowRule[];
  exceptions: ExceptionRule[];
}

/** A practitioner's free slots in a range, with their zone. */
export interface PractitionerSlots {
  practitionerId: string;
  timezone: string;
  bookable: boolean;
  slots: FreeSlotInterval[];
}

/**
 * The rules of the practitioners the actor can see among `ids` (others are left out), with the
 * exceptions of the dates that can touch `range`: one query.
 */
export async function loadSchedules(
  tx: Tx,
  ids: readonly string[],
  range: SlotRange,
): Promise<Map<string, PractitionerSchedule>> {
  const schedules = new Map<string, PractitionerSchedule>();
  if (ids.length === 0) return schedules;
  // Exception dates are midnight UTC of a local date; local dates lie within ±14 h of UTC.
  const firstDate = new Date(range.from.getTime() - 2 * DAY);
  const lastDate = new Date(range.to.getTime() + 2 * DAY);
  const rows = await tx
    .select({
      practitionerId: practitioners.id,
      timezone: practitioners.timezone,
      bufferTime: practitioners.bufferTime,
      isValidated: practitioners.isValidated,
      isActive: practitioners.isActive,
      type: availabilities.type,
      dayOfWeek: availabilities.dayOfWeek,
      startTime: availabilities.startTime,
      endTime: availabilities.endTime,
      date: availabilities.date,
      isAvailable: availabilities.isAvailable,
      slotDuration: availabilities.slotDuration,
    })
    .from(practitioners)
    .leftJoin(
      availabilities,
      and(
        eq(availabilities.practitionerId, practitioners.id),
        eq(availabilities.isActive, true),
        or(
          eq(availabilities.type, 'RECURRING'),
          and(gte(availabilities.date, firstDate), lte(availabilities.date, lastDate)),
        ),
      ),
    )
    .where(inArray(practitioners.id, [...ids]));
  for (const row of rows) {
    let schedule = schedules.get(row.practitionerId);
    if (!schedule) {
      schedule = {
        practitionerId: row.practitionerId,
        timezone: row.timezone,
        bufferMinutes: row.bufferTime,
        bookable: row.isValidated && row.isActive,
        windows: [],
        exceptions: [],
      };
      schedules.set(row.practitionerId, schedule);
    }
    if (row.type === 'RECURRING' && row.dayOfWeek !== null && row.startTime && row.endTime) {
      schedule.windows.push({
        dayOfWeek: row.dayOfWeek,
        startTime: row.startTime,
        endTime: row.endTime,
        slotDuration: row.slotDuration!,
      });
    } else if (row.type === 'EXCEPTION' && row.date) {
      schedule.exceptions.push({
        date: exceptionDate.fromStored(row.date),
        isAvailable: row.isAvailable!,
        startTime: row.startTime,
        endTime: row.endTime,
        slotDuration: row.slotDuration!,
      });
    }
  }
  return schedules;
}

/**
 * The non-cancelled consultations of `ids` that can touch a slot of `range` or its buffer (so the
 * range is widened by the largest buffer at both ends): one query.
 */
export async function loadBusy(
  tx: Tx,
  ids: readonly string[],
  range: SlotRange,
  maxBufferMinutes: number,
): Promise<Map<string, BusyInterval[]>> {
  const busy = new Map<string, BusyInterval[]>();
  if (ids.length === 0) return busy;
  // A consultation ending up to one buffer before `from` still blocks the first slots; one
  // starting up to one buffer after `to` still blocks the last.
  const from = new Date(range.from.getTime() - maxBufferMinutes * MINUTE);
  const to = new Date(range.to.getTime() + maxBufferMinutes * MINUTE);
  const result = await tx.execute<{
    practitioner_id: string;
    starts_at: Date | string;
    ends_at: Date | string;
  }>(
    sql`select practitioner_id, starts_at, ends_at
          from practitioner_busy_times(${sql.param([...ids])}::uuid[], ${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)`,
  );
  for (const row of result.rows) {
    const list = busy.get(row.practitioner_id) ?? [];
    list.push({ start: new Date(row.starts_at), end: new Date(row.ends_at) });
    busy.set(row.practitioner_id, list);
  }
  return busy;
}

/** Both queries for `ids`: what the engine needs for each visible practitioner. */
async function load(tx: Tx, ids: readonly string[], range: SlotRange) {
  const schedules = await loadSchedules(tx, ids, range);
  const maxBuffer = Math.max(0, ...[...schedules.values()].map((s) => s.bufferMinutes));
  const busy = await loadBusy(tx, [...schedules.keys()], range, maxBuffer);
  return { schedules, busy };
}

function queryOf(
  schedule: PractitionerSchedule,
  busy: BusyInterval[],
  range: SlotRange,
  options: SlotOptions,
) {
  return {
    timezone: schedule.timezone,
    windows: schedule.windows,
    exceptions: schedule.exceptions,
    busy,
    bufferMinutes: schedule.bufferMinutes,
    now: options.now ?? new Date(),
    from: range.from,
    to: range.to,
    rules: { ...DEFAULT_SLOT_RULES, ...options.rules },
  };
}

/** One practitioner's free slots in `range`; undefined when the actor cannot see them. */
export async function slotsFor(
  tx: Tx,
  practitionerId: string,
  range: SlotRange,
  options: SlotOptions = {},
): Promise<PractitionerSlots | undefined> {
  const { schedules, busy } = await load(tx, [practitionerId], range);
  const schedule = schedules.get(practitionerId);
  if (!schedule) return undefined;
  const slots = [...freeSlots(queryOf(schedule, busy.get(practitionerId) ?? [], range, options))];
  return { practitionerId, timezone: schedule.timezone, bookable: schedule.bookable, slots };
}

/** Ends of the successive ranges "next free slot" reads busy times for (then the whole range). */
const CHUNK_DAYS = [7, 28];

const hasWindows = (s: PractitionerSchedule) =>
  s.windows.length > 0 || s.exceptions.some((e) => e.isAvailable);

/**
 * The next free slot in `range` of each bookable (validated, active) practitioner of `ids`: null
 * when none is free in the range. Practitioners the actor cannot see, or that are not bookable,
 * are absent. For the directory: "available within N days" is a non-null entry for range
 * [now, now + N days]; "sort by next free slot" sorts on `start`.
 *
 * At most four queries whatever the number of practitioners: their rules, then the busy times of
 * those still without an answer over 7 days, 28 days, the whole range (most practitioners have a
 * free slot within days: no need to read two months of everyone's consultations).
 */
export async function nextFreeSlots(
  tx: Tx,
  practitionerIds: readonly string[],
  range: SlotRange,
  options: SlotOptions = {},
): Promise<Map<string, FreeSlotInterval | null>> {
  const schedules = await loadSchedules(tx, [...new Set(practitionerIds)], range);
  const now = options.now ?? new Date();
  const next = new Map<string, FreeSlotInterval | null>();
  let pending: PractitionerSchedule[] = [];
  for (const schedule of schedules.values()) {
    if (!schedule.bookable) continue;
    if (hasWindows(schedule)) pending.push(schedule);
    else next.set(schedule.practitionerId, null);
  }
  const maxBuffer = Math.max(0, ...pending.map((s) => s.bufferMinutes));
  const to = range.to.getTime();
  const ends = [...CHUNK_DAYS.map((days) => range.from.getTime() + days * DAY).filter((end) => end < to), to];
  for (const end of ends) {
    if (pending.length === 0) break;
    const chunk = { from: range.from, to: new Date(end) };
    const busy = await loadBusy(
      tx,
      pending.map((s) => s.practitionerId),
      chunk,
      maxBuffer,
    );
    const unresolved: PractitionerSchedule[] = [];
    for (const schedule of pending) {
      const query = queryOf(schedule, busy.get(schedule.practitionerId) ?? [], chunk, { ...options, now });
      const first = firstFreeSlot(query);
      // Final when no slot of the whole range could start earlier and end past this chunk: a
      // slot lasts at most MAX_SLOT_DURATION minutes.
      if (end === to || (first && first.start.getTime() + MAX_SLOT_DURATION * MINUTE <= end)) {
        next.set(schedule.practitionerId, first);
      } else unresolved.push(schedule);
    }
    pending = unresolved;
  }
  return next;
}
