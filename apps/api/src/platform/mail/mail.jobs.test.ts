// The immediate trigger through a real Graphile Worker runner: enqueue + kick in one transaction,
// many kicks collapse into one job, and the runner delivers to a real SMTP server.
import { SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installJobsSchema, type JobsLogger, type JobsRunner, startJobs } from '../jobs';
import { enqueueEmail } from './enqueue';
import { kickEmailSender, SEND_EMAIL_JOB_KEY } from './mail.jobs';
import { type SmtpTestServer, startSmtpTestServer } from './smtp-test-server';
import { createMailTransport } from './transport';

const quiet: JobsLogger = { info() {}, warn() {}, error() {}, debug() {} };

let t: TestDatabase;
let smtp: SmtpTestServer;
let runner: JobsRunner | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  await installJobsSchema(t.url);
  smtp = await startSmtpTestServer();
});

afterAll(async () => {
  await runner?.stop();
  await smtp?.stop();
  await t?.drop();
});

describe('kickEmailSender', () => {
  it('schedules one keyed job for many enqueues, run by the jobs runner right away', async () => {
    await withActor(t.db, SYSTEM_ACTOR, async (tx) => {
      for (const name of ['Ana', 'Bob', 'Chloe']) {
        await enqueueEmail(tx, {
          to: `${name.toLowerCase()}@acme.test`,
          template: 'company-pending',
          language: 'fr',
          data: { firstName: name, companyName: 'Acme' },
        });
        await kickEmailSender(tx);
      }
    });
    const { rows } = await t.db.owner.query(
      'select count(*)::int as n from graphile_worker._private_jobs where key = $1',
      [SEND_EMAIL_JOB_KEY],
    );
    expect(rows[0].n).toBe(1);

    runner = await startJobs({
      ownerUrl: t.url,
      db: t.db,
      logger: quiet,
      pollInterval: 200,
      services: {
        mail: createMailTransport({ smtpUrl: smtp.url, mailFrom: 'no-reply@huntzen.test', dataDir: '/x' }),
      },
    });
    const deadline = Date.now() + 20_000;
    while (smtp.received.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(smtp.received.map((m) => m.parsed.subject)).toEqual([
      "Demande d'inscription de Acme reçue",
      "Demande d'inscription de Acme reçue",
      "Demande d'inscription de Acme reçue",
    ]);
    // The SMTP server has the messages before the sender records them as SENT: wait for the rows.
    const sentCount = async () =>
      (await t.db.owner.query("select count(*)::int as n from email_queue where status = 'SENT'")).rows[0].n;
    const until = Date.now() + 10_000;
    while ((await sentCount()) < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await sentCount()).toBe(3);
  });

  it('schedules nothing when the enqueuing transaction rolls back', async () => {
    await runner?.stop();
    runner = undefined;
    await expect(
      withActor(t.db, SYSTEM_ACTOR, async (tx) => {
        await enqueueEmail(tx, {
          to: 'x@acme.test',
          template: 'practitioner-application-received',
          language: 'en',
          data: {},
        });
        await kickEmailSender(tx);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const jobs = await t.db.owner.query(
      'select count(*)::int as n from graphile_worker._private_jobs where key = $1 and locked_at is null',
      [SEND_EMAIL_JOB_KEY],
    );
    const queued = await t.db.owner.query(
      'select count(*)::int as n from email_queue where "to" = \'x@acme.test\'',
    );
    expect(jobs.rows[0].n).toBe(0);
    expect(queued.rows[0].n).toBe(0);
  });
});
