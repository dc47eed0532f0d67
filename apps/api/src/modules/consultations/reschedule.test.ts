// Rescheduling (POST /api/v1/consultations/{id}/reschedule) on a real database: who may move a
// consultation and until when, the SCHEDULED event marked rescheduled, the reminders re-planned, the other
// participant notified, the e-mails whose .ics keeps the UID with a higher SEQUENCE (read back with
// ical.js), the database's own guard, and a race of two moves into one slot.
import { type Actor, consultationEvents, consultations, notifications, withActor } from '@huntzen/db';
import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { queuedJobs } from '../../../test/jobs';
import {
  type Account,
  act,
  book,
  consentingEmployee,
  emailsTo,
  openPractitioner,
  placeConsultation,
  runEmailJobs,
  slotIn,
  storedConsultation,
} from './consultations.fixtures';

let t: TestApp;
let companyId: string;
let employee: Account;
let practitioner: Account;
let stranger: Account;
let hr: Account;
let admin: Account;
let host: string;

beforeAll(async () => {
  t = await buildTestApp();
  host = new URL(t.config.publicUrl).hostname;
  companyId = (await createCompany(t.db)).id;
  employee = await consentingEmployee(t, companyId);
  practitioner = await openPractitioner(t);
  stranger = await consentingEmployee(t, companyId);
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
});
afterAll(async () => {
  await t?.close();
});

function move(account: Account, id: string, at: Date | string) {
  return act(t, account, id, 'reschedule', { scheduledAt: typeof at === 'string' ? at : at.toISOString() });
}

async function reminderJobs(id: string) {
  const jobs = await queuedJobs<{ kind: string }>(t.db, 'send_consultation_reminder', { consultationId: id });
  return jobs
    .map((job) => ({ kind: job.payload.kind, run_at: job.run_at }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
}

function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
  };
}

describe('moving a consultation', () => {
  it('moves it for the employee more than 24 h ahead: event, reminders, notification, .ics update', async () => {
    const booked = await book(t, employee, {
      practitionerId: practitioner.practitionerId,
      scheduledAt: slotIn(48).toISOString(),
      format: 'VIDEO',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const id = booked.json().id as string;
    expect(await runEmailJobs(t, id)).toBe(2);
    const to = slotIn(72);

    const moved = await move(employee, id, to);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      scheduledAt: to.toISOString(),
      scheduledEndAt: new Date(to.getTime() + 50 * 60_000).toISOString(),
      status: 'SCHEDULED',
    });
    const events = await t.db.ownerDb
      .select({ type: consultationEvents.eventType, metadata: consultationEvents.metadata })
      .from(consultationEvents)
      .where(eq(consultationEvents.consultationId, id));
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'SCHEDULED']);
    expect(events[1]!.metadata).toMatchObject({
      rescheduled: true,
      movedBy: 'employee',
      to: to.toISOString(),
    });

    // Reminders follow the new start.
    const jobs = await reminderJobs(id);
    expect(jobs.map((j) => [j.kind, j.run_at.toISOString()])).toEqual([
      ['1h', new Date(to.getTime() - 3_600_000).toISOString()],
      ['24h', new Date(to.getTime() - 86_400_000).toISOString()],
    ]);

    // The practitioner is told in the app; the employee (who moved it) is not.
    const told = await t.db.ownerDb
      .select({ title: notifications.title, metadata: notifications.metadata })
      .from(notifications)
      .where(eq(notifications.userId, practitioner.user.id));
    expect(told.filter((n) => (n.metadata as { change?: string }).change === 'rescheduled')).toHaveLength(1);

    // Both calendars move the entry: same UID, higher SEQUENCE, the new start.
    expect(await runEmailJobs(t, id)).toBe(2);
    for (const who of [employee, practitioner]) {
      const emails = await emailsTo(t, who.email);
      const first = parseIcs(emails[0]!.attachments![0]!.content);
      const last = parseIcs(emails.at(-1)!.attachments![0]!.content);
      expect(last).toMatchObject({ method: 'REQUEST', uid: `consultation-${id}@${host}`, start: to });
      expect(first.uid).toBe(last.uid);
      expect(last.sequence).toBeGreaterThan(first.sequence);
    }
    // The download says the same.
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/consultations/${id}/calendar.ics`,
      headers: employee.headers,
    });
    expect(parseIcs(download.body)).toMatchObject({
      uid: `consultation-${id}@${host}`,
      start: to,
      sequence: 1,
    });
  });

  it('lets only the practitioner move it within 24 h, and nobody once started or cancelled', async () => {
    const soon = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: slotIn(10),
      status: 'CONFIRMED',
    });
    const late = await move(employee, soon.id, slotIn(200));
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'OUTSIDE_TIME_WINDOW', currentState: 'CONFIRMED' });
    const byPractitioner = await move(practitioner, soon.id, slotIn(201));
    expect(byPractitioner.statusCode, byPractitioner.body).toBe(200);
    expect(byPractitioner.json().status).toBe('CONFIRMED');

    const cancelled = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: slotIn(220),
      status: 'CANCELLED',
      cancelledAt: new Date(),
    });
    const refused = await move(practitioner, cancelled.id, slotIn(230));
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'CANCELLED' });
  });

  it('refuses a time that is not a free slot (400 naming the field) and answers 404/403 to others', async () => {
    const c = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: slotIn(300),
    });
    const odd = await move(employee, c.id, new Date(slotIn(310).getTime() + 7 * 60_000));
    expect(odd.statusCode).toBe(400);
    expect(odd.json().errors[0].path).toBe('body.scheduledAt');
    expect((await move(employee, c.id, '2026-13-01T00:00:00Z')).statusCode).toBe(400);
    expect((await move(employee, c.id, 'x\u0000')).statusCode).toBe(400);
    expect((await move(stranger, c.id, slotIn(320))).statusCode).toBe(404);
    expect((await move(hr, c.id, slotIn(320))).statusCode).toBe(403);
    expect((await move(admin, c.id, slotIn(320))).statusCode).toBe(403);
    expect((await storedConsultation(t, c.id)).scheduledAt).toEqual(slotIn(300));
  });

  it('keeps "when" out of the application role’s reach except through the guarded function', async () => {
    const c = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: slotIn(400),
    });
    const actor: Actor = {
      role: 'EMPLOYEE',
      userId: employee.user.id,
      email: employee.email,
      companyId,
      employeeId: employee.employeeId,
    };
    await expect(
      withActor(t.db, actor, (tx) =>
        tx
          .update(consultations)
          .set({ scheduledAt: slotIn(410) })
          .where(eq(consultations.id, c.id)),
      ),
    ).rejects.toThrow();
    const strangerActor: Actor = { ...actor, userId: stranger.user.id, employeeId: stranger.employeeId };
    await expect(
      withActor(t.db, strangerActor, (tx) =>
        tx.execute(
          sql`select reschedule_consultation(${c.id}::uuid, ${slotIn(410).toISOString()}::timestamptz)`,
        ),
      ),
    ).rejects.toThrow();
    expect((await storedConsultation(t, c.id)).scheduledAt).toEqual(slotIn(400));
  });
});

describe('a race of two moves into one slot', () => {
  it('lets one win and answers the other 409 SLOT_TAKEN, every round', async () => {
    const rivals = await Promise.all([consentingEmployee(t, companyId), consentingEmployee(t, companyId)]);
    for (let round = 0; round < 10; round++) {
      const placed = await Promise.all(
        rivals.map((r, i) =>
          placeConsultation(t, {
            employeeId: r.employeeId!,
            practitionerId: practitioner.practitionerId!,
            scheduledAt: slotIn(500 + round * 10 + i),
          }),
        ),
      );
      const target = slotIn(505 + round * 10);
      const responses = await Promise.all(placed.map((c, i) => move(rivals[i]!, c.id, target)));
      const outcome = responses.map((r) => (r.statusCode === 200 ? 200 : `${r.statusCode} ${r.json().code}`));
      expect(outcome.sort(), `round ${round}`).toEqual([200, '409 SLOT_TAKEN']);
      const there = await t.db.ownerDb
        .select({ id: consultations.id })
        .from(consultations)
        .where(
          and(
            eq(consultations.practitionerId, practitioner.practitionerId!),
            eq(consultations.scheduledAt, target),
          ),
        );
      expect(there).toHaveLength(1);
    }
  }, 120_000);

  it('refuses a move onto a slot booked meanwhile (SLOT_TAKEN)', async () => {
    const c = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: slotIn(600),
    });
    await placeConsultation(t, {
      employeeId: stranger.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: slotIn(610),
    });
    const taken = await move(employee, c.id, slotIn(610));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('SLOT_TAKEN');
  });
});
