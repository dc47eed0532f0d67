// The audit log: one call records who did what to which resource, from where. Rows are append-only
// for the application role. Never put health content in `details` or in before/after copies.
import type { Actor, AuditAction, Tx, UserRole } from '@huntzen/db';
import { type SQL, sql } from 'drizzle-orm';

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

/**
 * Records one audit row in the caller's transaction, through `record_audit` (migration 0018): the
 * database stamps who, with which role and from where from the transaction's settings (`actor` is
 * the transaction's actor); only SYSTEM may name another `subject`.
 */
export async function recordAudit(tx: Tx, _actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select ${auditCall(entry)}`);
}

/**
 * The `record_audit` call of `recordAudit` as a SQL expression, for a caller that writes the audit
 * row in a statement of its own along with other rows (one round trip), in the actor's transaction.
 */
export function auditCall(entry: AuditEntry): SQL {
  const json = (value: Record<string, unknown> | undefined) => (value ? JSON.stringify(value) : null);
  return sql`record_audit(
    ${entry.action}::audit_action, ${entry.resource}, ${entry.resourceId ?? null}, ${entry.companyId ?? null}::uuid,
    ${json(entry.details)}::jsonb, ${json(entry.changesBefore)}::jsonb, ${json(entry.changesAfter)}::jsonb,
    ${entry.isSensitive ?? false}, ${entry.subject?.userId ?? null}::uuid, ${entry.subject?.role ?? null}::role,
    ${entry.subject?.email ?? null})`;
}
