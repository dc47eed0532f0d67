// Rescheduling (POST /api/v1/consultations/{id}/reschedule): either participant moves a SCHEDULED
// or CONFIRMED consultation to another free slot of the practitioner, the employee more than 24 h
// before the start, the practitioner until the start (RESCHEDULE_RULES in @huntzen/contracts). One
// transaction: the row lock, the checks, the move (reschedule_consultation, migration 0028: the
// application role has no grant on the times), its SCHEDULED event (metadata `rescheduled: true`), the reminders re-planned,
// the other participant's notification and the e-mails whose .ics keeps the UID with a higher
// SEQUENCE. The exclusion constraints still decide a race: the loser gets SLOT_TAKEN.
import {
  type Consultation as ConsultationView,
  RESCHEDULE_RULES,
  rescheduleCloses,
} from '@huntzen/contracts';
import { withActor } from '@huntzen/db';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { slotsFor } from '../availability';
import { planReminders } from '../reminders';
import { announceFreedSlot } from '../waitlist';
import type { ConsultationsDeps } from './booking.service';
import { scheduleConsultationEmails } from './consultation.jobs';
import { notifyChange } from './consultation.notifications';
import { partyOf } from './consultations.policy';
import * as repo from './consultations.repository';
import { employeeName, practitionerName, toConsultationView } from './consultations.view';

const DAY = 86_400_000;
const notFound = () => new AppError('NOT_FOUND', 'No such consultation.');

/** Builds the rescheduling service. */
export function createRescheduleService(deps: ConsultationsDeps) {
  return {
    /** Moves consultation `id` to `scheduledAt` for `actor`; returns the consultation afterwards. */
    async reschedule(actor: RequestActor, id: string, scheduledAt: string): Promise<ConsultationView> {
      if (actor.role !== 'EMPLOYEE' && actor.role !== 'PRACTITIONER') throw notFound();
      return withActor(deps.db, actor, async (tx) => {
        const locked = await repo.lockConsultation(tx, id);
        if (!locked) throw notFound();
        const party = partyOf(actor, locked);
        if (party !== 'employee' && party !== 'practitioner') throw notFound();
        const now = new Date();
        if (!RESCHEDULE_RULES.statuses.includes(locked.status)) {
          throw new AppError('ILLEGAL_TRANSITION', `A ${locked.status} consultation cannot be moved.`, {
            currentState: locked.status,
          });
        }
        const closes = rescheduleCloses(party, locked.scheduledAt);
        if (now >= closes) {
          throw new AppError(
            'OUTSIDE_TIME_WINDOW',
            party === 'employee'
              ? `Less than ${RESCHEDULE_RULES.employeeBeforeHours} hours before the start, only the practitioner may move it; you may cancel it.`
              : 'This consultation has started: it cannot be moved.',
            { currentState: locked.status },
          );
        }
        const start = new Date(scheduledAt);
        if (start.getTime() === locked.scheduledAt.getTime()) {
          throw new AppError('VALIDATION_FAILED', 'This is already the time of the consultation.', {
            errors: [{ path: 'body.scheduledAt', message: 'is the current time' }],
          });
        }
        // The new time must be a slot the practitioner offers now (free, notice, horizon).
        const offered = await slotsFor(
          tx,
          locked.practitionerId,
          { from: new Date(start.getTime() - DAY), to: new Date(start.getTime() + DAY) },
          { now },
        );
        const slot = offered?.slots.find((s) => s.start.getTime() === start.getTime());
        if (!slot) {
          const end = new Date(start.getTime() + locked.duration * 60_000);
          if (await repo.practitionerBusy(tx, locked.practitionerId, start, end)) {
            throw new AppError(
              'SLOT_TAKEN',
              'This slot has just been booked by someone else: choose another one.',
            );
          }
          throw new AppError('VALIDATION_FAILED', 'This time is not a free slot of this practitioner.', {
            errors: [{ path: 'body.scheduledAt', message: 'is not a free slot of this practitioner' }],
          });
        }
        try {
          await repo.moveConsultation(tx, locked, start);
        } catch (error) {
          const overlap = repo.overlapConflict(error);
          if (overlap === 'practitioner') {
            throw new AppError(
              'SLOT_TAKEN',
              'This slot has just been booked by someone else: choose another one.',
            );
          }
          if (overlap === 'employee') {
            throw new AppError('EMPLOYEE_BUSY', 'The employee already has a consultation at that time.');
          }
          throw error;
        }
        await planReminders(tx, { id, scheduledAt: start }, { now });
        // The old time is free again: its waiters are told once this commits (modules/waitlist).
        await announceFreedSlot(tx, {
          practitionerId: locked.practitionerId,
          start: locked.scheduledAt,
          end: locked.scheduledEndAt,
        });
        const sequence = await repo.countEvents(tx, id);
        const eventId = await repo.insertEvent(tx, {
          consultationId: id,
          // The spec's event types are fixed (no RESCHEDULED): a move is a new SCHEDULED event
          // whose metadata says it moved, from when and to when.
          eventType: 'SCHEDULED',
          actorId: actor.userId,
          actorRole: actor.role,
          metadata: {
            rescheduled: true,
            movedBy: party,
            from: locked.scheduledAt.toISOString(),
            to: start.toISOString(),
          },
          ipAddress: actor.ip ?? null,
          userAgent: actor.userAgent ?? null,
        });
        const parties = await repo.findParties(tx, locked.employeeId, locked.practitionerId);
        if (!parties) throw notFound();
        const other = party === 'employee' ? 'practitioner' : 'employee';
        await notifyChange(tx, parties[other], 'rescheduled', {
          consultationId: id,
          at: start,
          withName:
            party === 'employee' ? employeeName(parties.employee) : practitionerName(parties.practitioner),
        });
        await scheduleConsultationEmails(tx, {
          consultationId: id,
          eventId,
          kind: 'rescheduled',
          by: party,
          sequence,
        });
        const row = await repo.findConsultation(tx, id);
        return toConsultationView(row!, party);
      });
    },
  };
}

export type RescheduleService = ReturnType<typeof createRescheduleService>;
