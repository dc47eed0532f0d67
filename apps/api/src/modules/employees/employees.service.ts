// HR's employee management: the company's employees (searched, filtered, paged), the approval queue,
// approval, deactivation and reactivation. Row-level security limits ADMIN_RH to its own company:
// another company's employee is simply not found. HR never sees health data here: the rows carry
// names, address, department, position, account state and dates only.
import type { EmployeeList, EmployeeListItem, EmployeeStatus } from '@huntzen/contracts';
import { type Database, employees, type Tx, users, withActor } from '@huntzen/db';
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { notify } from '../../platform/notifications';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { recipientOf, revokeAllSessions } from '../auth';
import { companyStatus } from '../companies';
import { canChange, type EmployeeAction, employeeStatus, employeesOpen } from './employees.policy';
import * as repo from './employees.repository';

export interface EmployeesDeps {
  db: Database;
  publicUrl: string;
  /** Called after the commit of a deactivation, so the employee's open sockets close too. */
  onDeactivated?: (userId: string) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = NonNullable<Awaited<ReturnType<typeof repo.lockEmployee>>>;

function toItem(row: Row): EmployeeListItem {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    department: row.department,
    position: row.position,
    status: employeeStatus(row),
    emailVerified: row.emailVerified,
    createdAt: row.createdAt.toISOString(),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    domainRemoved: row.domainRemoved,
  };
}

function decodeKey(cursor: string): repo.EmployeeKey {
  const { t, id } = decodeCursor(cursor, 'json');
  let names: unknown;
  try {
    names = JSON.parse(t);
  } catch {
    names = null;
  }
  const [last, first] = Array.isArray(names) ? names : [];
  if (!UUID.test(id) || typeof last !== 'string' || typeof first !== 'string') {
    throw new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
      errors: [{ path: 'query.cursor', message: 'invalid' }],
    });
  }
  return { last, first, id };
}

const notFound = () => new AppError('NOT_FOUND', 'No such employee.');

/** Builds the employees service. */
export function createEmployeesService(deps: EmployeesDeps) {
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

  /** Locks the employee, checks `action` is allowed from their status, or answers 404 / 409. */
  async function lockFor(tx: Tx, actor: RequestActor, employeeId: string, action: EmployeeAction) {
    if (!actor.companyId) throw notFound();
    const row = await repo.lockEmployee(tx, actor.companyId, employeeId);
    if (!row) throw notFound();
    const status = employeeStatus(row);
    if (!canChange(status, action)) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `This account is ${status}: it cannot be ${action.toLowerCase()}d.`,
        {
          currentState: status,
        },
      );
    }
    return row;
  }

  return {
    /** Refuses (FORBIDDEN, `currentState`: the company's status) until HuntZen validated the company. */
    async assertCompanyValidated(actor: RequestActor) {
      if (!actor.companyId) throw notFound();
      const state = await withActor(deps.db, actor, (tx) => repo.companyState(tx, actor.companyId!));
      const status = state ? companyStatus(state) : 'PENDING';
      if (!employeesOpen(status)) {
        throw new AppError('FORBIDDEN', 'Your company is awaiting validation by HuntZen.', {
          currentState: status,
        });
      }
    },

    /** The company's employees, by name; searched by name or email, filtered by department and status. */
    async list(
      actor: RequestActor,
      query: {
        q?: string | undefined;
        department?: string | undefined;
        status?: EmployeeStatus | undefined;
        limit: number;
        cursor?: string | undefined;
      },
    ): Promise<EmployeeList> {
      if (!actor.companyId) throw notFound();
      const after = query.cursor ? decodeKey(query.cursor) : null;
      const rows = await withActor(deps.db, actor, (tx) =>
        repo.listEmployees(
          tx,
          actor.companyId!,
          { q: query.q || undefined, department: query.department, status: query.status },
          { limit: query.limit + 1, after },
        ),
      );
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(toItem),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor({ t: JSON.stringify([last.sortLast, last.sortFirst]), id: last.id })
            : null,
      };
    },

    /** The departments of the company's employees (for the list's filter). */
    async departments(actor: RequestActor) {
      if (!actor.companyId) throw notFound();
      return { items: await withActor(deps.db, actor, (tx) => repo.departments(tx, actor.companyId!)) };
    },

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
        const row = await lockFor(tx, actor, employeeId, 'APPROVE');
        await tx
          .update(users)
          .set({ isActive: true, approvedAt: new Date() })
          .where(eq(users.id, row.userId));
        await recordAudit(tx, actor, { action: 'ACTIVATE', resource: 'employee', resourceId: employeeId });
        await notifyActivated(tx, row.userId);
      });
    },

    /**
     * Deactivates an active employee: they cannot sign in any more (ACCOUNT_DISABLED) and every
     * session ends at once, including the access tokens already issued (the guard checks the
     * account on every request) and their open sockets.
     */
    async deactivate(actor: RequestActor, employeeId: string, reason?: string): Promise<EmployeeListItem> {
      const row = await withActor(deps.db, actor, async (tx) => {
        const locked = await lockFor(tx, actor, employeeId, 'DEACTIVATE');
        // An active account was let in, so it counts as approved: accounts made before approval
        // existed (or by the seed) have no date, and without one the account would read as waiting
        // for approval rather than deactivated (and sign-in would say so).
        const approvedAt = locked.approvedAt ?? new Date();
        await tx.update(users).set({ isActive: false, approvedAt }).where(eq(users.id, locked.userId));
        await revokeAllSessions(tx, locked.userId);
        await recordAudit(tx, actor, {
          action: 'DEACTIVATE',
          resource: 'employee',
          resourceId: employeeId,
          ...(reason ? { details: { reason } } : {}),
        });
        return { ...locked, isActive: false, approvedAt };
      });
      deps.onDeactivated?.(row.userId);
      return toItem(row);
    },

    /** Gives a deactivated employee their access back (they sign in again). */
    async reactivate(actor: RequestActor, employeeId: string, reason?: string): Promise<EmployeeListItem> {
      return withActor(deps.db, actor, async (tx) => {
        const locked = await lockFor(tx, actor, employeeId, 'REACTIVATE');
        await tx.update(users).set({ isActive: true }).where(eq(users.id, locked.userId));
        await recordAudit(tx, actor, {
          action: 'ACTIVATE',
          resource: 'employee',
          resourceId: employeeId,
          ...(reason ? { details: { reason } } : {}),
        });
        return toItem({ ...locked, isActive: true });
      });
    },
  };
}

export type EmployeesService = ReturnType<typeof createEmployeesService>;
