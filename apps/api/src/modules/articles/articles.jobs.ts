// The article jobs. `planPublication` / `cancelPublication` run in the transaction that schedules,
// re-schedules, publishes or archives the article, so the job exists exactly when that change
// commits; one job per article (its key): planning again moves it, archiving removes it.
// The nightly purge forgets yesterday's visitor hashes and salt (migration 0024).
import { SYSTEM_ACTOR, type Tx, withActor } from '@huntzen/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { cancelJob, defineCron, defineTask, scheduleJob } from '../../platform/jobs';
import { publicationJobKey } from './articles.policy';
import { publishScheduled } from './articles.publication';

export const PublicationPayloadSchema = z.object({
  articleId: z.uuid(),
  /** The planned time the job is for (ISO 8601). */
  scheduledFor: z.iso.datetime(),
});

export const publicationTask = defineTask(
  'publish_scheduled_article',
  PublicationPayloadSchema,
  async (payload, { db, logger }) => {
    const outcome = await withActor(db, SYSTEM_ACTOR, (tx) =>
      publishScheduled(
        tx,
        { articleId: payload.articleId, scheduledFor: new Date(payload.scheduledFor) },
        new Date(),
      ),
    );
    logger.info({ articleId: payload.articleId, outcome }, 'scheduled article publication');
    // Run a little early (a clock ahead of the database's): try again at the planned time.
    if (outcome === 'early') throw new Error('the planned publication time has not come yet');
  },
);

/** Plans (or moves) the publication of an article at `at`. */
export async function planPublication(tx: Tx, articleId: string, at: Date): Promise<void> {
  await scheduleJob(tx, {
    task: publicationTask,
    payload: { articleId, scheduledFor: at.toISOString() },
    jobKey: publicationJobKey(articleId),
    runAt: at,
    maxAttempts: 10,
  });
}

/** Removes the article's planned publication, if any. */
export async function cancelPublication(tx: Tx, articleId: string): Promise<void> {
  await cancelJob(tx, publicationJobKey(articleId));
}

export const purgeVisitsTask = defineTask(
  'purge_article_visits',
  z.object({}),
  async (_payload, { db, logger }) => {
    const { rows } = await withActor(db, SYSTEM_ACTOR, (tx) =>
      tx.execute<{ removed: string }>(sql`select purge_article_visits() as removed`),
    );
    logger.info({ removed: Number(rows[0]?.removed ?? 0) }, 'article visits purged');
  },
);

// Shortly after midnight UTC, when a new day's salt takes over.
defineCron('5 0 * * *', purgeVisitsTask);
