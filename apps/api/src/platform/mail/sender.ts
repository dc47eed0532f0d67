// The mail sender: claim one due row, send it, record the outcome; repeat.
//
// Why a lease rather than sending inside the row-locking transaction: the SMTP conversation can
// last a minute, and a transaction held open that long pins a connection and would, on a crash,
// release the row at once into a tight resend loop. With the lease, the claim commits in
// milliseconds, the send runs outside any transaction, and the outcome is a second short
// transaction. A crash mid-send leaves the row PENDING with a lease that expires: it is sent again
// after LEASE_SECONDS (never lost). Two senders never hold one row at the same time. The one case
// that can deliver twice is a crash after the server accepted the message and before SENT was
// recorded, which no SMTP client can rule out; the Message-ID is the row id, so it is recognisable.
import { type Database, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import type { JobsLogger } from '../jobs';
import { claimNextEmail, markEmailFailed, markEmailSent } from './email-queue.repository';
import type { MailTransport } from './transport';

/** How long a claimed row is reserved; well above one send's worst case (transport.ts timeouts). */
export const LEASE_SECONDS = 10 * 60;
/** Rows one batch sends at most, so that one job does not run for ever under a large backlog. */
export const BATCH_LIMIT = 100;

export interface SendEmailBatchOptions {
  db: Database;
  transport: MailTransport;
  logger?: JobsLogger;
  limit?: number;
  leaseSeconds?: number;
}

export interface SendEmailBatchResult {
  sent: number;
  /** Failed attempts that will be retried after their backoff. */
  retrying: number;
  /** Rows that became FAILED. */
  failed: number;
  /** True when the batch stopped at its limit with rows possibly still due. */
  more: boolean;
}

/** SMTP 5xx answers (unknown mailbox, rejected content) will not change on a retry. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describeError(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const parts = [e.code, e.responseCode, e.message ?? String(error)].filter((p) => p != null && p !== '');
  return parts.join(' ').slice(0, 2000);
}

/** Sends due e-mails one by one until none is left or `limit` is reached. */
export async function sendEmailBatch(options: SendEmailBatchOptions): Promise<SendEmailBatchResult> {
  const { db, transport, logger } = options;
  const limit = options.limit ?? BATCH_LIMIT;
  const leaseSeconds = options.leaseSeconds ?? LEASE_SECONDS;
  const result: SendEmailBatchResult = { sent: 0, retrying: 0, failed: 0, more: false };
  const system = <T>(fn: Parameters<typeof withActor<T>>[2]) => withActor(db, SYSTEM_ACTOR, fn);

  for (let done = 0; done < limit; done++) {
    const email = await system((tx) => claimNextEmail(tx, leaseSeconds));
    if (!email) return result;
    try {
      await transport.send({
        id: email.id,
        to: email.to,
        cc: email.cc,
        bcc: email.bcc,
        subject: email.subject,
        html: email.htmlBody,
        text: email.textBody,
        attachments: email.attachments,
      });
    } catch (error) {
      const message = describeError(error);
      const outcome = await system((tx) =>
        markEmailFailed(tx, email, { message, permanent: isPermanent(error) }),
      );
      // The row id only: addresses are personal data and stay out of the logs.
      if (outcome?.status === 'FAILED') {
        result.failed++;
        logger?.error({ emailId: email.id, error: message }, 'email failed for good');
      } else if (outcome) {
        result.retrying++;
        logger?.warn({ emailId: email.id, attempt: outcome.retryCount, error: message }, 'email not sent');
      } else {
        logger?.warn({ emailId: email.id }, 'email lease lost before its failure was recorded');
      }
      continue;
    }
    if (await system((tx) => markEmailSent(tx, email))) result.sent++;
    else logger?.warn({ emailId: email.id }, 'email sent after its lease was lost');
  }
  result.more = true;
  return result;
}
