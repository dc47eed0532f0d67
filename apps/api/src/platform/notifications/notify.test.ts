// notify() on real PostgreSQL: the row in the caller's transaction (for whom the actor may notify),
// the e-mail copy by type, through a real jobs runner, and nothing at all when the caller rolls back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Actor,
  ANONYMOUS_ACTOR,
  employees,
  notifications,
  SYSTEM_ACTOR,
  type UserRole,
  withActor,
} from '@huntzen/db';
import { createConsultation } from '@huntzen/db/testing/factories';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createAccount, createCompany } from '../../../test/identity';
import { type JobsLogger, type JobsRunner, startJobs } from '../jobs';
import { createMailTransport } from '../mail';
import { emailNotification } from './email.jobs';
import { InvalidNotificationError, type NotifyInput, notify } from './notify';

const quiet: JobsLogger = { info() {}, warn() {}, error() {}, debug() {} };
const ORIGIN = 'https://app.huntzen.test';

let t: TestApp;
let mailDir: string;
let runner: JobsRunner | undefined;
beforeAll(async () => {
  t = await buildTestApp();
  mailDir = await mkdtemp(path.join(tmpdir(), 'huntzen-notify-mail-'));
});
afterAll(async () => {
  await runner?.stop();
  await t?.close();
  await rm(mailDir, { recursive: true, force: true });
});

function base(userId: string): NotifyInput {
  return { userId, type: 'SYSTEM', title: 'Titre', message: 'Message.' };
}

/** The user's notifications, read as the owner (whatever RLS would show). */
async function rowsOf(userId: string) {
  return t.db.ownerDb.select().from(notifications).where(eq(notifications.userId, userId));
}

async function emailJobs(notificationId: string): Promise<number> {
  const { rows } = await t.db.owner.query<{ n: number }>(
    'select count(*)::int as n from graphile_worker.jobs where key = $1',
    [`notification_email:${notificationId}`],
  );
  return rows[0]!.n;
}

/** An actor for an account made by createAccount. */
function actorOf(account: Awaited<ReturnType<typeof createAccount>>, role: UserRole): Actor {
  return {
    role,
    userId: account.user.id,
    email: account.email,
    companyId: account.companyId,
    employeeId: account.employeeId,
    practitionerId: account.practitionerId,
  };
}

describe('notify', () => {
  it('lets a participant notify the other participant, who alone can read it', async () => {
    const employee = await createAccount(t.db, 'EMPLOYEE');
    const practitioner = await createAccount(t.db, 'PRACTITIONER');
    // Since migration 0018 an employee notifies only whom they share a consultation with.
    await createConsultation(t.db.ownerDb, {
      employee: { id: employee.employeeId!, companyId: employee.companyId! } as never,
      practitionerId: practitioner.practitionerId!,
    });
    const stranger = await createAccount(t.db, 'EMPLOYEE');
    await expect(
      withActor(t.db, actorOf(employee, 'EMPLOYEE'), (tx) => notify(tx, base(stranger.user.id))),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/not allowed to notify/) } });
    const id = await withActor(t.db, actorOf(employee, 'EMPLOYEE'), (tx) =>
      notify(tx, { ...base(practitioner.user.id), linkUrl: '/app/consultations', metadata: { n: 1 } }),
    );
    const asSender = await withActor(t.db, actorOf(employee, 'EMPLOYEE'), (tx) =>
      tx.select().from(notifications).where(eq(notifications.id, id)),
    );
    expect(asSender).toEqual([]);
    const asRecipient = await withActor(t.db, actorOf(practitioner, 'PRACTITIONER'), (tx) =>
      tx.select().from(notifications).where(eq(notifications.id, id)),
    );
    expect(asRecipient).toMatchObject([
      { type: 'SYSTEM', linkUrl: '/app/consultations', metadata: { n: 1 } },
    ]);
  });

  it('refuses anonymous callers, links out of the app and empty texts', async () => {
    const user = await createAccount(t.db, 'EMPLOYEE');
    await expect(
      withActor(t.db, ANONYMOUS_ACTOR, (tx) => notify(tx, base(user.user.id))),
    ).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/not allowed to notify/) },
    });
    for (const bad of [
      { linkUrl: 'https://evil.test/x' },
      { linkUrl: '//evil.test/x' },
      { linkUrl: 'javascript:alert(1)' },
      { title: '  ' },
    ]) {
      await expect(
        withActor(t.db, SYSTEM_ACTOR, (tx) => notify(tx, { ...base(user.user.id), ...bad })),
      ).rejects.toThrow(InvalidNotificationError);
    }
    expect(await rowsOf(user.user.id)).toEqual([]);
  });

  it('schedules the e-mail copy for the types users expect by e-mail, unless told otherwise', async () => {
    const user = await createAccount(t.db, 'EMPLOYEE');
    const send = (values: Partial<NotifyInput>) =>
      withActor(t.db, SYSTEM_ACTOR, (tx) => notify(tx, { ...base(user.user.id), ...values }));
    expect(await emailJobs(await send({ type: 'CONSULTATION_CONFIRMED' }))).toBe(1);
    expect(await emailJobs(await send({ type: 'CONSULTATION_REMINDER_1H' }))).toBe(1);
    expect(await emailJobs(await send({ type: 'MESSAGE_RECEIVED' }))).toBe(0);
    expect(await emailJobs(await send({ type: 'CONSULTATION_CANCELLED', email: false }))).toBe(0);
    expect(await emailJobs(await send({ type: 'SYSTEM', email: true }))).toBe(1);
  });

  it('leaves nothing behind when the caller’s transaction rolls back', async () => {
    const user = await createAccount(t.db, 'EMPLOYEE');
    let id = '';
    await expect(
      withActor(t.db, SYSTEM_ACTOR, async (tx) => {
        id = await notify(tx, { ...base(user.user.id), type: 'ACCOUNT_ACTIVATED' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await rowsOf(user.user.id)).toEqual([]);
    expect(await emailJobs(id)).toBe(0);
  });

  it('queues a given e-mail in the caller’s transaction and marks the notification sent', async () => {
    const user = await createAccount(t.db, 'EMPLOYEE');
    await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      notify(tx, {
        ...base(user.user.id),
        type: 'ACCOUNT_ACTIVATED',
        email: {
          to: user.email,
          template: 'account-activated',
          language: 'fr',
          data: { firstName: 'Camille', link: `${ORIGIN}/login` },
        },
      }),
    );
    const [row] = await rowsOf(user.user.id);
    expect(row).toMatchObject({ emailSent: true });
    expect(row!.emailSentAt).toBeInstanceOf(Date);
    expect(await emailJobs(row!.id)).toBe(0);
    const { rows } = await t.db.owner.query('select template_name from email_queue where "to" = $1', [
      user.email,
    ]);
    expect(rows).toEqual([{ template_name: 'account-activated' }]);
  });
});

describe('the e-mail copy', () => {
  it('is queued by the jobs runner in the recipient’s language and look, with an absolute link', async () => {
    const company = await createCompany(t.db, { name: 'Calm Corp', primaryColor: '#123456' });
    const user = await createAccount(t.db, 'EMPLOYEE', { companyId: company.id });
    await t.db.ownerDb
      .update(employees)
      .set({ preferredLanguage: 'en', firstName: 'Robin' })
      .where(eq(employees.userId, user.user.id));
    const id = await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      notify(tx, {
        userId: user.user.id,
        type: 'CONSULTATION_CONFIRMED',
        title: 'Consultation confirmed',
        message: 'Your consultation on Monday at 10:00 is confirmed.',
        linkUrl: '/app/consultations',
        linkLabel: 'See my consultations',
        metadata: { consultationId: 'c-1' },
      }),
    );

    runner = await startJobs({
      ownerUrl: t.config.databaseUrl!,
      db: t.db,
      logger: quiet,
      pollInterval: 200,
      settings: { publicUrl: `${ORIGIN}/` },
      services: {
        mail: createMailTransport({
          smtpUrl: undefined,
          mailFrom: 'no-reply@huntzen.test',
          dataDir: mailDir,
        }),
      },
    });
    const deadline = Date.now() + 20_000;
    let row = (await rowsOf(user.user.id))[0];
    while (!row?.emailSent && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      row = (await rowsOf(user.user.id))[0];
    }
    expect(row).toMatchObject({ id, emailSent: true });

    const { rows } = await t.db.owner.query(
      'select subject, text_body, template_name, template_data from email_queue where "to" = $1',
      [user.email],
    );
    expect(rows).toHaveLength(1);
    const [email] = rows;
    expect(email).toMatchObject({
      subject: 'Consultation confirmed',
      template_name: 'generic-notification',
      // The message is not kept beside the e-mail: only the title says what it was about.
      template_data: {
        language: 'en',
        firstName: 'Robin',
        title: 'Consultation confirmed',
        companyName: 'Calm Corp',
      },
    });
    expect(email.text_body).toContain('Hello Robin');
    expect(email.text_body).toContain(`${ORIGIN}/app/consultations`);
    expect(email.text_body).toContain('See my consultations');
    expect(email.text_body).not.toContain('c-1');

    // Done once: the job running again queues nothing.
    expect(await withActor(t.db, SYSTEM_ACTOR, (tx) => emailNotification(tx, id, ORIGIN))).toBe(false);
  });

  it('is not sent for a notification that expired before the job ran', async () => {
    const user = await createAccount(t.db, 'EMPLOYEE');
    const id = await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      notify(tx, { ...base(user.user.id), email: false, expiresAt: new Date(Date.now() - 1) }),
    );
    expect(await withActor(t.db, SYSTEM_ACTOR, (tx) => emailNotification(tx, id, ORIGIN))).toBe(false);
    expect((await rowsOf(user.user.id))[0]).toMatchObject({ emailSent: false });
  });
});
