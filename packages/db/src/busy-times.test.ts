// practitioner_busy_times (migrations 0012, 0041): one practitioner's busy times come from a
// statement of their own, planned once per connection; many practitioners' from a statement planned
// with each call's values. Both must give the same rows to the same callers, call after call (a
// cached plan turns generic after five custom ones: the calls below go past that).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from './actor';
import { withActor } from './tenancy';
import { createConsultation, createEmployee, createPractitioner } from './testing/factories';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

let t: TestDatabase;
const HOUR = 3_600_000;
// Whole hours from a fixed point a week ahead, so that the expected rows do not depend on the clock.
const base = Math.ceil((Date.now() + 7 * 24 * HOUR) / HOUR) * HOUR;
const at = (hours: number) => new Date(base + hours * HOUR);
let ids: { busy: string; other: string; unlisted: string };
let employee: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db.ownerDb;
  const { employee: e } = await createEmployee(db);
  const [busy, other, unlisted] = [
    (await createPractitioner(db)).practitioner,
    (await createPractitioner(db)).practitioner,
    (await createPractitioner(db, { isValidated: false })).practitioner,
  ];
  ids = { busy: busy.id, other: other.id, unlisted: unlisted.id };
  employee = { role: 'EMPLOYEE', userId: e.userId, companyId: e.companyId, employeeId: e.id };
  const book = (practitionerId: string, hours: number, status?: 'CANCELLED') =>
    createConsultation(db, {
      employee: e,
      practitionerId,
      scheduledAt: at(hours),
      ...(status ? { status } : {}),
    });
  // Inside the range [0 h, 48 h): 1 h and 30 h; one that started before it and ends inside: -0.5 h.
  await book(busy.id, 1);
  await book(busy.id, 30);
  await book(busy.id, -0.5);
  // Not busy: cancelled, ended before the range, after it.
  await book(busy.id, 5, 'CANCELLED');
  await book(busy.id, -3);
  await book(busy.id, 48);
  await book(other.id, 2);
  await book(unlisted.id, 3);
});

afterAll(async () => {
  await t?.drop();
});

/** The busy times `actor` reads for `practitionerIds` over [0 h, 48 h), as [id, start in hours]. */
async function busyTimes(actor: Actor, practitionerIds: string[]): Promise<[string, number][]> {
  const rows = await withActor(t.db, actor, (tx) =>
    tx.execute<{ practitioner_id: string; starts_at: string }>(
      sql`select practitioner_id, starts_at from practitioner_busy_times(${sql.param(practitionerIds)}::uuid[],
            ${at(0).toISOString()}::timestamptz, ${at(48).toISOString()}::timestamptz)`,
    ),
  );
  return rows.rows.map((r) => [r.practitioner_id, (new Date(r.starts_at).getTime() - base) / HOUR]);
}

describe('practitioner_busy_times', () => {
  it('gives one practitioner the rows it gives them among many, in order, call after call', async () => {
    const expected: [string, number][] = [
      [ids.busy, -0.5],
      [ids.busy, 1],
      [ids.busy, 30],
    ];
    for (let call = 0; call < 8; call++) {
      expect(await busyTimes(employee, [ids.busy])).toEqual(expected);
      const many = await busyTimes(employee, [ids.other, ids.busy, ids.unlisted]);
      expect(many.filter(([id]) => id === ids.busy)).toEqual(expected);
      expect(many.filter(([id]) => id === ids.other)).toEqual([[ids.other, 2]]);
    }
  });

  it('shows an employee nothing of a practitioner who is not listed, by either statement', async () => {
    for (let call = 0; call < 7; call++) {
      expect(await busyTimes(employee, [ids.unlisted])).toEqual([]);
      expect((await busyTimes(employee, [ids.unlisted, ids.other])).map(([id]) => id)).toEqual([ids.other]);
    }
    // The practitioner themself sees their own.
    const own: Actor = { role: 'PRACTITIONER', practitionerId: ids.unlisted };
    expect(await busyTimes(own, [ids.unlisted])).toEqual([[ids.unlisted, 3]]);
  });
});
