// The practitioner's availability through the API on real PostgreSQL: the weekly schedule replaced
// whole, exceptions as CRUD, validation errors naming their fields, audit rows, and nobody else
// editing a practitioner's availability.
import { auditLogs, availabilities } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';

type Account = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let companyId: string;
beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
});
afterAll(async () => {
  await t?.close();
});

const call = (account: Account, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api/v1/me/availability${url}`,
    headers: account.headers,
    ...(payload ? { payload } : {}),
  });

const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);
/** A date `days` ahead in Paris, "YYYY-MM-DD". */
const inDays = (days: number) => DateTime.now().setZone('Europe/Paris').plus({ days }).toISODate()!;

const SCHEDULE = {
  slotDuration: 50,
  windows: [
    { dayOfWeek: 1, startTime: '14:00', endTime: '18:00' },
    { dayOfWeek: 1, startTime: '09:00', endTime: '12:00' },
    { dayOfWeek: 0, startTime: '20:00', endTime: '24:00' },
  ],
};

describe('weekly schedule', () => {
  let practitioner: Account;
  beforeAll(async () => {
    practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
  });

  it('starts empty, in the practitioner’s zone, with their default slot length', async () => {
    const response = await call(practitioner, 'GET', '');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      timezone: 'Europe/Paris',
      bufferTime: 10,
      slotDuration: 50,
      windows: [],
    });
  });

  it('replaces the whole schedule, sorted by day and time, and audits it', async () => {
    const response = await call(practitioner, 'PUT', '', SCHEDULE);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(
      body.windows.map(
        (w: { dayOfWeek: number; startTime: string; endTime: string }) =>
          `${w.dayOfWeek} ${w.startTime}-${w.endTime}`,
      ),
    ).toEqual(['0 20:00-24:00', '1 09:00-12:00', '1 14:00-18:00']);
    expect((await call(practitioner, 'GET', '')).json()).toEqual(body);

    const second = await call(practitioner, 'PUT', '', {
      slotDuration: 30,
      windows: [{ dayOfWeek: 3, startTime: '08:00', endTime: '12:00' }],
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().slotDuration).toBe(30);
    expect(second.json().windows).toHaveLength(1);
    const rows = await t.db.ownerDb
      .select()
      .from(availabilities)
      .where(eq(availabilities.practitionerId, practitioner.practitionerId!));
    expect(rows.map((r) => [r.type, r.dayOfWeek, r.startTime, r.endTime, r.slotDuration])).toEqual([
      ['RECURRING', 3, '08:00', '12:00', 30],
    ]);

    const audits = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.resource, 'availability'), eq(auditLogs.resourceId, practitioner.practitionerId!)),
      );
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => a.changesAfter)).toContainEqual({
      slotDuration: 30,
      windows: ['3 08:00-12:00'],
    });
    expect(audits.every((a) => a.action === 'UPDATE' && a.userId === practitioner.user.id)).toBe(true);
  });

  it('refuses invalid schedules with the field of each problem', async () => {
    const cases: [object, string[]][] = [
      [
        {
          slotDuration: 50,
          windows: [
            { dayOfWeek: 1, startTime: '09:00', endTime: '12:00' },
            { dayOfWeek: 1, startTime: '11:30', endTime: '13:00' },
          ],
        },
        ['body.windows.1.startTime'],
      ],
      [
        { slotDuration: 50, windows: [{ dayOfWeek: 2, startTime: '12:00', endTime: '09:00' }] },
        ['body.windows.0.endTime'],
      ],
      [
        { slotDuration: 50, windows: [{ dayOfWeek: 2, startTime: '24:00', endTime: '24:00' }] },
        ['body.windows.0.startTime'],
      ],
      [
        { slotDuration: 50, windows: [{ dayOfWeek: 2, startTime: '9:00', endTime: '25:00' }] },
        ['body.windows.0.endTime', 'body.windows.0.startTime'],
      ],
      [
        { slotDuration: 50, windows: [{ dayOfWeek: 7, startTime: '09:00', endTime: '10:00' }] },
        ['body.windows.0.dayOfWeek'],
      ],
      [{ slotDuration: 5, windows: [] }, ['body.slotDuration']],
      [{ slotDuration: 181, windows: [] }, ['body.slotDuration']],
    ];
    for (const [payload, expected] of cases) {
      const response = await call(practitioner, 'PUT', '', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(paths(response.json()).sort(), JSON.stringify(payload)).toEqual(expected);
    }
    // Nothing changed.
    expect((await call(practitioner, 'GET', '')).json().windows).toHaveLength(1);
  });

  it('lets touching windows be (09:00-12:00 then 12:00-14:00)', async () => {
    const response = await call(practitioner, 'PUT', '', {
      slotDuration: 50,
      windows: [
        { dayOfWeek: 4, startTime: '09:00', endTime: '12:00' },
        { dayOfWeek: 4, startTime: '12:00', endTime: '14:00' },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
  });
});

describe('exceptions', () => {
  let practitioner: Account;
  let other: Account;
  beforeAll(async () => {
    practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
    other = await signedIn(t.app, t.db, 'PRACTITIONER');
    await call(practitioner, 'PUT', '', { slotDuration: 45, windows: [] });
  });

  it('adds a day off, blocked hours and an extra opening; lists them by date', async () => {
    const dayOff = await call(practitioner, 'POST', '/exceptions', { date: inDays(10), isAvailable: false });
    expect(dayOff.statusCode, dayOff.body).toBe(201);
    expect(dayOff.json()).toMatchObject({
      date: inDays(10),
      isAvailable: false,
      startTime: null,
      endTime: null,
      slotDuration: 45,
    });
    const block = await call(practitioner, 'POST', '/exceptions', {
      date: inDays(3),
      isAvailable: false,
      startTime: '10:00',
      endTime: '12:00',
    });
    expect(block.statusCode, block.body).toBe(201);
    const opening = await call(practitioner, 'POST', '/exceptions', {
      date: inDays(3),
      isAvailable: true,
      startTime: '18:00',
      endTime: '20:00',
      slotDuration: 30,
    });
    expect(opening.statusCode, opening.body).toBe(201);
    expect(opening.json().slotDuration).toBe(30);

    const list = await call(practitioner, 'GET', '/exceptions');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((e: { date: string }) => e.date)).toEqual([
      inDays(3),
      inDays(3),
      inDays(10),
    ]);
    expect(list.json().nextCursor).toBeNull();
    // Pages of one, through the cursor.
    const first = (await call(practitioner, 'GET', '/exceptions?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const next = (await call(practitioner, 'GET', `/exceptions?limit=2&cursor=${first.nextCursor}`)).json();
    expect(next.items.map((e: { id: string }) => e.id)).toEqual([dayOff.json().id]);

    // Stored as midnight UTC of the local date.
    const [row] = await t.db.ownerDb
      .select()
      .from(availabilities)
      .where(eq(availabilities.id, dayOff.json().id));
    expect(row!.date!.toISOString()).toBe(`${inDays(10)}T00:00:00.000Z`);
  });

  it('refuses overlapping exceptions on a date and invalid ones, naming the field', async () => {
    const cases: [object, string][] = [
      // The day off of inDays(10) covers the whole day.
      [{ date: inDays(10), isAvailable: true, startTime: '08:00', endTime: '09:00' }, 'body.startTime'],
      [{ date: inDays(3), isAvailable: false, startTime: '11:00', endTime: '13:00' }, 'body.startTime'],
      [{ date: inDays(3), isAvailable: false }, 'body.date'],
      [{ date: inDays(4), isAvailable: true }, 'body.startTime'],
      [{ date: inDays(4), isAvailable: false, startTime: '10:00' }, 'body.endTime'],
      [{ date: inDays(4), isAvailable: false, startTime: '10:00', endTime: '09:00' }, 'body.endTime'],
      [{ date: inDays(4), isAvailable: false, startTime: '10:00', endTime: '10:61' }, 'body.endTime'],
      [{ date: inDays(-1), isAvailable: false }, 'body.date'],
      [{ date: '2026-02-30', isAvailable: false }, 'body.date'],
      [
        { date: inDays(4), isAvailable: true, startTime: '10:00', endTime: '11:00', slotDuration: 200 },
        'body.slotDuration',
      ],
    ];
    for (const [payload, path] of cases) {
      const response = await call(practitioner, 'POST', '/exceptions', payload);
      expect(response.statusCode, `${JSON.stringify(payload)} ${response.body}`).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(paths(response.json()), JSON.stringify(payload)).toContain(path);
    }
    expect((await call(practitioner, 'GET', '/exceptions')).json().items).toHaveLength(3);
  });

  it('changes and removes an exception, auditing each step', async () => {
    const created = (
      await call(practitioner, 'POST', '/exceptions', {
        date: inDays(20),
        isAvailable: false,
        startTime: '09:00',
        endTime: '10:00',
      })
    ).json();
    const changed = await call(practitioner, 'PUT', `/exceptions/${created.id}`, {
      date: inDays(21),
      isAvailable: false,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      id: created.id,
      date: inDays(21),
      startTime: null,
      endTime: null,
    });
    // Changing an exception does not clash with itself.
    const again = await call(practitioner, 'PUT', `/exceptions/${created.id}`, {
      date: inDays(21),
      isAvailable: false,
    });
    expect(again.statusCode, again.body).toBe(200);

    const removed = await call(practitioner, 'DELETE', `/exceptions/${created.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await call(practitioner, 'DELETE', `/exceptions/${created.id}`)).statusCode).toBe(404);

    const audits = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resource, 'availability'), eq(auditLogs.resourceId, created.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['CREATE', 'DELETE', 'UPDATE', 'UPDATE']);
    const update = audits.find((a) => a.action === 'UPDATE')!;
    expect(update.changesBefore).toMatchObject({ date: inDays(20), startTime: '09:00' });
    expect(update.changesAfter).toMatchObject({ date: inDays(21), startTime: null });
  });

  it('keeps another practitioner out of my exceptions and my schedule', async () => {
    const mine = (
      await call(practitioner, 'POST', '/exceptions', { date: inDays(30), isAvailable: false })
    ).json();
    expect((await call(other, 'GET', '/exceptions')).json().items).toEqual([]);
    const change = await call(other, 'PUT', `/exceptions/${mine.id}`, {
      date: inDays(31),
      isAvailable: false,
    });
    expect(change.statusCode).toBe(404);
    expect((await call(other, 'DELETE', `/exceptions/${mine.id}`)).statusCode).toBe(404);
    // Their schedule is theirs only.
    await call(other, 'PUT', '', {
      slotDuration: 50,
      windows: [{ dayOfWeek: 2, startTime: '08:00', endTime: '09:00' }],
    });
    expect((await call(practitioner, 'GET', '')).json().windows).toEqual([]);
    const [row] = await t.db.ownerDb.select().from(availabilities).where(eq(availabilities.id, mine.id));
    expect(row!.date!.toISOString()).toBe(`${inDays(30)}T00:00:00.000Z`);
  });

  it('lets no employee or HR admin edit availability', async () => {
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
    for (const account of [employee, hr]) {
      expect((await call(account, 'PUT', '', SCHEDULE)).statusCode).toBe(403);
      expect(
        (await call(account, 'POST', '/exceptions', { date: inDays(5), isAvailable: false })).statusCode,
      ).toBe(403);
    }
  });
});
