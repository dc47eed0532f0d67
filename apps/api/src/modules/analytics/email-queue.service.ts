// The e-mail queue for HuntZen's admins (/api/v1/email-queue): counts by status, the rows of one
// status (FAILED by default) with their last error, and the retry of a FAILED row — back to
// PENDING, audited, and the sender asked to run at once. Through the mail platform's index only:
// the sender, its backoff and its leases stay in platform/mail.
import {
  EMAIL_STATUSES,
  type EmailQueueItem,
  type EmailQueueListQuerySchema,
  type EmailQueuePage,
  type EmailQueueSummary,
} from '@huntzen/contracts';
import { type Database, withActor } from '@huntzen/db';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { kickEmailSender } from '../../platform/mail';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { assertPlatformAdmin } from './analytics.policy';
import * as repo from './email-queue.repository';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toItem(row: repo.QueueRow): EmailQueueItem {
  return {
    id: row.id,
    to: row.to,
    templateName: row.templateName,
    status: row.status,
    priority: row.priority,
    attempts: row.retryCount,
    maxRetries: row.maxRetries,
    error: row.errorMessage,
    createdAt: row.createdAt.toISOString(),
    scheduledFor: iso(row.scheduledFor),
    nextAttemptAt: iso(row.nextAttemptAt),
    sentAt: iso(row.sentAt),
    failedAt: iso(row.failedAt),
  };
}

/** Builds the e-mail queue service. */
export function createEmailQueueService(deps: { db: Database }) {
  const { db } = deps;
  return {
    /** Rows per status, and how many are due now. */
    async summary(actor: RequestActor): Promise<EmailQueueSummary> {
      assertPlatformAdmin(actor);
      const counts = await withActor(db, actor, (tx) => repo.queueCounts(tx));
      const byStatus = Object.fromEntries(EMAIL_STATUSES.map((s) => [s, 0])) as EmailQueueSummary['counts'];
      for (const { status, count } of counts.byStatus) byStatus[status] = count;
      return { counts: byStatus, due: counts.due, oldestDueAt: iso(counts.oldestDueAt) };
    },

    /** One page of the rows of a status, newest first. */
    async list(
      actor: RequestActor,
      query: z.output<typeof EmailQueueListQuerySchema>,
    ): Promise<EmailQueuePage> {
      assertPlatformAdmin(actor);
      const after = query.cursor ? decodeCursor(query.cursor) : null;
      const rows = await withActor(db, actor, (tx) =>
        repo.findQueued(tx, query.status, { limit: query.limit + 1, after }),
      );
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(toItem),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.key) : null,
      };
    },

    /** Puts a FAILED e-mail back in the queue (404 unknown, 409 with its status when not FAILED). */
    async retry(actor: RequestActor, id: string): Promise<EmailQueueItem> {
      assertPlatformAdmin(actor);
      return withActor(db, actor, async (tx) => {
        const row = await repo.lockQueued(tx, id);
        if (!row) throw new AppError('NOT_FOUND', 'No such e-mail.');
        if (row.status !== 'FAILED') {
          throw new AppError('ILLEGAL_TRANSITION', `A ${row.status} e-mail cannot be retried.`, {
            currentState: row.status,
          });
        }
        const retried = await repo.requeue(tx, id);
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'email_queue',
          resourceId: id,
          details: {
            retry: true,
            status: { from: 'FAILED', to: 'PENDING' },
            attempts: row.retryCount,
            templateName: row.templateName,
          },
        });
        // In this transaction: the run exists only if the retry does.
        await kickEmailSender(tx);
        return toItem(retried);
      });
    },
  };
}

export type EmailQueueService = ReturnType<typeof createEmailQueueService>;
