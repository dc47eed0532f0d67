// Telling the waiters of a freed slot. The change that frees it (a cancellation, a reschedule away
// from it) calls announceFreedSlot in its own transaction: a job exists only if the change commits.
// The job, as the system actor, tells every waiter whose range holds the slot, in the order they
// joined (first come, first told): an in-app notification and its generic e-mail copy (notify with
// `email: true`), with a link to the practitioner's page to book. No hold: the first to book gets
// the slot, and the database still forbids a double booking (0013_booking.sql). Nothing about the
// consultation that was cancelled is told: only the practitioner's name and the slot's time.
import { SYSTEM_ACTOR, type Tx, withActor } from '@huntzen/db';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineTask, scheduleJob } from '../../platform/jobs';
import { mailLanguage } from '../../platform/mail';
import { notify } from '../../platform/notifications';
import { slotsFor } from '../availability';
import * as repo from './waitlist.repository';

const DAY = 86_400_000;

export const FreedSlotSchema = z.object({
  practitionerId: z.uuid(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
});
export type FreedSlot = z.infer<typeof FreedSlotSchema>;

function whenText(at: Date, zone: string, language: 'fr' | 'en'): string {
  const local = DateTime.fromJSDate(at, { zone }).setLocale(language);
  return language === 'fr'
    ? `${local.toFormat("cccc d LLLL yyyy 'à' HH:mm")} (${zone})`
    : `${local.toFormat("cccc, LLLL d, yyyy 'at' h:mm a")} (${zone})`;
}

/** Tells the waiters of `slot`, in order; returns how many were told. Run as the system actor. */
export async function tellWaiters(tx: Tx, slot: FreedSlot, now = new Date()): Promise<number> {
  await repo.deleteExpired(tx, now);
  const start = new Date(slot.start);
  const end = new Date(slot.end);
  // A slot already started frees nothing one could book; nor does a time the practitioner does not
  // offer (outside their hours, or booked again meanwhile): the slot engine decides, as for booking.
  if (start <= now) return 0;
  const offered = await slotsFor(
    tx,
    slot.practitionerId,
    { from: new Date(start.getTime() - DAY), to: new Date(end.getTime() + DAY) },
    { now },
  );
  const free = offered?.bookable ? offered.slots.find((s) => s.start >= start && s.start < end) : undefined;
  if (!free) return 0;
  const at = free.start.toISOString();
  const practitioner = await repo.findPractitioner(tx, slot.practitionerId);
  if (!practitioner) return 0;
  const name = `${practitioner.title} ${practitioner.firstName} ${practitioner.lastName}`
    .replace(/\s+/g, ' ')
    .trim();
  const waiters = await repo.waitersFor(tx, slot.practitionerId, start, end);
  for (const waiter of waiters) {
    const language = mailLanguage(waiter.language);
    const when = whenText(free.start, waiter.timezone, language);
    await notify(tx, {
      userId: waiter.userId,
      type: 'SYSTEM',
      title: language === 'fr' ? 'Un créneau s’est libéré' : 'A slot has freed up',
      message:
        language === 'fr'
          ? `Un créneau de ${name} s’est libéré le ${when}. Le premier à réserver l’obtient.`
          : `A slot of ${name} has freed up on ${when}. The first to book gets it.`,
      linkUrl: `/app/practitioners/${slot.practitionerId}?at=${encodeURIComponent(at)}`,
      linkLabel: language === 'fr' ? 'Réserver' : 'Book',
      metadata: { waitlistEntryId: waiter.id, practitionerId: slot.practitionerId, slotStart: at },
      email: true,
    });
    await repo.markNotified(tx, waiter.id, now);
  }
  return waiters.length;
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
