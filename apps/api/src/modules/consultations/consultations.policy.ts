// The consultation lifecycle as pure rules (PRODUCT.md "Lifecycle"): which action leads from which
// status to which, who may take it, when, and what it changes (billability included). No I/O and
// no clock: the service passes `now` and applies the returned changes under a row lock.
import {
  CONSULTATION_ACTIONS,
  CONSULTATION_TIMING,
  CONSULTATION_TRANSITIONS,
  type ConsultationAction,
  type ConsultationParty,
  consultationActionWindow,
  HUNTZEN_ADMINS,
  isHuntzenAdmin,
  isShortSession,
  MIN_BILLABLE_MINUTES,
  type Role,
} from '@huntzen/contracts';
import type { Actor, ConsultationEventType, ConsultationStatus } from '@huntzen/db';
import { AppError } from '../../platform/errors';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A consultation's two participants' roles: who acts on it (cancel, reschedule, the room). */
export const CONSULTATION_PARTIES: readonly Role[] = ['EMPLOYEE', 'PRACTITIONER'];
/** Who reads consultations: their participants and HuntZen's admins (`partyOf` decides which). */
export const CONSULTATION_READERS: readonly Role[] = [...CONSULTATION_PARTIES, ...HUNTZEN_ADMINS];

export interface TransitionRule {
  from: readonly ConsultationStatus[];
  to: ConsultationStatus;
  /** Who may take the action: the consultation's employee, its practitioner, a HuntZen admin. */
  by: readonly ConsultationParty[];
  event: ConsultationEventType;
}

/** The event each action records. */
const EVENTS: Readonly<Record<ConsultationAction, ConsultationEventType>> = Object.freeze({
  confirm: 'CONFIRMED',
  start: 'STARTED',
  end: 'ENDED',
  cancel: 'CANCELLED',
  'no-show': 'NO_SHOW',
});

/**
 * The state machine: from, to and who as @huntzen/contracts declares it (CONSULTATION_TRANSITIONS,
 * which the web app follows too), with the event each action records.
 */
export const TRANSITIONS: Readonly<Record<ConsultationAction, TransitionRule>> = Object.freeze(
  Object.fromEntries(
    CONSULTATION_ACTIONS.map((action) => [
      action,
      { ...CONSULTATION_TRANSITIONS[action], event: EVENTS[action] },
    ]),
  ) as Record<ConsultationAction, TransitionRule>,
);

/** What the rules need to know about a consultation. */
export interface LifecycleState {
  status: ConsultationStatus;
  scheduledAt: Date;
  scheduledEndAt: Date;
  /** Set once the session started (IN_PROGRESS and after). */
  startedAt?: Date | null;
}

/** The time window of an action for `party`, [opens, closes) (null: unbounded): the contracts' rule. */
export function actionWindow(
  action: ConsultationAction,
  party: ConsultationParty,
  c: Pick<LifecycleState, 'scheduledAt' | 'scheduledEndAt'>,
): { opens: Date | null; closes: Date | null } {
  const { opens, closes } = consultationActionWindow(action, party, c);
  return {
    opens: opens === null ? null : new Date(opens),
    closes: closes === null ? null : new Date(closes),
  };
}

/**
 * Checks that `party` may take `action` on `c` at `now`; throws FORBIDDEN (wrong party),
 * ILLEGAL_TRANSITION (wrong status) or OUTSIDE_TIME_WINDOW, the last two with the current status.
 */
export function checkTransition(
  action: ConsultationAction,
  party: ConsultationParty,
  c: LifecycleState,
  now: Date,
): TransitionRule {
  const rule = TRANSITIONS[action];
  if (!rule.by.includes(party)) {
    throw new AppError('FORBIDDEN', `The ${party} of a consultation cannot ${action} it.`);
  }
  if (!rule.from.includes(c.status)) {
    throw new AppError('ILLEGAL_TRANSITION', `A ${c.status} consultation cannot be ${pastTense(action)}.`, {
      currentState: c.status,
    });
  }
  const { opens, closes } = actionWindow(action, party, c);
  if (opens && now < opens) {
    throw new AppError(
      'OUTSIDE_TIME_WINDOW',
      `This consultation can be ${pastTense(action)} from ${opens.toISOString()}.`,
      {
        currentState: c.status,
      },
    );
  }
  if (closes && now >= closes) {
    throw new AppError(
      'OUTSIDE_TIME_WINDOW',
      `This consultation could be ${pastTense(action)} until ${closes.toISOString()} only.`,
      { currentState: c.status },
    );
  }
  return rule;
}

function pastTense(action: ConsultationAction): string {
  return {
    confirm: 'confirmed',
    start: 'started',
    end: 'ended',
    cancel: 'cancelled',
    'no-show': 'marked as a no-show',
  }[action];
}

/** The columns an action sets (besides `status`). */
export interface TransitionChanges {
  status: ConsultationStatus;
  startedAt?: Date;
  endedAt?: Date;
  cancelledAt?: Date;
  cancelledWithin24h?: boolean;
  cancelReason?: string;
  noShowAt?: Date;
  noShowBy?: 'employee' | 'practitioner';
  isBillable?: boolean;
}

/** Whether a cancellation at `now` of a consultation starting at `scheduledAt` is late (< 24 h). */
export function isLateCancellation(scheduledAt: Date, now: Date): boolean {
  return scheduledAt.getTime() - now.getTime() < CONSULTATION_TIMING.lateCancellationHours * HOUR;
}

/**
 * What `action` by `party` at `now` changes. Billability: a late cancellation by the employee stays
 * billable, any other cancellation is not (the practitioner's never is; an admin's is a correction);
 * an absent employee is billable, an absent practitioner is not; a session ended before
 * MIN_BILLABLE_MINUTES is not billable, and ending it needs `confirmShort` (else 409
 * CONFIRMATION_REQUIRED), so an end tapped by mistake neither closes nor bills it.
 */
export function transitionChanges(
  action: ConsultationAction,
  party: ConsultationParty,
  c: LifecycleState,
  now: Date,
  input: { reason?: string; confirmShort?: boolean } = {},
): TransitionChanges {
  const status = TRANSITIONS[action].to;
  switch (action) {
    case 'confirm':
      return { status };
    case 'start':
      return { status, startedAt: now };
    case 'end': {
      if (!c.startedAt || !isShortSession(c.startedAt, now)) return { status, endedAt: now };
      if (!input.confirmShort) {
        throw new AppError(
          'CONFIRMATION_REQUIRED',
          `This session lasted less than ${MIN_BILLABLE_MINUTES} minutes: ending it now makes it not billable. ` +
            'Send `confirmShort: true` to end it anyway.',
          { currentState: c.status },
        );
      }
      return { status, endedAt: now, isBillable: false };
    }
    case 'cancel': {
      const late = isLateCancellation(c.scheduledAt, now);
      return {
        status,
        cancelledAt: now,
        cancelledWithin24h: late,
        cancelReason: input.reason ?? '',
        isBillable: late && party === 'employee',
      };
    }
    case 'no-show': {
      const absent = party === 'practitioner' ? 'employee' : 'practitioner';
      return { status, noShowAt: now, noShowBy: absent, isBillable: absent === 'employee' };
    }
  }
}

/** Who hears about an action: the other participant, or both when an admin acted. */
export function otherParticipants(party: ConsultationParty): ('employee' | 'practitioner')[] {
  if (party === 'employee') return ['practitioner'];
  if (party === 'practitioner') return ['employee'];
  return ['employee', 'practitioner'];
}

/**
 * How the actor relates to consultation `c`: one of its two participants, or a HuntZen admin.
 * Anyone else (HR included, who reads its company's rows for counters only) gets null: 404.
 */
export function partyOf(
  actor: Pick<Actor, 'role' | 'employeeId' | 'practitionerId'>,
  c: { employeeId: string; practitionerId: string },
): ConsultationParty | null {
  if (actor.role === 'EMPLOYEE' && actor.employeeId === c.employeeId) return 'employee';
  if (actor.role === 'PRACTITIONER' && actor.practitionerId === c.practitionerId) return 'practitioner';
  if (isHuntzenAdmin(actor.role)) return 'admin';
  return null;
}
