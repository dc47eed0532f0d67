// Questionnaires end to end: through app.inject on real PostgreSQL, and straight through the
// database as the application role (withActor) to prove the row-level security and the grants.
import type { Assessment } from '@huntzen/contracts';
import {
  type Actor,
  assessmentSettings,
  assessments,
  calendarFeeds,
  notifications,
  SYSTEM_ACTOR,
  withActor,
} from '@huntzen/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { queuedJobs } from '../../../test/jobs';
import {
  type Account,
  giveConsent,
  openPractitioner,
  placeConsultation,
  slotIn,
} from '../consultations/consultations.fixtures';
import { sendAssessmentReminder, sendCrisisEmail } from './assessments.jobs';

let t: TestApp;
let marc: Account;
let other: Account;
let hr: Account;
let practitioner: Account;
let stranger: Account;
let admin: Account;
let superAdmin: Account;

const URL = '/api/v1/assessments';
const CALM_PHQ9 = [1, 1, 0, 0, 1, 0, 0, 0, 0];
const ITEM9 = [0, 0, 0, 0, 0, 0, 0, 0, 1];

function actorOf(a: Account): Actor {
  return {
    role: a.user.role,
    userId: a.user.id,
    email: a.email,
    companyId: a.companyId,
    employeeId: a.employeeId,
    practitionerId: a.practitionerId,
  };
}

function call(a: Account, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: a.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function take(a: Account, instrument: string, answers: number[]) {
  const response = await call(a, 'POST', URL, { instrument, answers });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Assessment;
}

/** Whether a (Drizzle-wrapped) database error says `pattern`. */
function causedBy(pattern: RegExp) {
  return (error: unknown) => {
    for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
      if (pattern.test(String((e as { message?: unknown }).message))) return true;
    }
    return false;
  };
}

async function urgentNotificationsOf(userId: string) {
  return t.db.ownerDb
    .select({ title: notifications.title, message: notifications.message, metadata: notifications.metadata })
    .from(notifications)
    .where(eq(notifications.userId, userId));
}

beforeAll(async () => {
  t = await buildTestApp();
  const company = await createCompany(t.db);
  marc = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: company.id });
  other = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: company.id });
  await giveConsent(t, marc.employeeId!);
  await giveConsent(t, other.employeeId!);
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: company.id });
  practitioner = await openPractitioner(t);
  stranger = await openPractitioner(t);
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
  superAdmin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
  // Marc sees Dr "practitioner" next week; nobody sees the stranger.
  await placeConsultation(t, {
    employeeId: marc.employeeId!,
    practitionerId: practitioner.practitionerId!,
    scheduledAt: slotIn(100),
  });
});

afterAll(async () => {
  await t?.close();
});

describe('taking a questionnaire', () => {
  it('scores, stores encrypted, and lists the history newest first', async () => {
    const first = await take(marc, 'GAD7', [1, 1, 1, 1, 1, 1, 0]);
    expect(first).toMatchObject({
      instrument: 'GAD7',
      score: 6,
      severity: 'MILD',
      crisis: false,
      lowWellbeing: null,
    });
    const who = await take(marc, 'WHO5', [3, 3, 2, 2, 2]);
    expect(who).toMatchObject({ score: 48, severity: null, lowWellbeing: true, crisis: false });

    const [stored] = await t.db.ownerDb.select().from(assessments).where(eq(assessments.id, first.id));
    expect(stored!.encryptedResult).not.toContain('MILD');
    expect(stored!.encryptedResult).not.toContain('answers');
    expect(stored!.iv).toBeTruthy();

    const list = await call(marc, 'GET', URL);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: Assessment) => a.id)).toEqual([who.id, first.id]);
    const onlyGad = await call(marc, 'GET', `${URL}?instrument=GAD7`);
    expect(onlyGad.json().items.map((a: Assessment) => a.id)).toEqual([first.id]);
    expect((await call(marc, 'GET', `${URL}/${first.id}`)).json()).toMatchObject({
      answers: [1, 1, 1, 1, 1, 1, 0],
    });
  });

  it('answers 400 naming the item at fault, or the wrong length', async () => {
    const range = await call(marc, 'POST', URL, { instrument: 'PHQ9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 4] });
    expect(range.statusCode).toBe(400);
    expect(range.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(range.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.answers.8']);

    const length = await call(marc, 'POST', URL, { instrument: 'WHO5', answers: [1, 2, 3] });
    expect(length.statusCode).toBe(400);
    expect(length.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.answers']);

    for (const answers of [[0.5, 0, 0, 0, 0, 0, 0], ['1', 0, 0, 0, 0, 0, 0], Array(10_000).fill(0), null]) {
      const hostile = await call(marc, 'POST', URL, { instrument: 'GAD7', answers });
      expect(hostile.statusCode, JSON.stringify(answers).slice(0, 40)).toBe(400);
    }
    const instrument = await call(marc, 'POST', URL, { instrument: 'BDI\u0000', answers: [] });
    expect(instrument.statusCode).toBe(400);
  });

  it('is for employees only: no other role takes or reads one', async () => {
    for (const who of [hr, practitioner, admin, superAdmin]) {
      expect(
        (await call(who, 'POST', URL, { instrument: 'WHO5', answers: [1, 1, 1, 1, 1] })).statusCode,
      ).toBe(403);
      expect((await call(who, 'GET', URL)).statusCode).toBe(403);
    }
  });
});

describe('PHQ-9 item 9', () => {
  it('answers crisis: true whatever the total, and alerts no one without the employee’s agreement', async () => {
    const before = (await urgentNotificationsOf(practitioner.user.id)).length;
    const result = await take(marc, 'PHQ9', ITEM9);
    expect(result).toMatchObject({ crisis: true, score: 1, severity: 'MINIMAL' });
    expect(await urgentNotificationsOf(practitioner.user.id)).toHaveLength(before);
  });

  it('with the agreement, alerts the practitioner urgently, without score or answers, and queues an urgent e-mail job', async () => {
    const put = await call(marc, 'PUT', `${URL}/settings`, { alertPractitionerOnCrisis: true });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ alertPractitionerOnCrisis: true });

    const calm = await take(marc, 'PHQ9', CALM_PHQ9);
    expect(calm.crisis).toBe(false);
    expect(await urgentNotificationsOf(practitioner.user.id)).toHaveLength(0);

    const result = await take(marc, 'PHQ9', [3, 3, 3, 3, 3, 3, 3, 3, 2]);
    expect(result).toMatchObject({ crisis: true, score: 26, severity: 'SEVERE' });
    const alerts = await urgentNotificationsOf(practitioner.user.id);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert.metadata).toMatchObject({ kind: 'ASSESSMENT_CRISIS', priority: 'URGENT' });
    const text = `${alert.title} ${alert.message} ${JSON.stringify(alert.metadata)}`;
    // Whole words: the random ids and test names in the text may hold the digits 2 and 6.
    expect(text).not.toMatch(/\b26\b|SEVERE|PHQ/);
    // The stranger (no consultation with Marc) is never told.
    expect(await urgentNotificationsOf(stranger.user.id)).toHaveLength(0);
    const jobs = await queuedJobs(t.db, 'send_assessment_crisis_email', {
      practitionerId: practitioner.practitionerId!,
    });
    expect(jobs).toHaveLength(1);
  });
});

describe('sharing', () => {
  it('shares one result with the employee’s own practitioner, who reads its score only, until un-shared', async () => {
    const result = await take(marc, 'GAD7', [3, 3, 3, 3, 3, 0, 0]);
    const none = await call(practitioner, 'GET', `${URL}/shared-with-me?employeeId=${marc.employeeId}`);
    expect(none.statusCode).toBe(200);
    expect(none.json().items).toEqual([]);

    const mine = await call(marc, 'GET', `${URL}/practitioners`);
    expect(mine.json().items.map((p: { id: string }) => p.id)).toEqual([practitioner.practitionerId]);

    const shared = await call(marc, 'POST', `${URL}/${result.id}/share`, {
      practitionerId: practitioner.practitionerId,
    });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().sharedWithPractitionerId).toBe(practitioner.practitionerId);

    const seen = await call(practitioner, 'GET', `${URL}/shared-with-me?employeeId=${marc.employeeId}`);
    expect(seen.json().items).toEqual([
      {
        id: result.id,
        instrument: 'GAD7',
        score: 15,
        severity: 'SEVERE',
        crisis: false,
        lowWellbeing: null,
        createdAt: result.createdAt,
      },
    ]);
    // Not another practitioner, not for another patient, not HR.
    expect(
      (await call(stranger, 'GET', `${URL}/shared-with-me?employeeId=${marc.employeeId}`)).statusCode,
    ).toBe(404);
    expect((await call(hr, 'GET', `${URL}/shared-with-me?employeeId=${marc.employeeId}`)).statusCode).toBe(
      403,
    );

    const unshared = await call(marc, 'DELETE', `${URL}/${result.id}/share`);
    expect(unshared.statusCode).toBe(200);
    expect(unshared.json().sharedWithPractitionerId).toBeNull();
    const after = await call(practitioner, 'GET', `${URL}/shared-with-me?employeeId=${marc.employeeId}`);
    expect(after.json().items).toEqual([]);
  });

  it('refuses a practitioner the employee never consulted, and another employee’s result (404)', async () => {
    const result = await take(marc, 'WHO5', [4, 4, 4, 4, 4]);
    const refused = await call(marc, 'POST', `${URL}/${result.id}/share`, {
      practitionerId: stranger.practitionerId,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].path).toBe('body.practitionerId');
    await giveConsent(t, other.employeeId!);
    expect((await call(other, 'GET', `${URL}/${result.id}`)).statusCode).toBe(404);
    expect(
      (
        await call(other, 'POST', `${URL}/${result.id}/share`, {
          practitionerId: practitioner.practitionerId,
        })
      ).statusCode,
    ).toBe(400);
    expect((await call(other, 'DELETE', `${URL}/${result.id}/share`)).statusCode).toBe(404);
  });
});

describe('row-level security (the application role)', () => {
  it('shows a result to its employee only; HR, admins, strangers and other employees see no row, not even a count', async () => {
    const result = await take(marc, 'PHQ9', CALM_PHQ9);
    const count = (actor: Actor) =>
      withActor(t.db, actor, async (tx) => {
        const rows = await tx.execute<{ n: number }>(sql`select count(*)::int as n from assessments`);
        return rows.rows[0]!.n;
      });
    expect(await count(actorOf(marc))).toBeGreaterThan(0);
    for (const who of [other, hr, admin, superAdmin, stranger, practitioner]) {
      expect(await count(actorOf(who)), who.user.role).toBe(0);
    }
    // Shared: the practitioner sees that one row, and only it.
    await withActor(t.db, actorOf(marc), (tx) =>
      tx
        .update(assessments)
        .set({ sharedWithPractitionerId: practitioner.practitionerId!, sharedAt: new Date() })
        .where(eq(assessments.id, result.id)),
    );
    expect(await count(actorOf(practitioner))).toBe(1);
    expect(await count(actorOf(stranger))).toBe(0);
  });

  it('refuses writes outside the rules (WITH CHECK and grants)', async () => {
    const result = await take(marc, 'WHO5', [2, 2, 2, 2, 2]);
    // Another employee's row cannot be written, nor a result moved to another employee.
    await expect(
      withActor(t.db, actorOf(other), (tx) =>
        tx.insert(assessments).values({
          employeeId: marc.employeeId!,
          instrument: 'WHO5',
          encryptedResult: 'x',
          iv: 'y',
        }),
      ),
    ).rejects.toThrow();
    await expect(
      withActor(t.db, actorOf(marc), (tx) =>
        tx.update(assessments).set({ employeeId: other.employeeId! }).where(eq(assessments.id, result.id)),
      ),
    ).rejects.toSatisfy(causedBy(/permission denied/));
    // Sharing with a practitioner the employee never consulted: refused by the database too.
    await expect(
      withActor(t.db, actorOf(marc), (tx) =>
        tx
          .update(assessments)
          .set({ sharedWithPractitionerId: stranger.practitionerId!, sharedAt: new Date() })
          .where(eq(assessments.id, result.id)),
      ),
    ).rejects.toSatisfy(causedBy(/row-level security/));
    // A practitioner never writes, even a result shared with them.
    const updated = await withActor(t.db, actorOf(practitioner), (tx) =>
      tx.update(assessments).set({ sharedAt: new Date() }).returning({ id: assessments.id }),
    ).catch(() => []);
    expect(updated).toEqual([]);
    // HR cannot read the settings either.
    const settings = await withActor(t.db, actorOf(hr), (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from assessment_settings`),
    );
    expect(settings.rows[0]!.n).toBe(0);
  });
});

describe('reminders', () => {
  it('plans a keyed reminder every 2 or 4 weeks, re-plans it after a result, and removes it when turned off', async () => {
    const job = async () => {
      const { rows } = await t.db.owner.query<{ run_at: Date }>(
        `select run_at from graphile_worker.jobs where key = $1`,
        [`assessment_reminder:${marc.employeeId}`],
      );
      return rows;
    };
    const on = await call(marc, 'PUT', `${URL}/settings`, { reminderWeeks: 2, reminderInstrument: 'PHQ9' });
    expect(on.statusCode).toBe(200);
    const planned = new Date(on.json().nextReminderAt).getTime();
    expect(planned - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    expect(await job()).toHaveLength(1);

    const four = await call(marc, 'PUT', `${URL}/settings`, { reminderWeeks: 4 });
    expect(new Date(four.json().nextReminderAt).getTime() - Date.now()).toBeGreaterThan(27.9 * 86_400_000);
    expect(await job()).toHaveLength(1);

    // Due now: the job notifies the employee and plans the next one.
    await t.db.owner.query(`update assessment_settings set next_reminder_at = now() where employee_id = $1`, [
      marc.employeeId,
    ]);
    const outcome = await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      sendAssessmentReminder(tx, marc.employeeId!, new Date()),
    );
    expect(outcome).toBe('sent');
    const reminders = await t.db.ownerDb
      .select({ metadata: notifications.metadata, linkUrl: notifications.linkUrl })
      .from(notifications)
      .where(eq(notifications.userId, marc.user.id));
    expect(
      reminders.filter((n) => (n.metadata as { kind?: string })?.kind === 'ASSESSMENT_REMINDER'),
    ).toHaveLength(1);
    expect((await job())[0]!.run_at.getTime() - Date.now()).toBeGreaterThan(27.9 * 86_400_000);

    const off = await call(marc, 'PUT', `${URL}/settings`, { reminderWeeks: null });
    expect(off.json()).toMatchObject({ reminderWeeks: null, nextReminderAt: null });
    expect(await job()).toHaveLength(0);
    expect((await call(marc, 'PUT', `${URL}/settings`, { reminderWeeks: 3 })).statusCode).toBe(400);
  });
});

describe('the urgent e-mail and the erasure', () => {
  it('e-mails the alerted practitioner urgently, without the patient’s name or any score', async () => {
    const queued = await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      sendCrisisEmail(tx, practitioner.practitionerId!, 'https://huntzen.example'),
    );
    expect(queued).toBe(true);
    const { rows } = await t.db.owner.query<{ priority: string; subject: string; text_body: string }>(
      `select priority, subject, text_body from email_queue where "to" = $1 and template_name = 'generic-notification'`,
      [practitioner.email],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.priority).toBe('URGENT');
    const employee = await t.db.ownerDb.query.employees.findFirst({
      where: (e, { eq: is }) => is(e.id, marc.employeeId!),
    });
    for (const word of [employee!.firstName, employee!.lastName, 'PHQ', 'score']) {
      expect(`${rows[0]!.subject} ${rows[0]!.text_body}`).not.toContain(word);
    }
  });

  it('deletes the results and choices of an erased account', async () => {
    const leaving = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: marc.companyId! });
    await giveConsent(t, leaving.employeeId!);
    await take(leaving, 'WHO5', [1, 1, 1, 1, 1]);
    await call(leaving, 'PUT', `${URL}/settings`, { reminderWeeks: 2 });
    expect((await call(leaving, 'POST', '/api/v1/me/calendar-feed')).statusCode).toBe(201);
    await t.db.owner.query(`update users set password_hash = '!erased' where id = $1`, [leaving.user.id]);
    expect(
      await t.db.ownerDb.select().from(assessments).where(eq(assessments.employeeId, leaving.employeeId!)),
    ).toEqual([]);
    expect(
      await t.db.ownerDb
        .select()
        .from(assessmentSettings)
        .where(eq(assessmentSettings.employeeId, leaving.employeeId!)),
    ).toEqual([]);
    expect(
      await t.db.ownerDb.select().from(calendarFeeds).where(eq(calendarFeeds.userId, leaving.user.id)),
    ).toEqual([]);
  });
});
