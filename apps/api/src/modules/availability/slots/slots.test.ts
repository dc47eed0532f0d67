// Free slots through the API and the repository on real PostgreSQL: existing consultations (of
// other employees, which the caller's RLS hides) and their buffers are avoided, cancelled ones
// are not; exceptions apply; who may see whose slots; range validation; and the directory's batch
// "next free slot" in a few queries whatever the number of practitioners.
import { randomUUID } from 'node:crypto';
import { type Actor, practitioners, type Tx, withActor } from '@huntzen/db';
import { createConsultation, createEmployee } from '@huntzen/db/testing/factories';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app';
import { createCompany, signedIn } from '../../../../test/identity';
import { nextFreeSlots, slotsFor } from './slots.repository';

type Account = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let companyId: string;
let employee: Account;
let martin: Account;
/** The first Monday at least 3 days ahead, in Paris. */
let monday: DateTime;

beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
  employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  martin = await signedIn(t.app, t.db, 'PRACTITIONER');
  const soon = DateTime.now().setZone('Europe/Paris').plus({ days: 3 }).startOf('day');
  monday = soon.plus({ days: (8 - soon.weekday) % 7 });
  await schedule(martin, [
    { dayOfWeek: 1, startTime: '09:00', endTime: '12:00' },
    { dayOfWeek: 1, startTime: '14:00', endTime: '18:00' },
  ]);
  // Another employee's consultations, invisible to `employee` under RLS: one booked, one cancelled.
  const { employee: other } = await createEmployee(t.db.ownerDb, { companyId });
  const at = (hour: number) => monday.set({ hour }).toJSDate();
  await createConsultation(t.db.ownerDb, {
    employee: other,
    practitionerId: martin.practitionerId!,
    scheduledAt: at(10),
  });
  await createConsultation(t.db.ownerDb, {
    employee: other,
    practitionerId: martin.practitionerId!,
    scheduledAt: at(14),
    status: 'CANCELLED',
  });
});
afterAll(async () => {
  await t?.close();
});

async function schedule(account: Account, windows: object[], slotDuration = 50) {
  const response = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/availability',
    headers: account.headers,
    payload: { slotDuration, windows },
  });
  expect(response.statusCode, response.body).toBe(200);
}

function slots(account: Account, practitionerId: string, query: Record<string, string> = {}) {
  const search = new URLSearchParams(query).toString();
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/practitioners/${practitionerId}/slots${search ? `?${search}` : ''}`,
    headers: account.headers,
  });
}

const mondayRange = () => ({ from: monday.toISO()!, to: monday.plus({ days: 1 }).toISO()! });
const parisTimes = (body: { slots: { start: string }[] }) =>
  body.slots.map((s) => DateTime.fromISO(s.start, { zone: 'Europe/Paris' }).toFormat('HH:mm'));

describe('GET /api/v1/practitioners/:id/slots', () => {
  it('gives an employee the free slots in UTC with the zone, around a booked consultation and its buffer', async () => {
    const response = await slots(employee, martin.practitionerId!, mondayRange());
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.timezone).toBe('Europe/Paris');
    // 10:00 is booked; 14:00 was cancelled, so it is free again.
    expect(parisTimes(body)).toEqual(['09:00', '11:00', '14:00', '15:00', '16:00', '17:00']);
    expect(body.slots[0]).toEqual({
      start: monday.set({ hour: 9 }).toUTC().toISO(),
      end: monday.set({ hour: 9, minute: 50 }).toUTC().toISO(),
    });
    expect(body.slots[0].start).toMatch(/Z$/);
  });

  it('gives the practitioner the same view of their own slots', async () => {
    const response = await slots(martin, martin.practitionerId!, mondayRange());
    expect(response.statusCode, response.body).toBe(200);
    expect(parisTimes(response.json())).toEqual(['09:00', '11:00', '14:00', '15:00', '16:00', '17:00']);
  });

  it('applies a day off and blocked hours', async () => {
    const add = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/availability/exceptions',
        headers: martin.headers,
        payload,
      });
    const block = await add({
      date: monday.toISODate(),
      isAvailable: false,
      startTime: '15:00',
      endTime: '17:00',
    });
    expect(block.statusCode, block.body).toBe(201);
    expect(parisTimes((await slots(employee, martin.practitionerId!, mondayRange())).json())).toEqual([
      '09:00',
      '11:00',
      '14:00',
      '17:00',
    ]);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/availability/exceptions/${block.json().id}`,
      headers: martin.headers,
    });
    const dayOff = await add({ date: monday.toISODate(), isAvailable: false });
    expect(dayOff.statusCode, dayOff.body).toBe(201);
    expect((await slots(employee, martin.practitionerId!, mondayRange())).json().slots).toEqual([]);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/availability/exceptions/${dayOff.json().id}`,
      headers: martin.headers,
    });
  });

  it('shows employees only validated, active practitioners; a practitioner only their own', async () => {
    const pending = await signedIn(t.app, t.db, 'PRACTITIONER');
    const inactive = await signedIn(t.app, t.db, 'PRACTITIONER');
    await t.db.ownerDb
      .update(practitioners)
      .set({ isValidated: false })
      .where(eq(practitioners.id, pending.practitionerId!));
    await t.db.ownerDb
      .update(practitioners)
      .set({ isActive: false })
      .where(eq(practitioners.id, inactive.practitionerId!));
    for (const p of [pending, inactive]) {
      await schedule(p, [{ dayOfWeek: 1, startTime: '09:00', endTime: '10:00' }]);
      expect((await slots(employee, p.practitionerId!, mondayRange())).statusCode).toBe(404);
      const own = await slots(p, p.practitionerId!, mondayRange());
      expect(own.statusCode, own.body).toBe(200);
      expect(parisTimes(own.json())).toEqual(['09:00']);
    }
    expect((await slots(pending, martin.practitionerId!, mondayRange())).statusCode).toBe(404);
    expect((await slots(employee, randomUUID(), mondayRange())).statusCode).toBe(404);
  });

  it('keeps a slot whose buffer meets a consultation just after the range out of it', async () => {
    const edge = await signedIn(t.app, t.db, 'PRACTITIONER');
    await schedule(edge, [{ dayOfWeek: 1, startTime: '09:00', endTime: '12:00' }]);
    const { employee: other } = await createEmployee(t.db.ownerDb, { companyId });
    // 10:55 Paris: inside the 10-minute buffer of the 10:00-10:50 slot, after the range's end.
    await createConsultation(t.db.ownerDb, {
      employee: other,
      practitionerId: edge.practitionerId!,
      scheduledAt: monday.set({ hour: 10, minute: 55 }).toJSDate(),
    });
    const response = await slots(employee, edge.practitionerId!, {
      from: monday.set({ hour: 9 }).toISO()!,
      to: monday.set({ hour: 10, minute: 50 }).toISO()!,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(parisTimes(response.json())).toEqual(['09:00']);
  });

  it('validates the range, naming the field', async () => {
    const from = monday.toISO()!;
    const cases: [Record<string, string>, string][] = [
      [{ from, to: from }, 'query.to'],
      [{ from, to: monday.plus({ days: 61 }).toISO()! }, 'query.to'],
      [{ from: 'tomorrow' }, 'query.from'],
      [{ from: '2026-01-01T10:00:00' }, 'query.from'],
    ];
    for (const [query, path] of cases) {
      const response = await slots(employee, martin.practitionerId!, query);
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('defaults to the coming week, from two hours ahead', async () => {
    const before = Date.now();
    const response = await slots(employee, martin.practitionerId!);
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json().slots as { start: string; end: string }[];
    for (const slot of list) {
      expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
      expect(Date.parse(slot.end)).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000);
    }
    // Mondays only, in Paris.
    expect(new Set(list.map((s) => DateTime.fromISO(s.start, { zone: 'Europe/Paris' }).weekday))).toEqual(
      new Set(list.length ? [1] : []),
    );
  });

  it('computes a New York practitioner’s slots in New York time, whatever the range’s zone', async () => {
    const ny = await signedIn(t.app, t.db, 'PRACTITIONER');
    await t.db.ownerDb
      .update(practitioners)
      .set({ timezone: 'America/New_York' })
      .where(eq(practitioners.id, ny.practitionerId!));
    await schedule(ny, [{ dayOfWeek: 1, startTime: '09:00', endTime: '10:00' }]);
    // The employee's week, written in Tokyo time.
    const from = monday.setZone('Asia/Tokyo', { keepLocalTime: true });
    const response = await slots(employee, ny.practitionerId!, {
      from: from.toISO()!,
      to: from.plus({ days: 2 }).toISO()!,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().timezone).toBe('America/New_York');
    const [slot] = response.json().slots;
    expect(DateTime.fromISO(slot.start, { zone: 'America/New_York' }).toFormat('ccc HH:mm')).toBe(
      'Mon 09:00',
    );
  });
});

describe('nextFreeSlots (the directory’s batch)', () => {
  /** The transaction, counting the statements sent through it. */
  function counting(tx: Tx) {
    const counter = { statements: 0 };
    const proxy = new Proxy(tx, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if ((property === 'select' || property === 'execute') && typeof value === 'function') {
          return (...args: unknown[]) => {
            counter.statements += 1;
            return value.apply(target, args);
          };
        }
        return value;
      },
    });
    return { tx: proxy as Tx, counter };
  }

  it('agrees with slotsFor for each practitioner, in a few statements for all of them', async () => {
    const empty = await signedIn(t.app, t.db, 'PRACTITIONER');
    const pending = await signedIn(t.app, t.db, 'PRACTITIONER');
    await t.db.ownerDb
      .update(practitioners)
      .set({ isValidated: false })
      .where(eq(practitioners.id, pending.practitionerId!));
    await schedule(pending, [{ dayOfWeek: 1, startTime: '09:00', endTime: '10:00' }]);
    // Only an extra opening 10 days ahead, and one 40 days ahead: found by the later reads.
    const later = await signedIn(t.app, t.db, 'PRACTITIONER');
    const muchLater = await signedIn(t.app, t.db, 'PRACTITIONER');
    const opening = (account: Account, days: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/availability/exceptions',
        headers: account.headers,
        payload: {
          date: DateTime.now().setZone('Europe/Paris').plus({ days }).toISODate(),
          isAvailable: true,
          startTime: '10:00',
          endTime: '11:00',
        },
      });
    expect((await opening(later, 10)).statusCode).toBe(201);
    expect((await opening(muchLater, 40)).statusCode).toBe(201);
    const actor: Actor = {
      role: 'EMPLOYEE',
      userId: employee.user.id,
      companyId,
      employeeId: employee.employeeId,
    };
    const now = new Date();
    const range = { from: now, to: new Date(now.getTime() + 50 * 86_400_000) };
    const bookable = [martin, empty, later, muchLater].map((a) => a.practitionerId!);
    const ids = [...bookable, pending.practitionerId!, randomUUID()];
    const { next, statements, expected } = await withActor(t.db, actor, async (raw) => {
      const { tx, counter } = counting(raw);
      const next = await nextFreeSlots(tx, ids, range, { now });
      const statements = counter.statements;
      const expected = new Map<string, unknown>();
      for (const id of bookable)
        expected.set(id, (await slotsFor(raw, id, range, { now }))!.slots[0] ?? null);
      return { next, statements, expected };
    });
    // The rules, then busy times over 7 days, 28 days and the whole range: never one per practitioner.
    expect(statements).toBeLessThanOrEqual(4);
    expect([...next.keys()].sort()).toEqual([...bookable].sort());
    expect(next.get(empty.practitionerId!)).toBeNull();
    for (const id of bookable) expect(next.get(id), id).toEqual(expected.get(id));
    const parisStart = (id: string) =>
      DateTime.fromJSDate(next.get(id)!.start, { zone: 'Europe/Paris' }).toFormat('yyyy-MM-dd HH:mm');
    const day = (days: number) => DateTime.now().setZone('Europe/Paris').plus({ days }).toISODate();
    expect(parisStart(later.practitionerId!)).toBe(`${day(10)} 10:00`);
    expect(parisStart(muchLater.practitionerId!)).toBe(`${day(40)} 10:00`);
    // The booked Monday 10:00 (Paris) is never a "next free slot".
    expect(next.get(martin.practitionerId!)!.start.getTime()).not.toBe(monday.set({ hour: 10 }).toMillis());
  });
});
