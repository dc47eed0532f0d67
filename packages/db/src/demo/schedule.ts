// Where demo consultations go. Every practitioner works in whole-hour slots (duration + buffer =
// 60 minutes, starting on the hour in their own time zone, whole-hour offsets only), so a slot is
// one UTC hour: two consultations overlap only when they share that hour. Booking at most one
// consultation per practitioner and per employee in each UTC hour therefore makes overlaps
// impossible by construction — no check, no retry.
import type { Random } from './random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface BookablePractitioner {
  zone: string;
  /** Local starting hours of the slots, per weekday (0 = Sunday … 6 = Saturday). */
  hoursByWeekday: readonly (readonly number[])[];
}

export interface ScheduleInput {
  practitioners: readonly BookablePractitioner[];
  /** Size of the pool of employees who consult. */
  employeeCount: number;
  /** The period, as epoch milliseconds: slots start at or after `from` and end by `to`. */
  from: number;
  to: number;
}

export interface Slot {
  /** Start of the slot (epoch ms, a whole UTC hour). */
  start: number;
  practitioner: number;
  employee: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `zone` from UTC in minutes at the instant `ms` (Paris in summer: 120). */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, format);
  }
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(ms))) part[p.type] = Number(p.value);
  const local = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!);
  return Math.round((local - Math.floor(ms / MINUTE) * MINUTE) / MINUTE);
}

interface Cell {
  start: number;
  practitioners: number[];
}

/** The UTC hours in which practitioners work, in chronological order, with who works then. */
function* cells(input: ScheduleInput): Generator<Cell> {
  let previous = Number.NEGATIVE_INFINITY;
  for (let day = Math.floor(input.from / DAY) * DAY; day < input.to; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    // DST changes happen at night: the offset at noon is the offset of the working day.
    const offsets = new Map<string, number>();
    const byStart = new Map<number, number[]>();
    input.practitioners.forEach((practitioner, index) => {
      const hours = practitioner.hoursByWeekday[weekday];
      if (!hours || hours.length === 0) return;
      let offset = offsets.get(practitioner.zone);
      if (offset === undefined) {
        offset = zoneOffsetMinutes(practitioner.zone, day + 12 * HOUR);
        offsets.set(practitioner.zone, offset);
      }
      for (const hour of hours) {
        const start = day + hour * HOUR - offset * MINUTE;
        if (start < input.from || start + HOUR > input.to) continue;
        const list = byStart.get(start);
        if (list) list.push(index);
        else byStart.set(start, [index]);
      }
    });
    for (const start of [...byStart.keys()].sort((a, b) => a - b)) {
      // Employees are distinct within a cell only: one UTC hour must never come back as a second
      // cell (local hours that spill into the next UTC day would), or an employee could be booked
      // twice at once, which the database refuses (0013_booking.sql).
      if (start <= previous) {
        throw new Error(`demo schedule: the UTC hour ${new Date(start).toISOString()} comes twice`);
      }
      previous = start;
      yield { start, practitioners: byStart.get(start)! };
    }
  }
}

/** How many consultations the period can hold (each cell: min(practitioners, employees)). */
export function scheduleCapacity(input: ScheduleInput): number {
  let capacity = 0;
  for (const cell of cells(input)) capacity += Math.min(cell.practitioners.length, input.employeeCount);
  return capacity;
}

/**
 * Exactly `total` slots drawn uniformly among all possible ones (selection sampling, Knuth's
 * algorithm S), in chronological order, each with an employee free at that hour.
 */
export function* scheduleSlots(input: ScheduleInput, total: number, random: Random): Generator<Slot> {
  const capacity = scheduleCapacity(input);
  if (total > capacity) {
    throw new Error(
      `${total} consultations do not fit: the practitioners' hours over the period hold ${capacity}; ` +
        'add practitioners or employees, or ask for fewer consultations',
    );
  }
  let needed = total;
  let remaining = capacity;
  // A partial Fisher–Yates shuffle per cell hands out distinct employees in O(picked).
  const pool = Int32Array.from({ length: input.employeeCount }, (_, i) => i);
  for (const cell of cells(input)) {
    if (needed === 0) return;
    const list = cell.practitioners;
    const size = Math.min(list.length, input.employeeCount);
    if (size < list.length) random.shuffle(list);
    let picked = 0;
    for (let i = 0; i < size; i++, remaining--) {
      if (random.next() * remaining >= needed) continue;
      const j = picked + Math.floor(random.next() * (input.employeeCount - picked));
      const employee = pool[j]!;
      pool[j] = pool[picked]!;
      pool[picked] = employee;
      picked++;
      needed--;
      yield { start: cell.start, practitioner: list[i]!, employee };
    }
  }
}
