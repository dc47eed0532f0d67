// The clean-up jobs on real PostgreSQL: expired rows go, live rows stay, a second run deletes
// nothing, and every run leaves exactly one SYSTEM audit row with its count.
import { randomBytes } from 'node:crypto';
import { emailQueue, idempotencyKeys, notifications, refreshTokens, users } from '@huntzen/db';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobsLogger, scheduleJob, startJobs } from '../jobs';
import { parsedCrontab } from '../jobs/registry';
import {
  purgeExpiredIdempotencyKeys,
  purgeExpiredNotifications,
  purgeExpiredRefreshTokens,
  purgeOldSentEmails,
  purgeRefreshTokensTask,
} from './index';

const quiet: JobsLogger = { info() {}, warn() {}, error() {}, debug() {} };
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const later = (ms: number) => new Date(Date.now() + ms);
const hex = () => randomBytes(8).toString('hex');

let t: TestDatabase;
let userId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const [user] = await t.db.ownerDb
    .insert(users)
    .values({ email: `cleanup-${hex()}@example.test`, passwordHash: 'x', role: 'EMPLOYEE' })
    .returning();
  userId = user!.id;
});
afterAll(async () => {
  await t?.drop();
});

async function ids(table: typeof refreshTokens | typeof notifications | typeof emailQueue) {
  const rows = await t.db.ownerDb.select({ id: table.id }).from(table);
  return rows.map((row) => row.id).sort();
}

/** Counts recorded by the DELETE audit rows of `resource`, oldest first, after checking their actor. */
async function auditedCounts(resource: string) {
  const { rows } = await t.db.owner.query(
    `select user_id, user_email, details from audit_logs
      where action = 'DELETE' and resource = $1 order by created_at, id`,
    [resource],
  );
  for (const row of rows) {
    expect(row).toMatchObject({
      user_id: '00000000-0000-0000-0000-000000000000',
      user_email: 'system@huntzen.internal',
      details: { actor: 'SYSTEM' },
    });
  }
  return rows.map((row) => row.details.count);
}

describe('clean-up jobs', () => {
  it('deletes expired refresh tokens (live, rotated or revoked), keeps unexpired ones', async () => {
    const token = (expiresAt: Date, extra: Partial<typeof refreshTokens.$inferInsert> = {}) => ({
      token: hex(),
      userId,
      expiresAt,
      ...extra,
    });
    const kept = await t.db.ownerDb
      .insert(refreshTokens)
      .values([
        token(later(DAY)),
        token(later(DAY), { rotatedAt: new Date() }),
        token(later(DAY), { revokedAt: new Date() }),
      ])
      .returning({ id: refreshTokens.id });
    await t.db.ownerDb
      .insert(refreshTokens)
      .values([
        token(ago(1000)),
        token(ago(DAY), { rotatedAt: ago(2 * DAY) }),
        token(ago(DAY), { revokedAt: ago(2 * DAY) }),
      ]);

    expect(await purgeExpiredRefreshTokens(t.db)).toBe(3);
    expect(await purgeExpiredRefreshTokens(t.db)).toBe(0);
    expect(await ids(refreshTokens)).toEqual(kept.map((row) => row.id).sort());
    expect(await auditedCounts('refresh_token')).toEqual([3, 0]);
  });

  it('deletes expired notifications, keeps those expiring later or never', async () => {
    const note = (expiresAt: Date | null) => ({
      userId,
      type: 'SYSTEM' as const,
      title: 'Maintenance',
      message: 'Tonight',
      expiresAt,
    });
    const kept = await t.db.ownerDb
      .insert(notifications)
      .values([note(later(DAY)), note(null)])
      .returning({ id: notifications.id });
    await t.db.ownerDb.insert(notifications).values([note(ago(1000)), note(ago(10 * DAY))]);

    expect(await purgeExpiredNotifications(t.db)).toBe(2);
    expect(await purgeExpiredNotifications(t.db)).toBe(0);
    expect(await ids(notifications)).toEqual(kept.map((row) => row.id).sort());
    expect(await auditedCounts('notification')).toEqual([2, 0]);
  });

  it('deletes emails sent over 30 days ago, keeps recent, pending and failed ones', async () => {
    const email = (values: Partial<typeof emailQueue.$inferInsert>) => ({
      to: 'someone@example.test',
      subject: 'Hello',
      htmlBody: '<p>Hello</p>',
      createdAt: ago(40 * DAY),
      ...values,
    });
    const kept = await t.db.ownerDb
      .insert(emailQueue)
      .values([
        email({ status: 'SENT', sentAt: ago(29 * DAY) }),
        email({ status: 'PENDING' }),
        email({ status: 'FAILED', failedAt: ago(35 * DAY) }),
        email({ status: 'CANCELLED' }),
      ])
      .returning({ id: emailQueue.id });
    await t.db.ownerDb
      .insert(emailQueue)
      .values([
        email({ status: 'SENT', sentAt: ago(31 * DAY) }),
        email({ status: 'SENT', sentAt: ago(90 * DAY) }),
      ]);

    expect(await purgeOldSentEmails(t.db)).toBe(2);
    expect(await purgeOldSentEmails(t.db)).toBe(0);
    expect(await ids(emailQueue)).toEqual(kept.map((row) => row.id).sort());
    expect(await auditedCounts('email')).toEqual([2, 0]);
  });

  it('deletes expired Idempotency-Key answers, keeps live ones', async () => {
    const key = (expiresAt: Date) => ({
      userId,
      scope: 'POST /api/v1/consultations',
      key: hex(),
      requestHash: hex(),
      responseStatus: 201,
      responseBody: { id: hex() },
      createdAt: new Date(expiresAt.getTime() - DAY),
      expiresAt,
    });
    const kept = await t.db.ownerDb
      .insert(idempotencyKeys)
      .values([key(later(60_000)), key(later(DAY))])
      .returning({ key: idempotencyKeys.key });
    await t.db.ownerDb.insert(idempotencyKeys).values([key(ago(1000)), key(ago(3 * DAY))]);

    expect(await purgeExpiredIdempotencyKeys(t.db)).toBe(2);
    expect(await purgeExpiredIdempotencyKeys(t.db)).toBe(0);
    const left = await t.db.ownerDb.select({ key: idempotencyKeys.key }).from(idempotencyKeys);
    expect(left.map((row) => row.key).sort()).toEqual(kept.map((row) => row.key).sort());
    expect(await auditedCounts('idempotency_key')).toEqual([2, 0]);
  });

  it('schedules each clean-up hourly, and runs one through a real jobs runner', async () => {
    const hourly = parsedCrontab().filter((item) => item.identifier.startsWith('cleanup_'));
    expect(hourly.map((item) => item.identifier).sort()).toEqual([
      'cleanup_idempotency_keys',
      'cleanup_notifications',
      'cleanup_refresh_tokens',
      'cleanup_sent_emails',
    ]);
    // Once an hour, every hour: each schedule matches exactly one minute of every hour of a day.
    for (const item of hourly) {
      for (let hour = 0; hour < 24; hour++) {
        const minutes = Array.from({ length: 60 }, (_, min) => min).filter((min) =>
          item.match({ min, hour, date: 15, month: 6, dow: 3 }),
        );
        expect(minutes, `${item.identifier} at ${hour}h`).toHaveLength(1);
      }
    }

    await t.db.ownerDb.insert(refreshTokens).values({ token: hex(), userId, expiresAt: ago(1000) });
    const runner = await startJobs({ ownerUrl: t.url, db: t.db, logger: quiet, pollInterval: 100 });
    try {
      await scheduleJob(t.db.owner, { task: purgeRefreshTokensTask, payload: {} });
      const deadline = Date.now() + 20_000;
      let counts = await auditedCounts('refresh_token');
      while (counts.length < 3 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        counts = await auditedCounts('refresh_token');
      }
      expect(counts).toEqual([3, 0, 1]);
    } finally {
      await runner.stop();
    }
  });
});
