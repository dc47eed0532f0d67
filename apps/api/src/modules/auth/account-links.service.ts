// Email verification and password reset by single-use, expiring links. Answers never reveal whether
// an email has an account.
import {
  type Actor,
  companies,
  type Database,
  employees,
  SYSTEM_ACTOR,
  type Tx,
  users,
  withActor,
} from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import { assertStrongPassword, hashPassword } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { type AccountMailer, LINK_TTL_MINUTES } from './auth.emails';
import * as repo from './auth.repository';
import type { EndedSessions } from './auth.service';

export interface LinkDeps {
  db: Database;
  bcryptCost: number;
  mailer: AccountMailer;
  /** Called after a password reset ended every session of the account (see AuthDeps). */
  onSessionsEnded?: (ended: EndedSessions) => void;
}

interface Context {
  ip: string | null;
  userAgent: string | null;
}

const invalidLink = () => new AppError('TOKEN_INVALID', 'This link is invalid, already used or expired.');

/** Sends a verification link to an account (inside the caller's transaction). */
export async function sendVerificationLink(
  tx: Tx,
  mailer: AccountMailer,
  userId: string,
  language?: 'fr' | 'en',
) {
  const token = await repo.createAccountToken(tx, userId, 'VERIFY_EMAIL', LINK_TTL_MINUTES.VERIFY_EMAIL);
  await mailer.send(tx, userId, 'verify-email', token, language);
}

/** Builds the links service. */
export function createAccountLinksService(deps: LinkDeps) {
  const system = (ctx: Context): Actor => ({ ...SYSTEM_ACTOR, ...ctx });

  return {
    /** Consumes a verification link; says what the account waits for next. */
    async verifyEmail(token: string, ctx: Context) {
      return withActor(deps.db, system(ctx), async (tx) => {
        const used = await repo.consumeAccountToken(tx, token, ['VERIFY_EMAIL']);
        if (!used) throw invalidLink();
        const [user] = await tx
          .update(users)
          .set({ emailVerified: true, emailVerifiedAt: new Date() })
          .where(eq(users.id, used.userId))
          .returning();
        await recordAudit(tx, system(ctx), {
          action: 'UPDATE',
          resource: 'user',
          resourceId: used.userId,
          details: { emailVerified: true },
        });
        if (user!.role === 'EMPLOYEE' && !user!.isActive && !user!.approvedAt)
          return 'PENDING_APPROVAL' as const;
        if (user!.role === 'ADMIN_RH' && user!.companyId) {
          const [company] = await tx
            .select({ isActive: companies.isActive })
            .from(companies)
            .where(eq(companies.id, user!.companyId));
          if (!company?.isActive) return 'PENDING_COMPANY_VALIDATION' as const;
        }
        return 'VERIFIED' as const;
      });
    },

    /** Sends a new verification link when the account exists and is not verified yet. */
    async resendVerification(email: string, ctx: Context) {
      await withActor(deps.db, system(ctx), async (tx) => {
        const user = await repo.findUserByEmail(tx, email);
        if (user && !user.emailVerified) await sendVerificationLink(tx, deps.mailer, user.id);
      });
    },

    /** Sends a reset link when the account exists and is active; silent otherwise. */
    async requestPasswordReset(email: string, ctx: Context) {
      await withActor(deps.db, system(ctx), async (tx) => {
        const user = await repo.findUserByEmail(tx, email);
        if (!user || (!user.isActive && user.approvedAt)) return;
        const token = await repo.createAccountToken(
          tx,
          user.id,
          'RESET_PASSWORD',
          LINK_TTL_MINUTES.RESET_PASSWORD,
        );
        await deps.mailer.send(tx, user.id, 'password-reset', token);
      });
    },

    /** Sets a new password from a reset or invitation link; ends every session of the account. */
    async resetPassword(input: { token: string; newPassword: string }, ctx: Context) {
      const userId = await withActor(deps.db, system(ctx), async (tx) => {
        const used = await repo.consumeAccountToken(tx, input.token, ['RESET_PASSWORD', 'ADMIN_INVITATION']);
        if (!used) throw invalidLink();
        const user = (await repo.findUserById(tx, used.userId))!;
        assertStrongPassword(input.newPassword, user.email, 'body.newPassword');
        await tx
          .update(users)
          .set({
            passwordHash: await hashPassword(input.newPassword, deps.bcryptCost),
            passwordChangedAt: new Date(),
            failedLoginCount: 0,
            lockedUntil: null,
            // The link reached the inbox: the address is proven.
            emailVerified: true,
            emailVerifiedAt: user.emailVerifiedAt ?? new Date(),
          })
          .where(eq(users.id, user.id));
        await repo.revokeUserSessions(tx, user.id);
        await recordAudit(tx, system(ctx), {
          action: 'UPDATE',
          resource: 'user',
          resourceId: user.id,
          subject: { userId: user.id, role: user.role, email: user.email },
          details: { field: 'password', via: used.purpose },
        });
        return user.id;
      });
      deps.onSessionsEnded?.({ userId });
    },
  };
}

/** The first name to greet an account with, when it has one. */
export async function firstNameOf(tx: Tx, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ firstName: employees.firstName })
    .from(employees)
    .where(eq(employees.userId, userId));
  return row?.firstName ?? null;
}
