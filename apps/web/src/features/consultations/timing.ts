// What a participant may do with a consultation now, mirroring the API's rules (consultations.policy
// and the video room's window) so buttons are enabled when the API would accept them. The API stays
// the authority: a refusal (409) is shown and the consultation reloaded.
import { CONSULTATION_TIMING, type Consultation, type ConsultationStatus } from '@huntzen/contracts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The room is open from 10 minutes before the planned start to 30 minutes after the planned end. */
export const ROOM_OPENS_MINUTES_BEFORE = 10;
export const ROOM_CLOSES_MINUTES_AFTER = 30;

export type Party = 'employee' | 'practitioner';
export type ParticipantAction = 'confirm' | 'start' | 'end' | 'cancel' | 'no-show';

type Timed = Pick<Consultation, 'status' | 'scheduledAt' | 'scheduledEndAt'>;

const at = (iso: string) => new Date(iso).getTime();

const FROM: Record<ParticipantAction, readonly ConsultationStatus[]> = {
  confirm: ['SCHEDULED'],
  start: ['CONFIRMED'],
  end: ['IN_PROGRESS'],
  cancel: ['SCHEDULED', 'CONFIRMED'],
  'no-show': ['SCHEDULED', 'CONFIRMED'],
};

const BY: Record<ParticipantAction, readonly Party[]> = {
  confirm: ['practitioner'],
  start: ['practitioner'],
  end: ['practitioner'],
  cancel: ['employee', 'practitioner'],
  'no-show': ['employee', 'practitioner'],
};

/** [opens, closes) of `action` for a participant (null: unbounded), as the API's actionWindow. */
export function actionWindow(
  action: ParticipantAction,
  c: Timed,
): { opens: number | null; closes: number | null } {
  const start = at(c.scheduledAt);
  switch (action) {
    case 'confirm':
      return { opens: null, closes: at(c.scheduledEndAt) };
    case 'start':
      return {
        opens: start - CONSULTATION_TIMING.startOpensMinutesBefore * MINUTE,
        closes: at(c.scheduledEndAt),
      };
    case 'cancel':
      return { opens: null, closes: start };
    case 'no-show':
      return { opens: start + CONSULTATION_TIMING.noShowAfterMinutes * MINUTE, closes: null };
    case 'end':
      return { opens: null, closes: null };
  }
}

/** Whether `party` may take `action` on `c` at `now` (status, party and time window). */
export function canAct(action: ParticipantAction, party: Party, c: Timed, now: number): boolean {
  if (!BY[action].includes(party) || !FROM[action].includes(c.status)) return false;
  const { opens, closes } = actionWindow(action, c);
  return (opens === null || now >= opens) && (closes === null || now < closes);
}

/**
 * Why an action of the party's is not available yet, for a hint beside a disabled button:
 * 'later' (its window opens at `opens`), or null when it is available or never will be.
 */
export function opensLater(action: ParticipantAction, party: Party, c: Timed, now: number): number | null {
  if (!BY[action].includes(party) || !FROM[action].includes(c.status)) return null;
  const { opens } = actionWindow(action, c);
  return opens !== null && now < opens ? opens : null;
}

/** Whether a cancellation now would be late (less than 24 h before the start). */
export function isLateCancellation(c: Pick<Consultation, 'scheduledAt'>, now: number): boolean {
  return at(c.scheduledAt) - now < CONSULTATION_TIMING.lateCancellationHours * HOUR;
}

/** The video room's window [opens, closes). */
export function roomWindow(c: Pick<Consultation, 'scheduledAt' | 'scheduledEndAt'>) {
  return {
    opens: at(c.scheduledAt) - ROOM_OPENS_MINUTES_BEFORE * MINUTE,
    closes: at(c.scheduledEndAt) + ROOM_CLOSES_MINUTES_AFTER * MINUTE,
  };
}

/** Whether the join button is live: a room, a consultation still on, inside the window. */
export function canJoin(c: Timed & Pick<Consultation, 'hasRoom'>, now: number): boolean {
  if (!c.hasRoom || !['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS'].includes(c.status)) return false;
  const { opens, closes } = roomWindow(c);
  return now >= opens && now < closes;
}

/** Whether the join button should show at all (disabled until the window opens). */
export function joinComing(c: Timed & Pick<Consultation, 'hasRoom'>, now: number): boolean {
  if (!c.hasRoom || !['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS'].includes(c.status)) return false;
  return now < roomWindow(c).closes;
}
