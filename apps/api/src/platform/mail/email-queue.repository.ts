// The mail sender's SQL on `email_queue`, run as the SYSTEM actor (the only one, with platform
// admins, that the row-level security policy lets read or update the queue).
//
// `next_attempt_at` is the row's "not before". Claiming a row sets it to now + a lease, in a short
// transaction of its own: the row then looks "not due" to every other sender until the lease ends.
// The claim's value is the lease token: finishing a row (sent, or failed) only applies while the row
// still holds that exact value, so a sender that overran its lease cannot overwrite a newer claim.
import type { EmailAttachmentRow, Tx } from '@huntzen/db';
import { sql } from 'drizzle-orm';

/** A row claimed for sending. */
export interface ClaimedEmail {
  id: string;
  to: string;
  cc: string[];
  bcc: string[];
  subject: string;
  htmlBody: string;
  textBody: string | null;
  attachments: EmailAttachmentRow[];
  retryCount: number;
  maxRetries: number;
  /** `next_attempt_at` as set by the claim, in PostgreSQL's text form (microseconds kept). */
  lease: string;
}

/**
 * Claims the next due row: PENDING, `scheduled_for` reached, no backoff or lease pending; by
 * priority (URGENT first: the enum is declared LOW < NORMAL < HIGH < URGENT), then oldest. SKIP
 * LOCKED lets concurrent senders pass each other; READ COMMITTED re-checks the WHERE on the row
 * it locks, so a row claimed a moment ago by another sender is skipped rather than claimed twice.
 */
export async function claimNextEmail(tx: Tx, leaseSeconds: number): Promise<ClaimedEmail | null> {
  const result = await tx.execute<Record<string, unknown>>(sql`
    update email_queue set next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
    where id = (
      select id from email_queue
      where status = 'PENDING'
        and (scheduled_for is null or scheduled_for <= now())
        and (next_attempt_at is null or next_attempt_at <= now())
      order by priority desc, created_at, id
      limit 1
      for update skip locked)
    returning id, "to", cc, bcc, subject, html_body, text_body, attachments, retry_count, max_retries,
      next_attempt_at::text as lease`);
  const row = result.rows[0];
  if (!row) return null;
  return {
    id: String(row.id),
    to: String(row.to),
    cc: (row.cc as string[] | null) ?? [],
    bcc: (row.bcc as string[] | null) ?? [],
    subject: String(row.subject),
    htmlBody: String(row.html_body),
    textBody: row.text_body == null ? null : String(row.text_body),
    attachments: (row.attachments as EmailAttachmentRow[] | null) ?? [],
    retryCount: Number(row.retry_count),
    maxRetries: Number(row.max_retries),
    lease: String(row.lease),
  };
}

/** Marks a claimed row SENT; false if the claim was lost (lease over and claimed again). */
export async function markEmailSent(tx: Tx, email: Pick<ClaimedEmail, 'id' | 'lease'>): Promise<boolean> {
  const result = await tx.execute(sql`
    update email_queue set status = 'SENT', sent_at = now(), next_attempt_at = null
    where id = ${email.id} and status = 'PENDING' and next_attempt_at = ${email.lease}::timestamptz`);
  return (result.rowCount ?? 0) > 0;
}

/** What became of a row after a failed attempt; null if the claim was lost. */
export type FailureOutcome =
  | { status: 'PENDING'; retryCount: number }
  | { status: 'FAILED'; retryCount: number };

/**
 * Records a failed attempt: `retry_count + 1` and the error; FAILED (with `failed_at`) once the
 * count reaches `max_retries` or when `permanent`, else PENDING again after an exponential backoff
 * of 1, 2, 4, 8… minutes (at most an hour).
 */
export async function markEmailFailed(
  tx: Tx,
  email: Pick<ClaimedEmail, 'id' | 'lease'>,
  error: { message: string; permanent: boolean },
): Promise<FailureOutcome | null> {
  // In SET, columns on the right-hand side are the row's values before the update.
  const result = await tx.execute<Record<string, unknown>>(sql`
    with attempt as (
      select id, (${error.permanent}::boolean or retry_count + 1 >= max_retries) as final
      from email_queue
      where id = ${email.id} and status = 'PENDING' and next_attempt_at = ${email.lease}::timestamptz)
    update email_queue q set
      retry_count = q.retry_count + 1,
      error_message = ${error.message},
      status = case when attempt.final then 'FAILED'::email_status else 'PENDING'::email_status end,
      failed_at = case when attempt.final then now() end,
      next_attempt_at = case when attempt.final then null
        else now() + make_interval(mins => least(power(2, q.retry_count), 60)::int) end
    from attempt
    where q.id = attempt.id
    returning q.status::text as status, q.retry_count`);
  const row = result.rows[0];
  if (!row) return null;
  return { status: row.status === 'FAILED' ? 'FAILED' : 'PENDING', retryCount: Number(row.retry_count) };
}
