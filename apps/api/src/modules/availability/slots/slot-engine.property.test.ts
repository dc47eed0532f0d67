// Properties of the slot engine on random schedules, zones, exceptions and consultations, with
// `now` often near a DST change. The oracle for "inside availability" does not reuse the engine's
// DST arithmetic: on a day whose offset changes it scans the wall clock minute by minute.
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  computeFreeSlots,
  type DEFAULT_SLOT_RULES,
  type ExceptionRule,
  firstFreeSlot,
  type SlotQuery,
  type WeeklyWindowRule,
} from './slot-engine';

const MINUTE = 60_000;
const DAY = 86_400_000;
// Zones with 1-hour, 30-minute (Lord Howe) and no DST, half- and three-quarter-hour offsets, both
// hemispheres. Their changes happen away from midnight.
const ZONES = [
  'Europe/Paris',
  'America/New_York',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'UTC',
];
// The 2026 DST changes of those zones: half of the scenarios start a few days before one.
const DST_CHANGES: [zone: string, date: string][] = [
  ['Europe/Paris', '2026-03-29'],
  ['Europe/Paris', '2026-10-25'],
  ['America/New_York', '2026-03-08'],
  ['America/New_York', '2026-11-01'],
  ['Australia/Lord_Howe', '2026-04-05'],
  ['Australia/Lord_Howe', '2026-10-04'],
  ['Pacific/Auckland', '2026-04-05'],
  ['Pacific/Auckland', '2026-09-27'],
];

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A [start, end) of minutes of a day, on a 5-minute grid, at least 10 minutes long. */
const rangeFrom = (start: fc.Arbitrary<number>) =>
  fc
    .tuple(start, fc.integer({ min: 2, max: 120 }))
    .map(([first, length]) => ({
      startTime: hhmm(first * 5),
      endTime: hhmm(Math.min(288, first + length) * 5),
    }))
    .filter((r) => minuteOf(r.endTime) - minuteOf(r.startTime) >= 10);
// Half of the ranges start at night, where the clocks change (01:00-04:00 local).
const timeRange = fc.oneof(
  rangeFrom(fc.integer({ min: 0, max: 285 })),
  rangeFrom(fc.integer({ min: 0, max: 48 })),
);
// Most changes happen on a Sunday: weekly windows are often on Sundays.
const weekdayArb = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6 }));

const zoneAndNow = fc.oneof(
  fc.record({
    timezone: fc.constantFrom(...ZONES),
    now: fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-20T00:00:00Z') }),
  }),
  fc
    .tuple(fc.constantFrom(...DST_CHANGES), fc.integer({ min: -4 * 24 * 60, max: 12 * 60 }))
    .map(([[timezone, date], minutes]) => ({
      timezone,
      now: Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE,
    })),
);

const scenario = fc
  .record({
    at: zoneAndNow,
    fromOffset: fc.integer({ min: -2 * 24 * 60, max: 6 * 24 * 60 }),
    rangeMinutes: fc.integer({ min: 60, max: 9 * 24 * 60 }),
    slotDuration: fc.integer({ min: 10, max: 180 }),
    bufferMinutes: fc.integer({ min: 0, max: 30 }),
    windows: fc.array(fc.tuple(weekdayArb, timeRange), { maxLength: 10 }),
    exceptions: fc.array(
      fc.tuple(fc.integer({ min: -1, max: 10 }), fc.constantFrom('dayOff', 'block', 'opening'), timeRange),
      { maxLength: 6 },
    ),
    busy: fc.array(fc.tuple(fc.integer({ min: -2 * 288, max: 10 * 288 }), fc.integer({ min: 2, max: 36 })), {
      maxLength: 12,
    }),
    rules: fc.record({
      minNoticeMinutes: fc.oneof(fc.integer({ min: 0, max: 180 }), fc.integer({ min: 0, max: 48 * 60 })),
      horizonDays: fc.integer({ min: 1, max: 60 }),
    }),
  })
  .map((s): SlotQuery & { rules: typeof DEFAULT_SLOT_RULES } => {
    const { timezone, now } = s.at;
    const from = now + s.fromOffset * MINUTE;
    const firstDay = Date.parse(new Date(from).toISOString().slice(0, 10));
    return {
      timezone,
      now: new Date(now),
      from: new Date(from),
      to: new Date(from + s.rangeMinutes * MINUTE),
      bufferMinutes: s.bufferMinutes,
      windows: s.windows.map(
        ([dayOfWeek, r]): WeeklyWindowRule => ({ dayOfWeek, ...r, slotDuration: s.slotDuration }),
      ),
      exceptions: s.exceptions.map(
        ([days, kind, r]): ExceptionRule => ({
          date: new Date(firstDay + days * DAY).toISOString().slice(0, 10),
          isAvailable: kind === 'opening',
          startTime: kind === 'dayOff' ? null : r.startTime,
          endTime: kind === 'dayOff' ? null : r.endTime,
          slotDuration: s.slotDuration,
        }),
      ),
      busy: s.busy.map(([start, length]) => ({
        start: new Date(from + start * 5 * MINUTE),
        end: new Date(from + (start + length) * 5 * MINUTE),
      })),
      rules: s.rules,
    };
  });

// ------------------------------------------------------------------ the oracle

/** Wall-clock reading of instant `t` in `zone`, as epoch ms of that reading taken as UTC. */
const reading = (zone: IANAZone, t: number) => t + zone.offset(t) * MINUTE;

const spans = new Map<string, [number, number]>();
const STEP = 5 * MINUTE;

/**
 * [start, end) of real time that the wall-clock range covers on a date: from the first instant
 * reading at least `start` to just after the last instant reading before `end`. Without an offset
 * change around the date, plain arithmetic; with one, a scan of the wall clock. Steps of 5 minutes
 * are exact here: every time, offset and change of these zones lies on that grid.
 */
function coveredSpan(zone: IANAZone, date: string, startTime: string, endTime: string): [number, number] {
  const key = `${zone.name}|${date}|${startTime}|${endTime}`;
  const known = spans.get(key);
  if (known) return known;
  const day = Date.parse(`${date}T00:00:00Z`);
  const wallStart = day + minuteOf(startTime) * MINUTE;
  const wallEnd = day + minuteOf(endTime) * MINUTE;
  let span: [number, number];
  if (zone.offset(day - DAY) === zone.offset(day + 2 * DAY)) {
    span = [wallStart - zone.offset(day) * MINUTE, wallEnd - zone.offset(day) * MINUTE];
  } else {
    let start = wallStart - 16 * 60 * MINUTE;
    while (reading(zone, start) < wallStart) start += STEP;
    let end = wallEnd + 16 * 60 * MINUTE;
    while (reading(zone, end) >= wallEnd) end -= STEP;
    span = [start, end + STEP];
  }
  spans.set(key, span);
  return span;
}

const datesAround = (t: number) => [-1, 0, 1].map((d) => new Date(t + d * DAY).toISOString().slice(0, 10));
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const meets = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];

describe('slot engine properties', () => {
  it('offers only free, well-formed slots inside availability, notice, horizon and range', () => {
    fc.assert(
      fc.property(scenario, (q) => {
        const { slots, timezone } = computeFreeSlots(q);
        expect(timezone).toBe(q.timezone);
        const zone = IANAZone.create(q.timezone);
        const buffer = q.bufferMinutes * MINUTE;
        const now = q.now.getTime();
        let previousEnd = Number.NEGATIVE_INFINITY;
        for (const slot of slots) {
          const span: [number, number] = [slot.start.getTime(), slot.end.getTime()];
          // The requested length, in order, never overlapping the previous one.
          expect(span[1] - span[0]).toBe((q.windows[0] ?? q.exceptions[0])!.slotDuration * MINUTE);
          expect(span[0]).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = span[1];
          // Notice, horizon, range.
          expect(span[0]).toBeGreaterThanOrEqual(now + q.rules.minNoticeMinutes * MINUTE);
          expect(span[1]).toBeLessThanOrEqual(now + q.rules.horizonDays * DAY);
          expect(span[0]).toBeGreaterThanOrEqual(q.from.getTime());
          expect(span[1]).toBeLessThanOrEqual(q.to.getTime());
          // Neither the slot nor its buffer meets a consultation or that consultation's buffer.
          for (const c of q.busy) {
            expect(meets([span[0], span[1] + buffer], [c.start.getTime(), c.end.getTime() + buffer])).toBe(
              false,
            );
          }
          // Inside one window of its date (weekly or extra opening), on no day off nor blocked hours.
          const candidates = datesAround(span[0]);
          const inside = candidates.some((date) => {
            const exceptions = q.exceptions.filter((e) => e.date === date);
            if (exceptions.some((e) => !e.isAvailable && e.startTime === null)) return false;
            const windows = [
              ...q.windows.filter((w) => w.dayOfWeek === weekday(date)),
              ...exceptions.filter((e) => e.isAvailable),
            ];
            return windows.some((w) => {
              const [start, end] = coveredSpan(zone, date, w.startTime!, w.endTime!);
              return start <= span[0] && span[1] <= end;
            });
          });
          expect(inside, `${slot.start.toISOString()} in ${q.timezone}`).toBe(true);
          for (const e of q.exceptions) {
            const whole = e.startTime === null;
            if (e.isAvailable) continue;
            const blocked = coveredSpan(
              zone,
              e.date,
              whole ? '00:00' : e.startTime!,
              whole ? '24:00' : e.endTime!,
            );
            expect(meets(span, blocked), `${slot.start.toISOString()} blocked on ${e.date}`).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives as first free slot the first of all free slots', () => {
    fc.assert(
      fc.property(scenario, (q) => {
        const first = firstFreeSlot(q);
        const all = computeFreeSlots(q).slots;
        expect(first).toEqual(all[0] ?? null);
      }),
      { numRuns: 100 },
    );
  });

  it('on DST change days, fills exactly the real time a night window covers (no phantom, none missing)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DST_CHANGES),
        rangeFrom(fc.integer({ min: 0, max: 60 })),
        fc.integer({ min: 10, max: 90 }),
        fc.integer({ min: 0, max: 30 }),
        ([timezone, date], range, slotDuration, bufferMinutes) => {
          const zone = IANAZone.create(timezone);
          const q: SlotQuery = {
            timezone,
            windows: [{ dayOfWeek: weekday(date), ...range, slotDuration }],
            exceptions: [],
            busy: [],
            bufferMinutes,
            now: new Date(Date.parse(`${date}T00:00:00Z`) - 5 * DAY),
            from: new Date(Date.parse(`${date}T00:00:00Z`) - DAY),
            to: new Date(Date.parse(`${date}T00:00:00Z`) + 2 * DAY),
          };
          const [start, end] = coveredSpan(zone, date, range.startTime, range.endTime);
          const length = (end - start) / MINUTE;
          const expected =
            length < slotDuration
              ? 0
              : Math.floor((length - slotDuration) / (slotDuration + bufferMinutes)) + 1;
          const { slots } = computeFreeSlots(q);
          expect(slots).toHaveLength(expected);
          if (expected > 0) expect(slots[0]!.start.getTime()).toBe(start);
          for (const slot of slots) expect(slot.end.getTime()).toBeLessThanOrEqual(end);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('offers every slot of a window when nothing else is in the way', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 10, max: 180 }),
        fc.integer({ min: 0, max: 30 }),
        timeRange,
        (timezone, slotDuration, bufferMinutes, range) => {
          // Mondays of 2026 in January (no DST anywhere near): the count is plain arithmetic.
          const windows = [{ dayOfWeek: 1, ...range, slotDuration }];
          const from = new Date('2026-01-10T00:00:00Z');
          const q: SlotQuery = {
            timezone,
            windows,
            exceptions: [],
            busy: [],
            bufferMinutes,
            now: new Date('2026-01-01T00:00:00Z'),
            from,
            to: new Date('2026-01-31T00:00:00Z'),
          };
          const length = minuteOf(range.endTime) - minuteOf(range.startTime);
          const perDay =
            length < slotDuration
              ? 0
              : Math.floor((length - slotDuration) / (slotDuration + bufferMinutes)) + 1;
          // Mondays 12, 19 and 26 January, whatever the zone (none is more than 14 h from UTC).
          expect(computeFreeSlots(q).slots).toHaveLength(3 * perDay);
        },
      ),
      { numRuns: 100 },
    );
  });
});
