// Access tokens (JWT HS256, 15 minutes) and short-lived 2FA challenge tokens. The audience tells
// them apart, so a challenge token can never be used as an access token or the other way round.
import { randomUUID } from 'node:crypto';
import type { UserRole } from '@huntzen/db';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const CHALLENGE_TOKEN_TTL_SECONDS = 5 * 60;
const ISSUER = 'huntzen';
const ACCESS_AUDIENCE = 'huntzen:access';
const CHALLENGE_AUDIENCE = 'huntzen:2fa-challenge';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an access token says about its bearer. */
export interface AccessClaims {
  userId: string;
  role: UserRole;
  email: string;
  companyId: string | null;
  employeeId: string | null;
  practitionerId: string | null;
  /** The session (refresh-token family) the token was issued for. */
  sessionId: string;
  /** 'enrol': a role that needs 2FA has not enabled it yet; only enrolment is open. */
  mfa: 'ok' | 'enrol';
}

// A token lacking any of these is refused, whatever its signature: no token lives forever.
const REQUIRED_CLAIMS = ['exp', 'iat', 'aud', 'iss', 'sub'];

/**
 * Signs an access token; returns it with its expiry. `issuedAt` (whole seconds) makes it
 * reproducible: the same claims at the same instant give the same token.
 */
export async function signAccessToken(secret: Buffer, claims: AccessClaims, issuedAt = new Date()) {
  const iat = Math.floor(issuedAt.getTime() / 1000);
  const expiresAt = new Date((iat + ACCESS_TOKEN_TTL_SECONDS) * 1000);
  const token = await new SignJWT({
    role: claims.role,
    email: claims.email,
    cid: claims.companyId,
    eid: claims.employeeId,
    pid: claims.practitionerId,
    sid: claims.sessionId,
    mfa: claims.mfa,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(ACCESS_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
    .sign(secret);
  return { token, expiresAt };
}

function unauthenticated(error: unknown): AppError {
  const expired = error instanceof joseErrors.JWTExpired;
  return new AppError(
    'UNAUTHENTICATED',
    expired ? 'The access token has expired.' : 'Invalid access token.',
    {
      cause: error,
    },
  );
}

/**
 * Access tokens already verified, per secret: a client sends the same token with every request for
 * its 15 minutes, and checking its HMAC through WebCrypto cost ~10% of a read request's CPU
 * (issue #13). An entry is the exact token string that passed `jwtVerify` with that secret, kept
 * no longer than the token's own expiry; the session check (`sessionIsLive`) still runs on every
 * request, so logout and revocation are not delayed by this cache.
 */
const verifiedTokens = new WeakMap<Buffer, LRUCache<string, AccessClaims>>();
const VERIFIED_TOKENS_MAX = 10_000;

/** Verifies an access token, or throws UNAUTHENTICATED. */
export async function verifyAccessToken(secret: Buffer, token: string): Promise<AccessClaims> {
  let cache = verifiedTokens.get(secret);
  if (!cache) {
    cache = new LRUCache({ max: VERIFIED_TOKENS_MAX, ttlAutopurge: false });
    verifiedTokens.set(secret, cache);
  }
  const cached = cache.get(token);
  if (cached) return cached;
  let claims: AccessClaims;
  let expiresAt: number;
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: ACCESS_AUDIENCE,
      requiredClaims: REQUIRED_CLAIMS,
    });
    claims = Object.freeze({
      userId: String(payload.sub),
      role: payload.role as UserRole,
      email: String(payload.email),
      companyId: (payload.cid as string | null) ?? null,
      employeeId: (payload.eid as string | null) ?? null,
      practitionerId: (payload.pid as string | null) ?? null,
      sessionId: String(payload.sid),
      mfa: payload.mfa === 'enrol' ? 'enrol' : 'ok',
    });
    expiresAt = payload.exp! * 1000;
  } catch (error) {
    throw unauthenticated(error);
  }
  // Until the token expires (jose allows no clock skew here either), counted from now.
  const ttl = expiresAt - Date.now();
  if (ttl > 0) cache.set(token, claims, { ttl });
  return claims;
}

/** A token proving the password step of a login; exchanged once, with a TOTP code, for a session. */
export async function signChallengeToken(secret: Buffer, userId: string): Promise<string> {
  return (
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(CHALLENGE_AUDIENCE)
      // Its id is recorded when it is exchanged, so that it makes one session only.
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${CHALLENGE_TOKEN_TTL_SECONDS}s`)
      .sign(secret)
  );
}

/** A valid challenge token's user, id and expiry, or UNAUTHENTICATED. */
export async function verifyChallengeToken(
  secret: Buffer,
  token: string,
): Promise<{ userId: string; challengeId: string; expiresAt: Date }> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: CHALLENGE_AUDIENCE,
      requiredClaims: [...REQUIRED_CLAIMS, 'jti'],
    });
    const challengeId = String(payload.jti);
    if (!UUID.test(challengeId)) throw new Error('challenge id is not a UUID');
    return { userId: String(payload.sub), challengeId, expiresAt: new Date(payload.exp! * 1000) };
  } catch (error) {
    throw new AppError('UNAUTHENTICATED', 'The sign-in step has expired: sign in again.', { cause: error });
  }
}
