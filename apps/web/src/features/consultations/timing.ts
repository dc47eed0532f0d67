// What a participant may do with a consultation now, by the rules of @huntzen/contracts the API
// enforces too (CONSULTATION_TRANSITIONS, CONSULTATION_TIMING, the video room's ROOM_WINDOW), so
// buttons are enabled when the API would accept them. The API stays the authority: a refusal (409)
// is shown and the consultation reloaded.
import {
  CONSULTATION_TIMING,
  CONSULTATION_TRANSITIONS,
  type Consultation,
  type ConsultationAction,
  type ConsultationParty,
  consultationActionWindow,
  roomWindow as contractRoomWindow,
  ROOM_OPEN_STATUSES,
} from '@huntzen/contracts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The participants (an admin acts from the back office, not from these pages). */
export type Party = Exclude<ConsultationParty, 'admin'>;
export type ParticipantAction = ConsultationAction;

type Timed = Pick<Consultation, 'status' | 'scheduledAt' | 'scheduledEndAt'>;

const at = (iso: string) => new Date(iso).getTime();

/** Whether `party` may take `action` from the consultation's status (the contracts' state machine). */
function allowed(action: ParticipantAction, party: Party, c: Pick<Consultation, 'status'>): boolean {
  const rule = CONSULTATION_TRANSITIONS[action];
  return rule.by.includes(party) && rule.from.includes(c.status);
}

/** Whether the room of a consultation in this status may still be joined. */
const roomOpenFor = (c: Pick<Consultation, 'status'>) =>
  (ROOM_OPEN_STATUSES as readonly string[]).includes(c.status);

/** [opens, closes) of `action` for a participant (null: unbounded): the contracts' rule, as the API checks it. */
export function actionWindow(
  action: ParticipantAction,
  c: Timed,
): { opens: number | null; closes: number | null } {
  // The window is the same for both participants (only an admin's differs).
  return consultationActionWindow(action, 'employee', c);
}

/** Whether `party` may take `action` on `c` at `now` (status, party and time window). */
export function canAct(action: ParticipantAction, party: Party, c: Timed, now: number): boolean {
  if (!allowed(action, party, c)) return false;
  const { opens, closes } = actionWindow(action, c);
  return (opens === null || now >= opens) && (closes === null || now < closes);
}

/**
 * Why an action of the party's is not available yet, for a hint beside a disabled button:
 * 'later' (its window opens at `opens`), or null when it is available or never will be.
 */
export function opensLater(action: ParticipantAction, party: Party, c: Timed, now: number): number | null {
  if (!allowed(action, party, c)) return null;
  const { opens } = actionWindow(action, c);
  return opens !== null && now < opens ? opens : null;
}

/** Whether a cancellation now would be late (less than 24 h before the start). */
export function isLateCancellation(c: Pick<Consultation, 'scheduledAt'>, now: number): boolean {
  return at(c.scheduledAt) - now < CONSULTATION_TIMING.lateCancellationHours * HOUR;
}

/** The video room's window [opens, closes), in milliseconds (the contracts' roomWindow). */
export function roomWindow(c: Pick<Consultation, 'scheduledAt' | 'scheduledEndAt'>) {
  const { opensAt, closesAt } = contractRoomWindow(c.scheduledAt, c.scheduledEndAt);
  return { opens: opensAt.getTime(), closes: closesAt.getTime() };
}

/** Whether the join button is live: a room, a consultation still on, inside the window. */
export function canJoin(c: Timed & Pick<Consultation, 'hasRoom'>, now: number): boolean {
  if (!c.hasRoom || !roomOpenFor(c)) return false;
  const { opens, closes } = roomWindow(c);
  return now >= opens && now < closes;
}

/** Whether the join button should show at all (disabled until the window opens). */
export function joinComing(c: Timed & Pick<Consultation, 'hasRoom'>, now: number): boolean {
  if (!c.hasRoom || !roomOpenFor(c)) return false;
  return now < roomWindow(c).closes;
}
