// Who may enter a consultation's video room, and when (PRODUCT.md "Video"), as pure rules: no I/O,
// no clock — the service passes `now`.
//
// - Only the two participants: the employee and the practitioner of the consultation. Anyone else
//   is told the consultation does not exist (404); HR and HuntZen's admins are refused by the route.
// - Only VIDEO and AUDIO consultations have a room; an IN_PERSON one answers 409 CONFLICT.
// - The room is open from 10 minutes before the planned start until 30 minutes after the planned
//   end (ROOM_WINDOW), [opensAt, closesAt); outside, 409 OUTSIDE_TIME_WINDOW with the window.
// - Status: SCHEDULED, CONFIRMED and IN_PROGRESS may be joined. SCHEDULED too, because the
//   practitioner confirms "until the planned end" and starts only after confirming: refusing an
//   unconfirmed room would keep both participants out of a session the practitioner can still
//   confirm and start from inside it. COMPLETED closes the room even within the window: the
//   practitioner marked the end, the minutes billed are counted, and a late re-entry would be a
//   session nobody records. CANCELLED and NO_SHOW are final too. All three: 409 ROOM_CLOSED.
import { ROOM_OPEN_STATUSES, roomWindow } from '@huntzen/contracts';
import type { ConsultationFormat, ConsultationStatus } from '@huntzen/db';
import { AppError } from '../../platform/errors';

export type RoomParty = 'employee' | 'practitioner';

/** The caller's place in the consultation, or null (then: 404). */
export function roomPartyOf(
  actor: { role: string; employeeId?: string | null; practitionerId?: string | null },
  c: { employeeId: string; practitionerId: string },
): RoomParty | null {
  if (actor.role === 'EMPLOYEE' && actor.employeeId && actor.employeeId === c.employeeId) return 'employee';
  if (actor.role === 'PRACTITIONER' && actor.practitionerId && actor.practitionerId === c.practitionerId) {
    return 'practitioner';
  }
  return null;
}

export interface RoomState {
  format: ConsultationFormat;
  status: ConsultationStatus;
  roomName: string | null;
  scheduledAt: Date;
  scheduledEndAt: Date;
}

/** Throws unless the consultation has a room (VIDEO or AUDIO, with a room name). */
export function checkHasRoom(c: Pick<RoomState, 'format' | 'roomName'>): string {
  if (c.format === 'IN_PERSON' || !c.roomName) {
    throw new AppError('CONFLICT', 'This consultation takes place in person: it has no video room.');
  }
  return c.roomName;
}

/**
 * Checks that the room of `c` may be entered at `now`; returns its window. Throws CONFLICT (no room),
 * ROOM_CLOSED (status) or OUTSIDE_TIME_WINDOW (time, with the window's bounds).
 */
export function checkJoin(c: RoomState, now: Date): { roomName: string; opensAt: Date; closesAt: Date } {
  const roomName = checkHasRoom(c);
  if (!(ROOM_OPEN_STATUSES as readonly string[]).includes(c.status)) {
    throw new AppError('ROOM_CLOSED', `The room of a ${c.status} consultation is closed.`, {
      currentState: c.status,
    });
  }
  const { opensAt, closesAt } = roomWindow(c.scheduledAt, c.scheduledEndAt);
  if (now < opensAt || now >= closesAt) {
    const when =
      now < opensAt
        ? `The room opens at ${opensAt.toISOString()}.`
        : `The room closed at ${closesAt.toISOString()}.`;
    throw new AppError('OUTSIDE_TIME_WINDOW', when, {
      currentState: c.status,
      window: { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() },
    });
  }
  return { roomName, opensAt, closesAt };
}
