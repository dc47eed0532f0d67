// The slot engine: a practitioner's free slots, computed from their rules alone (no I/O, no
// clock: `now` is an input), following PRODUCT.md "Availability".
//
// - Windows are in the practitioner's time zone: the weekly ones of the date's weekday
//   (0 = Sunday) plus the extra openings of that date. DST rules: see local-time.ts.
// - In each window, slots start at the window's start, last its `slotDuration` and are spaced by
//   `slotDuration + bufferTime`; a slot must end by the window's end (its buffer may run past it).
//   The grid stays anchored on the window's start whatever is blocked or booked inside it.
// - A day off removes every window of its date (extra openings included). Blocked hours remove
//   the slots they overlap.
// - A slot is free when neither it nor its buffer overlaps a non-cancelled consultation or that
//   consultation's buffer: [start, end + buffer) and [c.start, c.end + buffer) do not meet.
// - Only slots starting at least `minNoticeMinutes` after `now` and ending at most `horizonDays`
//   after it, and lying inside the asked range [from, to), are returned.
// - Slots never overlap each other: where two windows overlap (an extra opening over a weekly
//   window), the earlier slot wins.
import { DAY, dayFromIso, isoDay, MINUTE, ZoneClock, zoneOf } from './local-time';

/** A weekly window: every `dayOfWeek` from `startTime` to `endTime` ("HH:MM", end may be "24:00"). */
export interface WeeklyWindowRule {
  dayOfWeek: number;
  startTime: string;
  endTime: string;
  slotDuration: number;
}

/** An exception on a calendar date "YYYY-MM-DD" of the practitioner's zone. */
export interface ExceptionRule {
  date: string;
  /** false: day off (no times) or blocked hours (times); true: extra opening (times). */
  isAvailable: boolean;
  startTime: string | null;
  endTime: string | null;
  slotDuration: number;
}

/** A non-cancelled consultation's planned time. */
export interface BusyInterval {
  start: Date;
  end: Date;
}

export interface SlotRules {
  /** No slot starts sooner than this after `now`. */
  minNoticeMinutes: number;
  /** No slot ends later than this after `now`. */
  horizonDays: number;
}

export const DEFAULT_SLOT_RULES: SlotRules = Object.freeze({ minNoticeMinutes: 120, horizonDays: 60 });

/** Everything the engine needs about one practitioner, and the question. */
export interface SlotQuery {
  timezone: string;
  windows: readonly WeeklyWindowRule[];
  exceptions: readonly ExceptionRule[];
  busy: readonly BusyInterval[];
  bufferMinutes: number;
  now: Date;
  from: Date;
  to: Date;
  rules?: Partial<SlotRules>;
}

export interface FreeSlotInterval {
  start: Date;
  end: Date;
}

const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

interface Candidate {
  start: number;
  end: number;
}

/** Busy time (each consultation followed by its buffer) with a forward-only cursor. */
class BusyCalendar {
  private readonly spans: [number, number][];
  private cursor = 0;
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(busy: readonly BusyInterval[], buffer: number) {
    this.spans = busy
      .map((b): [number, number] => [b.start.getTime(), b.end.getTime() + buffer])
      .sort((a, b) => a[0] - b[0]);
  }

  /** Whether [start, end) meets a busy span; calls usually come in increasing `start`. */
  overlaps(start: number, end: number): boolean {
    // Spans before the cursor ended before an earlier start; rewind if a call goes back in time.
    if (start < this.lastStart) this.cursor = 0;
    this.lastStart = start;
    while (this.cursor < this.spans.length && this.spans[this.cursor]![1] <= start) this.cursor++;
    for (let i = this.cursor; i < this.spans.length && this.spans[i]![0] < end; i++) {
      if (this.spans[i]![1] > start) return true;
    }
    return false;
  }
}

function slotsOfDay(
  instant: (minute: number, edge: 'start' | 'end') => number,
  windows: readonly (WeeklyWindowRule | ExceptionRule)[],
  buffer: number,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const window of windows) {
    const first = instant(minuteOf(window.startTime!), 'start');
    const last = instant(minuteOf(window.endTime!), 'end');
    const length = window.slotDuration * MINUTE;
    for (let start = first; start + length <= last; start += length + buffer) {
      candidates.push({ start, end: start + length });
    }
  }
  return candidates.sort((a, b) => a.start - b.start || a.end - b.end);
}

const NO_EXCEPTIONS: readonly ExceptionRule[] = [];

/** The free slots of the query, in time order, computed lazily (stop early for "the next one"). */
export function* freeSlots(query: SlotQuery): Generator<FreeSlotInterval> {
  const rules = { ...DEFAULT_SLOT_RULES, ...query.rules };
  const zone = zoneOf(query.timezone);
  const buffer = Math.max(0, query.bufferMinutes) * MINUTE;
  const now = query.now.getTime();
  const lower = Math.max(query.from.getTime(), now + rules.minNoticeMinutes * MINUTE);
  const upper = Math.min(query.to.getTime(), now + rules.horizonDays * DAY);
  if (!(lower < upper)) return;

  const weekly: WeeklyWindowRule[][] = [[], [], [], [], [], [], []];
  for (const window of query.windows) weekly[window.dayOfWeek]?.push(window);
  const exceptionsOf = new Map<string, ExceptionRule[]>();
  for (const exception of query.exceptions) {
    const list = exceptionsOf.get(exception.date) ?? [];
    list.push(exception);
    exceptionsOf.set(exception.date, list);
  }
  const busy = new BusyCalendar(query.busy, buffer);
  const clock = new ZoneClock(zone);

  let lastEnd = Number.NEGATIVE_INFINITY;
  // A date's windows can begin before its midnight's instant (a repeated hour at midnight): start
  // a day early. Calendar dates step in UTC, which has no DST.
  const lastDay = clock.localDayOf(upper);
  for (let day = clock.localDayOf(lower) - DAY; day <= lastDay; day += DAY) {
    // Most practitioners have no exception in range: no date to format for them.
    const exceptions =
      exceptionsOf.size === 0 ? NO_EXCEPTIONS : (exceptionsOf.get(isoDay(day)) ?? NO_EXCEPTIONS);
    if (exceptions.some((e) => !e.isAvailable && e.startTime === null)) continue;
    const windows = [
      ...weekly[new Date(day).getUTCDay()]!,
      ...exceptions.filter((e) => e.isAvailable && e.startTime !== null && e.endTime !== null),
    ];
    if (windows.length === 0) continue;
    const instant = clock.dayInstants(day);
    const blocks = exceptions
      .filter((e) => !e.isAvailable && e.startTime !== null && e.endTime !== null)
      .map((e) => ({
        start: instant(minuteOf(e.startTime!), 'start'),
        end: instant(minuteOf(e.endTime!), 'end'),
      }));
    for (const slot of slotsOfDay(instant, windows, buffer)) {
      if (slot.start < lower || slot.end > upper || slot.start < lastEnd) continue;
      if (blocks.some((b) => slot.start < b.end && b.start < slot.end)) continue;
      if (busy.overlaps(slot.start, slot.end + buffer)) continue;
      lastEnd = slot.end;
      yield { start: new Date(slot.start), end: new Date(slot.end) };
    }
  }
}

/** Every free slot of the query, with the practitioner's zone. */
export function computeFreeSlots(query: SlotQuery): { timezone: string; slots: FreeSlotInterval[] } {
  return { timezone: query.timezone, slots: [...freeSlots(query)] };
}

/** The first free slot of the query, or null. */
export function firstFreeSlot(query: SlotQuery): FreeSlotInterval | null {
  const next = freeSlots(query).next();
  return next.done ? null : next.value;
}

/** The exceptions' calendar dates as stored (midnight UTC of the date) ↔ "YYYY-MM-DD". */
export const exceptionDate = {
  toStored: (date: string): Date => new Date(dayFromIso(date)),
  fromStored: (stored: Date): string => isoDay(stored.getTime()),
};
