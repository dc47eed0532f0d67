// The audit log: one call records who did what to which resource, from where. Rows are append-only
// for the application role. Never put health content in `details` or in before/after copies.
import { type Actor, type AuditAction, auditLogs, type Tx, type UserRole } from '@huntzen/db';

export type { AuditAction } from '@huntzen/db';
export { HEALTH_FIELD_NAMES, REDACTED, redactAuditJson } from './redact';

/** The user id recorded for actions without a user (system jobs, unknown accounts). */
export const NO_USER_ID = '00000000-0000-0000-0000-000000000000';

export interface AuditEntry {
  action: AuditAction;
  resource: string;
  resourceId?: string | null;
  companyId?: string | null;
  details?: Record<string, unknown>;
  changesBefore?: Record<string, unknown>;
  changesAfter?: Record<string, unknown>;
  isSensitive?: boolean;
  /** Who, when it is not the actor of the transaction (e.g. a failed login for a known account). */
  subject?: { userId: string; role: UserRole; email: string };
}

/** Records one audit row in the caller's transaction. */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  const userRole: UserRole =
    entry.subject?.role ??
    (actor.role === 'SYSTEM' || actor.role === 'ANONYMOUS' ? 'SUPER_ADMIN' : actor.role);
  await tx.insert(auditLogs).values({
    userId: entry.subject?.userId ?? actor.userId ?? NO_USER_ID,
    userRole,
    userEmail: entry.subject?.email ?? actor.email ?? `${actor.role.toLowerCase()}@huntzen.internal`,
    action: entry.action,
    resource: entry.resource,
    resourceId: entry.resourceId ?? null,
    companyId: entry.companyId ?? actor.companyId ?? null,
    ipAddress: actor.ip ?? null,
    userAgent: actor.userAgent ?? null,
    details:
      actor.role === 'SYSTEM' || actor.role === 'ANONYMOUS'
        ? { actor: actor.role, ...entry.details }
        : (entry.details ?? null),
    changesBefore: entry.changesBefore ?? null,
    changesAfter: entry.changesAfter ?? null,
    isSensitive: entry.isSensitive ?? false,
  });
}
