// HR's approval queue: employees who signed up and wait for their company's approval. Row-level
// security limits ADMIN_RH to their own company: another company's employee is simply not found.
import { type Database, employees, type Tx, users, withActor } from '@huntzen/db';
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { notify } from '../../platform/notifications';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { recipientOf } from '../auth/auth.emails';

/** Builds the employees service. */
export function createEmployeesService(deps: { db: Database; publicUrl: string }) {
  const pending = (companyId: string) =>
    and(
      eq(users.companyId, companyId),
      eq(users.isActive, false),
      isNull(users.approvedAt),
      eq(users.role, 'EMPLOYEE'),
    );

  // HR may read the employee's account: the e-mail copy is the account-activated template, with
  // the sign-in link, queued in this transaction.
  async function notifyActivated(tx: Tx, userId: string) {
    const recipient = await recipientOf(tx, userId);
    const fr = recipient.language === 'fr';
    await notify(tx, {
      userId,
      type: 'ACCOUNT_ACTIVATED',
      title: fr ? 'Votre compte est activé' : 'Your account is active',
      message: fr ? 'Votre équipe RH a validé votre compte.' : 'Your HR team approved your account.',
      linkUrl: '/app',
      email: {
        to: recipient.to,
        template: 'account-activated',
        language: recipient.language,
        data: { firstName: recipient.firstName ?? '', link: `${deps.publicUrl}/login` },
        branding: recipient.branding,
      },
    });
  }

  return {
    /** Employees of the HR admin's company waiting for approval, oldest first. */
    async listPending(actor: RequestActor, page: { limit: number; cursor?: string | undefined }) {
      return withActor(deps.db, actor, async (tx) => {
        const after = page.cursor ? decodeCursor(page.cursor) : null;
        const rows = await tx
          .select({
            id: employees.id,
            firstName: employees.firstName,
            lastName: employees.lastName,
            email: users.email,
            emailVerified: users.emailVerified,
            createdAt: users.createdAt,
          })
          .from(employees)
          .innerJoin(users, eq(users.id, employees.userId))
          .where(
            and(
              pending(actor.companyId!),
              after
                ? or(
                    gt(users.createdAt, new Date(after.t)),
                    and(eq(users.createdAt, new Date(after.t)), gt(employees.id, after.id)),
                  )
                : undefined,
            ),
          )
          .orderBy(asc(users.createdAt), asc(employees.id))
          .limit(page.limit + 1);
        const items = rows.slice(0, page.limit);
        const last = items.at(-1);
        return {
          items: items.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
          nextCursor:
            rows.length > page.limit && last
              ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id })
              : null,
        };
      });
    },

    /** Approves a waiting employee of the HR admin's company. */
    async approve(actor: RequestActor, employeeId: string) {
      await withActor(deps.db, actor, async (tx) => {
        const [employee] = await tx.select().from(employees).where(eq(employees.id, employeeId));
        if (!employee) throw new AppError('NOT_FOUND', 'No such employee.');
        const [user] = await tx
          .update(users)
          .set({ isActive: true, approvedAt: new Date() })
          .where(and(eq(users.id, employee.userId), pending(actor.companyId!)))
          .returning({ id: users.id });
        if (!user) throw new AppError('CONFLICT', 'This employee is not waiting for approval.');
        await recordAudit(tx, actor, { action: 'ACTIVATE', resource: 'employee', resourceId: employeeId });
        await notifyActivated(tx, user.id);
      });
    },
  };
}
