// The download route is public (an `<img src>` sends no token, and avatars must show), yet a
// private file needs its reader's identity. The access guard reads no token on public routes, so
// this one does, with the guard's own rules: a valid token of a live session, 2FA enrolment done.
import { type Database, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { requestContext, verifyAccessToken } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import type { Actor } from '../../platform/tenancy';

/** The caller: the bearer's user when a token is sent, else the anonymous actor of the request. */
export async function optionalActor(request: FastifyRequest, db: Database, secret: Buffer): Promise<Actor> {
  const header = request.headers.authorization;
  if (!header) return request.actor;
  const token = header.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new AppError('UNAUTHENTICATED', 'Invalid authorization header.');
  const claims = await verifyAccessToken(secret, token);
  const { rows } = await withActor(db, SYSTEM_ACTOR, (tx) =>
    tx.execute(sql`select 1 from users u where u.id = ${claims.userId} and u.is_active
      and exists (select 1 from refresh_tokens r where r.family_id = ${claims.sessionId}
                    and r.revoked_at is null and r.expires_at > now())`),
  );
  if (rows.length === 0) throw new AppError('UNAUTHENTICATED', 'This session has ended.');
  if (claims.mfa === 'enrol')
    throw new AppError('FORBIDDEN', 'Enable two-factor authentication to continue.');
  return { ...claims, ...requestContext(request) };
}
