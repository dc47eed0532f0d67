// Concurrency: requests sent at the same time, through the API, on a real database. Whatever the
// interleaving, one slot is booked once, an employee is in one place at a time, an
// Idempotency-Key books once, and two lifecycle actions on one consultation take turns.
import { randomUUID } from 'node:crypto';
import { consultationEvents, consultations, practitioners } from '@huntzen/db';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany } from '../../../test/identity';
import {
  type Account,
  act,
  book,
  consentingEmployee,
  emailJobsOf,
  MINUTE,
  openPractitioner,
  placeConsultation,
  slotIn,
} from './consultations.fixtures';
import { EMPLOYEE_CALENDAR, PRACTITIONER_CALENDAR } from './consultations.repository';

let t: TestApp;
let companyId: string;
let practitioner: Account;

beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
  practitioner = await openPractitioner(t);
});
afterAll(async () => {
  await t?.close();
});

/** `count` consenting employees, signed in a few at a time (bcrypt). */
async function employeesOf(count: number): Promise<Account[]> {
  const accounts: Account[] = [];
  while (accounts.length < count) {
    const batch = Math.min(5, count - accounts.length);
    accounts.push(
      ...(await Promise.all(Array.from({ length: batch }, () => consentingEmployee(t, companyId)))),
    );
  }
  return accounts;
}

const tally = (responses: { statusCode: number; json(): { code?: string } }[]) =>
  responses.map((r) =>
    r.statusCode === 201 || r.statusCode === 200 ? r.statusCode : `${r.statusCode} ${r.json().code}`,
  );

describe('concurrent bookings', () => {
  it('books one slot once among 50 employees: one 201, 49 × 409 SLOT_TAKEN', async () => {
    const crowd = await employeesOf(50);
    const at = slotIn(4);
    const responses = await Promise.all(
      crowd.map((employee) =>
        book(t, employee, {
          practitionerId: practitioner.practitionerId,
          scheduledAt: at.toISOString(),
          format: 'VIDEO',
        }),
      ),
    );
    const outcome = tally(responses);
    expect(outcome.filter((o) => o === 201)).toHaveLength(1);
    expect(outcome.filter((o) => o === '409 SLOT_TAKEN')).toHaveLength(49);
    const rows = await t.db.ownerDb
      .select({ id: consultations.id })
      .from(consultations)
      .where(
        and(
          eq(consultations.practitionerId, practitioner.practitionerId!),
          eq(consultations.scheduledAt, at),
        ),
      );
    expect(rows).toEqual([{ id: responses.find((r) => r.statusCode === 201)!.json().id }]);
  }, 180_000);

  it('keeps one employee booking two practitioners at once to one: 201 and 409 EMPLOYEE_BUSY, every round', async () => {
    const [employee] = await employeesOf(1);
    const second = await openPractitioner(t);
    for (let round = 0; round < 5; round++) {
      const at = slotIn(10 + round);
      const responses = await Promise.all(
        [practitioner, second].map((p) =>
          book(t, employee!, {
            practitionerId: p.practitionerId,
            scheduledAt: at.toISOString(),
            format: 'VIDEO',
          }),
        ),
      );
      expect(tally(responses).sort(), `round ${round}`).toEqual([201, '409 EMPLOYEE_BUSY']);
    }
    const held = await t.db.ownerDb
      .select({ id: consultations.id })
      .from(consultations)
      .where(and(eq(consultations.employeeId, employee!.employeeId!), ne(consultations.status, 'CANCELLED')));
    expect(held).toHaveLength(5);
  }, 120_000);

  it('books once for 10 simultaneous requests with the same Idempotency-Key, all answered alike', async () => {
    const [employee] = await employeesOf(1);
    const key = randomUUID();
    const at = slotIn(20);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        book(
          t,
          employee!,
          { practitionerId: practitioner.practitionerId, scheduledAt: at.toISOString(), format: 'AUDIO' },
          { 'idempotency-key': key },
        ),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    const ids = new Set(responses.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    const [id] = [...ids] as [string];
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    const rows = await t.db.ownerDb
      .select({ id: consultations.id })
      .from(consultations)
      .where(eq(consultations.employeeId, employee!.employeeId!));
    expect(rows).toEqual([{ id }]);
    const events = await t.db.ownerDb
      .select()
      .from(consultationEvents)
      .where(eq(consultationEvents.consultationId, id));
    expect(events).toHaveLength(1);
    const notices = await t.db.owner.query(
      `select 1 from notifications where user_id = $1 and metadata->>'consultationId' = $2`,
      [practitioner.user.id, id],
    );
    expect(notices.rowCount).toBe(1);
    expect(await emailJobsOf(t, id)).toHaveLength(1);
  }, 120_000);
});

describe('a race lost at the database', () => {
  /** Waits until a session of this database waits for a lock (the booking behind our insert). */
  async function someoneWaits(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const { rowCount } = await t.db.owner.query(
        `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no booking ever waited for the competing insert');
  }

  it.each([
    ['practitioner', 'SLOT_TAKEN'],
    ['employee', 'EMPLOYEE_BUSY'],
  ] as const)('answers %s overlap found by the exclusion constraint (23P01) with %s', async (who, code) => {
    const [employee, rival] = await employeesOf(2);
    const other = await openPractitioner(t);
    const at = slotIn(30 + (who === 'employee' ? 1 : 0));
    // A competing booking, inserted but not committed: invisible to the slot check, so the
    // request passes every check and then waits on the constraint.
    const competitor =
      who === 'practitioner'
        ? { employeeId: rival!.employeeId!, practitionerId: practitioner.practitionerId! }
        : { employeeId: employee!.employeeId!, practitionerId: other.practitionerId! };
    const client = await t.db.owner.connect();
    try {
      await client.query('begin');
      await client.query(
        `insert into consultations (company_id, employee_id, practitioner_id, scheduled_at, scheduled_end_at, duration, format)
         values ($1, $2, $3, $4, $4::timestamptz + interval '50 minutes', 50, 'VIDEO')`,
        [companyId, competitor.employeeId, competitor.practitionerId, at.toISOString()],
      );
      const pending = book(t, employee!, {
        practitionerId: practitioner.practitionerId,
        scheduledAt: at.toISOString(),
        format: 'VIDEO',
      });
      await someoneWaits();
      await client.query('commit');
      const response = await pending;
      expect([response.statusCode, response.json().code]).toEqual([409, code]);
    } finally {
      client.release();
    }
  });
});

describe('calendar locks', () => {
  /** Waits until a session of this database waits for an advisory lock (the booking's insert). */
  async function someoneWaitsForACalendar(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const { rowCount } = await t.db.owner.query(
        `select 1 from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`,
      );
      if (rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no booking ever waited for the calendar lock');
  }

  it.each([
    ['practitioner', 'SLOT_TAKEN', PRACTITIONER_CALENDAR],
    ['employee', 'EMPLOYEE_BUSY', EMPLOYEE_CALENDAR],
  ] as const)(
    'waits for the %s calendar before inserting, then meets the row committed meanwhile: %s',
    async (who, code, calendar) => {
      const [employee, rival] = await employeesOf(2);
      const other = await openPractitioner(t);
      const at = slotIn(40 + (who === 'employee' ? 1 : 0));
      const competitor =
        who === 'practitioner'
          ? { employeeId: rival!.employeeId!, practitionerId: practitioner.practitionerId! }
          : { employeeId: employee!.employeeId!, practitionerId: other.practitionerId! };
      const locked = who === 'practitioner' ? competitor.practitionerId : competitor.employeeId;
      const client = await t.db.owner.connect();
      try {
        // Another writer holds the calendar: the booking passes every check (the slot is free),
        // then its insert waits; the writer's row, committed meanwhile, is the one the insert meets.
        await client.query('begin');
        await client.query('select pg_advisory_xact_lock($1, hashtext($2))', [calendar, locked]);
        const pending = book(t, employee!, {
          practitionerId: practitioner.practitionerId,
          scheduledAt: at.toISOString(),
          format: 'VIDEO',
        });
        await someoneWaitsForACalendar();
        await client.query(
          `insert into consultations (company_id, employee_id, practitioner_id, scheduled_at, scheduled_end_at, duration, format)
         values ($1, $2, $3, $4, $4::timestamptz + interval '50 minutes', 50, 'VIDEO')`,
          [companyId, competitor.employeeId, competitor.practitionerId, at.toISOString()],
        );
        await client.query('commit');
        const response = await pending;
        expect([response.statusCode, response.json().code]).toEqual([409, code]);
      } finally {
        client.release();
      }
    },
  );
});

describe('concurrent lifecycle actions', () => {
  it('ends a consultation once when "end" is sent twice at once; the counter moves by one', async () => {
    const [employee] = await employeesOf(1);
    const before = await totalOf(practitioner.practitionerId!);
    const c = await placeConsultation(t, {
      employeeId: employee!.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: new Date(Date.now() - 40 * MINUTE),
      status: 'IN_PROGRESS',
      startedAt: new Date(Date.now() - 38 * MINUTE),
    });
    const responses = await Promise.all([
      act(t, practitioner, c.id, 'end'),
      act(t, practitioner, c.id, 'end'),
    ]);
    expect(tally(responses).sort()).toEqual([200, '409 ILLEGAL_TRANSITION']);
    expect(responses.find((r) => r.statusCode === 409)!.json().currentState).toBe('COMPLETED');
    expect(await totalOf(practitioner.practitionerId!)).toBe(before + 1);
    const ended = await t.db.ownerDb
      .select()
      .from(consultationEvents)
      .where(and(eq(consultationEvents.consultationId, c.id), eq(consultationEvents.eventType, 'ENDED')));
    expect(ended).toHaveLength(1);
  });

  it('lets only one absence report win when both participants report the other at once', async () => {
    const [employee] = await employeesOf(1);
    const c = await placeConsultation(t, {
      employeeId: employee!.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: new Date(Date.now() - 100 * MINUTE),
      status: 'CONFIRMED',
    });
    const responses = await Promise.all([
      act(t, practitioner, c.id, 'no-show'),
      act(t, employee!, c.id, 'no-show'),
    ]);
    expect(tally(responses).sort()).toEqual([200, '409 ILLEGAL_TRANSITION']);
    const winner = responses.find((r) => r.statusCode === 200)!.json();
    const [stored] = await t.db.ownerDb.select().from(consultations).where(eq(consultations.id, c.id));
    expect(stored!.noShowBy).toBe(winner.noShowBy);
    // The loser's report left no trace: one event, one notification about it.
    expect(
      await t.db.ownerDb.select().from(consultationEvents).where(eq(consultationEvents.consultationId, c.id)),
    ).toHaveLength(1);
    const notified = await t.db.owner.query(
      `select 1 from notifications where metadata->>'consultationId' = $1`,
      [c.id],
    );
    expect(notified.rowCount).toBe(1);
  });
});

async function totalOf(practitionerId: string): Promise<number> {
  const [row] = await t.db.ownerDb
    .select({ n: practitioners.totalConsultations })
    .from(practitioners)
    .where(eq(practitioners.id, practitionerId));
  return row!.n;
}
