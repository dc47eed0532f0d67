// HuntZen administrator accounts, managed by SUPER_ADMIN: invite (set-password link), deactivate
// (every session ends at once), reactivate.
import { randomBytes } from 'node:crypto';
import type { Database } from '@huntzen/db';
import { users, withActor } from '@huntzen/db';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import { hashPassword, type RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import {
  type AccountMailer,
  createAccountToken,
  findUserByEmail,
  LINK_TTL_MINUTES,
  revokeAllSessions,
} from '../auth';

export interface AdminsDeps {
  db: Database;
  mailer: AccountMailer;
  bcryptCost: number;
}

const columns = {
  id: users.id,
  email: users.email,
  role: users.role,
  isActive: users.isActive,
  twoFactorEnabled: users.twoFactorEnabled,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};
type Row = { [K in keyof typeof columns]: (typeof users.$inferSelect)[K] };
const toAccount = (row: Row) => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
});

/** Builds the admin accounts service. */
export function createAdminsService(deps: AdminsDeps) {
  async function setActive(actor: RequestActor, id: string, isActive: boolean) {
    return withActor(deps.db, actor, async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ isActive })
        .where(and(eq(users.id, id), eq(users.role, 'ADMIN_HUNTZEN')))
        .returning(columns);
      if (!row) throw new AppError('NOT_FOUND', 'No such administrator.');
      if (!isActive) await revokeAllSessions(tx, id);
      await recordAudit(tx, actor, {
        action: isActive ? 'ACTIVATE' : 'DEACTIVATE',
        resource: 'user',
        resourceId: id,
      });
      return toAccount(row);
    });
  }

  return {
    /** ADMIN_HUNTZEN accounts, newest first. */
    async list(actor: RequestActor, page: { limit: number; cursor?: string | undefined }) {
      return withActor(deps.db, actor, async (tx) => {
        const after = page.cursor ? decodeCursor(page.cursor) : null;
        const rows = await tx
          .select(columns)
          .from(users)
          .where(
            and(
              eq(users.role, 'ADMIN_HUNTZEN'),
              after
                ? or(
                    lt(users.createdAt, new Date(after.t)),
                    and(eq(users.createdAt, new Date(after.t)), lt(users.id, after.id)),
                  )
                : undefined,
            ),
          )
          .orderBy(desc(users.createdAt), desc(users.id))
          .limit(page.limit + 1);
        const items = rows.slice(0, page.limit);
        const last = items.at(-1);
        return {
          items: items.map(toAccount),
          nextCursor:
            rows.length > page.limit && last
              ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id })
              : null,
        };
      });
    },

    /** Creates an ADMIN_HUNTZEN account and emails its set-password link. */
    async create(
      actor: RequestActor,
      input: { email: string; preferredLanguage: 'fr' | 'en'; displayName?: string | undefined },
    ) {
      return withActor(deps.db, actor, async (tx) => {
        if (await findUserByEmail(tx, input.email)) {
          throw new AppError('CONFLICT', 'An account already uses this email.', {
            errors: [{ path: 'body.email', message: 'already used' }],
          });
        }
        // An unusable password until the invitation link sets one.
        const placeholder = await hashPassword(randomBytes(32).toString('base64'), deps.bcryptCost);
        const [row] = await tx
          .insert(users)
          .values({
            email: input.email,
            passwordHash: placeholder,
            displayName: input.displayName ?? null,
            role: 'ADMIN_HUNTZEN',
            approvedAt: new Date(),
          })
          .returning(columns);
        await recordAudit(tx, actor, {
          action: 'CREATE',
          resource: 'user',
          resourceId: row!.id,
          details: { role: 'ADMIN_HUNTZEN' },
        });
        const token = await createAccountToken(
          tx,
          row!.id,
          'ADMIN_INVITATION',
          LINK_TTL_MINUTES.ADMIN_INVITATION,
        );
        await deps.mailer.send(tx, row!.id, 'admin-invitation', token, input.preferredLanguage);
        return toAccount(row!);
      });
    },

    deactivate: (actor: RequestActor, id: string) => setActive(actor, id, false),
    reactivate: (actor: RequestActor, id: string) => setActive(actor, id, true),
  };
}
