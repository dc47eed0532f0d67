// The e-mail queue view through the API on a real database: counts by status (hand count), the
// FAILED rows with their error but never their subject, body or template data, pages, the retry
// (back to PENDING, audited, the sender kicked, and the e-mail then really sent by the sender),
// refusals, and who may ask.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditLogs, emailQueue } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { signedIn } from '../../../test/identity';
import { createMailTransport, sendEmailBatch } from '../../platform/mail';

const SECRET = 'SECRET-BODY-CONTENT';
type Account = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let admin: Account;
let superAdmin: Account;
let hr: Account;
let employee: Account;
let practitioner: Account;
const failed: string[] = [];

async function queue(values: Partial<typeof emailQueue.$inferInsert>) {
  const [row] = await t.db.ownerDb
    .insert(emailQueue)
    .values({
      to: 'someone@example.test',
      subject: `${SECRET} subject`,
      htmlBody: `<p>${SECRET}</p>`,
      textBody: SECRET,
      templateName: 'password-reset',
      templateData: { link: `https://huntzen.test/reset?token=${SECRET}` },
      ...values,
    })
    .returning();
  return row!;
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
  superAdmin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
  hr = await signedIn(t.app, t.db, 'ADMIN_RH');
  employee = await signedIn(t.app, t.db, 'EMPLOYEE');
  practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
  // Signing in may queue e-mails of its own: start from an empty queue.
  await t.db.owner.query('delete from email_queue');
  for (let i = 0; i < 3; i++) {
    const row = await queue({
      to: `failed-${i}@example.test`,
      status: 'FAILED',
      retryCount: 3,
      failedAt: new Date(Date.now() - (3 - i) * 60_000),
      createdAt: new Date(Date.now() - (3 - i) * 3_600_000),
      errorMessage: `550 5.1.1 <failed-${i}@example.test>: Recipient address rejected`,
      templateName: i === 0 ? null : 'verify-email',
    });
    failed.push(row.id);
  }
  await queue({ status: 'SENT', sentAt: new Date() });
  await queue({ status: 'SENT', sentAt: new Date() });
  await queue({ status: 'CANCELLED' });
  await queue({ status: 'PENDING', scheduledFor: new Date(Date.now() + 86_400_000) });
});
afterAll(async () => {
  await t?.close();
});

function get(account: Account, url: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/email-queue${url}`, headers: account.headers });
}
function retry(account: Account, id: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/email-queue/${id}/retry`,
    headers: { ...account.headers, 'user-agent': 'email queue test' },
  });
}

describe('the e-mail queue', () => {
  it('counts the e-mails by status (hand count), and the due ones', async () => {
    const response = await get(admin, '/summary');
    expect(response.statusCode, response.body).toBe(200);
    // The one PENDING e-mail is scheduled for tomorrow: not due.
    expect(response.json()).toEqual({
      counts: { PENDING: 1, SENT: 2, FAILED: 3, CANCELLED: 1 },
      due: 0,
      oldestDueAt: null,
    });
  });

  it('lists the FAILED ones, newest first, with their error and never their content', async () => {
    const response = await get(admin, '');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([...failed].reverse());
    expect(body.items[0]).toEqual({
      id: failed[2],
      to: 'failed-2@example.test',
      templateName: 'verify-email',
      status: 'FAILED',
      priority: 'NORMAL',
      attempts: 3,
      maxRetries: 3,
      error: '550 5.1.1 <failed-2@example.test>: Recipient address rejected',
      createdAt: expect.any(String),
      scheduledFor: null,
      nextAttemptAt: null,
      sentAt: null,
      failedAt: expect.any(String),
    });
    expect(body.items[2].templateName).toBeNull();
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toMatch(/subject|htmlBody|textBody|templateData/);
    expect((await get(admin, '?status=SENT')).json().items).toHaveLength(2);
  });

  it('pages with an opaque cursor', async () => {
    const first = (await get(superAdmin, '?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await get(superAdmin, `?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([failed[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses bad input with 400 naming the field', async () => {
    for (const [url, field] of [
      ['?status=LOST', 'query.status'],
      ['?limit=1000', 'query.limit'],
      ['?cursor=%00', 'query.cursor'],
      ['?cursor=abc', 'query.cursor'],
    ] as const) {
      const response = await get(admin, url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    const badId = await retry(admin, 'not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].path).toBe('params.id');
  });

  it('retries a FAILED e-mail: PENDING again, audited, the sender kicked, then really sent', async () => {
    const id = failed[1]!;
    await t.db.owner.query("delete from graphile_worker._private_jobs where key = 'send_email_batch'");
    const response = await retry(admin, id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id, status: 'PENDING', attempts: 0, failedAt: null });
    expect(response.body).not.toContain(SECRET);

    const [row] = await t.db.ownerDb.select().from(emailQueue).where(eq(emailQueue.id, id));
    expect(row).toMatchObject({ status: 'PENDING', retryCount: 0, failedAt: null, nextAttemptAt: null });

    const audit = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resource, 'email_queue'), eq(auditLogs.resourceId, id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'UPDATE',
      userId: admin.user.id,
      userRole: 'ADMIN_HUNTZEN',
      userAgent: 'email queue test',
      details: { retry: true, status: { from: 'FAILED', to: 'PENDING' }, attempts: 3 },
    });
    expect(JSON.stringify(audit[0])).not.toContain(SECRET);

    const { rows } = await t.db.owner.query(
      "select 1 from graphile_worker._private_jobs where key = 'send_email_batch'",
    );
    expect(rows).toHaveLength(1);

    // What the kicked job runs: the sender sends it (as a file: the development transport).
    const dataDir = await mkdtemp(path.join(tmpdir(), 'huntzen-email-queue-'));
    try {
      const transport = createMailTransport({
        smtpUrl: undefined,
        mailFrom: 'HuntZen <no-reply@huntzen.test>',
        dataDir,
      });
      expect(await sendEmailBatch({ db: t.db, transport })).toMatchObject({ sent: 1, failed: 0 });
      expect((await readdir(path.join(dataDir, 'mail'))).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    const [sent] = await t.db.ownerDb.select().from(emailQueue).where(eq(emailQueue.id, id));
    expect(sent!.status).toBe('SENT');
    expect((await get(admin, '/summary')).json().counts).toEqual({
      PENDING: 1,
      SENT: 3,
      FAILED: 2,
      CANCELLED: 1,
    });
  });

  it('refuses to retry what is not FAILED (409 with its status) and what does not exist (404)', async () => {
    const sent = await retry(superAdmin, failed[1]!);
    expect(sent.statusCode).toBe(409);
    expect(sent.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'SENT' });
    const missing = await retry(superAdmin, '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');
  });

  it('is for HuntZen admins only: HR, employees and practitioners get 403, and nothing changes', async () => {
    for (const account of [hr, employee, practitioner]) {
      expect((await get(account, '')).statusCode).toBe(403);
      expect((await get(account, '/summary')).statusCode).toBe(403);
      expect((await retry(account, failed[0]!)).statusCode).toBe(403);
    }
    const [row] = await t.db.ownerDb.select().from(emailQueue).where(eq(emailQueue.id, failed[0]!));
    expect(row!.status).toBe('FAILED');
  });

  it('keeps the queue out of reach of other roles in the database too (row-level security)', async () => {
    const { withActor } = await import('@huntzen/db');
    const seen = await withActor(
      t.db,
      { role: 'ADMIN_RH', userId: hr.user.id, companyId: hr.companyId },
      (tx) => tx.select({ id: emailQueue.id }).from(emailQueue),
    );
    expect(seen).toEqual([]);
  });
});
