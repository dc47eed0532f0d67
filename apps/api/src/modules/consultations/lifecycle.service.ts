// The lifecycle actions (POST /api/v1/consultations/{id}/{confirm,start,end,cancel,no-show}). Each
// runs in one transaction that first locks the consultation's row (SELECT … FOR UPDATE), so two
// actions on one consultation take turns and the second sees the first's result; the pure rules
// (consultations.policy.ts) decide; the change, its ConsultationEvent (actor, role, IP, user agent),
// the practitioner's counter, the other participant's notification and the e-mail job commit
// together. The audit trigger of the consultations table records the change itself.
import type {
  ConsultationAction,
  ConsultationParty,
  Consultation as ConsultationView,
} from '@huntzen/contracts';
import { withActor } from '@huntzen/db';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { cancelReminders } from '../reminders';
import { announceFreedSlot } from '../waitlist';
import type { ConsultationsDeps } from './booking.service';
import type { EmailJob } from './consultation.emails';
import { scheduleConsultationEmails } from './consultation.jobs';
import { type NotifiedChange, notifyChange } from './consultation.notifications';
import { checkTransition, otherParticipants, partyOf, transitionChanges } from './consultations.policy';
import * as repo from './consultations.repository';
import { employeeName, practitionerName, toConsultationView } from './consultations.view';

const notFound = () => new AppError('NOT_FOUND', 'No such consultation.');

const CHANGES: Record<ConsultationAction, NotifiedChange> = {
  confirm: 'confirmed',
  start: 'started',
  end: 'ended',
  cancel: 'cancelled',
  'no-show': 'absent',
};
// Start and end happen while both are in the session: a notification is enough.
const EMAILED: Partial<Record<ConsultationAction, EmailJob['kind']>> = {
  confirm: 'confirmed',
  cancel: 'cancelled',
  'no-show': 'no-show',
};

/** The event's metadata: facts of the change, never the cancellation reason. */
function metadataOf(action: ConsultationAction, party: ConsultationParty, c: repo.ConsultationRecord) {
  switch (action) {
    case 'start':
      return { startedAt: c.startedAt?.toISOString() };
    case 'end':
      return {
        endedAt: c.endedAt?.toISOString(),
        actualDuration: c.actualDuration,
        isBillable: c.isBillable,
      };
    case 'cancel':
      return { cancelledBy: party, cancelledWithin24h: c.cancelledWithin24h, isBillable: c.isBillable };
    case 'no-show':
      // An absent practitioner is flagged for HuntZen's admins (GET /consultations?flagged=true).
      return { noShowBy: c.noShowBy, isBillable: c.isBillable, flagged: c.noShowBy === 'practitioner' };
    default:
      return null;
  }
}

/** Builds the lifecycle service. */
export function createLifecycleService(deps: ConsultationsDeps) {
  const { db } = deps;
  return {
    /** Takes `action` on consultation `id` for `actor`; returns the consultation afterwards. */
    async act(
      actor: RequestActor,
      id: string,
      action: ConsultationAction,
      input: { reason?: string; confirmShort?: boolean } = {},
    ): Promise<ConsultationView> {
      if (actor.role === 'ADMIN_RH') throw notFound();
      return withActor(db, actor, async (tx) => {
        const locked = await repo.lockConsultation(tx, id);
        if (!locked) throw notFound();
        const party = partyOf(actor, locked);
        if (!party) throw notFound();
        // Read after the lock: the time of the decision is the time of the change.
        const now = new Date();
        const rule = checkTransition(action, party, locked, now);
        const changes = transitionChanges(action, party, locked, now, input);
        const updated = await repo.updateConsultation(tx, id, {
          ...changes,
          ...(action === 'cancel' ? { cancelledBy: actor.userId } : {}),
        });
        if (action === 'end') await repo.countCompleted(tx, locked.practitionerId);
        if (action === 'cancel') {
          await cancelReminders(tx, id);
          // The slot is free again: its waiters are told once this commits (modules/waitlist).
          await announceFreedSlot(tx, {
            practitionerId: locked.practitionerId,
            start: locked.scheduledAt,
            end: locked.scheduledEndAt,
          });
        }
        const sequence = await repo.countEvents(tx, id);
        const eventId = await repo.insertEvent(tx, {
          consultationId: id,
          eventType: rule.event,
          actorId: actor.userId,
          actorRole: actor.role,
          metadata: metadataOf(action, party, updated),
          ipAddress: actor.ip ?? null,
          userAgent: actor.userAgent ?? null,
        });

        const parties = await repo.findParties(tx, locked.employeeId, locked.practitionerId);
        if (!parties) throw notFound();
        const names = {
          employee: employeeName(parties.employee),
          practitioner: practitionerName(parties.practitioner),
        };
        for (const side of otherParticipants(party)) {
          await notifyChange(tx, parties[side], CHANGES[action], {
            consultationId: id,
            at: locked.scheduledAt,
            withName: names[side === 'employee' ? 'practitioner' : 'employee'],
            byHuntZen: party === 'admin',
          });
        }
        const emailed = EMAILED[action];
        if (emailed) {
          await scheduleConsultationEmails(tx, {
            consultationId: id,
            eventId,
            kind: emailed,
            by: party,
            sequence,
          });
        }
        const row = await repo.findConsultation(tx, id);
        return toConsultationView(row!, party);
      });
    },
  };
}

export type LifecycleService = ReturnType<typeof createLifecycleService>;
