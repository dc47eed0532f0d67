// Wall-clock times of a practitioner's time zone → instants. One rule decides both DST cases: a
// window [start, end) covers the real time from the first instant the clock reads `start` (or
// later) to the last instant it reads earlier than `end`.
//
// - A time that does not exist (spring forward: 02:00-03:00 in Europe/Paris on 29 March 2026) is
//   the instant the clocks jump. A window 01:00-04:00 that day is 2 real hours; a window
//   02:00-03:00 that day is empty. (Luxon's own rule moves such a time forward by the gap: 02:30
//   would become 03:30 and a window ending at 02:30 would gain a phantom half hour.)
// - A time that happens twice (fall back: 02:00-03:00 on 25 October 2026): a start is its first
//   occurrence; an end its second, when the clock reads earlier times again before it (02:30), and
//   its first when it does not (02:00: after the first 02:00 the clock never reads less). A window
//   01:00-04:00 that day lasts its real 4 hours, and the repeated hour gives slots twice (02:00
//   CEST and 02:00 CET), both real, distinct instants; 01:00-02:00 lasts 1 hour. Blocked hours
//   follow the same rule, so they block all the time they name.
import { IANAZone } from 'luxon';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const zones = new Map<string, IANAZone>();

/** The IANA zone `name`; throws RangeError for an unknown one. */
export function zoneOf(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    if (!IANAZone.isValidZone(name)) throw new RangeError(`unknown time zone: ${name}`);
    zone = IANAZone.create(name);
    zones.set(name, zone);
  }
  return zone;
}

/** Offset of `zone` at instant `ms`, in milliseconds. */
const offsetAt = (zone: IANAZone, ms: number) => zone.offset(ms) * MINUTE;

/** Which end of a range a wall time is (see the rule above). */
export type Edge = 'start' | 'end';

/**
 * The instant (epoch ms) of `minute` minutes after midnight of the calendar date whose UTC
 * midnight is `dayUtcMs`, on the wall clock of `zone` (minute 1440 is the next midnight).
 */
export function wallInstant(zone: IANAZone, dayUtcMs: number, minute: number, edge: Edge): number {
  // The wall time written as if it were UTC; the real instant is that minus the zone's offset.
  const wall = dayUtcMs + minute * MINUTE;
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  // No transition within a day either side: the one offset.
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter(
    (t, i) => offsetAt(zone, t) === (i ? after : before),
  );
  if (candidates.length === 2) {
    const first = Math.min(...candidates);
    const second = Math.max(...candidates);
    if (edge === 'start') return first;
    // Just before its second occurrence, does the clock read earlier than this time?
    const justBefore = second - MINUTE;
    return justBefore + offsetAt(zone, justBefore) < wall ? second : first;
  }
  if (candidates.length === 1) return candidates[0]!;
  // In a gap: the jump lies between the two readings; find it to the minute (zones change on minutes).
  let lo = Math.min(wall - before, wall - after);
  let hi = Math.max(wall - before, wall - after);
  const offsetLo = offsetAt(zone, lo);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetAt(zone, mid) === offsetLo) lo = mid;
    else hi = mid;
  }
  return hi;
}

// Offsets of each zone at whole-day points (UTC midnights), kept for the process: a zone's rules do
// not change while it runs (Node's time-zone data is fixed at start), and asking Intl costs micro-
// seconds each (issue #13: 6 % of the free-slots route when every request asked again). Bounded per
// zone all the same (a year of dates is 366 points; the limit is ten years').
const dayOffsets = new Map<IANAZone, Map<number, number>>();
const DAY_OFFSETS_LIMIT = 3660;

/**
 * Wall-clock instants of the dates of one zone. Asking the zone for an offset is slow (Intl), and
 * all but two days a year have one offset from start to end: those take their (memoised) offsets at
 * whole-day points; the others go through `wallInstant`.
 */
export class ZoneClock {
  private readonly offsets: Map<number, number>;

  constructor(readonly zone: IANAZone) {
    let offsets = dayOffsets.get(zone);
    if (!offsets) {
      offsets = new Map();
      dayOffsets.set(zone, offsets);
    }
    this.offsets = offsets;
  }

  /** The offset at `day`, a UTC midnight. */
  private offset(day: number): number {
    let offset = this.offsets.get(day);
    if (offset === undefined) {
      offset = offsetAt(this.zone, day);
      if (this.offsets.size >= DAY_OFFSETS_LIMIT) this.offsets.clear();
      this.offsets.set(day, offset);
    }
    return offset;
  }

  /** The one offset of the zone from the day before `day` to the day after next, or null. */
  private steadyOffset(day: number): number | null {
    // Offsets at whole-day points from the day before to the day after next (a wall time of the
    // date, read with any offset, lies in between). Consecutive dates share three of the four.
    const before = this.offset(day - DAY);
    return [day, day + DAY, day + 2 * DAY].every((point) => this.offset(point) === before) ? before : null;
  }

  /** The instant of `minute` on the date whose UTC midnight is `day` (see wallInstant). */
  dayInstants(day: number): (minute: number, edge: Edge) => number {
    const steady = this.steadyOffset(day);
    if (steady !== null) return (minute) => day + minute * MINUTE - steady;
    return (minute, edge) => wallInstant(this.zone, day, minute, edge);
  }

  /** UTC midnight of the calendar date that instant `ms` falls on (as `localDayOf`). */
  localDayOf(ms: number): number {
    // `ms` read with any offset (±14 h) lies between the UTC midnights before and after its own.
    const steady = this.steadyOffset(dayOf(ms));
    return steady === null ? localDayOf(this.zone, ms) : dayOf(ms + steady);
  }
}

/** UTC midnight of the UTC date of `ms`. */
function dayOf(ms: number): number {
  return ms - (((ms % DAY) + DAY) % DAY);
}

/** UTC midnight of the calendar date that instant `ms` falls on in `zone`. */
function localDayOf(zone: IANAZone, ms: number): number {
  return dayOf(ms + offsetAt(zone, ms));
}

/** "YYYY-MM-DD" of a UTC midnight. */
export function isoDay(dayUtcMs: number): string {
  return new Date(dayUtcMs).toISOString().slice(0, 10);
}

/** UTC midnight of "YYYY-MM-DD". */
export function dayFromIso(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}
