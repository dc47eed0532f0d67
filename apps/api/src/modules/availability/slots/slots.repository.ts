// Free slots read from the database: the practitioners' rules and their busy times (through
// practitioner_busy_times, migration 0012), then the pure engine. One practitioner's (the slots
// route, booking's re-check): one statement. Many practitioners' (the directory asks for hundreds
// at once): a query of rules, then of busy times, whatever their number.
import { MAX_SLOT_DURATION } from '@huntzen/contracts';
import { availabilities, builtOnce, practitioners, type Tx } from '@huntzen/db';
import { and, eq, gte, inArray, lte, or, type SQLWrapper, sql } from 'drizzle-orm';
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

/** An availabilities row as the engine's rules are read from it. */
interface StoredAvailability {
  type: 'RECURRING' | 'EXCEPTION' | null;
  dayOfWeek: number | null;
  startTime: string | null;
  endTime: string | null;
  date: Date | null;
  isAvailable: boolean | null;
  slotDuration: number | null;
}

/** The dates of the exceptions that can matter in `range`. */
function exceptionDates(range: SlotRange): { first: Date; last: Date } {
  // Exception dates are midnight UTC of a local date; local dates lie within ±14 h of UTC.
  return { first: new Date(range.from.getTime() - 2 * DAY), last: new Date(range.to.getTime() + 2 * DAY) };
}

/**
 * The availabilities that can matter between the exception dates `first` and `last`: active,
 * weekly or an exception between them (values, or placeholders of a query built once).
 */
function availabilitiesOf(first: Date | SQLWrapper, last: Date | SQLWrapper) {
  return and(
    eq(availabilities.practitionerId, practitioners.id),
    eq(availabilities.isActive, true),
    or(
      eq(availabilities.type, 'RECURRING'),
      and(gte(availabilities.date, first), lte(availabilities.date, last)),
    ),
  );
}

const practitionerRules = {
  practitionerId: practitioners.id,
  timezone: practitioners.timezone,
  bufferTime: practitioners.bufferTime,
  isValidated: practitioners.isValidated,
  isActive: practitioners.isActive,
};

function scheduleOf(row: {
  practitionerId: string;
  timezone: string;
  bufferTime: number;
  isValidated: boolean;
  isActive: boolean;
}): PractitionerSchedule {
  return {
    practitionerId: row.practitionerId,
    timezone: row.timezone,
    bufferMinutes: row.bufferTime,
    bookable: row.isValidated && row.isActive,
    windows: [],
    exceptions: [],
  };
}

function addRule(schedule: PractitionerSchedule, row: StoredAvailability): void {
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
  const dates = exceptionDates(range);
  const rows = await tx
    .select({
      ...practitionerRules,
      type: availabilities.type,
      dayOfWeek: availabilities.dayOfWeek,
      startTime: availabilities.startTime,
      endTime: availabilities.endTime,
      date: availabilities.date,
      isAvailable: availabilities.isAvailable,
      slotDuration: availabilities.slotDuration,
    })
    .from(practitioners)
    .leftJoin(availabilities, availabilitiesOf(dates.first, dates.last))
    .where(inArray(practitioners.id, [...ids]));
  for (const row of rows) {
    let schedule = schedules.get(row.practitionerId);
    if (!schedule) {
      schedule = scheduleOf(row);
      schedules.set(row.practitionerId, schedule);
    }
    addRule(schedule, row);
  }
  return schedules;
}

/**
 * The range of busy times that can touch a slot of `range` or its buffer: a consultation ending up
 * to one buffer before `from` still blocks the first slots; one starting up to one buffer after
 * `to` still blocks the last.
 */
const busyRange = (range: SlotRange, bufferMinutes: number): SlotRange => ({
  from: new Date(range.from.getTime() - bufferMinutes * MINUTE),
  to: new Date(range.to.getTime() + bufferMinutes * MINUTE),
});

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
  const { from, to } = busyRange(range, maxBufferMinutes);
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

/**
 * What the engine needs for one practitioner, if the actor can see them, in one statement (issue
 * #13): the rules as `loadSchedules` reads them (their availabilities aggregated in the row) and
 * the busy times as `loadBusy` reads them, over the range widened by the practitioner's own buffer.
 * Built once per connection (`builtOnce`): the free slots and every booking read it.
 */
async function loadOne(
  tx: Tx,
  practitionerId: string,
  range: SlotRange,
): Promise<{ schedule: PractitionerSchedule; busy: BusyInterval[] } | undefined> {
  const dates = exceptionDates(range);
  const [row] = await builtOnce(tx, 'slots.one', () => {
    // JSON keeps the column values as they are; the dates and instants are parsed below. (Each
    // subquery is an SQL value of its own: drizzle writes the top-level columns of a one-table
    // select unqualified, which a correlated subquery must not be.)
    const rules = sql`(
      select json_agg(json_build_object(
               'type', ${availabilities.type}, 'dayOfWeek', ${availabilities.dayOfWeek},
               'startTime', ${availabilities.startTime}, 'endTime', ${availabilities.endTime},
               'date', ${availabilities.date}, 'isAvailable', ${availabilities.isAvailable},
               'slotDuration', ${availabilities.slotDuration}))
        from ${availabilities}
       where ${availabilitiesOf(sql.placeholder('firstDate'), sql.placeholder('lastDate'))})`;
    const buffer = sql`make_interval(mins => ${practitioners.bufferTime})`;
    const busy = sql`(
      select json_agg(json_build_array(b.starts_at, b.ends_at) order by b.starts_at)
        from practitioner_busy_times(array[${practitioners.id}],
                                     ${sql.placeholder('from')}::timestamptz - ${buffer},
                                     ${sql.placeholder('to')}::timestamptz + ${buffer}) b)`;
    return tx
      .select({
        ...practitionerRules,
        rules: sql<(Omit<StoredAvailability, 'date'> & { date: string | null })[]>`coalesce(${rules}, '[]')`,
        busy: sql<[string, string][]>`coalesce(${busy}, '[]')`,
      })
      .from(practitioners)
      .where(eq(practitioners.id, sql.placeholder('practitionerId')));
  }).execute({
    practitionerId,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    firstDate: dates.first.toISOString(),
    lastDate: dates.last.toISOString(),
  });
  if (!row) return undefined;
  const schedule = scheduleOf(row);
  for (const rule of row.rules) addRule(schedule, { ...rule, date: rule.date ? new Date(rule.date) : null });
  return {
    schedule,
    busy: row.busy.map(([start, end]) => ({ start: new Date(start), end: new Date(end) })),
  };
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
  const loaded = await loadOne(tx, practitionerId, range);
  if (!loaded) return undefined;
  const { schedule, busy } = loaded;
  const slots = [...freeSlots(queryOf(schedule, busy, range, options))];
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
