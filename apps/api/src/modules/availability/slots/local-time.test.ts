// The shortcuts of local-time.ts against the slow, obvious answers: the zone's calendar date of an
// instant as Luxon reads it (offsets cached per zone and day, DST changes included).
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MINUTE, ZoneClock, zoneOf } from './local-time';

const ZONES = [
  'Europe/Paris',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'UTC',
];
// From a week before to a week after changes of offset (and an ordinary day).
const AROUND = [
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-03-08T07:00:00Z',
  '2026-10-04T15:30:00Z',
  '2026-07-14T12:00:00Z',
].map((at) => Date.parse(at));

/** UTC midnight of the date `ms` falls on in `zone`, as Luxon reads it. */
function luxonDay(zone: string, ms: number): number {
  const local = DateTime.fromMillis(ms, { zone });
  return Date.UTC(local.year, local.month - 1, local.day);
}

describe('ZoneClock.localDayOf', () => {
  it('gives the calendar date Luxon gives, across changes of offset', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...AROUND),
        fc.integer({ min: -7 * 24 * 60, max: 7 * 24 * 60 }),
        (zone, around, minutes) => {
          const ms = around + minutes * MINUTE;
          // A fresh clock and a reused one (offsets cached for the process) answer alike.
          expect(new ZoneClock(zoneOf(zone)).localDayOf(ms)).toBe(luxonDay(zone, ms));
          expect(new ZoneClock(zoneOf(zone)).localDayOf(ms)).toBe(luxonDay(zone, ms));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads every minute of a change of offset right', () => {
    const clock = new ZoneClock(zoneOf('Europe/Paris'));
    // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC; midnights on both sides.
    for (let ms = Date.parse('2026-10-24T20:00:00Z'); ms < Date.parse('2026-10-25T02:00:00Z'); ms += MINUTE) {
      expect(clock.localDayOf(ms)).toBe(luxonDay('Europe/Paris', ms));
    }
    expect(clock.localDayOf(Date.parse('2026-10-24T21:59:59Z'))).toBe(Date.parse('2026-10-24T00:00:00Z'));
    expect(clock.localDayOf(Date.parse('2026-10-24T22:00:00Z'))).toBe(Date.parse('2026-10-25T00:00:00Z'));
    expect(clock.localDayOf(Date.parse('2026-10-25T23:00:00Z'))).toBe(Date.parse('2026-10-26T00:00:00Z'));
  });
});
