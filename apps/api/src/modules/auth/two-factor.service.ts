// TOTP enrolment, confirmation (with single-use recovery codes), disabling and regenerating codes.
// The secret is stored encrypted (AES-256-GCM, bound to the user's row).
import { randomBytes } from 'node:crypto';
import { ROLES_REQUIRING_2FA } from '@huntzen/contracts';
import { type Tx, users, withActor } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import { newTotpSecret, type RequestActor, totpProvisioning, verifyPassword } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import * as repo from './auth.repository';
import { type AuthDeps, acceptTotp } from './auth.service';
import { type IssuedSession, issueSession } from './sessions';

const RECOVERY_CODE_COUNT = 10;

/** Ten codes like `k3f9-27qd-x8`, 50 bits each, for when the authenticator is lost. */
function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 10)}`;
  });
}

/** Builds the 2FA service. */
export function createTwoFactorService(deps: AuthDeps) {
  async function loadUser(tx: Parameters<Parameters<typeof withActor>[2]>[0], userId: string) {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists.');
    return user;
  }

  async function assertPasswordAndCode(
    tx: Tx,
    user: typeof users.$inferSelect,
    password: string,
    code: string,
  ) {
    const passwordOk = await verifyPassword(password, user.passwordHash);
    const codeOk = await acceptTotp(tx, deps.cipher, user, code);
    if (!passwordOk || !codeOk) {
      throw new AppError('VALIDATION_FAILED', 'The password or the code is incorrect.', {
        errors: [
          ...(passwordOk ? [] : [{ path: 'body.password', message: 'incorrect password' }]),
          ...(codeOk ? [] : [{ path: 'body.code', message: 'invalid code' }]),
        ],
      });
    }
  }

  return {
    /** Starts (or restarts) enrolment: a new secret, not active until confirmed. */
    async setup(actor: RequestActor) {
      return withActor(deps.db, actor, async (tx) => {
        const user = await loadUser(tx, actor.userId);
        if (user.twoFactorEnabled)
          throw new AppError('CONFLICT', 'Two-factor authentication is already enabled.');
        const secret = newTotpSecret();
        const stored = deps.cipher.encrypt(secret, {
          table: 'users',
          column: 'two_factor_secret',
          rowId: user.id,
        });
        await tx
          .update(users)
          .set({ twoFactorSecret: JSON.stringify(stored) })
          .where(eq(users.id, user.id));
        return { secret, ...(await totpProvisioning(secret, user.email)) };
      });
    },

    /** Confirms enrolment with a first code; returns recovery codes and a full session. */
    async confirm(
      actor: RequestActor,
      code: string,
    ): Promise<{ recoveryCodes: string[]; issued: IssuedSession }> {
      return withActor(deps.db, actor, async (tx) => {
        const user = await loadUser(tx, actor.userId);
        if (user.twoFactorEnabled)
          throw new AppError('CONFLICT', 'Two-factor authentication is already enabled.');
        if (!user.twoFactorSecret) throw new AppError('CONFLICT', 'Start the set-up first.');
        if (!(await acceptTotp(tx, deps.cipher, user, code))) {
          throw new AppError('TWO_FACTOR_INVALID', 'This code is not valid.', {
            errors: [{ path: 'body.code', message: 'invalid code' }],
          });
        }
        await tx.update(users).set({ twoFactorEnabled: true }).where(eq(users.id, user.id));
        const recoveryCodes = newRecoveryCodes();
        await repo.replaceRecoveryCodes(tx, user.id, recoveryCodes);
        // The enrolment-only session ends; a full one replaces it.
        await repo.revokeFamily(tx, actor.sessionId);
        const issued = await issueSession(tx, {
          userId: user.id,
          jwtSecret: deps.jwtSecret,
          ip: actor.ip ?? null,
          userAgent: actor.userAgent ?? null,
        });
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'user',
          resourceId: user.id,
          details: { twoFactor: 'enabled' },
        });
        return { recoveryCodes, issued };
      });
    },

    /** Turns 2FA off (password + current code); refused for roles that require it. */
    async disable(actor: RequestActor, input: { password: string; code: string }) {
      await withActor(deps.db, actor, async (tx) => {
        const user = await loadUser(tx, actor.userId);
        if (ROLES_REQUIRING_2FA.includes(user.role)) {
          throw new AppError('FORBIDDEN', 'Two-factor authentication is required for your role.');
        }
        if (!user.twoFactorEnabled)
          throw new AppError('CONFLICT', 'Two-factor authentication is not enabled.');
        await assertPasswordAndCode(tx, user, input.password, input.code);
        await tx
          .update(users)
          .set({ twoFactorEnabled: false, twoFactorSecret: null })
          .where(eq(users.id, user.id));
        await repo.replaceRecoveryCodes(tx, user.id, []);
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'user',
          resourceId: user.id,
          details: { twoFactor: 'disabled' },
        });
      });
    },

    /** Replaces the recovery codes (password + current code). */
    async regenerateRecoveryCodes(actor: RequestActor, input: { password: string; code: string }) {
      return withActor(deps.db, actor, async (tx) => {
        const user = await loadUser(tx, actor.userId);
        if (!user.twoFactorEnabled)
          throw new AppError('CONFLICT', 'Two-factor authentication is not enabled.');
        await assertPasswordAndCode(tx, user, input.password, input.code);
        const recoveryCodes = newRecoveryCodes();
        await repo.replaceRecoveryCodes(tx, user.id, recoveryCodes);
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'user',
          resourceId: user.id,
          details: { recoveryCodes: 'regenerated' },
        });
        return recoveryCodes;
      });
    },
  };
}
