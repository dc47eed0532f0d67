// The room rules, pure: who, which consultations, and the window's edges to the millisecond.
import { CONSULTATION_STATUSES, ROOM_OPEN_STATUSES } from '@huntzen/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { jitsiSubject } from './jitsi-token';
import { checkJoin, type RoomState, roomPartyOf } from './video.policy';

const MINUTE = 60_000;
const START = new Date('2026-03-02T09:00:00Z');
const END = new Date('2026-03-02T09:50:00Z');
const room = (over: Partial<RoomState> = {}): RoomState => ({
  format: 'VIDEO',
  status: 'CONFIRMED',
  roomName: 'hz-0123456789abcdef0123456789abcdef',
  scheduledAt: START,
  scheduledEndAt: END,
  ...over,
});

function refusal(f: () => unknown): AppError {
  try {
    f();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the room window', () => {
  const opens = new Date(START.getTime() - 10 * MINUTE);
  const closes = new Date(END.getTime() + 30 * MINUTE);

  it('opens exactly 10 minutes before the start and closes exactly 30 minutes after the planned end', () => {
    expect(checkJoin(room(), opens)).toEqual({ roomName: room().roomName, opensAt: opens, closesAt: closes });
    expect(checkJoin(room(), new Date(closes.getTime() - 1)).closesAt).toEqual(closes);
    for (const at of [new Date(opens.getTime() - 1), closes, new Date(closes.getTime() + MINUTE)]) {
      const error = refusal(() => checkJoin(room(), at));
      expect(error.code).toBe('OUTSIDE_TIME_WINDOW');
      expect(error.status).toBe(409);
      expect(error.currentState).toBe('CONFIRMED');
      expect(error.window).toEqual({ opensAt: opens.toISOString(), closesAt: closes.toISOString() });
    }
  });

  it('keeps the room open while the session runs late, until the window closes', () => {
    expect(
      checkJoin(room({ status: 'IN_PROGRESS' }), new Date(END.getTime() + 29 * MINUTE)).roomName,
    ).toMatch(/^hz-/);
  });
});

describe('statuses and formats', () => {
  it.each(CONSULTATION_STATUSES)('%s', (status) => {
    const during = new Date(START.getTime() + MINUTE);
    if ((ROOM_OPEN_STATUSES as readonly string[]).includes(status)) {
      expect(checkJoin(room({ status }), during).roomName).toMatch(/^hz-/);
    } else {
      const error = refusal(() => checkJoin(room({ status }), during));
      expect(error.code).toBe('ROOM_CLOSED');
      expect(error.currentState).toBe(status);
    }
  });

  it('lets only COMPLETED, CANCELLED and NO_SHOW close the room', () => {
    expect([...ROOM_OPEN_STATUSES].sort()).toEqual(['CONFIRMED', 'IN_PROGRESS', 'SCHEDULED']);
  });

  it('refuses an in-person consultation, or one without a room, as a conflict', () => {
    const during = new Date(START.getTime() + MINUTE);
    expect(refusal(() => checkJoin(room({ format: 'IN_PERSON', roomName: null }), during)).code).toBe(
      'CONFLICT',
    );
    expect(refusal(() => checkJoin(room({ roomName: null }), during)).code).toBe('CONFLICT');
  });
});

describe('participants', () => {
  const c = { employeeId: 'e1', practitionerId: 'p1' };
  it('knows the employee and the practitioner of the consultation, and nobody else', () => {
    expect(roomPartyOf({ role: 'EMPLOYEE', employeeId: 'e1' }, c)).toBe('employee');
    expect(roomPartyOf({ role: 'PRACTITIONER', practitionerId: 'p1' }, c)).toBe('practitioner');
    expect(roomPartyOf({ role: 'EMPLOYEE', employeeId: 'e2' }, c)).toBeNull();
    expect(roomPartyOf({ role: 'PRACTITIONER', practitionerId: 'p2' }, c)).toBeNull();
    expect(roomPartyOf({ role: 'EMPLOYEE', employeeId: null }, c)).toBeNull();
    // A role with the right id but the wrong role (HR, admins) is nobody's participant.
    expect(roomPartyOf({ role: 'ADMIN_RH', employeeId: 'e1' }, c)).toBeNull();
    expect(roomPartyOf({ role: 'SUPER_ADMIN', practitionerId: 'p1' }, c)).toBeNull();
  });
});

describe('the token subject', () => {
  it('is the lower-case host of the Jitsi domain, without its port', () => {
    expect(jitsiSubject('meet.jit.si')).toBe('meet.jit.si');
    expect(jitsiSubject('Meet.Example.COM:8443')).toBe('meet.example.com');
  });
});
