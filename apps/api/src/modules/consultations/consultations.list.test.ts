// The list's filters: "upcoming" and "past" by status, then by planned end (a completed or
// cancelled consultation is past even before its planned time; one in progress stays upcoming
// while it runs over), the same rule as `isUpcomingConsultation` of @huntzen/contracts; and the
// `from`/`to` range a calendar reads instead of every page.
import { type Consultation, isUpcomingConsultation } from '@huntzen/contracts';
import { type Actor, type Tx, withActor } from '@huntzen/db';
import { planCounts } from '@huntzen/db/testing/statements';
import { fillPlaceholders } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany } from '../../../test/identity';
import {
  type Account,
  consentingEmployee,
  MINUTE,
  openPractitioner,
  placeConsultation,
} from './consultations.fixtures';
import { listConsultations, listQuery, listValues } from './consultations.repository';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
let t: TestApp;
let employee: Account;
let practitioner: Account;
/** Consultation ids by what they are. */
const ids: Record<string, string> = {};
const base = Date.now();

beforeAll(async () => {
  t = await buildTestApp();
  const companyId = (await createCompany(t.db)).id;
  practitioner = await openPractitioner(t);
  employee = await consentingEmployee(t, companyId);
  const place = async (name: string, at: number, values: object = {}) => {
    ids[name] = (
      await placeConsultation(t, {
        employeeId: employee.employeeId!,
        practitionerId: practitioner.practitionerId!,
        scheduledAt: new Date(at),
        ...values,
      })
    ).id;
  };
  const cancelled = {
    status: 'CANCELLED',
    cancelledAt: new Date(),
    cancelledWithin24h: false,
    isBillable: false,
  };
  await place('scheduledTomorrow', base + DAY);
  await place('confirmedIn3Days', base + 3 * DAY, { status: 'CONFIRMED' });
  await place('cancelledIn2Days', base + 2 * DAY, cancelled);
  // Ended early, before its planned time is over: past already.
  await place('completedInAnHour', base + HOUR, {
    status: 'COMPLETED',
    startedAt: new Date(base - 10 * MINUTE),
    endedAt: new Date(base - MINUTE),
  });
  // Running over its planned end: still the one to join.
  await place('inProgressOverrun', base - 2 * HOUR, {
    status: 'IN_PROGRESS',
    startedAt: new Date(base - 2 * HOUR),
  });
  await place('scheduledYesterday', base - DAY);
  await place('noShowLastWeek', base - 7 * DAY, { status: 'NO_SHOW', noShowAt: new Date(base - 7 * DAY) });
  await place('scheduledIn20Days', base + 20 * DAY);
});
afterAll(async () => {
  await t?.close();
});

async function list(account: Account, query: string): Promise<Consultation[]> {
  const items: Consultation[] = [];
  let cursor: string | null = null;
  do {
    const response: { statusCode: number; body: string; json(): unknown } = await t.app.inject({
      method: 'GET',
      url: `/api/v1/consultations?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      headers: account.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: Consultation[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
const named = (items: Consultation[]) =>
  items.map((c) => Object.keys(ids).find((name) => ids[name] === c.id) ?? c.id);

describe('GET /api/v1/consultations?when=', () => {
  it('lists under "upcoming" what is still to come or under way, by status then planned end', async () => {
    for (const who of [employee, practitioner]) {
      const upcoming = await list(who, 'when=upcoming');
      expect(named(upcoming)).toEqual([
        'inProgressOverrun',
        'scheduledTomorrow',
        'confirmedIn3Days',
        'scheduledIn20Days',
      ]);
      const past = await list(who, 'when=past');
      expect(named(past)).toEqual([
        'cancelledIn2Days',
        'completedInAnHour',
        'scheduledYesterday',
        'noShowLastWeek',
      ]);
      // The web's rule (@huntzen/contracts) puts each one on the same side as the API.
      const now = Date.now();
      expect(upcoming.every((c) => isUpcomingConsultation(c, now))).toBe(true);
      expect(past.some((c) => isUpcomingConsultation(c, now))).toBe(false);
    }
  });
});

describe('GET /api/v1/consultations?from=&to=', () => {
  it('gives every consultation overlapping the range, past and upcoming, by planned start', async () => {
    const from = new Date(base - 2 * DAY).toISOString();
    const to = new Date(base + 2 * DAY + 30 * MINUTE).toISOString();
    const items = await list(practitioner, `when=all&from=${from}&to=${to}`);
    expect(named(items)).toEqual([
      'scheduledYesterday',
      'inProgressOverrun',
      'completedInAnHour',
      'scheduledTomorrow',
      'cancelledIn2Days',
    ]);
  });

  it('combines with "upcoming": the agenda of the next 10 days', async () => {
    const to = new Date(base + 10 * DAY).toISOString();
    const items = await list(employee, `when=upcoming&from=${new Date(base).toISOString()}&to=${to}`);
    // The range is of planned times: the overrun planned to end two hours ago is outside it.
    expect(named(items)).toEqual(['scheduledTomorrow', 'confirmedIn3Days']);
  });

  it('refuses a range that ends before it starts, is too long, or is no date, naming the field', async () => {
    const at = (ms: number) => new Date(ms).toISOString();
    for (const query of [
      `from=${at(base)}&to=${at(base - DAY)}`,
      `from=${at(base)}&to=${at(base + 90 * DAY)}`,
      `from=yesterday&to=${at(base)}`,
      'when=soon',
    ]) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/consultations?${query}`,
        headers: practitioner.headers,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(response.json().errors)).toMatch(/from|to|when/);
    }
  });
});

describe('the upcoming list in a prepared statement', () => {
  // The application pool prepares its statements (ADR 0004): after a few runs PostgreSQL may plan
  // one generically, without the values. The open-consultation indexes of migration 0032 are partial
  // (`WHERE status IN (…)`), so the statuses must be in the statement's text for such a plan to use
  // them; as parameters, a practitioner's list walked every past consultation.
  it.each(['employee', 'practitioner'] as const)('reads the %s’s open-consultation index', async (kind) => {
    const scope =
      kind === 'employee'
        ? { kind, employeeId: employee.employeeId! }
        : { kind, practitionerId: practitioner.practitionerId! };
    const filter = { scope, when: 'upcoming', limit: 20 } as const;
    const query = listQuery(t.db.appDb as unknown as Tx, filter).toSQL();
    const params = fillPlaceholders(query.params, listValues(filter));
    const client = await t.db.owner.connect();
    let plan = '';
    try {
      await client.query('begin');
      await client.query('set local plan_cache_mode = force_generic_plan');
      // A handful of rows: without this the planner rightly reads the table whole.
      await client.query('set local enable_seqscan = off');
      await client.query(`prepare upcoming as ${query.sql}`);
      const literals = params.map((v) =>
        client.escapeLiteral(v instanceof Date ? v.toISOString() : String(v)),
      );
      const { rows } = await client.query(`explain (costs off) execute upcoming(${literals.join(', ')})`);
      plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await client.query('rollback');
      client.release(true);
    }
    expect(plan).toContain(`idx_consultations_${kind}_upcoming`);
  });
});

describe('the upcoming lists keep one plan', () => {
  // PostgreSQL plans a prepared statement's first five runs with their values, then keeps a generic
  // plan only if it looks no dearer. With "not yet over" as a parameter it did not for the
  // practitioner's list, which was then planned anew on every request: more CPU than running it.
  it.each(['employee', 'practitioner'] as const)('runs the %s’s list on a generic plan', async (kind) => {
    const account = kind === 'employee' ? employee : practitioner;
    const actor: Actor =
      kind === 'employee'
        ? {
            role: 'EMPLOYEE',
            userId: account.user.id,
            companyId: account.user.companyId,
            employeeId: account.employeeId,
          }
        : { role: 'PRACTITIONER', userId: account.user.id, practitionerId: account.practitionerId };
    const scope =
      kind === 'employee'
        ? { kind, employeeId: employee.employeeId! }
        : { kind, practitionerId: practitioner.practitionerId! };
    // One transaction: one connection, whose prepared statements PostgreSQL lists with their plans.
    const plans = await withActor(t.db, actor, (tx) =>
      planCounts(tx, async () => {
        const rows = await listConsultations(tx, { scope, when: 'upcoming', limit: 20 });
        expect(rows.map((r) => r.consultation.id)).toContain(ids.scheduledTomorrow);
      }),
    );
    // At most the five custom plans PostgreSQL always makes first; then the generic one, kept.
    expect(plans.custom).toBeLessThanOrEqual(5);
    expect(plans.generic).toBeGreaterThanOrEqual(3);
  });
});
