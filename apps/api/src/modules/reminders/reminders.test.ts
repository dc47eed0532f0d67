// Reminders on real PostgreSQL with two real Graphile Worker runners sharing the database, as two
// API processes would. Jobs are made due by moving their `run_at` into the past: nobody waits hours.

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Consultation,
  consultationEvents,
  consultations,
  emailQueue,
  type NewConsultation,
  notifications,
  SYSTEM_ACTOR,
  withActor,
} from '@huntzen/db';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCompany } from '../../../test/identity';
import { queuedJobs } from '../../../test/jobs';
import { type JobsLogger, type JobsRunner, scheduleJob, startJobs } from '../../platform/jobs';
import { createMailTransport } from '../../platform/mail';
import { cancelReminders, planReminders, reminderTask, sendReminder } from './index';
import { remindersToPlan, skipReason } from './reminders.policy';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ORIGIN = 'https://app.huntzen.test';
const quiet: JobsLogger = { info() {}, warn() {}, error() {}, debug() {} };

let t: TestDatabase;
let mailDir: string;
let runners: JobsRunner[] = [];
let companyId: string;
let employee: Awaited<ReturnType<typeof createAccount>>;
let practitioner: Awaited<ReturnType<typeof createAccount>>;
let slot = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  mailDir = await mkdtemp(path.join(tmpdir(), 'huntzen-reminders-'));
  companyId = (await createCompany(t.db)).id;
  employee = await createAccount(t.db, 'EMPLOYEE', { companyId });
  practitioner = await createAccount(t.db, 'PRACTITIONER');
  const mail = createMailTransport({
    smtpUrl: undefined,
    mailFrom: 'no-reply@huntzen.test',
    dataDir: mailDir,
  });
  const start = () =>
    startJobs({
      ownerUrl: t.url,
      db: t.db,
      logger: quiet,
      pollInterval: 100,
      settings: { publicUrl: ORIGIN },
      services: { mail },
    });
  runners = await Promise.all([start(), start()]);
});
afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await t?.drop();
  await rm(mailDir, { recursive: true, force: true });
});

/** A CONFIRMED video consultation at least `hoursAhead` from now, in a week of its own (never overlapping). */
async function place(hoursAhead: number, values: Partial<NewConsultation> = {}): Promise<Consultation> {
  slot += 1;
  // Whole seconds: the planned start travels through JSON and back.
  const at = Math.floor((Date.now() + hoursAhead * HOUR) / 1000) * 1000 + slot * 2 * HOUR * 24 * 7;
  const [row] = await t.db.ownerDb
    .insert(consultations)
    .values({
      companyId,
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      format: 'VIDEO',
      status: 'CONFIRMED',
      roomName: `hz-${randomUUID().replaceAll('-', '')}`,
      duration: 50,
      scheduledAt: new Date(at),
      scheduledEndAt: new Date(at + 50 * MINUTE),
      ...values,
    })
    .returning();
  return row!;
}

type ReminderPayload = { consultationId: string; kind: string; scheduledAt: string };
const jobsOf = (consultationId: string) =>
  queuedJobs<ReminderPayload>(t.db, 'send_consultation_reminder', { consultationId });

/** Makes every reminder job of the consultation due now, then waits until the runners are done. */
async function runDue(consultationId: string): Promise<void> {
  await t.db.owner.query(
    `update graphile_worker._private_jobs set run_at = now() - interval '1 second'
      where task_id = (select id from graphile_worker._private_tasks where identifier = 'send_consultation_reminder')
        and payload->>'consultationId' = $1`,
    [consultationId],
  );
  const deadline = Date.now() + 20_000;
  while ((await jobsOf(consultationId)).length > 0) {
    if (Date.now() > deadline) throw new Error('the reminder jobs were not run');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function sentOf(consultationId: string) {
  return t.db.ownerDb
    .select({ metadata: consultationEvents.metadata, actorRole: consultationEvents.actorRole })
    .from(consultationEvents)
    .where(
      and(
        eq(consultationEvents.consultationId, consultationId),
        eq(consultationEvents.eventType, 'REMINDER_SENT'),
      ),
    );
}

async function notificationsOf(consultationId: string) {
  const rows = await t.db.ownerDb
    .select()
    .from(notifications)
    .where(inArray(notifications.userId, [employee.user.id, practitioner.user.id]));
  return rows.filter(
    (n) => (n.metadata as { consultationId?: string } | null)?.consultationId === consultationId,
  );
}

async function emailsOf(consultationId: string) {
  const rows = await t.db.ownerDb
    .select()
    .from(emailQueue)
    .where(eq(emailQueue.templateName, 'consultation-reminder'));
  return rows.filter((e) => e.htmlBody.includes(consultationId));
}

describe('planning', () => {
  it('plans 24 h and 1 h before the start, by key, and plans again when the time changes', async () => {
    const c = await place(48);
    await withActor(t.db, SYSTEM_ACTOR, (tx) => planReminders(tx, c));
    let jobs = await jobsOf(c.id);
    expect(jobs.map((j) => [j.key, j.run_at.getTime(), j.payload.kind])).toEqual([
      [`consultation_reminder:${c.id}:24h`, c.scheduledAt.getTime() - 24 * HOUR, '24h'],
      [`consultation_reminder:${c.id}:1h`, c.scheduledAt.getTime() - HOUR, '1h'],
    ]);

    // Moved two days later: the same two jobs, replaced.
    const moved = new Date(c.scheduledAt.getTime() + 48 * HOUR);
    await withActor(t.db, SYSTEM_ACTOR, (tx) => planReminders(tx, { id: c.id, scheduledAt: moved }));
    jobs = await jobsOf(c.id);
    expect(jobs.map((j) => [j.run_at.getTime(), j.payload.scheduledAt])).toEqual([
      [moved.getTime() - 24 * HOUR, moved.toISOString()],
      [moved.getTime() - HOUR, moved.toISOString()],
    ]);

    await withActor(t.db, SYSTEM_ACTOR, (tx) => cancelReminders(tx, c.id));
    expect(await jobsOf(c.id)).toEqual([]);
  });

  it('plans only the 1 h reminder less than 24 h ahead, and none less than 1 h ahead', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
    expect(remindersToPlan(at(24 * 60 + 1), now).map((r) => r.kind)).toEqual(['24h', '1h']);
    expect(remindersToPlan(at(24 * 60), now).map((r) => r.kind)).toEqual(['1h']);
    expect(remindersToPlan(at(23 * 60), now)).toEqual([{ kind: '1h', runAt: at(22 * 60) }]);
    expect(remindersToPlan(at(61), now).map((r) => r.kind)).toEqual(['1h']);
    expect(remindersToPlan(at(60), now)).toEqual([]);
    expect(remindersToPlan(at(30), now)).toEqual([]);
  });

  it('removes a reminder whose time has passed when the consultation moves closer', async () => {
    const c = await place(72);
    await withActor(t.db, SYSTEM_ACTOR, (tx) => planReminders(tx, c));
    expect(await jobsOf(c.id)).toHaveLength(2);
    const soon = new Date(c.scheduledAt.getTime());
    const now = new Date(soon.getTime() - 5 * HOUR);
    await withActor(t.db, SYSTEM_ACTOR, (tx) => planReminders(tx, { id: c.id, scheduledAt: soon }, { now }));
    expect((await jobsOf(c.id)).map((j) => j.payload.kind)).toEqual(['1h']);
    await withActor(t.db, SYSTEM_ACTOR, (tx) => cancelReminders(tx, c.id));
  });

  it('exists only if the transaction that planned it commits', async () => {
    const c = await place(48);
    await expect(
      withActor(t.db, SYSTEM_ACTOR, async (tx) => {
        await planReminders(tx, c);
        throw new Error('booking failed');
      }),
    ).rejects.toThrow('booking failed');
    expect(await jobsOf(c.id)).toEqual([]);
  });
});

describe('sending, with two runners', () => {
  it('notifies both participants in the app and by e-mail, once per reminder', async () => {
    const c = await place(30);
    await withActor(t.db, SYSTEM_ACTOR, (tx) => planReminders(tx, c));
    await runDue(c.id);

    const sent = await sentOf(c.id);
    expect(sent.map((e) => (e.metadata as { kind: string }).kind).sort()).toEqual(['1h', '24h']);
    expect(sent[0]!.metadata).toMatchObject({ scheduledAt: c.scheduledAt.toISOString(), actor: 'SYSTEM' });

    const notes = await notificationsOf(c.id);
    expect(
      notes.map((n) => `${n.userId === employee.user.id ? 'employee' : 'practitioner'} ${n.type}`).sort(),
    ).toEqual([
      'employee CONSULTATION_REMINDER_1H',
      'employee CONSULTATION_REMINDER_24H',
      'practitioner CONSULTATION_REMINDER_1H',
      'practitioner CONSULTATION_REMINDER_24H',
    ]);
    const oneHour = notes.find(
      (n) => n.userId === employee.user.id && n.type === 'CONSULTATION_REMINDER_1H',
    )!;
    expect(oneHour).toMatchObject({
      title: 'Rappel : consultation dans une heure',
      linkUrl: `/app/consultations/${c.id}/room`,
      emailSent: true,
      expiresAt: c.scheduledEndAt,
    });
    expect(oneHour.message).toContain('Dr. Alex Test');

    const emails = await emailsOf(c.id);
    expect(emails.map((e) => e.to).sort()).toEqual(
      [employee.email, employee.email, practitioner.email, practitioner.email].sort(),
    );
    for (const e of emails) {
      expect(e.priority).toBe('HIGH');
      expect(e.templateData).toMatchObject({ format: 'VIDEO' });
      // Who and when, never anything about health.
      expect(e.textBody).toMatch(/Dr\. Alex Test|Camille Test/);
    }
    expect(emails.some((e) => e.textBody?.includes(`${ORIGIN}/app/consultations/${c.id}/room`))).toBe(true);
  });

  it('sends a reminder once even when several workers run it at the same time', async () => {
    const c = await place(30);
    const payload = {
      consultationId: c.id,
      kind: '1h' as const,
      scheduledAt: c.scheduledAt.toISOString(),
    };
    // The keyed job plus three unkeyed copies (a duplicate, a retry): four jobs, two runners of two slots.
    await withActor(t.db, SYSTEM_ACTOR, async (tx) => {
      await planReminders(tx, c);
      for (let i = 0; i < 3; i++)
        await scheduleJob(tx, { task: reminderTask, payload, runAt: new Date(Date.now() + HOUR) });
    });
    expect(await jobsOf(c.id)).toHaveLength(5);
    await runDue(c.id);

    const sent = await sentOf(c.id);
    expect(sent.map((e) => (e.metadata as { kind: string }).kind).sort()).toEqual(['1h', '24h']);
    const notes = await notificationsOf(c.id);
    expect(notes.filter((n) => n.type === 'CONSULTATION_REMINDER_1H')).toHaveLength(2);
    expect(notes.filter((n) => n.type === 'CONSULTATION_REMINDER_24H')).toHaveLength(2);
    expect(await emailsOf(c.id)).toHaveLength(4);
  });

  it('sends nothing for a consultation cancelled after planning, or moved without planning again', async () => {
    const cancelled = await place(30);
    const moved = await place(30);
    await withActor(t.db, SYSTEM_ACTOR, async (tx) => {
      await planReminders(tx, cancelled);
      await planReminders(tx, moved);
    });
    // Changed behind the planner's back (no cancelReminders, no new plan): the job checks when it runs.
    await t.db.ownerDb
      .update(consultations)
      .set({ status: 'CANCELLED' })
      .where(eq(consultations.id, cancelled.id));
    await t.db.ownerDb
      .update(consultations)
      .set({
        scheduledAt: new Date(moved.scheduledAt.getTime() + 10 * HOUR),
        scheduledEndAt: new Date(moved.scheduledEndAt.getTime() + 10 * HOUR),
      })
      .where(eq(consultations.id, moved.id));
    await runDue(cancelled.id);
    await runDue(moved.id);
    for (const c of [cancelled, moved]) {
      expect(await sentOf(c.id)).toEqual([]);
      expect(await notificationsOf(c.id)).toEqual([]);
      expect(await emailsOf(c.id)).toEqual([]);
    }
  });
});

describe('one reminder, directly', () => {
  it('is sent, then recognised as sent', async () => {
    const c = await place(30);
    const job = { consultationId: c.id, kind: '24h' as const, scheduledAt: c.scheduledAt };
    const now = new Date(c.scheduledAt.getTime() - 24 * HOUR);
    const send = () => withActor(t.db, SYSTEM_ACTOR, (tx) => sendReminder(tx, job, { origin: ORIGIN, now }));
    expect(await send()).toBe('sent');
    expect(await send()).toBe('already-sent');
    expect(await notificationsOf(c.id)).toHaveLength(2);
  });

  it('is not sent late: a 24 h reminder past the 1 h mark, any reminder after the start', async () => {
    const c = await place(30);
    const at = (ms: number) => new Date(c.scheduledAt.getTime() + ms);
    const state = { status: 'CONFIRMED' as const, scheduledAt: c.scheduledAt };
    const job = (kind: '24h' | '1h') => ({ kind, scheduledAt: c.scheduledAt });
    expect(skipReason(job('24h'), state, at(-HOUR - 1))).toBeNull();
    expect(skipReason(job('24h'), state, at(-HOUR))).toBe('late');
    expect(skipReason(job('1h'), state, at(-1))).toBeNull();
    expect(skipReason(job('1h'), state, at(0))).toBe('late');
    expect(skipReason(job('1h'), { ...state, status: 'IN_PROGRESS' }, at(-MINUTE))).toBe('status');
    expect(skipReason(job('1h'), undefined, at(-MINUTE))).toBe('gone');
    const late = await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      sendReminder(tx, { consultationId: c.id, ...job('24h') }, { origin: ORIGIN, now: at(-30 * MINUTE) }),
    );
    expect(late).toBe('late');
    expect(await sentOf(c.id)).toEqual([]);
  });

  it('refuses a second REMINDER_SENT of the same kind and start at the database', async () => {
    const c = await place(30);
    const event = {
      consultationId: c.id,
      eventType: 'REMINDER_SENT' as const,
      actorId: '00000000-0000-0000-0000-000000000000',
      actorRole: 'SUPER_ADMIN' as const,
      metadata: { kind: '1h', scheduledAt: c.scheduledAt.toISOString() },
    };
    await t.db.ownerDb.insert(consultationEvents).values(event);
    await expect(t.db.ownerDb.insert(consultationEvents).values(event)).rejects.toThrow();
    // Another start (the consultation moved) is another reminder.
    await t.db.ownerDb.insert(consultationEvents).values({
      ...event,
      metadata: { kind: '1h', scheduledAt: new Date(c.scheduledAt.getTime() + HOUR).toISOString() },
    });
    expect(await sentOf(c.id)).toHaveLength(2);
  });
});
