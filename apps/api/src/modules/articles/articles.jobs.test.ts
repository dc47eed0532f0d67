// Scheduled publication by the keyed job, with a real Graphile Worker runner on real PostgreSQL:
// the job publishes at the planned time, re-scheduling moves it, publishing by hand or archiving
// cancels it, a stale job publishes nothing. Nobody waits hours: the service's clock is set an hour
// back, so a publication planned "half an hour ahead" on that clock is already due for the runner.
import { type Actor, auditLogs, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../test/identity';
import { queuedJobs } from '../../../test/jobs';
import { type JobsLogger, type JobsRunner, startJobs } from '../../platform/jobs';
import { createArticlesService, publishScheduled } from './index';

const HOUR = 3_600_000;
const quiet: JobsLogger = { info() {}, warn() {}, error() {}, debug() {} };

let t: TestDatabase;
let runner: JobsRunner | null = null;
let admin: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const account = await createAccount(t.db, 'ADMIN_HUNTZEN');
  admin = { role: 'ADMIN_HUNTZEN', userId: account.user.id, email: account.email };
});
afterAll(async () => {
  await runner?.stop();
  await t?.drop();
});

const service = (now: () => Date = () => new Date()) =>
  createArticlesService({ db: t.db, publicUrl: 'https://huntzen.test', fileUrl: (id) => id, now });

async function draft(title: string) {
  return service().create(admin, { title, excerpt: 'x', content: 'Texte.', category: 'WELLBEING' });
}

const jobsOf = (articleId: string) =>
  queuedJobs<{ articleId: string; scheduledFor: string }>(t.db, 'publish_scheduled_article', { articleId });

async function statusOf(id: string) {
  return withActor(t.db, SYSTEM_ACTOR, async () => await service().get(SYSTEM_ACTOR, id));
}

describe('scheduled publication', () => {
  it('plans one keyed job at the planned time, moved by re-scheduling', async () => {
    const article = await draft('Planifié puis déplacé');
    const first = new Date(Math.floor((Date.now() + 2 * HOUR) / 1000) * 1000);
    const second = new Date(first.getTime() + 24 * HOUR);
    await service().schedule(admin, article.id, first.toISOString());
    expect((await jobsOf(article.id)).map((j) => [j.key, j.run_at.getTime()])).toEqual([
      [`article_publication:${article.id}`, first.getTime()],
    ]);
    const moved = await service().schedule(admin, article.id, second.toISOString());
    expect(moved).toMatchObject({ status: 'SCHEDULED', scheduledFor: second.toISOString() });
    const jobs = await jobsOf(article.id);
    expect(jobs.map((j) => [j.run_at.getTime(), j.payload.scheduledFor])).toEqual([
      [second.getTime(), second.toISOString()],
    ]);
  });

  it('cancels the job when the article is archived or published by hand', async () => {
    const archived = await draft('Planifié puis archivé');
    const published = await draft('Planifié puis publié');
    const at = new Date(Date.now() + 3 * HOUR).toISOString();
    for (const a of [archived, published]) await service().schedule(admin, a.id, at);
    await service().archive(admin, archived.id);
    await service().publish(admin, published.id);
    expect(await jobsOf(archived.id)).toEqual([]);
    expect(await jobsOf(published.id)).toEqual([]);
    expect((await statusOf(published.id)).scheduledFor).toBeNull();
  });

  it('is published by the job at its time (and audited)', async () => {
    const article = await draft('Publié par le job');
    // On the service's clock (an hour back) this is half an hour ahead; for the runner it is past.
    const at = new Date(Math.floor((Date.now() - HOUR / 2) / 1000) * 1000);
    const scheduled = await service(() => new Date(Date.now() - HOUR)).schedule(
      admin,
      article.id,
      at.toISOString(),
    );
    expect(scheduled.status).toBe('SCHEDULED');
    runner = await startJobs({ ownerUrl: t.url, db: t.db, logger: quiet, pollInterval: 100 });
    const deadline = Date.now() + 20_000;
    while ((await statusOf(article.id)).status !== 'PUBLISHED') {
      if (Date.now() > deadline) throw new Error('the publication job did not run');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await statusOf(article.id)).toMatchObject({ status: 'PUBLISHED', publishedAt: at.toISOString() });
    const audited = await t.db.ownerDb
      .select({ details: auditLogs.details, role: auditLogs.userRole })
      .from(auditLogs)
      .where(and(eq(auditLogs.resource, 'article'), eq(auditLogs.resourceId, article.id)));
    expect(audited).toContainEqual(
      expect.objectContaining({ details: expect.objectContaining({ status: 'PUBLISHED', by: 'schedule' }) }),
    );
    expect(await jobsOf(article.id)).toEqual([]);
  });

  it('leaves alone an article whose job is stale (moved, archived) or early', async () => {
    const article = await draft('Job périmé');
    const at = new Date(Date.now() + 5 * HOUR);
    await service().schedule(admin, article.id, at.toISOString());
    const run = (scheduledFor: Date, now: Date) =>
      withActor(t.db, SYSTEM_ACTOR, (tx) =>
        publishScheduled(tx, { articleId: article.id, scheduledFor }, now),
      );
    expect(await run(new Date(at.getTime() - HOUR), new Date(at.getTime() + HOUR))).toBe('moved');
    expect(await run(at, new Date())).toBe('early');
    await service().archive(admin, article.id);
    expect(await run(at, new Date(at.getTime() + HOUR))).toBe('status');
    expect((await statusOf(article.id)).status).toBe('ARCHIVED');
  });
});
