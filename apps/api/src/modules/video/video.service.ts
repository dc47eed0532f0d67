// Entering and leaving a consultation's video room (POST /api/v1/consultations/{id}/join, /leave).
// Joining checks the rules (video.policy.ts), records ROOM_JOINED with the caller's IP and user
// agent, and hands the caller what the web page needs to embed Jitsi: the domain, the room, the
// password and — when Jitsi credentials are configured — a token valid only while the room is open.
// Without credentials the public Jitsi (JITSI_DOMAIN, meet.jit.si by default) is used with no
// token; the unguessable room name and the password then keep strangers out.
// The token is not stored (the `jitsi_jwt` column stays empty): it is a bearer credential, made
// again at each join, and a copy in the database would only be one more place to steal it from.
import type { JoinRoomResponse } from '@huntzen/contracts';
import { type Database, withActor } from '@huntzen/db';
import type { RequestActor } from '../../platform/auth';
import type { FieldCipher } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { roomPasswordOf } from '../consultations';
import { signJitsiToken } from './jitsi-token';
import { checkHasRoom, checkJoin, roomPartyOf } from './video.policy';
import * as repo from './video.repository';

export interface VideoDeps {
  db: Database;
  cipher: FieldCipher;
  jitsi: { domain: string; appId: string | undefined; appSecret: string | undefined };
  /** PUBLIC_URL: avatars stored as paths become absolute for Jitsi. */
  publicUrl: string;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
}

const notFound = () => new AppError('NOT_FOUND', 'No such consultation.');

/** An absolute https URL for Jitsi, or undefined (Jitsi shows initials then). */
function absoluteUrl(url: string | null, origin: string): string | undefined {
  if (!url) return undefined;
  if (/^https?:\/\//.test(url)) return url;
  return url.startsWith('/') ? `${origin.replace(/\/+$/, '')}${url}` : undefined;
}

/** Builds the video service. */
export function createVideoService(deps: VideoDeps) {
  const { db, jitsi } = deps;
  const clock = deps.now ?? (() => new Date());

  return {
    /** Lets a participant into the room of consultation `id`, now. */
    async join(actor: RequestActor, id: string): Promise<JoinRoomResponse> {
      return withActor(db, actor, async (tx) => {
        const c = await repo.findRoom(tx, id);
        const party = c ? roomPartyOf(actor, c) : null;
        if (!c || !party) throw notFound();
        const now = clock();
        const { roomName, opensAt, closesAt } = checkJoin(c, now);
        const moderator = party === 'practitioner';
        const who = party === 'practitioner' ? c.practitioner : c.employee;
        const displayName =
          party === 'practitioner'
            ? `${c.practitioner.title} ${c.practitioner.firstName} ${c.practitioner.lastName}`
                .replace(/\s+/g, ' ')
                .trim()
            : `${c.employee.firstName} ${c.employee.lastName}`.trim();
        const jwt =
          jitsi.appId && jitsi.appSecret
            ? await signJitsiToken({
                appId: jitsi.appId,
                appSecret: jitsi.appSecret,
                domain: jitsi.domain,
                roomName,
                user: {
                  id: actor.userId,
                  name: displayName,
                  email: actor.email,
                  avatar: absoluteUrl(who.avatarUrl, deps.publicUrl),
                },
                moderator,
                notBefore: opensAt,
                expiresAt: closesAt,
                now,
              })
            : null;
        await repo.insertRoomEvent(tx, {
          consultationId: c.id,
          eventType: 'ROOM_JOINED',
          actorId: actor.userId,
          actorRole: actor.role,
          metadata: { party, moderator, withToken: jwt !== null },
          ipAddress: actor.ip ?? null,
          userAgent: actor.userAgent ?? null,
        });
        return {
          domain: jitsi.domain,
          scriptUrl: `https://${jitsi.domain}/external_api.js`,
          roomName,
          jwt,
          password: c.roomPassword ? roomPasswordOf(deps.cipher, c.id, c.roomPassword) : null,
          startsWithAudioOnly: c.format === 'AUDIO',
          moderator,
          displayName,
          window: { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() },
        };
      });
    },

    /**
     * Records that a participant left the room. Not bound to the window nor the status: leaving
     * late (a session that overran) is still worth recording.
     */
    async leave(actor: RequestActor, id: string): Promise<void> {
      await withActor(db, actor, async (tx) => {
        const c = await repo.findRoom(tx, id);
        const party = c ? roomPartyOf(actor, c) : null;
        if (!c || !party) throw notFound();
        checkHasRoom(c);
        await repo.insertRoomEvent(tx, {
          consultationId: c.id,
          eventType: 'ROOM_LEFT',
          actorId: actor.userId,
          actorRole: actor.role,
          metadata: { party },
          ipAddress: actor.ip ?? null,
          userAgent: actor.userAgent ?? null,
        });
      });
    },
  };
}

export type VideoService = ReturnType<typeof createVideoService>;
