// Audit rows for the platform's admins, newest first. Row-level security (`audit_read`) already
// limits reading to SUPER_ADMIN, ADMIN_HUNTZEN and SYSTEM; these functions only filter and page.
import { type AuditAction, auditLogs, companies, type Tx } from '@huntzen/db';
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';

/** Filters, already resolved from the query (dates as instants, actor as id or email). */
export interface AuditFilters {
  userId?: string;
  email?: { value: string; match: 'prefix' | 'exact' };
  action?: AuditAction;
  resource?: string;
  resourceId?: string;
  companyId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  isSensitive?: boolean;
}

/** The sort key of a row: its creation time at full (microsecond) precision, then its id. */
export interface AuditKey {
  t: string;
  id: string;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, '\\$&');

function conditions(filters: AuditFilters, after: AuditKey | null): SQL | undefined {
  const { email } = filters;
  return and(
    filters.userId ? eq(auditLogs.userId, filters.userId) : undefined,
    email?.match === 'exact' ? sql`lower(${auditLogs.userEmail}) = ${email.value.toLowerCase()}` : undefined,
    email?.match === 'prefix'
      ? sql`lower(${auditLogs.userEmail}) like ${`${escapeLike(email.value.toLowerCase())}%`}`
      : undefined,
    filters.action ? eq(auditLogs.action, filters.action) : undefined,
    filters.resource ? eq(auditLogs.resource, filters.resource) : undefined,
    filters.resourceId ? eq(auditLogs.resourceId, filters.resourceId) : undefined,
    filters.companyId ? eq(auditLogs.companyId, filters.companyId) : undefined,
    filters.from ? gte(auditLogs.createdAt, filters.from) : undefined,
    filters.to ? lt(auditLogs.createdAt, filters.to) : undefined,
    filters.isSensitive === undefined ? undefined : eq(auditLogs.isSensitive, filters.isSensitive),
    // Compared in SQL at full precision: JavaScript dates stop at milliseconds, and several rows
    // may share a millisecond (or a whole transaction's timestamp).
    after
      ? sql`(${auditLogs.createdAt}, ${auditLogs.id}) < (${after.t}::timestamptz, ${after.id}::uuid)`
      : undefined,
  );
}

/** Up to `limit` rows matching `filters` that sort after `after`, newest first, with their company's name. */
export async function findAuditLogs(
  tx: Tx,
  filters: AuditFilters,
  page: { limit: number; after: AuditKey | null },
) {
  return tx
    .select({
      id: auditLogs.id,
      createdAt: auditLogs.createdAt,
      sortTime: sql<string>`to_char(${auditLogs.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      userId: auditLogs.userId,
      userEmail: auditLogs.userEmail,
      userRole: auditLogs.userRole,
      action: auditLogs.action,
      resource: auditLogs.resource,
      resourceId: auditLogs.resourceId,
      companyId: auditLogs.companyId,
      companyName: companies.name,
      ipAddress: auditLogs.ipAddress,
      userAgent: auditLogs.userAgent,
      details: auditLogs.details,
      changesBefore: auditLogs.changesBefore,
      changesAfter: auditLogs.changesAfter,
      isSensitive: auditLogs.isSensitive,
    })
    .from(auditLogs)
    .leftJoin(companies, eq(companies.id, auditLogs.companyId))
    .where(conditions(filters, page.after))
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
    .limit(page.limit);
}

export type AuditRow = Awaited<ReturnType<typeof findAuditLogs>>[number];
