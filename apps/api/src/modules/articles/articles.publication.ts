// Publishing an article at its planned time (run by the `publish_scheduled_article` job, as the
// SYSTEM actor). The job re-checks everything: an article archived, published by hand or moved to
// another time since the job was planned is left alone.
import type { Tx } from '@huntzen/db';
import { recordAudit } from '../../platform/audit';
import { findArticle, updateArticle } from './articles.repository';

export type PublicationOutcome = 'published' | 'gone' | 'status' | 'moved' | 'early';

/** Publishes article `articleId` if it is still SCHEDULED for `scheduledFor` and that time has come. */
export async function publishScheduled(
  tx: Tx,
  job: { articleId: string; scheduledFor: Date },
  now: Date,
): Promise<PublicationOutcome> {
  const row = await findArticle(tx, job.articleId, { lock: true });
  if (!row) return 'gone';
  if (row.status !== 'SCHEDULED') return 'status';
  if (row.scheduledFor?.getTime() !== job.scheduledFor.getTime()) return 'moved';
  if (job.scheduledFor.getTime() > now.getTime()) return 'early';
  await updateArticle(tx, row.id, {
    status: 'PUBLISHED',
    // Its first publication is the planned time; an archived article coming back keeps its date.
    publishedAt: row.publishedAt ?? job.scheduledFor,
  });
  await recordAudit(
    tx,
    { role: 'SYSTEM' },
    {
      action: 'UPDATE',
      resource: 'article',
      resourceId: row.id,
      details: { status: 'PUBLISHED', scheduledFor: job.scheduledFor.toISOString(), by: 'schedule' },
    },
  );
  return 'published';
}
