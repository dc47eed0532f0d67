// The outbox end to end on real PostgreSQL and a real SMTP server: enqueue (as an anonymous
// visitor would) → sendEmailBatch → what the server received, and the rows' states.
import { ANONYMOUS_ACTOR, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimNextEmail, markEmailSent } from './email-queue.repository';
import { type EnqueueEmailInput, enqueueEmail } from './enqueue';
import { sendEmailBatch } from './sender';
import { type SmtpTestServer, startSmtpTestServer } from './smtp-test-server';
import type { MailTemplateName } from './templates';
import { createMailTransport, type MailTransport } from './transport';

const MAIL_FROM = 'HuntZen <no-reply@huntzen.test>';
const TOKEN = 'tok_9f8e7d6c5b4a';
const VERIFY_LINK = `https://app.huntzen.test/verify-email?token=${TOKEN}`;

let t: TestDatabase;
let smtp: SmtpTestServer;
let transport: MailTransport;

function smtpTransport(url: string): MailTransport {
  return createMailTransport({ smtpUrl: url, mailFrom: MAIL_FROM, dataDir: '/nonexistent' });
}

// SYSTEM, as sign-up and the jobs: since migration 0018 only SYSTEM e-mails arbitrary addresses.
async function enqueue<N extends MailTemplateName>(input: EnqueueEmailInput<N>): Promise<string> {
  return withActor(t.db, SYSTEM_ACTOR, (tx) => enqueueEmail(tx, input));
}

async function notify(
  to: string,
  title: string,
  extra: Partial<EnqueueEmailInput<'generic-notification'>> = {},
) {
  return enqueue({
    to,
    template: 'generic-notification',
    language: 'fr',
    data: { title, message: 'Vous avez une nouvelle notification.' },
    ...extra,
  });
}

interface Row {
  id: string;
  status: string;
  retry_count: number;
  error_message: string | null;
  sent_at: Date | null;
  failed_at: Date | null;
  template_data: Record<string, unknown>;
  /** next_attempt_at relative to now, in seconds (null when unset). */
  wait: number | null;
}

async function row(id: string): Promise<Row> {
  const { rows } = await t.db.owner.query<Row>(
    `select id, status, retry_count, error_message, sent_at, failed_at, template_data,
       extract(epoch from next_attempt_at - now())::float8 as wait
     from email_queue where id = $1`,
    [id],
  );
  if (!rows[0]) throw new Error(`no email_queue row ${id}`);
  return rows[0];
}

/** What a restarted clock would do: every backoff and lease ends now. */
async function makeAllDue(): Promise<void> {
  await t.db.owner.query(
    "update email_queue set next_attempt_at = now() where status = 'PENDING' and next_attempt_at is not null",
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpTestServer({ reject: /^nobody@/ });
  transport = smtpTransport(smtp.url);
});

afterAll(async () => {
  await smtp?.stop();
  await t?.drop();
});

beforeEach(async () => {
  await t.db.owner.query('delete from email_queue');
  smtp.received.length = 0;
});

describe('enqueueEmail', () => {
  it('inserts one PENDING row, without secrets in template_data', async () => {
    const id = await enqueue({
      to: 'marie@acme.test',
      template: 'verify-email',
      language: 'fr',
      data: { firstName: 'Marie', link: VERIFY_LINK },
    });
    const stored = await row(id);
    expect(stored).toMatchObject({ status: 'PENDING', retry_count: 0, wait: null });
    expect(stored.template_data).toEqual({ language: 'fr', firstName: 'Marie' });
    const { rows } = await t.db.owner.query(
      'select template_name, priority, max_retries, html_body, text_body from email_queue where id = $1',
      [id],
    );
    expect(rows[0]).toMatchObject({ template_name: 'verify-email', priority: 'NORMAL', max_retries: 3 });
    expect(rows[0].html_body).toContain(TOKEN);
    expect(rows[0].text_body).toContain(VERIFY_LINK);
    // The queue is not readable by whoever enqueued.
    const seen = await withActor(t.db, ANONYMOUS_ACTOR, (tx) => tx.execute('select id from email_queue'));
    expect(seen.rows).toHaveLength(0);
  });

  it('rejects a malformed recipient', async () => {
    await expect(notify('not-an-address', 'Titre')).rejects.toThrow(/email address/);
  });

  it('refuses an anonymous actor: the queue is no relay for injected SQL', async () => {
    await expect(
      withActor(t.db, ANONYMOUS_ACTOR, (tx) =>
        enqueueEmail(tx, {
          to: 'marie@acme.test',
          template: 'verify-email',
          language: 'fr',
          data: { firstName: 'Marie', link: VERIFY_LINK },
        }),
      ),
    ).rejects.toThrow();
  });
});

describe('sendEmailBatch over SMTP', () => {
  it('delivers French and English e-mails with HTML, text and their links', async () => {
    const fr = await enqueue({
      to: 'marie@acme.test',
      template: 'verify-email',
      language: 'fr',
      data: { firstName: '<script>Marie</script>', link: VERIFY_LINK },
    });
    const en = await enqueue({
      to: 'john@acme.test',
      cc: ['hr@acme.test'],
      template: 'password-reset',
      language: 'en',
      data: { firstName: 'John', link: 'https://app.huntzen.test/reset?token=abc' },
    });

    const result = await sendEmailBatch({ db: t.db, transport });
    expect(result).toEqual({ sent: 2, retrying: 0, failed: 0, more: false });
    expect(smtp.received).toHaveLength(2);

    const frMail = smtp.received.find((m) => m.parsed.messageId === `<${fr}@huntzen.test>`)?.parsed;
    expect(frMail?.subject).toBe('Confirmez votre adresse e-mail');
    expect(frMail?.from?.value).toEqual([{ name: 'HuntZen', address: 'no-reply@huntzen.test' }]);
    expect(frMail?.to && 'text' in frMail.to ? frMail.to.text : '').toBe('marie@acme.test');
    expect(frMail?.html).toContain(`href="${VERIFY_LINK}"`);
    expect(frMail?.html).toContain('Bonjour &lt;script&gt;Marie&lt;/script&gt;,');
    expect(frMail?.html).not.toContain('<script>');
    expect(frMail?.text).toContain(VERIFY_LINK);
    expect(frMail?.text).toContain('valable 24 heures');
    expect(frMail?.headers.get('auto-submitted')).toBe('auto-generated');

    const enMessage = smtp.received.find((m) => m.parsed.messageId === `<${en}@huntzen.test>`);
    expect(enMessage?.parsed.subject).toBe('Reset your password');
    expect(enMessage?.parsed.text).toContain('Hello John,');
    expect(enMessage?.parsed.html).toContain('<html lang="en">');
    expect(enMessage?.recipients.sort()).toEqual(['hr@acme.test', 'john@acme.test']);

    for (const id of [fr, en]) {
      const sent = await row(id);
      expect(sent).toMatchObject({ status: 'SENT', retry_count: 0, wait: null });
      expect(sent.sent_at).toBeInstanceOf(Date);
    }
    // Nothing left: a second batch sends nothing.
    expect(await sendEmailBatch({ db: t.db, transport })).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it('sends URGENT before older LOW, and holds e-mails scheduled for later', async () => {
    await notify('a@acme.test', 'low', { priority: 'LOW' });
    await notify('a@acme.test', 'normal');
    await notify('a@acme.test', 'urgent', { priority: 'URGENT' });
    await notify('a@acme.test', 'high', { priority: 'HIGH' });
    const later = await notify('a@acme.test', 'later', {
      priority: 'URGENT',
      scheduledFor: new Date(Date.now() + 3_600_000),
    });
    const past = await notify('a@acme.test', 'was scheduled', {
      scheduledFor: new Date(Date.now() - 60_000),
    });

    expect(await sendEmailBatch({ db: t.db, transport })).toMatchObject({ sent: 5 });
    expect(smtp.received.map((m) => m.parsed.subject)).toEqual([
      'urgent',
      'high',
      'normal',
      'was scheduled',
      'low',
    ]);
    expect((await row(later)).status).toBe('PENDING');
    expect((await row(past)).status).toBe('SENT');
  });

  it('refuses a recipient for good on a permanent SMTP error', async () => {
    const id = await notify('nobody@acme.test', 'rejected');
    expect(await sendEmailBatch({ db: t.db, transport })).toMatchObject({ sent: 0, failed: 1 });
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'FAILED', retry_count: 1, wait: null });
    expect(failed.error_message).toMatch(/550/);
    expect(failed.failed_at).toBeInstanceOf(Date);
  });

  it('retries with backoff while the server is down, then sends each e-mail exactly once', async () => {
    const server = await startSmtpTestServer();
    const flaky = smtpTransport(server.url);
    await server.stop();
    try {
      const ids = [await notify('a@acme.test', 'one'), await notify('b@acme.test', 'two')];

      expect(await sendEmailBatch({ db: t.db, transport: flaky })).toMatchObject({ sent: 0, retrying: 2 });
      for (const id of ids) {
        const pending = await row(id);
        expect(pending).toMatchObject({ status: 'PENDING', retry_count: 1 });
        expect(pending.error_message).toMatch(/ECONNREFUSED/);
        // First backoff: one minute.
        expect(pending.wait).toBeGreaterThan(0);
        expect(pending.wait).toBeLessThanOrEqual(60);
      }
      // Not due yet: nothing is attempted.
      expect(await sendEmailBatch({ db: t.db, transport: flaky })).toMatchObject({ sent: 0, retrying: 0 });
      expect((await row(ids[0] ?? '')).retry_count).toBe(1);

      // Second failure: the backoff doubles.
      await makeAllDue();
      await sendEmailBatch({ db: t.db, transport: flaky });
      const twice = await row(ids[0] ?? '');
      expect(twice.retry_count).toBe(2);
      expect(twice.wait).toBeGreaterThan(60);
      expect(twice.wait).toBeLessThanOrEqual(120);

      await server.start();
      await makeAllDue();
      expect(await sendEmailBatch({ db: t.db, transport: flaky })).toMatchObject({ sent: 2 });
      await makeAllDue();
      expect(await sendEmailBatch({ db: t.db, transport: flaky })).toMatchObject({ sent: 0 });
      expect(server.received.map((m) => m.parsed.subject).sort()).toEqual(['one', 'two']);
      for (const id of ids) expect(await row(id)).toMatchObject({ status: 'SENT', retry_count: 2 });
    } finally {
      await server.stop();
    }
  });

  it('marks an e-mail FAILED with its error once retry_count reaches max_retries', async () => {
    const server = await startSmtpTestServer();
    await server.stop();
    const down = smtpTransport(server.url);
    const id = await notify('a@acme.test', 'never');
    for (let attempt = 1; attempt <= 3; attempt++) {
      await makeAllDue();
      await sendEmailBatch({ db: t.db, transport: down });
      expect((await row(id)).retry_count).toBe(attempt);
    }
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'FAILED', retry_count: 3, wait: null });
    expect(failed.error_message).toMatch(/ECONNREFUSED/);
    expect(failed.failed_at).toBeInstanceOf(Date);
    await makeAllDue();
    expect(await sendEmailBatch({ db: t.db, transport: down })).toMatchObject({ retrying: 0, failed: 0 });
  });

  it('sends each row exactly once when two batches run at the same time', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 24; i++) ids.add(await notify(`user${i}@acme.test`, `message ${i}`));

    const [a, b] = await Promise.all([
      sendEmailBatch({ db: t.db, transport }),
      sendEmailBatch({ db: t.db, transport }),
    ]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(24);
    const messageIds = smtp.received.map((m) => m.parsed.messageId);
    expect(messageIds).toHaveLength(24);
    expect(new Set(messageIds)).toEqual(new Set([...ids].map((id) => `<${id}@huntzen.test>`)));
    const { rows } = await t.db.owner.query(
      "select count(*)::int as n from email_queue where status = 'SENT'",
    );
    expect(rows[0].n).toBe(24);
  });

  it('leaves a row claimed by a crashed sender alone until its lease ends, then sends it once', async () => {
    const id = await notify('a@acme.test', 'crash');
    // A sender claims the row and dies before sending.
    const claim = await withActor(t.db, SYSTEM_ACTOR, (tx) => claimNextEmail(tx, 600));
    expect(claim?.id).toBe(id);
    expect(await sendEmailBatch({ db: t.db, transport })).toMatchObject({ sent: 0 });

    await makeAllDue(); // the lease is over
    expect(await sendEmailBatch({ db: t.db, transport })).toMatchObject({ sent: 1 });
    // The dead sender's late confirmation does not apply to the new claim.
    expect(await withActor(t.db, SYSTEM_ACTOR, (tx) => markEmailSent(tx, claim!))).toBe(false);
    expect(smtp.received.map((m) => m.parsed.subject)).toEqual(['crash']);
    expect((await row(id)).status).toBe('SENT');
  });
});
