// Telling the waiters of a freed or newly opened slot. The change that frees time (a cancellation,
// a reschedule away from it: announceFreedSlot) or opens it (an availability change:
// announceOpenings) schedules the job in its own transaction: a job exists only if the change
// commits. The job, as the system actor, takes the waiters in the order they joined (first come,
// first told) and tells each one the first slot the slot engine really offers now (free, within
// notice and horizon) that starts in the announced time and lies in the waiter's range, unless
// they were told of that slot before (waitlist_notices, 0033): an in-app notification and its generic
// e-mail copy (notify with `email: true`), with a link to book it. No free slot, no message. No
// hold: the first to book gets the slot, and the database still forbids a double booking
// (0013_booking.sql). Nothing about a cancelled consultation is told: only the practitioner's name
// and the slot's time.
// Time opens slots too: slots are offered up to the horizon (60 days), a waiter's range may run to
// 92 days ahead, so every hour the cron `waitlist_horizon` tells the waiters of the slots that came
// within the horizon since the last runs (announceHorizon).
import { createHash } from 'node:crypto';
import { MAX_SLOT_DURATION } from '@huntzen/contracts';
import { type Database, SYSTEM_ACTOR, type Tx, withActor } from '@huntzen/db';
import { z } from 'zod';
import { defineCron, defineTask, scheduleJob } from '../../platform/jobs';
import { mailDateTime, mailLanguage } from '../../platform/mail';
import { notify } from '../../platform/notifications';
import { DEFAULT_SLOT_RULES, slotsFor } from '../availability';
import { openingRanges, type TimeRange } from './waitlist.openings';
import * as repo from './waitlist.repository';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** More pieces than this (new slots between many old ones) are announced as one range. */
const MAX_RANGES = 300;

const RangeSchema = z.object({ start: z.iso.datetime(), end: z.iso.datetime() });

export const FreedSlotSchema = z.object({
  practitionerId: z.uuid(),
  /** The announced time [start, end): a free slot starting in it is told. */
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  /** The exact pieces of [start, end) that opened (an availability change); absent: all of it. */
  ranges: z.array(RangeSchema).max(MAX_RANGES).optional(),
});
export type FreedSlot = z.infer<typeof FreedSlotSchema>;

/** Tells the waiters of the announced time, in order; returns how many were told. Run as the system actor. */
export async function tellWaiters(tx: Tx, announced: FreedSlot, now = new Date()): Promise<number> {
  await repo.deleteExpired(tx, now);
  const pieces = (announced.ranges ?? [announced])
    .map((r) => ({ start: new Date(r.start), end: new Date(r.end) }))
    .filter((r) => r.end > now && r.end > r.start);
  if (pieces.length === 0) return 0;
  const from = new Date(Math.min(...pieces.map((r) => r.start.getTime())));
  const to = new Date(Math.max(...pieces.map((r) => r.end.getTime())));
  const waiters = await repo.waitersFor(tx, announced.practitionerId, from, to);
  if (waiters.length === 0) return 0;
  // What the practitioner offers now (outside their hours, booked again meanwhile, too soon: not
  // offered): the slot engine decides, on the same range around the time as booking does.
  const offered = await slotsFor(
    tx,
    announced.practitionerId,
    { from: new Date(Math.max(from.getTime(), now.getTime()) - DAY), to: new Date(to.getTime() + DAY) },
    { now },
  );
  if (!offered?.bookable) return 0;
  const free = offered.slots.filter(
    (s) => s.start > now && pieces.some((r) => s.start >= r.start && s.start < r.end),
  );
  if (free.length === 0) return 0;
  const practitioner = await repo.findPractitioner(tx, announced.practitionerId);
  if (!practitioner) return 0;
  const name = `${practitioner.title} ${practitioner.firstName} ${practitioner.lastName}`
    .replace(/\s+/g, ' ')
    .trim();
  let count = 0;
  for (const waiter of waiters) {
    // Their first free slot: told of it before (a new announcement of the same time), they are
    // not told again. Recorded first: a job telling the same slot at the same time waits on the
    // row, then tells no one.
    const slot = free.find((s) => s.start >= waiter.rangeStart && s.end <= waiter.rangeEnd);
    if (!slot || !(await repo.recordNotice(tx, waiter.id, slot.start, now))) continue;
    const at = slot.start.toISOString();
    const language = mailLanguage(waiter.language);
    const when = mailDateTime(slot.start, waiter.timezone, language);
    await notify(tx, {
      userId: waiter.userId,
      type: 'SYSTEM',
      // Freed or newly opened alike (who had it, or why, is never said).
      title: language === 'fr' ? 'Un créneau est disponible' : 'A slot is available',
      message:
        language === 'fr'
          ? `${name} a un créneau disponible le ${when}, dans la période que vous attendez. Le premier à réserver l’obtient.`
          : `${name} has a slot available on ${when}, within the dates you are waiting for. The first to book gets it.`,
      linkUrl: `/app/practitioners/${announced.practitionerId}?at=${encodeURIComponent(at)}`,
      linkLabel: language === 'fr' ? 'Réserver' : 'Book',
      metadata: { waitlistEntryId: waiter.id, practitionerId: announced.practitionerId, slotStart: at },
      email: true,
    });
    await repo.markNotified(tx, waiter.id, now);
    count += 1;
  }
  return count;
}

export const waitlistTask = defineTask(
  'waitlist_slot_freed',
  FreedSlotSchema,
  async (payload, { db, logger }) => {
    const told = await withActor(db, SYSTEM_ACTOR, (tx) => tellWaiters(tx, payload));
    // Counts only: who waits for whom stays out of the logs.
    logger.debug({ told }, 'waitlist: freed slot announced');
  },
);

/** Schedules the telling of a freed slot, in the transaction of the change that frees it. */
export async function announceFreedSlot(
  tx: Tx,
  slot: { practitionerId: string; start: Date; end: Date },
): Promise<void> {
  await scheduleJob(tx, {
    task: waitlistTask,
    payload: {
      practitionerId: slot.practitionerId,
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
    },
    jobKey: `waitlist:${slot.practitionerId}:${slot.start.toISOString()}`,
    maxAttempts: 5,
  });
}

/**
 * Schedules the telling of the slots an availability change opened, in that change's transaction:
 * `before` and `after` are the practitioner's free slots read around the change (same ranges, same
 * `now`). Returns how many new slots were announced (none: no job).
 */
export async function announceOpenings(
  tx: Tx,
  change: { practitionerId: string; before: readonly TimeRange[]; after: readonly TimeRange[] },
): Promise<number> {
  const found = openingRanges(change.before, change.after);
  if (found.opened === 0) return 0;
  let ranges = found.ranges;
  if (ranges.length > MAX_RANGES) ranges = [{ start: ranges[0]!.start, end: ranges.at(-1)!.end }];
  const iso = ranges.map((r) => ({ start: r.start.toISOString(), end: r.end.toISOString() }));
  // The same opening announced twice before the job runs is one job; different ones never replace
  // each other's pending job.
  const digest = createHash('sha256').update(JSON.stringify(iso)).digest('base64url').slice(0, 22);
  await scheduleJob(tx, {
    task: waitlistTask,
    payload: {
      practitionerId: change.practitionerId,
      start: iso[0]!.start,
      end: iso.at(-1)!.end,
      ...(iso.length > 1 ? { ranges: iso } : {}),
    },
    jobKey: `waitlist:${change.practitionerId}:opening:${digest}`,
    maxAttempts: 5,
  });
  return found.opened;
}

/**
 * How far before the horizon a run looks: the hour since the last run, two runs missed, and the
 * longest slot (a slot comes within the horizon when its end does; it is announced by its start).
 * Slots announced by an earlier run are not told again (waitlist_notices).
 */
const HORIZON_LOOKBACK = 3 * HOUR + MAX_SLOT_DURATION * MINUTE;

/**
 * Tells the waiters of the slots that came within the booking horizon lately: each hour, another
 * hour of a range that runs past the horizon becomes bookable. One transaction per practitioner
 * (as the system actor); returns how many waiters were told.
 */
export async function announceHorizon(db: Database, now = new Date()): Promise<number> {
  const end = new Date(now.getTime() + DEFAULT_SLOT_RULES.horizonDays * DAY);
  const start = new Date(end.getTime() - HORIZON_LOOKBACK);
  const awaited = await withActor(db, SYSTEM_ACTOR, (tx) => repo.practitionersAwaited(tx, start, end));
  const announced = { start: start.toISOString(), end: end.toISOString() };
  let told = 0;
  for (const practitionerId of awaited) {
    told += await withActor(db, SYSTEM_ACTOR, (tx) => tellWaiters(tx, { practitionerId, ...announced }, now));
  }
  return told;
}

export const waitlistHorizonTask = defineTask(
  'waitlist_horizon',
  z.object({}),
  async (_payload, { db, logger }) => {
    const told = await announceHorizon(db);
    // Counts only, as for freed slots.
    logger.debug({ told }, 'waitlist: slots within the horizon announced');
  },
);

defineCron('17 * * * *', waitlistHorizonTask, { jobKey: 'waitlist_horizon', maxAttempts: 3 });
