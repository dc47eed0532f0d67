// The download route is public (an `<img src>` sends no token, and avatars must show), yet a
// private file needs its reader's identity. The access guard reads no token on public routes, so
// this one does, with the guard's own rules: a valid token of a live session, 2FA enrolment done.
import type { Database } from '@huntzen/db';
import type { FastifyRequest } from 'fastify';
import { requestContext, sessionIsLive, verifyAccessToken } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import type { Actor } from '../../platform/tenancy';

/** The caller: the bearer's user when a token is sent, else the anonymous actor of the request. */
export async function optionalActor(request: FastifyRequest, db: Database, secret: Buffer): Promise<Actor> {
  const header = request.headers.authorization;
  if (!header) return request.actor;
  const token = header.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new AppError('UNAUTHENTICATED', 'Invalid authorization header.');
  const claims = await verifyAccessToken(secret, token);
  if (!(await sessionIsLive(db, claims))) throw new AppError('UNAUTHENTICATED', 'This session has ended.');
  if (claims.mfa === 'enrol')
    throw new AppError('FORBIDDEN', 'Enable two-factor authentication to continue.');
  return { ...claims, ...requestContext(request) };
}
