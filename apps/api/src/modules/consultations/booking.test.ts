// Booking through the API on a real database: the happy path and what it writes, every refusal,
// the Idempotency-Key, and the database's own guarantees (exclusion and CHECK constraints).
import { randomUUID } from 'node:crypto';
import {
  auditLogs,
  companies,
  consultationEvents,
  consultations,
  employees,
  idempotencyKeys,
  notifications,
  practitioners,
} from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany } from '../../../test/identity';
import { queuedJobs } from '../../../test/jobs';
import {
  type Account,
  act,
  book,
  consentingEmployee,
  emailJobsOf,
  MINUTE,
  openAllWeek,
  openPractitioner,
  placeConsultation,
  slotIn,
  storedConsultation,
} from './consultations.fixtures';
import { roomPasswordOf } from './rooms';

let t: TestApp;
let companyId: string;
let employee: Account;
let practitioner: Account;

beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
  practitioner = await openPractitioner(t);
  employee = await consentingEmployee(t, companyId);
});
afterAll(async () => {
  await t?.close();
});

/** SQLSTATE and constraint of a database error, wherever the driver put it. */
function pgError(error: unknown): [string | undefined, string | undefined] {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; constraint?: string };
    if (typeof pg.code === 'string' && /^[0-9A-Z]{5}$/.test(pg.code)) return [pg.code, pg.constraint];
  }
  return [undefined, undefined];
}

const body = (at: Date, overrides: Record<string, unknown> = {}) => ({
  practitionerId: practitioner.practitionerId,
  scheduledAt: at.toISOString(),
  format: 'VIDEO',
  ...overrides,
});

describe('POST /api/v1/consultations', () => {
  it('books a free slot: the row, its room, its event, the audit entry, the notification and the e-mail job', async () => {
    const at = slotIn(3);
    const response = await book(t, employee, body(at));
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json();
    expect(view).toMatchObject({
      status: 'SCHEDULED',
      format: 'VIDEO',
      scheduledAt: at.toISOString(),
      scheduledEndAt: new Date(at.getTime() + 50 * MINUTE).toISOString(),
      duration: 50,
      hasRoom: true,
      practitioner: { id: practitioner.practitionerId },
      employee: { id: employee.employeeId },
      isBillable: true,
      billingStatus: 'PENDING',
    });
    expect(response.headers.location).toBe(`/api/v1/consultations/${view.id}`);

    const row = await storedConsultation(t, view.id);
    expect(row.roomName).toMatch(/^hz-[0-9a-f]{32}$/);
    const password = roomPasswordOf(t.app.cipher, row.id, row.roomPassword!);
    expect(password).toMatch(/^[\w-]{16}$/);
    expect(row.roomPassword).not.toContain(password);
    // The room's secrets never leave through this route.
    expect(response.body).not.toContain(row.roomName);
    expect(response.body).not.toContain(password);
    expect(Object.keys(view)).not.toContain('roomName');
    expect(row.companyId).toBe(companyId);

    const events = await t.db.ownerDb
      .select()
      .from(consultationEvents)
      .where(eq(consultationEvents.consultationId, view.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventType: 'CREATED',
      actorId: employee.user.id,
      actorRole: 'EMPLOYEE',
      userAgent: 'HuntZen tests',
      metadata: { format: 'VIDEO', duration: 50, scheduledAt: at.toISOString() },
    });
    expect(events[0]!.ipAddress).toMatch(/^10\./);

    const [audit] = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resource, 'consultation'), eq(auditLogs.resourceId, view.id)));
    expect(audit).toMatchObject({ action: 'CREATE', userId: employee.user.id, companyId });

    const [notice] = await t.db.ownerDb
      .select()
      .from(notifications)
      .where(eq(notifications.userId, practitioner.user.id));
    expect(notice).toMatchObject({
      type: 'SYSTEM',
      linkUrl: `/app/consultations/${view.id}`,
      metadata: { consultationId: view.id, change: 'booked' },
    });
    expect(notice!.message).toContain('Camille');

    expect(await emailJobsOf(t, view.id)).toEqual([
      expect.objectContaining({ kind: 'booked', by: 'employee', sequence: 0, eventId: events[0]!.id }),
    ]);

    // Reminders planned with the booking (3–4 h ahead: only the 1 h one); the cancellation drops it.
    const reminderJobs = async () =>
      (
        await queuedJobs<{ kind: string }>(t.db, 'send_consultation_reminder', { consultationId: view.id })
      ).map((job) => job.payload.kind);
    expect(await reminderJobs()).toEqual(['1h']);
    const cancel = await act(t, employee, view.id, 'cancel', { reason: 'Un imprévu familial' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(await reminderJobs()).toEqual([]);
  });

  it('gives AUDIO a room and IN_PERSON none', async () => {
    const other = await openPractitioner(t, {
      offersInPerson: true,
      inPersonAddress: '1 rue de la Paix, Paris',
    });
    const audio = await book(
      t,
      employee,
      body(slotIn(5), { practitionerId: other.practitionerId, format: 'AUDIO' }),
    );
    expect(audio.statusCode, audio.body).toBe(201);
    expect(audio.json().hasRoom).toBe(true);
    const visit = await book(
      t,
      employee,
      body(slotIn(7), { practitionerId: other.practitionerId, format: 'IN_PERSON' }),
    );
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json().hasRoom).toBe(false);
    const row = await storedConsultation(t, visit.json().id);
    expect([row.roomName, row.roomPassword]).toEqual([null, null]);
  });

  it('takes the duration from the practitioner’s slots', async () => {
    const short = await openPractitioner(t);
    await t.db.owner.query('delete from availabilities where practitioner_id = $1', [short.practitionerId]);
    await openAllWeek(t, short.practitionerId!, 45, 15);
    const at = slotIn(9);
    const response = await book(t, employee, body(at, { practitionerId: short.practitionerId }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      duration: 45,
      scheduledEndAt: new Date(at.getTime() + 45 * MINUTE).toISOString(),
    });
  });

  it('refuses malformed requests with the fields named', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ scheduledAt: slotIn(3).toISOString(), format: 'VIDEO' }, 'body.practitionerId'],
      [body(slotIn(3), { practitionerId: 'not-a-uuid' }), 'body.practitionerId'],
      [body(slotIn(3), { format: 'CHAT' }), 'body.format'],
      [body(slotIn(3), { scheduledAt: '2030-03-02T10:00:00+01:00' }), 'body.scheduledAt'],
      [body(slotIn(3), { scheduledAt: 'tomorrow' }), 'body.scheduledAt'],
      [{ practitionerId: practitioner.practitionerId, format: 'VIDEO' }, 'body.scheduledAt'],
    ];
    for (const [payload, path] of cases) {
      const response = await book(t, employee, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('refuses a time that is not a free slot: off the grid, too soon, past the horizon, in the past', async () => {
    const hour = slotIn(11);
    for (const at of [
      new Date(hour.getTime() + 30 * MINUTE),
      new Date(Date.now() + 60 * MINUTE - ((Date.now() + 60 * MINUTE) % 3_600_000)),
      slotIn(61 * 24),
      slotIn(-30),
    ]) {
      const response = await book(t, employee, body(at));
      expect(response.statusCode, `${at.toISOString()} ${response.body}`).toBe(400);
      expect(response.json().errors).toEqual([
        { path: 'body.scheduledAt', message: 'is not a free slot of this practitioner' },
      ]);
    }
  });

  it('answers 404 for an unknown, unvalidated or inactive practitioner', async () => {
    const hidden = await openPractitioner(t, { isValidated: false });
    const retired = await openPractitioner(t, { isActive: false });
    for (const id of [randomUUID(), hidden.practitionerId, retired.practitionerId]) {
      const response = await book(t, employee, body(slotIn(13), { practitionerId: id }));
      expect(response.statusCode, response.body).toBe(404);
    }
  });

  it('refuses a format the practitioner does not offer', async () => {
    const response = await book(t, employee, body(slotIn(13), { format: 'IN_PERSON' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'body.format', message: 'is not offered by this practitioner' },
    ]);
    await t.db.ownerDb
      .update(practitioners)
      .set({ offersPhone: false })
      .where(eq(practitioners.id, practitioner.practitionerId!));
    const audio = await book(t, employee, body(slotIn(13), { format: 'AUDIO' }));
    expect(audio.json().errors).toEqual([
      { path: 'body.format', message: 'is not offered by this practitioner' },
    ]);
    await t.db.ownerDb
      .update(practitioners)
      .set({ offersPhone: true })
      .where(eq(practitioners.id, practitioner.practitionerId!));
  });

  it('refuses a first consultation with a practitioner who takes no new clients, not a returning client', async () => {
    const closed = await openPractitioner(t, { isAcceptingNewClients: false });
    const newcomer = await consentingEmployee(t, companyId);
    const refused = await book(t, newcomer, body(slotIn(15), { practitionerId: closed.practitionerId }));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('NOT_ACCEPTING_NEW_CLIENTS');

    const regular = await consentingEmployee(t, companyId);
    await placeConsultation(t, {
      employeeId: regular.employeeId!,
      practitionerId: closed.practitionerId!,
      scheduledAt: new Date(Date.now() - 30 * 24 * 3_600_000),
      status: 'COMPLETED',
    });
    const accepted = await book(t, regular, body(slotIn(15), { practitionerId: closed.practitionerId }));
    expect(accepted.statusCode, accepted.body).toBe(201);
  });

  it('asks for the current consent first', async () => {
    const undecided = await consentingEmployee(t, companyId);
    await t.db.ownerDb
      .update(employees)
      .set({ consentGivenAt: null, consentVersion: null })
      .where(eq(employees.id, undecided.employeeId!));
    const missing = await book(t, undecided, body(slotIn(17)));
    expect([missing.statusCode, missing.json().code]).toEqual([403, 'CONSENT_REQUIRED']);
    await t.db.ownerDb
      .update(employees)
      .set({ consentGivenAt: new Date(), consentVersion: '0.9' })
      .where(eq(employees.id, undecided.employeeId!));
    const outdated = await book(t, undecided, body(slotIn(17)));
    expect([outdated.statusCode, outdated.json().code]).toEqual([403, 'CONSENT_REQUIRED']);
  });

  it('refuses employees of a company that is no longer active', async () => {
    const company = await createCompany(t.db);
    const worker = await consentingEmployee(t, company.id);
    await t.db.ownerDb.update(companies).set({ isActive: false }).where(eq(companies.id, company.id));
    const response = await book(t, worker, body(slotIn(19)));
    expect([response.statusCode, response.json().code]).toEqual([403, 'FORBIDDEN']);
    expect(response.json().detail).toMatch(/company/);
  });

  it('answers SLOT_TAKEN for a booked slot and EMPLOYEE_BUSY when the employee is booked elsewhere', async () => {
    const at = slotIn(21);
    expect((await book(t, employee, body(at))).statusCode).toBe(201);
    const colleague = await consentingEmployee(t, companyId);
    const taken = await book(t, colleague, body(at));
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'SLOT_TAKEN']);

    const other = await openPractitioner(t);
    const busy = await book(t, employee, body(at, { practitionerId: other.practitionerId }));
    expect([busy.statusCode, busy.json().code]).toEqual([409, 'EMPLOYEE_BUSY']);
  });

  it('tells an employee whose other tab booked the slot that it is already theirs', async () => {
    const at = slotIn(37);
    const first = await book(t, employee, body(at), { 'idempotency-key': randomUUID() });
    expect(first.statusCode).toBe(201);
    const second = await book(t, employee, body(at), { 'idempotency-key': randomUUID() });
    expect([second.statusCode, second.json().code]).toEqual([409, 'SLOT_TAKEN']);
    expect(second.json().consultationId).toBe(first.json().id);
    // Someone else losing that slot learns nothing of whose it is.
    const colleague = await consentingEmployee(t, companyId);
    const taken = await book(t, colleague, body(at));
    expect(taken.json().code).toBe('SLOT_TAKEN');
    expect(taken.json()).not.toHaveProperty('consultationId');
  });

  it('frees the time of a cancelled consultation, not of a no-show', async () => {
    const colleague = await consentingEmployee(t, companyId);
    const freed = slotIn(23);
    await placeConsultation(t, {
      employeeId: colleague.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: freed,
      status: 'CANCELLED',
    });
    expect((await book(t, employee, body(freed))).statusCode).toBe(201);
    const kept = slotIn(24);
    await placeConsultation(t, {
      employeeId: colleague.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: kept,
      status: 'NO_SHOW',
    });
    const refused = await book(t, employee, body(kept));
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'SLOT_TAKEN']);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer for the same request, and books once', async () => {
    const key = randomUUID();
    const first = await book(t, employee, body(slotIn(25)), { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same instant written differently is the same request.
    const again = await book(
      t,
      employee,
      body(slotIn(25), { scheduledAt: slotIn(25).toISOString().replace('.000Z', 'Z') }),
      {
        'idempotency-key': key,
      },
    );
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const rows = await t.db.ownerDb
      .select({ id: consultations.id })
      .from(consultations)
      .where(
        and(eq(consultations.employeeId, employee.employeeId!), eq(consultations.scheduledAt, slotIn(25))),
      );
    expect(rows).toEqual([{ id: first.json().id }]);
  });

  it('refuses the key for another request, and keeps keys per user', async () => {
    const key = randomUUID();
    expect((await book(t, employee, body(slotIn(27)), { 'idempotency-key': key })).statusCode).toBe(201);
    const reused = await book(t, employee, body(slotIn(28)), { 'idempotency-key': key });
    expect([reused.statusCode, reused.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const someoneElse = await consentingEmployee(t, companyId);
    const theirs = await book(t, someoneElse, body(slotIn(28)), { 'idempotency-key': key });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const stored = await t.db.ownerDb.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(stored.map((k) => k.userId).sort()).toEqual([employee.user.id, someoneElse.user.id].sort());
    expect(stored.every((k) => k.responseStatus === 201)).toBe(true);
  });

  it('keeps nothing for a refused request, so the same key can be retried', async () => {
    const at = slotIn(29);
    const colleague = await consentingEmployee(t, companyId);
    const blocker = await placeConsultation(t, {
      employeeId: colleague.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: at,
    });
    const key = randomUUID();
    const refused = await book(t, employee, body(at), { 'idempotency-key': key });
    expect(refused.json().code).toBe('SLOT_TAKEN');
    await t.db.ownerDb
      .update(consultations)
      .set({ status: 'CANCELLED' })
      .where(eq(consultations.id, blocker.id));
    const retried = await book(t, employee, body(at), { 'idempotency-key': key });
    expect(retried.statusCode, retried.body).toBe(201);
  });

  it('treats an expired key as new', async () => {
    const key = randomUUID();
    expect((await book(t, employee, body(slotIn(31)), { 'idempotency-key': key })).statusCode).toBe(201);
    await t.db.owner.query(
      `update idempotency_keys set created_at = now() - interval '2 days', expires_at = now() - interval '1 day'
       where key = $1`,
      [key],
    );
    const fresh = await book(t, employee, body(slotIn(33)), { 'idempotency-key': key });
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses malformed keys', async () => {
    for (const key of ['with space', 'x'.repeat(256), 'é']) {
      const response = await book(t, employee, body(slotIn(35)), { 'idempotency-key': key });
      expect(response.statusCode, key).toBe(400);
      expect(response.json().errors[0].path).toBe('headers.idempotency-key');
    }
  });
});

describe('the database', () => {
  it('refuses overlapping consultations of one practitioner or one employee, whoever writes them', async () => {
    const at = slotIn(40 * 24);
    const colleague = await consentingEmployee(t, companyId);
    const other = await openPractitioner(t);
    await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: at,
    });
    const overlap = (values: Parameters<typeof placeConsultation>[1]) =>
      placeConsultation(t, values).then(() => null, pgError);
    const later = new Date(at.getTime() + 49 * MINUTE);
    expect(
      await overlap({
        employeeId: colleague.employeeId!,
        practitionerId: practitioner.practitionerId!,
        scheduledAt: later,
      }),
    ).toEqual(['23P01', 'consultations_practitioner_no_overlap']);
    expect(
      await overlap({
        employeeId: employee.employeeId!,
        practitionerId: other.practitionerId!,
        scheduledAt: later,
      }),
    ).toEqual(['23P01', 'consultations_employee_no_overlap']);
    // Back to back is fine, and so is a cancelled one on top.
    const next = new Date(at.getTime() + 50 * MINUTE);
    expect(
      await overlap({
        employeeId: colleague.employeeId!,
        practitionerId: practitioner.practitionerId!,
        scheduledAt: next,
      }),
    ).toBeNull();
    expect(
      await overlap({
        employeeId: employee.employeeId!,
        practitionerId: other.practitionerId!,
        scheduledAt: at,
        status: 'CANCELLED',
      }),
    ).toBeNull();
    // Reviving a cancelled consultation into a taken time is refused too.
    const revived = await t.db.owner
      .query(
        `update consultations set status = 'SCHEDULED' where employee_id = $1 and practitioner_id = $2`,
        [employee.employeeId, other.practitionerId],
      )
      .then(() => null, pgError);
    expect(revived).toEqual(['23P01', 'consultations_employee_no_overlap']);
  });

  it('keeps the planned end at the start plus the duration', async () => {
    const at = slotIn(41 * 24);
    const error = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: at,
      scheduledEndAt: new Date(at.getTime() + 60 * MINUTE),
    }).catch(pgError);
    expect(error).toEqual(['23514', 'consultations_scheduled_end_check']);
  });

  it('audits every change of a consultation but one of its room secrets alone (a key rotation)', async () => {
    const c = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: slotIn(42 * 24),
    });
    const audited = async () =>
      (
        await t.db.owner.query(
          `select 1 from audit_logs where resource = 'consultation' and resource_id = $1`,
          [c.id],
        )
      ).rowCount;
    await t.db.owner.query(
      `update consultations set room_password = '{"x":1}', jitsi_jwt = 'jwt' where id = $1`,
      [c.id],
    );
    expect(await audited()).toBe(0);
    await t.db.owner.query(`update consultations set status = 'CONFIRMED' where id = $1`, [c.id]);
    expect(await audited()).toBe(1);
  });

  it('shows a user’s idempotency keys to that user only', async () => {
    const { withActor } = await import('@huntzen/db');
    const seen = (actor: Account) =>
      withActor(t.db, { role: actor.user.role, userId: actor.user.id }, (tx) =>
        tx.select().from(idempotencyKeys),
      );
    const mine = await seen(employee);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((k) => k.userId === employee.user.id)).toBe(true);
    expect(await seen(practitioner)).toEqual([]);
  });
});
