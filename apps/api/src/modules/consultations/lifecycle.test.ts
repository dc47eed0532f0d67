// The lifecycle through the API: every illegal transition (from the policy's own table), each legal
// one with its timing, billability, event, counter and notification, and who may act on what.
import { CONSULTATION_ACTIONS, CONSULTATION_STATUSES, MIN_BILLABLE_MINUTES } from '@huntzen/contracts';
import { consultationEvents, notifications, practitioners, withActor } from '@huntzen/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import {
  type Account,
  act,
  consentingEmployee,
  MINUTE,
  openPractitioner,
  placeConsultation,
  storedConsultation,
} from './consultations.fixtures';
import { TRANSITIONS } from './consultations.policy';

const HOUR = 60 * MINUTE;
let t: TestApp;
let companyId: string;
let employee: Account;
let practitioner: Account;
let slot = 0;

beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
  practitioner = await openPractitioner(t);
  employee = await consentingEmployee(t, companyId);
});
afterAll(async () => {
  await t?.close();
});

/**
 * A consultation of `employee` with `practitioner` starting `minutesFromNow` (then one minute
 * long, so that the ones placed around now never overlap), or at a unique time far away.
 */
async function consultation(
  values: Partial<Parameters<typeof placeConsultation>[1]> & { minutesFromNow?: number } = {},
) {
  const { minutesFromNow, ...rest } = values;
  slot += 1;
  const scheduledAt =
    minutesFromNow === undefined
      ? new Date(Date.now() + (200 + slot) * 24 * HOUR)
      : new Date(Date.now() + minutesFromNow * MINUTE);
  return placeConsultation(t, {
    employeeId: employee.employeeId!,
    practitionerId: practitioner.practitionerId!,
    scheduledAt,
    ...(minutesFromNow === undefined ? {} : { duration: 1 }),
    ...rest,
  });
}

async function eventsOf(id: string) {
  return t.db.ownerDb
    .select()
    .from(consultationEvents)
    .where(eq(consultationEvents.consultationId, id))
    .orderBy(consultationEvents.timestamp);
}

async function latestNotification(userId: string) {
  const [row] = await t.db.ownerDb
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  return row;
}

const REASON = { reason: 'Un imprévu familial' };

describe('illegal transitions', () => {
  const cases = CONSULTATION_ACTIONS.flatMap((action) =>
    CONSULTATION_STATUSES.filter((status) => !TRANSITIONS[action].from.includes(status)).map((status) => ({
      action,
      status,
    })),
  );

  it('covers every (action, status) pair the policy does not allow', () => {
    expect(cases).toHaveLength(23);
  });

  it.each(cases)(
    '$action from $status answers 409 with the current state, and changes nothing',
    async ({ action, status }) => {
      const c = await consultation({ status });
      const response = await act(t, practitioner, c.id, action, action === 'cancel' ? REASON : undefined);
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: status });
      expect((await storedConsultation(t, c.id)).status).toBe(status);
      expect(await eventsOf(c.id)).toEqual([]);
    },
  );
});

describe('confirm, start, end', () => {
  it('confirms: event with actor, role, IP and user agent; the employee is notified', async () => {
    const c = await consultation({ minutesFromNow: 3 * 60 + 1 });
    const response = await act(t, practitioner, c.id, 'confirm');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe('CONFIRMED');
    const [event] = await eventsOf(c.id);
    expect(event).toMatchObject({
      eventType: 'CONFIRMED',
      actorId: practitioner.user.id,
      actorRole: 'PRACTITIONER',
      ipAddress: '203.0.113.7',
      userAgent: 'HuntZen tests',
    });
    expect(await latestNotification(employee.user.id)).toMatchObject({
      type: 'CONSULTATION_CONFIRMED',
      linkUrl: `/app/consultations/${c.id}`,
    });
  });

  it('opens the start 10 minutes before the planned start', async () => {
    const early = await consultation({ status: 'CONFIRMED', minutesFromNow: 12 });
    const refused = await act(t, practitioner, early.id, 'start');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'OUTSIDE_TIME_WINDOW', currentState: 'CONFIRMED' });

    const soon = await consultation({ status: 'CONFIRMED', minutesFromNow: 8 });
    const started = await act(t, practitioner, soon.id, 'start');
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'IN_PROGRESS' });
    expect(Date.now() - Date.parse(started.json().startedAt)).toBeLessThan(60_000);
    expect((await eventsOf(soon.id)).map((e) => e.eventType)).toEqual(['STARTED']);
  });

  it('ends: actualDuration in whole minutes by the trigger, totalConsultations + 1 in the same change', async () => {
    const before = await totalOf(practitioner.practitionerId!);
    const c = await consultation({
      status: 'IN_PROGRESS',
      minutesFromNow: -47,
      startedAt: new Date(Date.now() - 47 * MINUTE - 10_000),
    });
    const response = await act(t, practitioner, c.id, 'end');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'COMPLETED', actualDuration: 47, isBillable: true });
    expect(await totalOf(practitioner.practitionerId!)).toBe(before + 1);
    const [event] = await eventsOf(c.id);
    expect(event).toMatchObject({
      eventType: 'ENDED',
      metadata: expect.objectContaining({ actualDuration: 47 }),
    });
    expect(await latestNotification(employee.user.id)).toMatchObject({ type: 'SYSTEM' });
  });

  it(`a session under ${MIN_BILLABLE_MINUTES} minutes ends only when confirmed, and is not billed`, async () => {
    // Started at T−10 min, ended at once: 0 minutes.
    const c = await consultation({ status: 'CONFIRMED', minutesFromNow: 9.5 });
    expect((await act(t, practitioner, c.id, 'start')).statusCode).toBe(200);

    const unconfirmed = await act(t, practitioner, c.id, 'end');
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json()).toMatchObject({ code: 'CONFIRMATION_REQUIRED', currentState: 'IN_PROGRESS' });
    expect((await act(t, practitioner, c.id, 'end', { confirmShort: false })).statusCode).toBe(409);
    expect(await storedConsultation(t, c.id)).toMatchObject({ status: 'IN_PROGRESS', isBillable: true });

    const ended = await act(t, practitioner, c.id, 'end', { confirmShort: true });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'COMPLETED', actualDuration: 0, isBillable: false });
    expect(await storedConsultation(t, c.id)).toMatchObject({ isBillable: false, billingStatus: 'PENDING' });
    const endEvent = (await eventsOf(c.id)).find((e) => e.eventType === 'ENDED');
    expect(endEvent?.metadata).toMatchObject({ actualDuration: 0, isBillable: false });

    const admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
    const month = c.scheduledAt.toISOString().slice(0, 7);
    const billing = await t.app.inject({
      method: 'GET',
      url: `/api/v1/billing/consultations?month=${month}`,
      headers: admin.headers,
    });
    expect(billing.statusCode, billing.body).toBe(200);
    expect(billing.json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
  });

  it('a confirmation is not needed, and changes nothing, once the minimum is reached', async () => {
    const c = await consultation({
      status: 'IN_PROGRESS',
      minutesFromNow: -11.5,
      startedAt: new Date(Date.now() - MIN_BILLABLE_MINUTES * MINUTE),
    });
    const response = await act(t, practitioner, c.id, 'end', { confirmShort: true });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ actualDuration: MIN_BILLABLE_MINUTES, isBillable: true });
  });

  it('the database refuses a participant who ends a real session unbillable, or a short one billable', async () => {
    const long = await consultation({
      status: 'IN_PROGRESS',
      minutesFromNow: -41.5,
      startedAt: new Date(Date.now() - 40 * MINUTE),
    });
    const short = await consultation({ status: 'IN_PROGRESS', minutesFromNow: 3.5, startedAt: new Date() });
    const end = (id: string, billable: boolean) =>
      withActor(
        t.db,
        { role: 'PRACTITIONER', userId: practitioner.user.id, practitionerId: practitioner.practitionerId },
        (tx) =>
          tx.execute(
            sql`update consultations set status = 'COMPLETED', ended_at = now(), is_billable = ${billable} where id = ${id}`,
          ),
      );
    await expect(end(long.id, false)).rejects.toThrow();
    await expect(end(short.id, true)).rejects.toThrow();
    await expect(end(short.id, false)).resolves.toBeDefined();
  });
});

async function totalOf(practitionerId: string): Promise<number> {
  const [row] = await t.db.ownerDb
    .select({ n: practitioners.totalConsultations })
    .from(practitioners)
    .where(eq(practitioners.id, practitionerId));
  return row!.n;
}

describe('cancel', () => {
  it('by the employee, late: stays billable; the reason is kept but never in the event', async () => {
    const c = await consultation({ status: 'CONFIRMED', minutesFromNow: 5 * 60 });
    const response = await act(t, employee, c.id, 'cancel', REASON);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'CANCELLED',
      cancelledBy: 'employee',
      cancelledWithin24h: true,
      cancelReason: REASON.reason,
      isBillable: true,
    });
    const stored = await storedConsultation(t, c.id);
    expect(stored.cancelledBy).toBe(employee.user.id);
    const [event] = await eventsOf(c.id);
    expect(event).toMatchObject({
      eventType: 'CANCELLED',
      actorRole: 'EMPLOYEE',
      metadata: { cancelledBy: 'employee', cancelledWithin24h: true, isBillable: true },
    });
    expect(JSON.stringify(event)).not.toContain(REASON.reason);
    const notice = await latestNotification(practitioner.user.id);
    expect(notice).toMatchObject({ type: 'CONSULTATION_CANCELLED' });
    expect(JSON.stringify(notice)).not.toContain(REASON.reason);
  });

  it('by the employee, more than 24 h ahead: not billable', async () => {
    const c = await consultation({ minutesFromNow: 25 * 60 });
    const response = await act(t, employee, c.id, 'cancel', REASON);
    expect(response.json()).toMatchObject({ cancelledWithin24h: false, isBillable: false });
  });

  it('by the practitioner, late: never billable; the employee is notified', async () => {
    const c = await consultation({ minutesFromNow: 2 * 60 });
    const response = await act(t, practitioner, c.id, 'cancel', REASON);
    expect(response.json()).toMatchObject({
      cancelledBy: 'practitioner',
      cancelledWithin24h: true,
      isBillable: false,
    });
    expect(await latestNotification(employee.user.id)).toMatchObject({ type: 'CONSULTATION_CANCELLED' });
  });

  it('by an admin, even after the start: not billable, both notified, the reason hidden from the admin', async () => {
    const admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
    const c = await consultation({ minutesFromNow: -5 });
    const response = await act(t, admin, c.id, 'cancel', REASON);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ cancelledBy: 'admin', isBillable: false, cancelReason: null });
    for (const user of [employee, practitioner]) {
      const notice = await latestNotification(user.user.id);
      expect(notice).toMatchObject({ type: 'CONSULTATION_CANCELLED', metadata: { consultationId: c.id } });
      expect(notice!.message).toContain('HuntZen');
    }
  });

  it('needs a reason, and is closed to participants once the consultation has begun', async () => {
    const c = await consultation({ minutesFromNow: 3 * 60 + 2 });
    for (const payload of [{}, { reason: '  ' }, { reason: 'x'.repeat(1001) }]) {
      const response = await act(t, employee, c.id, 'cancel', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors[0].path).toBe('body.reason');
    }
    const begun = await consultation({ status: 'CONFIRMED', minutesFromNow: -1 });
    for (const who of [employee, practitioner]) {
      const response = await act(t, who, begun.id, 'cancel', REASON);
      expect(response.json()).toMatchObject({ code: 'OUTSIDE_TIME_WINDOW', currentState: 'CONFIRMED' });
    }
  });
});

describe('no-show', () => {
  it('the practitioner marks the employee absent after 15 minutes: billable', async () => {
    const c = await consultation({ status: 'CONFIRMED', minutesFromNow: -16 });
    const response = await act(t, practitioner, c.id, 'no-show');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'NO_SHOW', noShowBy: 'employee', isBillable: true });
    const [event] = await eventsOf(c.id);
    expect(event).toMatchObject({
      eventType: 'NO_SHOW',
      metadata: { noShowBy: 'employee', isBillable: true, flagged: false },
    });
    expect(await latestNotification(employee.user.id)).toMatchObject({
      type: 'SYSTEM',
      metadata: { change: 'absent' },
    });
  });

  it('the employee reports the practitioner absent: not billable, flagged for admins', async () => {
    const c = await consultation({ minutesFromNow: -20 });
    const response = await act(t, employee, c.id, 'no-show');
    expect(response.json()).toMatchObject({ status: 'NO_SHOW', noShowBy: 'practitioner', isBillable: false });
    const [event] = await eventsOf(c.id);
    expect(event!.metadata).toMatchObject({ noShowBy: 'practitioner', flagged: true });
    const admin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
    const flagged = await t.app.inject({
      method: 'GET',
      url: '/api/v1/consultations?when=past&flagged=true&limit=100',
      headers: admin.headers,
    });
    expect(flagged.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect(flagged.json().items.every((i: { noShowBy: string }) => i.noShowBy === 'practitioner')).toBe(true);
  });

  it('is too early before 15 minutes, whoever asks', async () => {
    const c = await consultation({ status: 'CONFIRMED', minutesFromNow: -14 });
    for (const who of [employee, practitioner]) {
      const response = await act(t, who, c.id, 'no-show');
      expect(response.json()).toMatchObject({ code: 'OUTSIDE_TIME_WINDOW', currentState: 'CONFIRMED' });
    }
  });
});

describe('who may act', () => {
  it('keeps the practitioner’s actions from the employee, and absences from admins (403)', async () => {
    const c = await consultation({ minutesFromNow: 5 });
    for (const action of ['confirm', 'start', 'end']) {
      expect((await act(t, employee, c.id, action)).statusCode, action).toBe(403);
    }
    const admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
    expect((await act(t, admin, c.id, 'no-show')).statusCode).toBe(403);
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
    expect((await act(t, hr, c.id, 'cancel', REASON)).statusCode).toBe(403);
  });

  it('answers 404 to anyone who is not a participant: a colleague, another practitioner, another company', async () => {
    const c = await consultation({ minutesFromNow: 3 * 60 + 3 });
    const colleague = await consentingEmployee(t, companyId);
    const stranger = await consentingEmployee(t, (await createCompany(t.db)).id);
    const otherPractitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
    for (const [who, action] of [
      [colleague, 'cancel'],
      [stranger, 'cancel'],
      [otherPractitioner, 'confirm'],
      [otherPractitioner, 'cancel'],
    ] as const) {
      const response = await act(t, who, c.id, action, action === 'cancel' ? REASON : undefined);
      expect(response.statusCode, `${who.user.role} ${action}`).toBe(404);
    }
    expect((await storedConsultation(t, c.id)).status).toBe('SCHEDULED');
    const missing = await act(t, practitioner, '00000000-0000-4000-8000-000000000000', 'confirm');
    expect(missing.statusCode).toBe(404);
    const malformed = await act(t, practitioner, 'nope', 'confirm');
    expect(malformed.statusCode).toBe(400);
    expect(
      await t.db.ownerDb
        .select()
        .from(consultationEvents)
        .where(and(eq(consultationEvents.consultationId, c.id))),
    ).toEqual([]);
  });
});
