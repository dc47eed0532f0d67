// Browsing and exporting the audit log (SUPER_ADMIN, ADMIN_HUNTZEN). Every read runs through
// withActor, so the `audit_read` policy applies on top of the route's role check. An export is
// itself an audit row (EXPORT), written in the transaction that reads its first batch.
import { Readable } from 'node:stream';
import { type Database, withActor } from '@huntzen/db';
import { NO_USER_ID, recordAudit, redactAuditJson } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { CSV_BOM, csvHeader, csvLine } from './audit.csv';
import { type AuditFilters, type AuditKey, type AuditRow, findAuditLogs } from './audit.repository';
import type { AuditFilterQuery, AuditListQuery, AuditLogItem } from './audit.schemas';

/** Rows read per transaction while streaming an export. */
export const EXPORT_BATCH = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A date alone is a whole UTC day: `from` its start, `to` its end (the next day's start, excluded). */
function instant(value: string, bound: 'from' | 'to'): Date {
  if (!DATE_ONLY.test(value)) return new Date(value);
  const start = Date.parse(`${value}T00:00:00Z`);
  return new Date(bound === 'from' ? start : start + DAY_MS);
}

/** The repository's filters from the query's. */
export function resolveFilters(query: AuditFilterQuery): AuditFilters {
  const { actor } = query;
  return {
    ...(actor && UUID.test(actor) ? { userId: actor.toLowerCase() } : {}),
    ...(actor && !UUID.test(actor) ? { email: { value: actor, match: query.actorMatch } } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.resource ? { resource: query.resource } : {}),
    ...(query.resourceId ? { resourceId: query.resourceId } : {}),
    ...(query.companyId ? { companyId: query.companyId } : {}),
    ...(query.from ? { from: instant(query.from, 'from') } : {}),
    ...(query.to ? { to: instant(query.to, 'to') } : {}),
    ...(query.isSensitive === undefined ? {} : { isSensitive: query.isSensitive }),
  };
}

function decodeKey(cursor: string): AuditKey {
  const key = decodeCursor(cursor);
  if (!UUID.test(key.id) || Number.isNaN(Date.parse(key.t))) {
    throw new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
      errors: [{ path: 'query.cursor', message: 'invalid' }],
    });
  }
  return key;
}

const asObject = (value: unknown): Record<string, unknown> | null => {
  if (value === null || value === undefined) return null;
  const redacted = redactAuditJson(value);
  // The columns hold objects; anything else (never written by us) is still shown, wrapped.
  return typeof redacted === 'object' && !Array.isArray(redacted)
    ? (redacted as Record<string, unknown>)
    : { value: redacted };
};

/** The API's view of a row: JSON columns filtered once more for health content and secrets. */
export function toAuditLogItem(row: AuditRow): AuditLogItem {
  const details = asObject(row.details);
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    // A row names its user (the subject of a sign-in run by the system actor too) or none; then
    // recordAudit and the consultation trigger say in `details.actor` who acted.
    actorKind: row.userId !== NO_USER_ID ? 'USER' : details?.actor === 'ANONYMOUS' ? 'ANONYMOUS' : 'SYSTEM',
    userId: row.userId,
    userEmail: row.userEmail,
    userRole: row.userRole,
    action: row.action,
    resource: row.resource,
    resourceId: row.resourceId,
    companyId: row.companyId,
    companyName: row.companyName,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    details,
    changesBefore: asObject(row.changesBefore),
    changesAfter: asObject(row.changesAfter),
    isSensitive: row.isSensitive,
  };
}

const keyOf = (row: AuditRow): AuditKey => ({ t: row.sortTime, id: row.id });

/** Builds the audit log service. */
export function createAuditService(deps: { db: Database }) {
  return {
    /** One page of audit rows, newest first. */
    async list(actor: RequestActor, query: AuditListQuery) {
      const filters = resolveFilters(query);
      const after = query.cursor ? decodeKey(query.cursor) : null;
      const rows = await withActor(deps.db, actor, (tx) =>
        findAuditLogs(tx, filters, { limit: query.limit + 1, after }),
      );
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(toAuditLogItem),
        nextCursor: rows.length > query.limit && last ? encodeCursor(keyOf(last)) : null,
      };
    },

    /**
     * Every row matching `query` as a CSV stream, read in batches of EXPORT_BATCH (one short
     * transaction each, so a long download holds no transaction open). The first batch and the
     * EXPORT audit row are done before the answer starts: their failures are ordinary errors.
     */
    async exportCsv(actor: RequestActor, query: AuditFilterQuery) {
      const filters = resolveFilters(query);
      const first = await withActor(deps.db, actor, async (tx) => {
        // Read before recording: the export does not list its own audit row.
        const rows = await findAuditLogs(tx, filters, { limit: EXPORT_BATCH, after: null });
        await recordAudit(tx, actor, {
          action: 'EXPORT',
          resource: 'audit_log',
          details: { format: 'csv', filters: { ...query } },
        });
        return rows;
      });
      async function* chunks() {
        yield CSV_BOM + csvHeader();
        let rows = first;
        for (;;) {
          if (rows.length > 0) yield rows.map((row) => csvLine(toAuditLogItem(row))).join('');
          const last = rows.at(-1);
          if (rows.length < EXPORT_BATCH || !last) return;
          rows = await withActor(deps.db, actor, (tx) =>
            findAuditLogs(tx, filters, { limit: EXPORT_BATCH, after: keyOf(last) }),
          );
        }
      }
      const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
      return { filename: `audit-logs-${stamp}Z.csv`, stream: Readable.from(chunks()) };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
