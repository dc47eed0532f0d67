// The lifecycle rules without a database: every (action, status) pair, who may act, the time
// windows, billability and who hears about it.
import {
  CONSULTATION_ACTIONS,
  CONSULTATION_STATUSES,
  CONSULTATION_TRANSITIONS,
  type ConsultationParty,
} from '@huntzen/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { checkPractitionerBookable, durationOf, offersFormat, slotStartingAt } from './booking.policy';
import {
  actionWindow,
  checkTransition,
  isLateCancellation,
  otherParticipants,
  partyOf,
  TRANSITIONS,
  transitionChanges,
} from './consultations.policy';

const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
const end = new Date('2026-03-02T09:50:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * MIN);
const state = (status: (typeof CONSULTATION_STATUSES)[number]) => ({
  status,
  scheduledAt: start,
  scheduledEndAt: end,
});

/** A moment inside the action's window. */
function inWindow(action: (typeof CONSULTATION_ACTIONS)[number], party: ConsultationParty): Date {
  const { opens, closes } = actionWindow(action, party, state('SCHEDULED'));
  if (opens) return new Date(opens.getTime() + MIN);
  if (closes) return new Date(closes.getTime() - MIN);
  return at(5);
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the lifecycle state machine', () => {
  const pairs = CONSULTATION_ACTIONS.flatMap((action) =>
    CONSULTATION_STATUSES.map((status) => ({ action, status })),
  );

  it.each(pairs)('$action from $status', ({ action, status }) => {
    const rule = TRANSITIONS[action];
    const party = rule.by[0]!;
    const now = inWindow(action, party);
    if (rule.from.includes(status)) {
      expect(checkTransition(action, party, state(status), now).to).toBe(rule.to);
    } else {
      const error = refusal(() => checkTransition(action, party, state(status), now));
      expect([error.code, error.status, error.currentState]).toEqual(['ILLEGAL_TRANSITION', 409, status]);
    }
  });

  it('has exactly the transitions of PRODUCT.md', () => {
    expect(
      Object.fromEntries(CONSULTATION_ACTIONS.map((a) => [a, [TRANSITIONS[a].from, TRANSITIONS[a].to]])),
    ).toEqual({
      confirm: [['SCHEDULED'], 'CONFIRMED'],
      start: [['CONFIRMED'], 'IN_PROGRESS'],
      end: [['IN_PROGRESS'], 'COMPLETED'],
      cancel: [['SCHEDULED', 'CONFIRMED'], 'CANCELLED'],
      'no-show': [['SCHEDULED', 'CONFIRMED'], 'NO_SHOW'],
    });
  });

  it('enforces the one declaration of @huntzen/contracts the web app follows too', () => {
    for (const a of CONSULTATION_ACTIONS) {
      expect(TRANSITIONS[a].from).toBe(CONSULTATION_TRANSITIONS[a].from);
      expect(TRANSITIONS[a].by).toBe(CONSULTATION_TRANSITIONS[a].by);
      expect(TRANSITIONS[a].to).toBe(CONSULTATION_TRANSITIONS[a].to);
    }
  });

  it('lets only the practitioner confirm, start and end; participants report absences; admins cancel only', () => {
    const allowed = (action: (typeof CONSULTATION_ACTIONS)[number]) =>
      (['employee', 'practitioner', 'admin'] as const).filter((party) => {
        const from = TRANSITIONS[action].from[0]!;
        try {
          checkTransition(action, party, state(from), inWindow(action, party));
          return true;
        } catch (error) {
          expect((error as AppError).code).toBe('FORBIDDEN');
          return false;
        }
      });
    expect(allowed('confirm')).toEqual(['practitioner']);
    expect(allowed('start')).toEqual(['practitioner']);
    expect(allowed('end')).toEqual(['practitioner']);
    expect(allowed('cancel')).toEqual(['employee', 'practitioner', 'admin']);
    expect(allowed('no-show')).toEqual(['employee', 'practitioner']);
  });
});

describe('time windows', () => {
  const window = (
    action: (typeof CONSULTATION_ACTIONS)[number],
    party: ConsultationParty,
    status: 'SCHEDULED' | 'CONFIRMED' | 'IN_PROGRESS',
    minutes: number,
  ) => {
    try {
      checkTransition(action, party, state(status), at(minutes));
      return 'ok';
    } catch (error) {
      expect((error as AppError).currentState).toBe(status);
      return (error as AppError).code;
    }
  };

  it('opens the start 10 minutes before the planned start and closes it at the planned end', () => {
    expect(window('start', 'practitioner', 'CONFIRMED', -11)).toBe('OUTSIDE_TIME_WINDOW');
    expect(window('start', 'practitioner', 'CONFIRMED', -10)).toBe('ok');
    expect(window('start', 'practitioner', 'CONFIRMED', 49)).toBe('ok');
    expect(window('start', 'practitioner', 'CONFIRMED', 50)).toBe('OUTSIDE_TIME_WINDOW');
  });

  it('allows a no-show only 15 minutes after the planned start, either way', () => {
    for (const party of ['employee', 'practitioner'] as const) {
      expect(window('no-show', party, 'CONFIRMED', 14)).toBe('OUTSIDE_TIME_WINDOW');
      expect(window('no-show', party, 'SCHEDULED', 15)).toBe('ok');
      expect(window('no-show', party, 'CONFIRMED', 60 * 24)).toBe('ok');
    }
  });

  it('lets participants cancel until the planned start, admins at any time', () => {
    expect(window('cancel', 'employee', 'CONFIRMED', -1)).toBe('ok');
    expect(window('cancel', 'employee', 'CONFIRMED', 0)).toBe('OUTSIDE_TIME_WINDOW');
    expect(window('cancel', 'practitioner', 'SCHEDULED', 0)).toBe('OUTSIDE_TIME_WINDOW');
    expect(window('cancel', 'admin', 'SCHEDULED', 120)).toBe('ok');
  });

  it('lets the practitioner confirm until the planned end, and end whenever in progress', () => {
    expect(window('confirm', 'practitioner', 'SCHEDULED', 49)).toBe('ok');
    expect(window('confirm', 'practitioner', 'SCHEDULED', 50)).toBe('OUTSIDE_TIME_WINDOW');
    expect(window('end', 'practitioner', 'IN_PROGRESS', -5)).toBe('ok');
    expect(window('end', 'practitioner', 'IN_PROGRESS', 300)).toBe('ok');
  });
});

describe('what an action changes', () => {
  it('keeps a late cancellation billable when the employee cancels, never otherwise', () => {
    const lateBy = (party: ConsultationParty) =>
      transitionChanges('cancel', party, state('CONFIRMED'), at(-60), { reason: 'x' });
    expect(lateBy('employee')).toMatchObject({
      status: 'CANCELLED',
      cancelledWithin24h: true,
      isBillable: true,
      cancelReason: 'x',
    });
    expect(lateBy('practitioner')).toMatchObject({ cancelledWithin24h: true, isBillable: false });
    expect(lateBy('admin')).toMatchObject({ cancelledWithin24h: true, isBillable: false });
    const early = transitionChanges('cancel', 'employee', state('SCHEDULED'), at(-25 * 60), { reason: 'x' });
    expect(early).toMatchObject({ cancelledWithin24h: false, isBillable: false, cancelledAt: at(-25 * 60) });
  });

  it('draws the 24-hour line exactly', () => {
    expect(isLateCancellation(start, at(-24 * 60))).toBe(false);
    expect(isLateCancellation(start, at(-24 * 60 + 1))).toBe(true);
  });

  it('bills an absent employee, not an absent practitioner', () => {
    expect(transitionChanges('no-show', 'practitioner', state('CONFIRMED'), at(20))).toEqual({
      status: 'NO_SHOW',
      noShowAt: at(20),
      noShowBy: 'employee',
      isBillable: true,
    });
    expect(transitionChanges('no-show', 'employee', state('SCHEDULED'), at(20))).toEqual({
      status: 'NO_SHOW',
      noShowAt: at(20),
      noShowBy: 'practitioner',
      isBillable: false,
    });
  });

  it('stamps the start and the end', () => {
    expect(transitionChanges('start', 'practitioner', state('CONFIRMED'), at(-3))).toEqual({
      status: 'IN_PROGRESS',
      startedAt: at(-3),
    });
    expect(transitionChanges('end', 'practitioner', state('IN_PROGRESS'), at(48))).toEqual({
      status: 'COMPLETED',
      endedAt: at(48),
    });
    expect(transitionChanges('confirm', 'practitioner', state('SCHEDULED'), at(-600))).toEqual({
      status: 'CONFIRMED',
    });
  });

  it('tells the other participant, or both when an admin acts', () => {
    expect(otherParticipants('employee')).toEqual(['practitioner']);
    expect(otherParticipants('practitioner')).toEqual(['employee']);
    expect(otherParticipants('admin')).toEqual(['employee', 'practitioner']);
  });
});

describe('who an actor is to a consultation', () => {
  const c = { employeeId: 'e1', practitionerId: 'p1' };
  it('knows its two participants and HuntZen admins, and nobody else (HR included)', () => {
    expect(partyOf({ role: 'EMPLOYEE', employeeId: 'e1' }, c)).toBe('employee');
    expect(partyOf({ role: 'PRACTITIONER', practitionerId: 'p1' }, c)).toBe('practitioner');
    expect(partyOf({ role: 'SUPER_ADMIN' }, c)).toBe('admin');
    expect(partyOf({ role: 'ADMIN_HUNTZEN' }, c)).toBe('admin');
    expect(partyOf({ role: 'EMPLOYEE', employeeId: 'e2' }, c)).toBeNull();
    expect(partyOf({ role: 'PRACTITIONER', practitionerId: 'p2' }, c)).toBeNull();
    // An employee id under another role does not make a participant.
    expect(partyOf({ role: 'ADMIN_RH', employeeId: 'e1' }, c)).toBeNull();
  });
});

describe('booking rules', () => {
  const practitioner = {
    isValidated: true,
    isActive: true,
    isAcceptingNewClients: true,
    offersVideo: true,
    offersPhone: false,
    offersInPerson: true,
  };

  it('maps AUDIO to the phone offer', () => {
    expect(offersFormat(practitioner, 'VIDEO')).toBe(true);
    expect(offersFormat(practitioner, 'AUDIO')).toBe(false);
    expect(offersFormat(practitioner, 'IN_PERSON')).toBe(true);
  });

  it('refuses hidden practitioners, formats not offered, and new clients when closed to them', () => {
    const code = (p: Partial<typeof practitioner>, format: 'VIDEO' | 'AUDIO', existing = false) =>
      refusal(() => checkPractitionerBookable({ ...practitioner, ...p }, format, existing)).code;
    expect(code({ isValidated: false }, 'VIDEO')).toBe('NOT_FOUND');
    expect(code({ isActive: false }, 'VIDEO')).toBe('NOT_FOUND');
    expect(code({}, 'AUDIO')).toBe('VALIDATION_FAILED');
    expect(code({ isAcceptingNewClients: false }, 'VIDEO')).toBe('NOT_ACCEPTING_NEW_CLIENTS');
    expect(() =>
      checkPractitionerBookable({ ...practitioner, isAcceptingNewClients: false }, 'VIDEO', true),
    ).not.toThrow();
  });

  it('finds the offered slot starting exactly at the time asked, and its length', () => {
    const slots = [
      { start: at(0), end: at(50) },
      { start: at(60), end: at(105) },
    ];
    expect(slotStartingAt(slots, at(60))).toEqual(slots[1]);
    expect(slotStartingAt(slots, at(30))).toBeUndefined();
    expect(durationOf(slots[1]!)).toBe(45);
  });
});
