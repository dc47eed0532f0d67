// Video rooms (POST /api/v1/consultations/{id}/join and /leave): when a room is open, and what
// joining returns. The window is here so the web app counts down to the same instant the API
// opens the room at.
import { z } from 'zod';

/** A room opens this long before the planned start and closes this long after the planned end. */
export const ROOM_WINDOW = Object.freeze({
  opensMinutesBefore: 10,
  closesMinutesAfterEnd: 30,
});

/** Statuses whose room may be joined: not yet over. COMPLETED, CANCELLED and NO_SHOW close it. */
export const ROOM_OPEN_STATUSES = ['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS'] as const;

const MINUTE = 60_000;

/** The room's window [opensAt, closesAt) of a consultation planned from `scheduledAt` to `scheduledEndAt`. */
export function roomWindow(
  scheduledAt: Date | string,
  scheduledEndAt: Date | string,
): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(new Date(scheduledAt).getTime() - ROOM_WINDOW.opensMinutesBefore * MINUTE),
    closesAt: new Date(new Date(scheduledEndAt).getTime() + ROOM_WINDOW.closesMinutesAfterEnd * MINUTE),
  };
}

export const RoomWindowSchema = z
  .object({
    opensAt: z.iso.datetime().describe('From this instant (included)…'),
    closesAt: z.iso.datetime().describe('…until this one (excluded)'),
  })
  .meta({ id: 'RoomWindow' });
export type RoomWindow = z.infer<typeof RoomWindowSchema>;

export const JoinRoomResponseSchema = z
  .object({
    /** The Jitsi host, e.g. `meet.jit.si`; its `external_api.js` is at `scriptUrl`. */
    domain: z.string(),
    scriptUrl: z.url(),
    roomName: z.string(),
    jwt: z
      .string()
      .nullable()
      .describe('Jitsi token (HS256), valid only inside `window`; null on a Jitsi without tokens'),
    password: z
      .string()
      .nullable()
      .describe('The room password: the moderator sets it, the other participant is asked for it'),
    /** AUDIO consultations start without video. */
    startsWithAudioOnly: z.boolean(),
    /** The practitioner moderates the room. */
    moderator: z.boolean(),
    /** How the caller appears in the room. */
    displayName: z.string(),
    window: RoomWindowSchema,
  })
  .meta({ id: 'JoinRoomResponse' });
export type JoinRoomResponse = z.infer<typeof JoinRoomResponseSchema>;
