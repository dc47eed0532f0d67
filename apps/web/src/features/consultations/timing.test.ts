// The web app's copy of the lifecycle rules (timing.ts) against the API's, on the same cases: the
// buttons must be enabled exactly when the API would accept the action.
import { CONSULTATION_ACTIONS, CONSULTATION_STATUSES, type ConsultationStatus } from '@huntzen/contracts';
import { describe, expect, it } from 'vitest';
import { checkTransition } from '../../../../api/src/modules/consultations/consultations.policy';
import { canAct, canJoin, isLateCancellation, opensLater, type Party } from './timing';

const MINUTE = 60_000;
const start = Date.parse('2026-03-02T09:00:00Z');
const consultation = (status: ConsultationStatus) => ({
  status,
  scheduledAt: new Date(start).toISOString(),
  scheduledEndAt: new Date(start + 50 * MINUTE).toISOString(),
  hasRoom: true,
});
/** Instants around every boundary of the rules. */
const MOMENTS = [-25 * 60, -24 * 60, -23 * 60, -11, -10, -1, 0, 1, 14, 15, 16, 49, 50, 51, 79, 80, 81].map(
  (m) => start + m * MINUTE,
);

function apiAccepts(
  action: (typeof CONSULTATION_ACTIONS)[number],
  party: Party,
  status: ConsultationStatus,
  now: number,
) {
  try {
    checkTransition(
      action,
      party,
      { status, scheduledAt: new Date(start), scheduledEndAt: new Date(start + 50 * MINUTE) },
      new Date(now),
    );
    return true;
  } catch {
    return false;
  }
}

describe('consultation timing (web)', () => {
  it('enables an action exactly when the API accepts it, for every action, party, status and moment', () => {
    const disagreements: string[] = [];
    for (const action of CONSULTATION_ACTIONS) {
      for (const party of ['employee', 'practitioner'] as const) {
        for (const status of CONSULTATION_STATUSES) {
          for (const now of MOMENTS) {
            const web = canAct(action, party, consultation(status), now);
            if (web !== apiAccepts(action, party, status, now)) {
              disagreements.push(`${action} ${party} ${status} at ${(now - start) / MINUTE} min: web ${web}`);
            }
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('says when a refused action opens', () => {
    const c = consultation('CONFIRMED');
    expect(opensLater('start', 'practitioner', c, start - 60 * MINUTE)).toBe(start - 10 * MINUTE);
    expect(opensLater('no-show', 'employee', c, start)).toBe(start + 15 * MINUTE);
    expect(opensLater('start', 'practitioner', c, start)).toBeNull();
    expect(opensLater('start', 'employee', c, start - 60 * MINUTE)).toBeNull();
  });

  it('calls a cancellation late under 24 hours before the start', () => {
    expect(isLateCancellation(consultation('SCHEDULED'), start - 24 * 60 * MINUTE - 1)).toBe(false);
    expect(isLateCancellation(consultation('SCHEDULED'), start - 24 * 60 * MINUTE + 1)).toBe(true);
  });

  it('opens the room from 10 minutes before the start to 30 minutes after the planned end', () => {
    const c = consultation('CONFIRMED');
    expect(canJoin(c, start - 10 * MINUTE - 1)).toBe(false);
    expect(canJoin(c, start - 10 * MINUTE)).toBe(true);
    expect(canJoin(c, start + 80 * MINUTE - 1)).toBe(true);
    expect(canJoin(c, start + 80 * MINUTE)).toBe(false);
    expect(canJoin(consultation('CANCELLED'), start)).toBe(false);
    expect(canJoin({ ...c, hasRoom: false }, start)).toBe(false);
  });
});
