// The handshake: a socket is opened with the access token in `auth.token` (never in the URL, which
// proxies log) and checked as the HTTP guard checks a bearer token (platform/auth/access.ts): a
// valid signature, a live session of an active account, 2FA enrolment done.
import type { Database } from '@huntzen/db';
import type { FastifyBaseLogger } from 'fastify';
import { decodeJwt } from 'jose';
import { sessionIsLive } from '../auth/access';
import { type AccessClaims, verifyAccessToken } from '../auth/tokens';
import { AppError } from '../errors';
import type { RealtimeSocket } from './events';

/** The error a refused client receives in `connect_error` (`err.message`, `err.data.code`). */
export class SocketRefusal extends Error {
  readonly data: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SocketRefusal';
    this.data = { code };
  }
}

/** Checks a token; returns its claims and expiry, or throws a SocketRefusal. */
export async function authenticateToken(
  db: Database,
  secret: Buffer,
  token: unknown,
): Promise<{ claims: AccessClaims; expiresAt: number }> {
  if (typeof token !== 'string' || token === '') {
    throw new SocketRefusal('UNAUTHENTICATED', 'An access token is required in auth.token.');
  }
  let claims: AccessClaims;
  try {
    claims = await verifyAccessToken(secret, token);
  } catch (error) {
    throw new SocketRefusal(
      'UNAUTHENTICATED',
      error instanceof AppError ? error.message : 'Invalid access token.',
    );
  }
  if (!(await sessionIsLive(db, claims)))
    throw new SocketRefusal('UNAUTHENTICATED', 'This session has ended.');
  if (claims.mfa === 'enrol') {
    throw new SocketRefusal('FORBIDDEN', 'Enable two-factor authentication to continue.');
  }
  // Verified above, so `exp` is there; decoding again is cheaper than widening the claims type.
  const exp = decodeJwt(token).exp ?? 0;
  return { claims, expiresAt: exp * 1000 };
}

/** socket.io middleware: authenticates the handshake and stores the user in `socket.data`. */
export function socketAuthenticator(options: {
  db: Database;
  jwtSecret: () => Buffer;
  logger: FastifyBaseLogger;
}) {
  return (socket: RealtimeSocket, next: (error?: Error) => void) => {
    authenticateToken(options.db, options.jwtSecret(), socket.handshake.auth?.token).then(
      ({ claims, expiresAt }) => {
        socket.data.user = claims;
        socket.data.expiresAt = expiresAt;
        next();
      },
      (error: unknown) => {
        if (error instanceof SocketRefusal) return next(error);
        // The database is unreachable, or a bug: the client retries later; details stay in the log.
        options.logger.error({ err: error }, 'socket authentication failed');
        next(new SocketRefusal('UNAVAILABLE', 'Real-time service unavailable, try again later.'));
      },
    );
  };
}
