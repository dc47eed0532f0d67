// New openings on a real database: a change of a practitioner's availability that opens slots (a
// weekly window added, a day off removed, an extra opening added or widened) tells the waiters whose
// range gained a free slot, in the order they joined, in the app and by e-mail (a real Graphile
// Worker runner delivering to a real SMTP server); a change that opens nothing, or is rolled back,
// tells no one; nobody is told twice of the same slot. Plus the pure "what opened" rules.
import { notifications, practitioners, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { dropQueuedJobs, queuedJobs } from '../../../test/jobs';
import { type JobsLogger, type JobsRunner, startJobs } from '../../platform/jobs';
import { createMailTransport } from '../../platform/mail';
import { type SmtpTestServer, startSmtpTestServer } from '../../platform/mail/smtp-test-server';
import { type Account, consentingEmployee } from '../consultations/consultations.fixtures';
import { type FreedSlot, tellWaiters } from './index';
import { openedSlots, openingRanges } from './waitlist.openings';

const quiet: JobsLogger = { info() {}, warn() {}, error() {}, debug() {} };

let t: TestApp;
let smtp: SmtpTestServer;
let practitioner: Account;
/** a, c: wait for day 3; b: for day 5; d joins day 3 later. */
let a: Account;
let b: Account;
let c: Account;
let d: Account;

/** Midnight UTC `days` days from today (the practitioner works in UTC). */
const day = (days: number) => DateTime.utc().startOf('day').plus({ days });
/** The API's weekday (0 = Sunday) of a date. */
const weekdayOf = (date: DateTime) => date.weekday % 7;
const at = (date: DateTime, hour: number) => date.set({ hour }).toJSDate().toISOString();

beforeAll(async () => {
  t = await buildTestApp();
  smtp = await startSmtpTestServer();
  const companyId = (await createCompany(t.db)).id;
  practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
  await t.db.ownerDb
    .update(practitioners)
    .set({ timezone: 'UTC', bufferTime: 10 })
    .where(eq(practitioners.id, practitioner.practitionerId!));
  [a, b, c, d] = [
    await consentingEmployee(t, companyId),
    await consentingEmployee(t, companyId),
    await consentingEmployee(t, companyId),
    await consentingEmployee(t, companyId),
  ] as [Account, Account, Account, Account];
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

function call(account: Account, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: account.headers, ...(payload ? { payload } : {}) });
}

async function join(account: Account, fromDays: number, toDays: number) {
  const response = await call(account, 'POST', '/api/v1/waitlist', {
    practitionerId: practitioner.practitionerId,
    from: day(fromDays).toISO(),
    to: day(toDays).toISO(),
  });
  expect(response.statusCode, response.body).toBe(201);
}

const windowOn = (date: DateTime, startTime: string, endTime: string) => ({
  dayOfWeek: weekdayOf(date),
  startTime,
  endTime,
});

/** The pending waitlist jobs of the practitioner. */
async function waitlistJobs(): Promise<FreedSlot[]> {
  const jobs = await queuedJobs<FreedSlot>(t.db, 'waitlist_slot_freed', {
    practitionerId: practitioner.practitionerId!,
  });
  return jobs.map((job) => job.payload);
}

const clearWaitlistJobs = () => dropQueuedJobs(t.db, 'waitlist_slot_freed');

/** Runs the pending jobs as the worker would (the system actor), then drops them. */
async function runWaitlistJobs(): Promise<number> {
  let told = 0;
  for (const job of await waitlistJobs())
    told += await withActor(t.db, SYSTEM_ACTOR, (tx) => tellWaiters(tx, job));
  await clearWaitlistJobs();
  return told;
}

/** The waitlist notifications of `accounts`, in the order they were created. */
async function toldTo(accounts: Account[]) {
  const rows = await t.db.ownerDb
    .select()
    .from(notifications)
    .where(
      sql`${inArray(
        notifications.userId,
        accounts.map((x) => x.user.id),
      )} and ${notifications.metadata}->>'waitlistEntryId' is not null`,
    )
    .orderBy(notifications.createdAt);
  const who = new Map(accounts.map((x) => [x.user.id, x]));
  return rows.map((n) => ({
    account: who.get(n.userId)!,
    slotStart: (n.metadata as { slotStart: string }).slotStart,
    linkUrl: n.linkUrl,
    emailSent: n.emailSent,
  }));
}

const linkTo = (start: string) =>
  `/app/practitioners/${practitioner.practitionerId}?at=${encodeURIComponent(start)}`;

describe('a change of availability that opens slots', () => {
  let dayOffId: string;

  it('tells the waiters whose range gained a free slot, in the order they joined, in the app and by e-mail', async () => {
    await join(a, 3, 4);
    await join(b, 5, 6);
    await join(c, 3, 4);
    await clearWaitlistJobs();

    // A morning on day 3's weekday: day 3 gains three slots, day 5 nothing.
    const put = await call(practitioner, 'PUT', '/api/v1/me/availability', {
      slotDuration: 50,
      windows: [windowOn(day(3), '09:00', '12:00')],
    });
    expect(put.statusCode, put.body).toBe(200);
    const jobs = await waitlistJobs();
    expect(jobs).toHaveLength(1);
    // Nothing was free before: the mornings opened up to the 60-day horizon are one range.
    expect(jobs[0]).toMatchObject({ start: at(day(3), 9) });
    expect(jobs[0]!.ranges).toBeUndefined();
    expect(new Date(jobs[0]!.end).getTime()).toBeGreaterThan(day(52).toMillis());

    // The real runner runs the job, then the e-mail copies go to the SMTP server.
    const runner: JobsRunner = await startJobs({
      ownerUrl: t.config.databaseUrl!,
      db: t.db,
      logger: quiet,
      pollInterval: 100,
      settings: { publicUrl: 'https://app.huntzen.test' },
      services: {
        mail: createMailTransport({ smtpUrl: smtp.url, mailFrom: 'no-reply@huntzen.test', dataDir: '/x' }),
      },
    });
    try {
      const deadline = Date.now() + 20_000;
      const mailed = () => smtp.received.flatMap((m) => m.recipients);
      while (!(mailed().includes(a.email) && mailed().includes(c.email)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await runner.stop();
    }
    const told = await toldTo([a, b, c, d]);
    expect(told.map((n) => n.account)).toEqual([a, c]);
    for (const n of told) {
      expect(n.slotStart).toBe(at(day(3), 9));
      expect(n.linkUrl).toBe(linkTo(at(day(3), 9)));
      expect(n.emailSent).toBe(true);
    }
    const mails = smtp.received.filter(
      (m) => m.recipients.includes(a.email) || m.recipients.includes(c.email),
    );
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(m.parsed.text).toContain(`https://app.huntzen.test${linkTo(at(day(3), 9))}`);
    }
    expect(smtp.received.some((m) => m.recipients.includes(b.email))).toBe(false);
    expect(await waitlistJobs()).toEqual([]);
  });

  it('schedules nothing for a change that opens nothing (the same schedule, a day off)', async () => {
    await clearWaitlistJobs();
    const again = await call(practitioner, 'PUT', '/api/v1/me/availability', {
      slotDuration: 50,
      windows: [windowOn(day(3), '09:00', '12:00')],
    });
    expect(again.statusCode, again.body).toBe(200);
    const dayOff = await call(practitioner, 'POST', '/api/v1/me/availability/exceptions', {
      date: day(3).toISODate(),
      isAvailable: false,
    });
    expect(dayOff.statusCode, dayOff.body).toBe(201);
    expect(await waitlistJobs()).toEqual([]);
    dayOffId = dayOff.json().id;
  });

  it('removing the day off opens its slots again: told only to whom was not told of them', async () => {
    await join(d, 3, 4);
    const removed = await call(practitioner, 'DELETE', `/api/v1/me/availability/exceptions/${dayOffId}`);
    expect(removed.statusCode, removed.body).toBe(204);
    const jobs = await waitlistJobs();
    expect(jobs).toEqual([
      expect.objectContaining({ start: at(day(3), 9), end: day(3).set({ hour: 11, minute: 50 }).toISO() }),
    ]);
    // a and c were told of 9:00 already; d joined since.
    const [job] = jobs as [FreedSlot];
    expect(await runWaitlistJobs()).toBe(1);
    expect((await toldTo([a, b, c, d])).map((n) => n.account)).toEqual([a, c, d]);
    // The same announcement again (a retried job) tells nobody.
    expect(await withActor(t.db, SYSTEM_ACTOR, (tx) => tellWaiters(tx, job))).toBe(0);
    expect(await toldTo([a, b, c, d])).toHaveLength(3);
  });

  it('an extra opening, then a wider one, tell the waiter of that date of its first new slot', async () => {
    const extra = await call(practitioner, 'POST', '/api/v1/me/availability/exceptions', {
      date: day(5).toISODate(),
      isAvailable: true,
      startTime: '14:00',
      endTime: '16:00',
    });
    expect(extra.statusCode, extra.body).toBe(201);
    expect(await runWaitlistJobs()).toBe(1);
    let toB = (await toldTo([b])).map((n) => n.slotStart);
    expect(toB).toEqual([at(day(5), 14)]);

    // Widened to 13:00: 13:00 is new (14:00 and 15:00 were already free).
    const wider = await call(practitioner, 'PUT', `/api/v1/me/availability/exceptions/${extra.json().id}`, {
      date: day(5).toISODate(),
      isAvailable: true,
      startTime: '13:00',
      endTime: '16:00',
    });
    expect(wider.statusCode, wider.body).toBe(200);
    expect((await waitlistJobs()).map((j) => [j.start, j.end])).toEqual([
      [at(day(5), 13), day(5).set({ hour: 13, minute: 50 }).toISO()],
    ]);
    expect(await runWaitlistJobs()).toBe(1);
    toB = (await toldTo([b])).map((n) => n.slotStart);
    expect(toB).toEqual([at(day(5), 14), at(day(5), 13)]);
    // Nobody waiting for day 3 heard of day 5.
    expect(await toldTo([a, c, d])).toHaveLength(3);
  });

  it('a change rolled back tells no one', async () => {
    await clearWaitlistJobs();
    // The audit row is the change's last write: refusing it rolls back the whole change.
    await t.db.owner.query(`
      create function test_refuse_availability_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit refused by the test'; end $$;
      create trigger test_refuse_availability_audit before insert on audit_logs for each row
        when (new.resource = 'availability') execute function test_refuse_availability_audit();`);
    try {
      const windows = [windowOn(day(3), '09:00', '12:00'), windowOn(day(5), '09:00', '12:00')];
      const put = await call(practitioner, 'PUT', '/api/v1/me/availability', { slotDuration: 50, windows });
      expect(put.statusCode).toBe(500);
      const extra = await call(practitioner, 'POST', '/api/v1/me/availability/exceptions', {
        date: day(5).toISODate(),
        isAvailable: true,
        startTime: '08:00',
        endTime: '10:00',
      });
      expect(extra.statusCode).toBe(500);
    } finally {
      await t.db.owner.query(`
        drop trigger test_refuse_availability_audit on audit_logs;
        drop function test_refuse_availability_audit();`);
    }
    expect(await waitlistJobs()).toEqual([]);
    expect((await call(practitioner, 'GET', '/api/v1/me/availability')).json().windows).toHaveLength(1);
    // Once the audit is allowed again, the same change is announced: the rollback was the reason.
    const put = await call(practitioner, 'PUT', '/api/v1/me/availability', {
      slotDuration: 50,
      windows: [windowOn(day(3), '09:00', '12:00'), windowOn(day(5), '09:00', '12:00')],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await waitlistJobs()).toHaveLength(1);
    // b's first free slot on day 5 is now 9:00: told of it.
    expect(await runWaitlistJobs()).toBe(1);
    expect((await toldTo([b])).map((n) => n.slotStart).at(-1)).toBe(at(day(5), 9));
  });

  it('an employee still leaves an entry they were told through', async () => {
    const listed = await call(b, 'GET', '/api/v1/waitlist');
    const id = listed.json().items[0].id as string;
    expect((await call(b, 'DELETE', `/api/v1/waitlist/${id}`)).statusCode).toBe(204);
    const { rows } = await t.db.owner.query(
      'select count(*)::int as n from waitlist_notices where entry_id = $1',
      [id],
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('what a change opened', () => {
  const slot = (from: string, to: string) => ({
    start: new Date(`2030-01-07T${from}:00Z`),
    end: new Date(`2030-01-07T${to}:00Z`),
  });

  it('counts only time that was not bookable before', () => {
    const before = [slot('09:00', '09:50'), slot('10:00', '10:50')];
    // Same slots, shorter ones inside, a slot over two touching old ones: nothing new.
    expect(openedSlots(before, before)).toEqual([]);
    expect(openedSlots(before, [slot('09:00', '09:30'), slot('10:10', '10:40')])).toEqual([]);
    expect(openedSlots([slot('09:00', '09:30'), slot('09:30', '10:00')], [slot('09:00', '10:00')])).toEqual(
      [],
    );
    // Over the gap between two old slots, after them, or with nothing before: new.
    expect(openedSlots(before, [slot('09:30', '10:20'), slot('11:00', '11:50')])).toEqual([
      slot('09:30', '10:20'),
      slot('11:00', '11:50'),
    ]);
    expect(openedSlots([], [slot('08:00', '08:50')])).toEqual([slot('08:00', '08:50')]);
  });

  it('cuts the new slots into ranges at each slot that was free before', () => {
    const before = [slot('11:00', '11:50')];
    const after = [
      slot('10:00', '10:50'),
      slot('09:00', '09:50'),
      slot('09:00', '09:50'),
      slot('11:00', '11:50'),
      slot('14:00', '14:50'),
      slot('16:00', '16:50'),
    ];
    expect(openingRanges(before, after)).toEqual({
      opened: 4,
      ranges: [slot('09:00', '10:50'), slot('14:00', '16:50')],
    });
    expect(openingRanges(after, after)).toEqual({ opened: 0, ranges: [] });
  });
});
