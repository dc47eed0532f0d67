// The slot engine on examples: PRODUCT.md's Paris 09:00 (08:00Z in winter, 07:00Z in summer), both
// 2026 DST Sundays in Europe/Paris, a New York practitioner seen from Tokyo, exceptions,
// consultations with their buffers, minimum notice and horizon.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  computeFreeSlots,
  type ExceptionRule,
  firstFreeSlot,
  type SlotQuery,
  type WeeklyWindowRule,
} from './slot-engine';

const PARIS = 'Europe/Paris';
const window = (
  dayOfWeek: number,
  startTime: string,
  endTime: string,
  slotDuration = 50,
): WeeklyWindowRule => ({
  dayOfWeek,
  startTime,
  endTime,
  slotDuration,
});

/** A query with Paris, 50-minute slots and 10 minutes of buffer, asked long before the range. */
function query(overrides: Partial<SlotQuery> & Pick<SlotQuery, 'from' | 'to'>): SlotQuery {
  return {
    timezone: PARIS,
    windows: [],
    exceptions: [],
    busy: [],
    bufferMinutes: 10,
    now: new Date(overrides.from.getTime() - 7 * 86_400_000),
    ...overrides,
  };
}

const iso = (slots: { start: Date; end: Date }[]) =>
  slots.map((s) => `${s.start.toISOString()}/${s.end.toISOString()}`);
const starts = (slots: { start: Date }[]) => slots.map((s) => s.start.toISOString());
const local = (slots: { start: Date }[], zone: string) =>
  slots.map((s) => DateTime.fromJSDate(s.start, { zone }).toFormat('ccc HH:mm ZZ'));
const day = (date: string, zone = PARIS) => {
  const start = DateTime.fromISO(date, { zone });
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
};

describe('slot engine: local time to UTC', () => {
  it('puts 09:00 Paris at 08:00Z in winter and 07:00Z in summer', () => {
    const windows = [window(1, '09:00', '12:00')];
    const winter = computeFreeSlots(query({ windows, ...day('2026-01-12') }));
    const summer = computeFreeSlots(query({ windows, ...day('2026-06-15') }));
    expect(winter.timezone).toBe(PARIS);
    expect(iso(winter.slots)).toEqual([
      '2026-01-12T08:00:00.000Z/2026-01-12T08:50:00.000Z',
      '2026-01-12T09:00:00.000Z/2026-01-12T09:50:00.000Z',
      '2026-01-12T10:00:00.000Z/2026-01-12T10:50:00.000Z',
    ]);
    expect(starts(summer.slots)).toEqual([
      '2026-06-15T07:00:00.000Z',
      '2026-06-15T08:00:00.000Z',
      '2026-06-15T09:00:00.000Z',
    ]);
  });

  it('spring forward (Sunday 29 March 2026): 01:00-04:00 is two real hours, no 02:xx slot', () => {
    const result = computeFreeSlots(query({ windows: [window(0, '01:00', '04:00')], ...day('2026-03-29') }));
    expect(starts(result.slots)).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z']);
    expect(local(result.slots, PARIS)).toEqual(['Sun 01:00 +01:00', 'Sun 03:00 +02:00']);
  });

  it('spring forward: a window inside the missing hour is empty, one ending in it ends at the jump', () => {
    const inside = computeFreeSlots(
      query({ windows: [window(0, '02:00', '03:00', 20)], ...day('2026-03-29') }),
    );
    expect(inside.slots).toEqual([]);
    // 00:00-02:30 ends when the clocks jump (01:00Z): no phantom slot at 03:00 local.
    const ending = computeFreeSlots(
      query({ windows: [window(0, '00:00', '02:30', 20)], bufferMinutes: 10, ...day('2026-03-29') }),
    );
    expect(local(ending.slots, PARIS)).toEqual([
      'Sun 00:00 +01:00',
      'Sun 00:30 +01:00',
      'Sun 01:00 +01:00',
      'Sun 01:30 +01:00',
    ]);
  });

  it('fall back (Sunday 25 October 2026): 01:00-04:00 is four real hours, 02:00 comes twice', () => {
    const result = computeFreeSlots(query({ windows: [window(0, '01:00', '04:00')], ...day('2026-10-25') }));
    expect(starts(result.slots)).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T02:00:00.000Z',
    ]);
    expect(local(result.slots, PARIS)).toEqual([
      'Sun 01:00 +02:00',
      'Sun 02:00 +02:00',
      'Sun 02:00 +01:00',
      'Sun 03:00 +01:00',
    ]);
  });

  it('fall back: a window of the repeated hour covers both occurrences', () => {
    const result = computeFreeSlots(query({ windows: [window(0, '02:00', '03:00')], ...day('2026-10-25') }));
    expect(local(result.slots, PARIS)).toEqual(['Sun 02:00 +02:00', 'Sun 02:00 +01:00']);
  });

  it('fall back: a window ending at 02:00 ends at the first 02:00; one ending at 02:30, at the second', () => {
    const at2 = computeFreeSlots(query({ windows: [window(0, '01:00', '02:00')], ...day('2026-10-25') }));
    expect(local(at2.slots, PARIS)).toEqual(['Sun 01:00 +02:00']);
    const at230 = computeFreeSlots(
      query({ windows: [window(0, '01:00', '02:30', 20)], bufferMinutes: 10, ...day('2026-10-25') }),
    );
    expect(local(at230.slots, PARIS)).toEqual([
      'Sun 01:00 +02:00',
      'Sun 01:30 +02:00',
      'Sun 02:00 +02:00',
      'Sun 02:30 +02:00',
      'Sun 02:00 +01:00',
    ]);
  });

  it('09:00 Paris the week after each change is back on the usual hour', () => {
    const windows = [window(1, '09:00', '10:00')];
    expect(starts(computeFreeSlots(query({ windows, ...day('2026-03-30') })).slots)).toEqual([
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(starts(computeFreeSlots(query({ windows, ...day('2026-10-26') })).slots)).toEqual([
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('shows a New York practitioner to an employee in Tokyo on the Tokyo day asked', () => {
    // Monday evening and Tuesday morning in New York; US DST began on Sunday 8 March 2026.
    const windows = [window(1, '18:00', '21:00'), window(2, '09:00', '10:00')];
    const tokyoTuesday = day('2026-03-10', 'Asia/Tokyo');
    expect(tokyoTuesday.from.toISOString()).toBe('2026-03-09T15:00:00.000Z');
    const result = computeFreeSlots(query({ timezone: 'America/New_York', windows, ...tokyoTuesday }));
    expect(result.timezone).toBe('America/New_York');
    expect(starts(result.slots)).toEqual([
      '2026-03-09T22:00:00.000Z',
      '2026-03-09T23:00:00.000Z',
      '2026-03-10T00:00:00.000Z',
      '2026-03-10T13:00:00.000Z',
    ]);
    expect(local(result.slots, 'America/New_York')).toEqual([
      'Mon 18:00 -04:00',
      'Mon 19:00 -04:00',
      'Mon 20:00 -04:00',
      'Tue 09:00 -04:00',
    ]);
    expect(local(result.slots, 'Asia/Tokyo')).toEqual([
      'Tue 07:00 +09:00',
      'Tue 08:00 +09:00',
      'Tue 09:00 +09:00',
      'Tue 22:00 +09:00',
    ]);
    // A week earlier New York was on standard time: the same windows are an hour later in UTC.
    const before = computeFreeSlots(
      query({ timezone: 'America/New_York', windows, ...day('2026-03-03', 'Asia/Tokyo') }),
    );
    expect(starts(before.slots)).toEqual([
      '2026-03-02T23:00:00.000Z',
      '2026-03-03T00:00:00.000Z',
      '2026-03-03T01:00:00.000Z',
      '2026-03-03T14:00:00.000Z',
    ]);
  });
});

describe('slot engine: windows, exceptions and consultations', () => {
  const monday = day('2026-01-12');
  const weekly = [window(1, '09:00', '12:00'), window(1, '14:00', '18:00')];
  const exception = (e: Partial<ExceptionRule>): ExceptionRule => ({
    date: '2026-01-12',
    isAvailable: false,
    startTime: null,
    endTime: null,
    slotDuration: 50,
    ...e,
  });

  it('spaces slots by duration + buffer from each window start; a slot ends by the window end', () => {
    const result = computeFreeSlots(query({ windows: weekly, ...monday }));
    expect(local(result.slots, PARIS)).toEqual([
      'Mon 09:00 +01:00',
      'Mon 10:00 +01:00',
      'Mon 11:00 +01:00',
      'Mon 14:00 +01:00',
      'Mon 15:00 +01:00',
      'Mon 16:00 +01:00',
      'Mon 17:00 +01:00',
    ]);
    const tight = computeFreeSlots(
      query({ windows: [window(1, '09:00', '10:45', 30)], bufferMinutes: 15, ...monday }),
    );
    expect(local(tight.slots, PARIS)).toEqual(['Mon 09:00 +01:00', 'Mon 09:45 +01:00']);
  });

  it('ends a window at midnight with "24:00"', () => {
    const result = computeFreeSlots(query({ windows: [window(1, '22:00', '24:00')], ...monday }));
    expect(local(result.slots, PARIS)).toEqual(['Mon 22:00 +01:00', 'Mon 23:00 +01:00']);
  });

  it('gives nothing on a day off, not even an extra opening', () => {
    const result = computeFreeSlots(
      query({
        windows: weekly,
        exceptions: [exception({}), exception({ isAvailable: true, startTime: '19:00', endTime: '20:00' })],
        ...monday,
      }),
    );
    expect(result.slots).toEqual([]);
  });

  it('removes the slots a blocked period overlaps, keeping the grid', () => {
    const result = computeFreeSlots(
      query({
        windows: weekly,
        exceptions: [exception({ startTime: '09:30', endTime: '10:05' })],
        ...monday,
      }),
    );
    expect(local(result.slots, PARIS).slice(0, 2)).toEqual(['Mon 11:00 +01:00', 'Mon 14:00 +01:00']);
  });

  it('adds an extra opening, with its own slot length', () => {
    const result = computeFreeSlots(
      query({
        windows: weekly,
        exceptions: [
          exception({ isAvailable: true, startTime: '19:00', endTime: '20:30', slotDuration: 30 }),
        ],
        ...monday,
      }),
    );
    expect(local(result.slots, PARIS).slice(-2)).toEqual(['Mon 19:00 +01:00', 'Mon 19:40 +01:00']);
    expect(result.slots.at(-1)!.end.getTime() - result.slots.at(-1)!.start.getTime()).toBe(30 * 60_000);
  });

  it('keeps a slot and its buffer clear of a consultation and of its buffer', () => {
    // 10:05-10:55 Paris, then its 10 minutes of buffer to 11:05.
    const busy = [{ start: new Date('2026-01-12T09:05:00Z'), end: new Date('2026-01-12T09:55:00Z') }];
    const result = computeFreeSlots(query({ windows: [window(1, '09:00', '12:00')], busy, ...monday }));
    // 09:00-09:50 + buffer to 10:00: clear. 10:00: overlaps. 11:00: inside the consultation's buffer.
    expect(local(result.slots, PARIS)).toEqual(['Mon 09:00 +01:00']);
    const touching = [{ start: new Date('2026-01-12T09:00:00Z'), end: new Date('2026-01-12T09:50:00Z') }];
    expect(
      local(
        computeFreeSlots(query({ windows: [window(1, '09:00', '12:00')], busy: touching, ...monday })).slots,
        PARIS,
      ),
    ).toEqual(['Mon 09:00 +01:00', 'Mon 11:00 +01:00']);
  });

  it('starts no sooner than the minimum notice and ends no later than the horizon', () => {
    const windows = [0, 1, 2, 3, 4, 5, 6].map((d) => window(d, '09:00', '12:00'));
    const now = new Date('2026-01-12T08:30:00Z'); // 09:30 Paris
    const result = computeFreeSlots(query({ windows, now, from: now, to: new Date('2026-04-30T00:00:00Z') }));
    // 2 hours of notice: 11:30 Paris at the earliest.
    expect(result.slots[0]!.start.toISOString()).toBe('2026-01-13T08:00:00.000Z');
    // Horizon 60 days: slots end by 2026-03-13T08:30Z; that day's 09:00 Paris slot (08:00Z) ends after.
    expect(result.slots.at(-1)!.start.toISOString()).toBe('2026-03-12T10:00:00.000Z');
    const custom = computeFreeSlots(
      query({
        windows,
        now,
        from: now,
        to: new Date('2026-04-30T00:00:00Z'),
        rules: { minNoticeMinutes: 0, horizonDays: 1 },
      }),
    );
    expect(local(custom.slots, PARIS)).toEqual(['Mon 10:00 +01:00', 'Mon 11:00 +01:00']);
  });

  it('finds the first free slot without computing the rest', () => {
    const windows = [window(1, '09:00', '12:00')];
    const now = new Date('2026-01-12T07:00:00Z');
    const q = query({ windows, now, from: now, to: new Date('2026-03-01T00:00:00Z') });
    // 08:00 Paris + 2 hours of notice: the 10:00 Paris slot.
    expect(firstFreeSlot(q)?.start.toISOString()).toBe('2026-01-12T09:00:00.000Z');
    expect(firstFreeSlot({ ...q, windows: [] })).toBeNull();
  });

  it('refuses an unknown time zone', () => {
    expect(() => computeFreeSlots(query({ timezone: 'Mars/Olympus', ...monday }))).toThrow(RangeError);
  });
});
