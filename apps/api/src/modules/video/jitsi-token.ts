// The Jitsi JSON Web Token of one participant for one room, HS256 with JITSI_APP_SECRET.
//
// Claims, as Jitsi's token authentication reads them (jitsi/lib-jitsi-meet doc/tokens.md, "Token
// structure" and "Token Identifiers"; the Prosody plugin installed by `jitsi-meet-tokens`):
// - `iss`: the application id (Prosody `app_id`, here JITSI_APP_ID);
// - `aud`: the consuming service, checked against `asap_accepted_audiences`: 'jitsi';
// - `sub`: the lower-case domain for a room at https://<domain>/<room> (no tenant);
// - `room`: the room's name (not the MUC address), never '*': the token opens one room only;
// - `exp` (and `nbf`, RFC 7519): the token is good only while the room is open;
// - `context.user`: { id, name, email, avatar } for display — every field a string (the plugin
//   throws on null or numbers), so `avatar` is left out rather than null.
// `moderator` (boolean, top level) is what the widely used token_moderation Prosody module reads;
// 8x8's JaaS reads `context.user.moderator` (a string, "true"/"false", see developer.8x8.com "The
// Jitsi JSON Web Token"): both are set, true for the practitioner only.
import { SignJWT } from 'jose';

export const JITSI_AUDIENCE = 'jitsi';

export interface JitsiTokenInput {
  appId: string;
  appSecret: string;
  domain: string;
  roomName: string;
  user: { id: string; name: string; email: string; avatar?: string | null };
  moderator: boolean;
  /** The room's window: the token is not valid before `notBefore` nor from `expiresAt` on. */
  notBefore: Date;
  expiresAt: Date;
  now: Date;
}

/** `meet.example.com` for `meet.example.com:8443` or `Meet.Example.com`: the `sub` claim. */
export function jitsiSubject(domain: string): string {
  return new URL(`https://${domain}`).hostname.toLowerCase();
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** Signs the token of `input.user` for `input.roomName`. */
export async function signJitsiToken(input: JitsiTokenInput): Promise<string> {
  const user: Record<string, string> = {
    id: input.user.id,
    name: input.user.name,
    email: input.user.email,
    moderator: input.moderator ? 'true' : 'false',
  };
  if (input.user.avatar) user.avatar = input.user.avatar;
  return (
    new SignJWT({
      room: input.roomName,
      moderator: input.moderator,
      context: { user },
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(input.appId)
      .setAudience(JITSI_AUDIENCE)
      .setSubject(jitsiSubject(input.domain))
      .setIssuedAt(seconds(input.now))
      .setNotBefore(seconds(input.notBefore))
      // Rounded down too: the token never outlives the room.
      .setExpirationTime(seconds(input.expiresAt))
      .sign(new TextEncoder().encode(input.appSecret))
  );
}
