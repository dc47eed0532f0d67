// Signing in and out: passwords, lockout, 2FA challenges, refresh-token rotation with reuse
// detection, password change. Pre-authentication lookups run as the SYSTEM actor (no user yet).

import type { FieldCipher } from '@huntzen/crypto';
import { type Actor, type Database, SYSTEM_ACTOR, type Tx, users, withActor } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import {
  assertStrongPassword,
  hashPassword,
  needsRehash,
  type RequestActor,
  signChallengeToken,
  spendPasswordCheckTime,
  totpStep,
  verifyChallengeToken,
  verifyPassword,
  verifyPasswordInTime,
  warmPasswordChecks,
} from '../../platform/auth';
import { AppError } from '../../platform/errors';
import * as repo from './auth.repository';
import { type IssuedSession, issueSession, sessionOf, toMe } from './sessions';

export const LOCK_AFTER_FAILURES = 10;
/** How long a refresh token just rotated may be presented again and get the same new pair. */
export const REFRESH_GRACE_SECONDS = 10;
export const LOCK_MINUTES = 15;

export interface AuthDeps {
  db: Database;
  jwtSecret: Buffer;
  cipher: FieldCipher;
  bcryptCost: number;
  /** Called after the commit of anything that ends sessions, so their open sockets close too. */
  onSessionsEnded?: (ended: EndedSessions) => void;
}

/** Sessions just ended: one session, or every session of a user but `keepSessionId`. */
export type EndedSessions = { sessionId: string } | { userId: string; keepSessionId?: string };

interface Context {
  ip: string | null;
  userAgent: string | null;
}

const invalidCredentials = () => new AppError('UNAUTHENTICATED', 'Email or password is incorrect.');

/** The TOTP secret of an account, decrypted (AAD binds it to the user's row). */
export function decryptTotpSecret(cipher: FieldCipher, user: { id: string; twoFactorSecret: string | null }) {
  if (!user.twoFactorSecret) return null;
  // decryptJson: a stored value that is not even JSON is tampering too (DecryptionError), not a crash.
  return cipher.decryptJson(user.twoFactorSecret, {
    table: 'users',
    column: 'two_factor_secret',
    rowId: user.id,
  });
}

/**
 * True when `code` is the account's current TOTP and was never used before (the step is then
 * recorded, in the caller's transaction).
 */
export async function acceptTotp(
  tx: Tx,
  cipher: FieldCipher,
  user: { id: string; twoFactorSecret: string | null },
  code: string,
) {
  const secret = decryptTotpSecret(cipher, user);
  const step = secret ? await totpStep(secret, code) : null;
  return step !== null && (await repo.claimTotpStep(tx, user.id, step));
}

/** Builds the sign-in service. */
export function createAuthService(deps: AuthDeps) {
  warmPasswordChecks(deps.bcryptCost);
  const system = (ctx: Context): Actor => ({ ...SYSTEM_ACTOR, ...ctx });
  const endedSessions = (sessions: EndedSessions | null | undefined) => {
    if (sessions) deps.onSessionsEnded?.(sessions);
  };

  /** Checks the account may sign in at all (after its password or link was proven). */
  function assertCanSignIn(profile: repo.Profile) {
    const { user, company } = profile;
    if (!user.emailVerified) throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your email address first.');
    if (!user.isActive) {
      if (user.role === 'EMPLOYEE' && !user.approvedAt) {
        throw new AppError('ACCOUNT_PENDING_APPROVAL', 'Your HR team has not approved your account yet.');
      }
      throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');
    }
    if (user.role === 'EMPLOYEE' && company && !company.isActive) {
      throw new AppError('ACCOUNT_DISABLED', 'Your company account is not active.');
    }
  }

  async function startSession(tx: Tx, userId: string, ctx: Context) {
    await repo.recordSuccessfulLogin(tx, userId);
    return issueSession(tx, { userId, jwtSecret: deps.jwtSecret, ...ctx });
  }

  return {
    /** Password step; answers a session, or a 2FA challenge when 2FA is enabled. */
    async login(input: { email: string; password: string }, ctx: Context) {
      const actor = system(ctx);
      const outcome = await withActor(deps.db, actor, async (tx) => {
        const user = await repo.findUserByEmail(tx, input.email);
        if (!user) {
          await spendPasswordCheckTime(input.password, deps.bcryptCost);
          await recordAudit(tx, actor, {
            action: 'LOGIN',
            resource: 'user',
            details: {
              outcome: 'failure',
              reason: 'unknown_account',
              ...repo.typedEmailTrace(deps.jwtSecret, input.email),
            },
          });
          return { error: invalidCredentials() };
        }
        const subject = { userId: user.id, role: user.role, email: user.email };
        // The password first, in the time an unknown email takes: until it is right, a locked or
        // existing account answers exactly like no account at all.
        const passwordOk = await verifyPasswordInTime(input.password, user.passwordHash, deps.bcryptCost);
        const locked = Boolean(user.lockedUntil && user.lockedUntil > new Date());
        if (!passwordOk) {
          // A locked account counts no more failures: the lock would only be prolonged by anyone.
          const lockedUntil = locked
            ? user.lockedUntil
            : await repo.recordFailedLogin(tx, user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
          await recordAudit(tx, actor, {
            action: 'LOGIN',
            resource: 'user',
            resourceId: user.id,
            subject,
            details: {
              outcome: 'failure',
              reason: locked ? 'locked' : 'password',
              locked: Boolean(lockedUntil && lockedUntil > new Date()),
            },
          });
          return { error: invalidCredentials() };
        }
        if (locked) {
          await recordAudit(tx, actor, {
            action: 'LOGIN',
            resource: 'user',
            resourceId: user.id,
            subject,
            details: { outcome: 'failure', reason: 'locked' },
          });
          return {
            error: new AppError(
              'ACCOUNT_LOCKED',
              `Too many failed attempts: try again in ${LOCK_MINUTES} minutes.`,
            ),
          };
        }
        if (needsRehash(user.passwordHash, deps.bcryptCost)) {
          // Every hash converges on the configured cost, so that a wrong password costs the same
          // time for every account (and as for none).
          await repo.updatePasswordHash(tx, user.id, await hashPassword(input.password, deps.bcryptCost));
        }
        const profile = (await repo.findProfile(tx, user.id))!;
        assertCanSignIn(profile);
        if (user.twoFactorEnabled) {
          return { challenge: await signChallengeToken(deps.jwtSecret, user.id), issued: undefined };
        }
        const issued = await startSession(tx, user.id, ctx);
        await recordAudit(tx, actor, {
          action: 'LOGIN',
          resource: 'user',
          resourceId: user.id,
          subject,
          details: { outcome: 'success' },
        });
        return { issued, challenge: undefined };
      });
      // Failures are recorded (audit, counters) before answering: the transaction must commit.
      if ('error' in outcome) throw outcome.error;
      return outcome;
    },

    /** Second step: a TOTP code or a recovery code against the challenge token. */
    async verifySecondFactor(
      input: { challengeToken: string; code?: string | undefined; recoveryCode?: string | undefined },
      ctx: Context,
    ): Promise<IssuedSession> {
      const challenge = await verifyChallengeToken(deps.jwtSecret, input.challengeToken);
      const { userId } = challenge;
      const actor = system(ctx);
      const outcome = await withActor(deps.db, actor, async (tx) => {
        // Locked first: two exchanges of one challenge queue here instead of deadlocking later.
        const user = await repo.findUserById(tx, userId, { lock: true });
        if (!user?.twoFactorEnabled) return { error: new AppError('UNAUTHENTICATED', 'Sign in again.') };
        const subject = { userId: user.id, role: user.role, email: user.email };
        if (user.lockedUntil && user.lockedUntil > new Date()) {
          return {
            error: new AppError(
              'ACCOUNT_LOCKED',
              `Too many failed attempts: try again in ${LOCK_MINUTES} minutes.`,
            ),
          };
        }
        const ok = input.code
          ? await acceptTotp(tx, deps.cipher, user, input.code)
          : await repo.useRecoveryCode(tx, user.id, input.recoveryCode ?? '');
        if (!ok) {
          await repo.recordFailedLogin(tx, user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
          await recordAudit(tx, actor, {
            action: 'LOGIN',
            resource: 'user',
            resourceId: user.id,
            subject,
            details: { outcome: 'failure', reason: 'second_factor' },
          });
          return { error: new AppError('TWO_FACTOR_INVALID', 'This code is not valid.') };
        }
        assertCanSignIn((await repo.findProfile(tx, user.id))!);
        // After the code, so that a mistyped code does not spend the challenge; a second exchange
        // (replayed, or racing: the insert waits for the first one's commit) is refused.
        if (
          !(await repo.claimChallenge(tx, {
            id: challenge.challengeId,
            userId,
            expiresAt: challenge.expiresAt,
          }))
        ) {
          await recordAudit(tx, actor, {
            action: 'LOGIN',
            resource: 'user',
            resourceId: user.id,
            subject,
            details: { outcome: 'failure', reason: 'challenge_reused' },
          });
          return { error: new AppError('UNAUTHENTICATED', 'The sign-in step has expired: sign in again.') };
        }
        const issued = await startSession(tx, user.id, ctx);
        await recordAudit(tx, actor, {
          action: 'LOGIN',
          resource: 'user',
          resourceId: user.id,
          subject,
          details: { outcome: 'success', secondFactor: input.code ? 'totp' : 'recovery_code' },
        });
        return { issued };
      });
      if ('error' in outcome) throw outcome.error;
      return outcome.issued;
    },

    /**
     * Rotates a refresh token. The token just rotated, presented again within the grace period (two
     * tabs, a retried request), gets the same new pair; later, reusing it ends every session of its
     * user (RFC 9700 §4.14.2).
     */
    async refresh(refreshToken: string, ctx: Context): Promise<IssuedSession> {
      const actor = system(ctx);
      const ended = () => new AppError('UNAUTHENTICATED', 'This session has ended: sign in again.');
      const outcome = await withActor(deps.db, actor, async (tx) => {
        // Locked: a concurrent refresh with the same token waits here, then sees it rotated.
        const row = await repo.findRefreshTokenForUpdate(tx, refreshToken);
        if (!row || row.revokedAt || row.expiresAt <= new Date()) return { error: ended() };
        const successor = repo.successorToken(deps.jwtSecret, refreshToken);
        if (row.rotatedAt) {
          const next =
            Date.now() - row.rotatedAt.getTime() <= REFRESH_GRACE_SECONDS * 1000
              ? await repo.findRefreshTokenForUpdate(tx, successor)
              : null;
          // Only while the successor is still the session's current token: once it was used in
          // turn, the old token has no business coming back.
          if (next && !next.revokedAt && !next.rotatedAt && next.expiresAt > new Date()) {
            const profile = await repo.findProfile(tx, row.userId);
            if (!profile) return { error: ended() };
            assertCanSignIn(profile);
            return {
              issued: await sessionOf(tx, {
                userId: next.userId,
                jwtSecret: deps.jwtSecret,
                familyId: next.familyId,
                token: successor,
                expiresAt: next.expiresAt,
                createdAt: next.createdAt,
              }),
            };
          }
          // A token already exchanged is presented again: a copy was stolen, or this is the thief.
          await repo.revokeUserSessions(tx, row.userId);
          const user = await repo.findUserById(tx, row.userId);
          if (user) {
            await recordAudit(tx, actor, {
              action: 'LOGOUT',
              resource: 'user',
              resourceId: user.id,
              subject: { userId: user.id, role: user.role, email: user.email },
              details: { reason: 'refresh_token_reuse', allSessions: true },
            });
          }
          return { error: ended(), ended: { userId: row.userId } };
        }
        const profile = await repo.findProfile(tx, row.userId);
        if (!profile) return { error: ended() };
        try {
          assertCanSignIn(profile);
        } catch (error) {
          await repo.revokeFamily(tx, row.familyId);
          return { error: error as AppError };
        }
        await repo.markRotated(tx, row.id);
        return {
          issued: await issueSession(tx, {
            userId: row.userId,
            jwtSecret: deps.jwtSecret,
            familyId: row.familyId,
            refreshToken: successor,
            ...ctx,
          }),
        };
      });
      if ('error' in outcome) {
        if ('ended' in outcome) endedSessions(outcome.ended);
        throw outcome.error;
      }
      return outcome.issued;
    },

    /** Ends the current session. */
    async logout(user: RequestActor | null, refreshToken: string | undefined, ctx: Context) {
      const session = await withActor(deps.db, system(ctx), async (tx) => {
        let familyId = user?.sessionId;
        let userRow = user ? await repo.findUserById(tx, user.userId) : null;
        if (!familyId && refreshToken) {
          const row = await repo.findRefreshTokenForUpdate(tx, refreshToken);
          familyId = row?.familyId;
          if (row) userRow = await repo.findUserById(tx, row.userId);
        }
        if (!familyId || !userRow) return null;
        await repo.revokeFamily(tx, familyId);
        await recordAudit(tx, system(ctx), {
          action: 'LOGOUT',
          resource: 'user',
          resourceId: userRow.id,
          subject: { userId: userRow.id, role: userRow.role, email: userRow.email },
        });
        return { sessionId: familyId };
      });
      endedSessions(session);
    },

    /** Ends every session of the user. */
    async logoutEverywhere(user: RequestActor) {
      await withActor(deps.db, user, async (tx) => {
        await repo.revokeUserSessions(tx, user.userId);
        await recordAudit(tx, user, {
          action: 'LOGOUT',
          resource: 'user',
          resourceId: user.userId,
          details: { allSessions: true },
        });
      });
      endedSessions({ userId: user.userId });
    },

    /** Changes the password and ends the user's other sessions. */
    async changePassword(user: RequestActor, input: { currentPassword: string; newPassword: string }) {
      await withActor(deps.db, user, async (tx) => {
        const [row] = await tx.select().from(users).where(eq(users.id, user.userId));
        if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
          throw new AppError('VALIDATION_FAILED', 'The current password is incorrect.', {
            errors: [{ path: 'body.currentPassword', message: 'incorrect password' }],
          });
        }
        assertStrongPassword(input.newPassword, row.email, 'body.newPassword');
        await tx
          .update(users)
          .set({
            passwordHash: await hashPassword(input.newPassword, deps.bcryptCost),
            passwordChangedAt: new Date(),
          })
          .where(eq(users.id, user.userId));
        await repo.revokeUserSessions(tx, user.userId, user.sessionId);
        await recordAudit(tx, user, {
          action: 'UPDATE',
          resource: 'user',
          resourceId: user.userId,
          details: { field: 'password' },
        });
      });
      endedSessions({ userId: user.userId, keepSessionId: user.sessionId });
    },

    /**
     * HR and HuntZen's admins name themselves (issue 17: their home greets them by it); employees
     * and practitioners are named by their profile.
     */
    async updateDisplayName(user: RequestActor, displayName: string) {
      return withActor(deps.db, user, async (tx) => {
        await tx.update(users).set({ displayName }).where(eq(users.id, user.userId));
        await recordAudit(tx, user, {
          action: 'UPDATE',
          resource: 'user',
          resourceId: user.userId,
          details: { field: 'displayName' },
        });
        const profile = await repo.findProfile(tx, user.userId);
        if (!profile) throw new AppError('UNAUTHENTICATED', 'This account no longer exists.');
        return toMe(profile);
      });
    },

    /** The signed-in user's `Me`. */
    async me(user: RequestActor) {
      return withActor(deps.db, user, async (tx) => {
        const profile = await repo.findProfile(tx, user.userId);
        if (!profile) throw new AppError('UNAUTHENTICATED', 'This account no longer exists.');
        return toMe(profile);
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
