// The e-mail queue as HuntZen's admins see it, in the caller's transaction: `email_queue`'s policy
// lets the platform admins (and the mail worker) read and update it. Columns are chosen one by one:
// never the subject, the bodies, the template's data (links with tokens) or the attachments.
import type { EmailStatus, Tx } from '@huntzen/db';
import { type SQL, sql } from 'drizzle-orm';

/** The sort key of a row: its creation time at full (microsecond) precision, then its id. */
export interface QueueKey {
  t: string;
  id: string;
}

const COLUMNS = sql`id, "to", template_name, status::text as status, priority::text as priority,
  retry_count, max_retries, error_message, created_at, scheduled_for, next_attempt_at, sent_at, failed_at,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as sort_time`;

export interface QueueRow {
  id: string;
  to: string;
  templateName: string | null;
  status: EmailStatus;
  priority: 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';
  retryCount: number;
  maxRetries: number;
  errorMessage: string | null;
  createdAt: Date;
  scheduledFor: Date | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  failedAt: Date | null;
  key: QueueKey;
}

const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));

function toRow(r: Record<string, unknown>): QueueRow {
  return {
    id: String(r.id),
    to: String(r.to),
    templateName: r.template_name === null ? null : String(r.template_name),
    status: r.status as EmailStatus,
    priority: r.priority as QueueRow['priority'],
    retryCount: Number(r.retry_count),
    maxRetries: Number(r.max_retries),
    errorMessage: r.error_message === null ? null : String(r.error_message),
    createdAt: new Date(r.created_at as string),
    scheduledFor: date(r.scheduled_for),
    nextAttemptAt: date(r.next_attempt_at),
    sentAt: date(r.sent_at),
    failedAt: date(r.failed_at),
    key: { t: String(r.sort_time), id: String(r.id) },
  };
}

/** How many rows per status, and the PENDING ones whose time has come. */
export async function queueCounts(tx: Tx) {
  const byStatus = await tx.execute<{ status: EmailStatus; n: number }>(
    sql`select status::text as status, count(*)::int as n from email_queue group by status`,
  );
  const due = await tx.execute<{ n: number; oldest: string | null }>(sql`
    select count(*)::int as n, min(created_at) as oldest from email_queue
    where status = 'PENDING'
      and (scheduled_for is null or scheduled_for <= now())
      and (next_attempt_at is null or next_attempt_at <= now())`);
  return {
    byStatus: byStatus.rows.map((r) => ({ status: r.status, count: Number(r.n) })),
    due: Number(due.rows[0]?.n ?? 0),
    oldestDueAt: date(due.rows[0]?.oldest ?? null),
  };
}

/** Up to `limit` rows of `status` after `after`, newest first. */
export async function findQueued(
  tx: Tx,
  status: EmailStatus,
  page: { limit: number; after: QueueKey | null },
): Promise<QueueRow[]> {
  const after: SQL = page.after
    ? sql`and (created_at, id) < (${page.after.t}::timestamptz, ${page.after.id}::uuid)`
    : sql``;
  const result = await tx.execute<Record<string, unknown>>(sql`
    select ${COLUMNS} from email_queue
    where status = ${status}::email_status ${after}
    order by created_at desc, id desc
    limit ${page.limit}`);
  return result.rows.map(toRow);
}

/** The row `id`, locked until the end of the transaction; null when there is none. */
export async function lockQueued(tx: Tx, id: string): Promise<QueueRow | null> {
  const result = await tx.execute<Record<string, unknown>>(
    sql`select ${COLUMNS} from email_queue where id = ${id}::uuid for update`,
  );
  const row = result.rows[0];
  return row ? toRow(row) : null;
}

/**
 * Puts a FAILED row back in the queue: PENDING, due now, with its attempts counted afresh (the
 * sender gives up once `retry_count` reaches `max_retries`). The last error is kept until the next
 * attempt replaces or the sending ends it.
 */
export async function requeue(tx: Tx, id: string): Promise<QueueRow> {
  const result = await tx.execute<Record<string, unknown>>(sql`
    update email_queue set status = 'PENDING', retry_count = 0, failed_at = null, next_attempt_at = null
    where id = ${id}::uuid and status = 'FAILED'
    returning ${COLUMNS}`);
  return toRow(result.rows[0]!);
}
