// Admin analytics through the API on a real database: consultations of two practitioners with two
// companies over three months, in every status and billing status (with health content in their
// reason and notes), refreshed into the materialized views; every figure is checked against a
// count made here by hand over the same consultations. Filters, pages, bad and hostile input, the
// CSV export and its audit row, and who may ask.
import {
  auditLogs,
  type BillingStatus,
  type ConsultationStatus,
  consultations,
  employees,
  practitioners,
  users,
} from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { refreshCounters } from '../../platform/jobs';

const MINUTE = 60_000;
const HEALTH = 'SECRET-HEALTH-CONTENT';
type Account = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let admin: Account;
let superAdmin: Account;
let hr: Account;
let employee: Account;
let practitionerAccount: Account;
const company = { alpha: '', beta: '' };
const doctor = { martin: '', bernard: '' };
const staff = { alpha: '', beta: '' };

interface Placed {
  month: string;
  companyId: string;
  practitionerId: string;
  status: ConsultationStatus;
  billingStatus: BillingStatus;
  minutes: number;
}
const placed: Placed[] = [];
let hour = 0;

/** A consultation in `month` (an hour of its own), with health content analytics must never show. */
async function place(
  month: string,
  who: { company: 'alpha' | 'beta'; doctor: 'martin' | 'bernard' },
  status: ConsultationStatus,
  billingStatus: BillingStatus,
  minutes = 45,
) {
  hour += 1;
  const scheduledAt = new Date(Date.parse(`${month}-01T00:00:00Z`) + hour * 60 * MINUTE);
  await t.db.ownerDb.insert(consultations).values({
    companyId: company[who.company],
    employeeId: staff[who.company],
    practitionerId: doctor[who.doctor],
    format: 'VIDEO',
    status,
    billingStatus,
    duration: 50,
    actualDuration: status === 'COMPLETED' ? minutes : null,
    scheduledAt,
    scheduledEndAt: new Date(scheduledAt.getTime() + 50 * MINUTE),
    notes: HEALTH,
    cancelReason: status === 'CANCELLED' ? HEALTH : null,
  });
  placed.push({
    month,
    companyId: company[who.company],
    practitionerId: doctor[who.doctor],
    status,
    billingStatus,
    minutes,
  });
}

async function practitioner(firstName: string, lastName: string) {
  const [user] = await t.db.ownerDb
    .insert(users)
    .values({ email: `${lastName.toLowerCase()}@analytics.test`, passwordHash: 'x', role: 'PRACTITIONER' })
    .returning();
  const [row] = await t.db.ownerDb
    .insert(practitioners)
    .values({
      userId: user!.id,
      firstName,
      lastName,
      title: 'Dr.',
      specialty: 'PSYCHOLOGUE_CLINICIEN',
      bio: 'Bio',
      isValidated: true,
    })
    .returning();
  return row!.id;
}

async function employeeOf(companyId: string) {
  const [user] = await t.db.ownerDb
    .insert(users)
    .values({ email: `staff-${companyId}@analytics.test`, passwordHash: 'x', role: 'EMPLOYEE', companyId })
    .returning();
  const [row] = await t.db.ownerDb
    .insert(employees)
    .values({ userId: user!.id, companyId, firstName: 'Marc', lastName: 'Patient' })
    .returning();
  return row!.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  company.alpha = (await createCompany(t.db, { name: 'Alpha Corp' })).id;
  company.beta = (await createCompany(t.db, { name: 'Beta Corp', isActive: false })).id;
  doctor.martin = await practitioner('Sophie', 'Martin');
  doctor.bernard = await practitioner('Paul', 'Bernard');
  staff.alpha = await employeeOf(company.alpha);
  staff.beta = await employeeOf(company.beta);
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
  superAdmin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: company.alpha });
  employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: company.alpha });
  practitionerAccount = await signedIn(t.app, t.db, 'PRACTITIONER');

  const a = { company: 'alpha', doctor: 'martin' } as const;
  const b = { company: 'beta', doctor: 'martin' } as const;
  const c = { company: 'alpha', doctor: 'bernard' } as const;
  // January: counted (validated, billed) and not counted (pending, disputed, cancelled, no-show).
  await place('2026-01', a, 'COMPLETED', 'VALIDATED', 50);
  await place('2026-01', a, 'COMPLETED', 'BILLED', 40);
  await place('2026-01', a, 'COMPLETED', 'PENDING', 45);
  await place('2026-01', b, 'COMPLETED', 'VALIDATED', 55);
  await place('2026-01', c, 'COMPLETED', 'DISPUTED', 30);
  await place('2026-01', c, 'CANCELLED', 'PENDING');
  await place('2026-01', c, 'NO_SHOW', 'VALIDATED');
  // February: Bernard with Alpha only.
  await place('2026-02', c, 'COMPLETED', 'VALIDATED', 60);
  await place('2026-02', c, 'COMPLETED', 'BILLED', 35);
  await place('2026-02', c, 'SCHEDULED', 'PENDING');
  // March: one counted session of each doctor, one still to come.
  await place('2026-03', a, 'COMPLETED', 'VALIDATED', 48);
  await place('2026-03', b, 'COMPLETED', 'BILLED', 52);
  await place('2026-03', c, 'CONFIRMED', 'PENDING');
  await refreshCounters(t.db);
});
afterAll(async () => {
  await t?.close();
});

function get(account: Account, url: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/insights${url}`, headers: account.headers });
}

// ---------------------------------------------------------------- the hand count
const counted = (p: Placed) => p.status === 'COMPLETED' && ['VALIDATED', 'BILLED'].includes(p.billingStatus);

function handCount(filter: (p: Placed) => boolean) {
  const rows = placed.filter((p) => counted(p) && filter(p));
  const consultationsN = rows.length;
  const minutes = rows.reduce((sum, p) => sum + p.minutes, 0);
  return {
    consultations: consultationsN,
    minutes,
    averageDuration: consultationsN ? Math.round((minutes / consultationsN) * 10) / 10 : null,
  };
}

/** Every (month, practitioner, company) group of counted consultations, newest month first. */
function handRows(filter: (p: Placed) => boolean) {
  const groups = new Map<string, Placed[]>();
  for (const p of placed.filter((x) => counted(x) && filter(x))) {
    const key = `${p.month}|${p.practitionerId}|${p.companyId}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.entries()].map(([key, rows]) => {
    const [month, practitionerId, companyId] = key.split('|');
    const minutes = rows.reduce((sum, p) => sum + p.minutes, 0);
    return {
      month,
      practitionerId,
      companyId,
      consultations: rows.length,
      minutes,
      averageDuration: Math.round((minutes / rows.length) * 10) / 10,
    };
  });
}

const nameOf = (id: string) => (id === doctor.martin ? 'Martin' : 'Bernard');
const companyName = (id: string) => (id === company.alpha ? 'Alpha Corp' : 'Beta Corp');
const sortRows = <T extends { month?: string; practitionerId?: string; companyId?: string }>(rows: T[]) =>
  [...rows].sort(
    (x, y) =>
      y.month!.localeCompare(x.month!) ||
      nameOf(x.practitionerId!).localeCompare(nameOf(y.practitionerId!)) ||
      companyName(x.companyId!).localeCompare(companyName(y.companyId!)),
  );

const flat = (
  items: {
    month: string;
    practitioner: { id: string };
    company: { id: string };
    consultations: number;
    minutes: number;
    averageDuration: number | null;
  }[],
) =>
  items.map((i) => ({
    month: i.month,
    practitionerId: i.practitioner.id,
    companyId: i.company.id,
    consultations: i.consultations,
    minutes: i.minutes,
    averageDuration: i.averageDuration,
  }));

describe('GET /insights/billing and /insights/platform', () => {
  it('matches the hand count for one month: totals, rows, top lists, trend', async () => {
    const response = await get(admin, '/billing?month=2026-01');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const inJanuary = (p: Placed) => p.month === '2026-01';
    expect(body.month).toBe('2026-01');
    expect(body.totals).toEqual({
      ...handCount(inJanuary),
      practitioners: 1,
      companies: 2,
    });
    // Two rows: Martin × Alpha (50 + 40), Martin × Beta (55); Bernard's January counts nothing.
    expect(body.totals).toMatchObject({ consultations: 3, minutes: 145 });
    expect(flat(body.items)).toEqual(sortRows(handRows(inJanuary)));
    expect(body.items[0]).toMatchObject({
      practitioner: { firstName: 'Sophie', lastName: 'Martin', specialty: 'PSYCHOLOGUE_CLINICIEN' },
      company: { name: 'Alpha Corp' },
      averageDuration: 45,
    });
    expect(body.nextCursor).toBeNull();
    expect(body.topPractitioners).toEqual([
      { practitioner: expect.objectContaining({ id: doctor.martin }), ...handCount(inJanuary) },
    ]);
    expect(body.topCompanies).toEqual([
      {
        company: { id: company.alpha, name: 'Alpha Corp' },
        ...handCount((p) => inJanuary(p) && p.companyId === company.alpha),
      },
      {
        company: { id: company.beta, name: 'Beta Corp' },
        ...handCount((p) => inJanuary(p) && p.companyId === company.beta),
      },
    ]);
    // The trend: the 12 months ending with January, every month of them present.
    expect(body.window).toEqual({ from: '2025-02', to: '2026-01' });
    expect(body.trend).toHaveLength(12);
    expect(body.trend.at(-1)).toEqual({ month: '2026-01', ...handCount(inJanuary) });
    expect(body.trend[0]).toEqual({ month: '2025-02', consultations: 0, minutes: 0, averageDuration: null });
  });

  it('without a month: every month, the trend ending with the current one', async () => {
    const body = (await get(admin, '/billing')).json();
    expect(body.month).toBeNull();
    expect(body.totals).toEqual({ ...handCount(() => true), practitioners: 2, companies: 2 });
    expect(flat(body.items)).toEqual(sortRows(handRows(() => true)));
    expect(body.window.to).toBe(new Date().toISOString().slice(0, 7));
  });

  it('filters by company and by practitioner, alone or together', async () => {
    const byCompany = (await get(admin, `/billing?companyId=${company.alpha}`)).json();
    expect(byCompany.totals).toMatchObject(handCount((p) => p.companyId === company.alpha));
    expect(flat(byCompany.items)).toEqual(sortRows(handRows((p) => p.companyId === company.alpha)));

    const byDoctor = (await get(admin, `/billing?practitionerId=${doctor.bernard}`)).json();
    expect(byDoctor.totals).toMatchObject(handCount((p) => p.practitionerId === doctor.bernard));
    expect(byDoctor.topPractitioners).toHaveLength(1);

    const both = (
      await get(admin, `/billing?month=2026-03&companyId=${company.beta}&practitionerId=${doctor.martin}`)
    ).json();
    const match = (p: Placed) =>
      p.month === '2026-03' && p.companyId === company.beta && p.practitionerId === doctor.martin;
    expect(both.totals).toEqual({ ...handCount(match), practitioners: 1, companies: 1 });
    expect(flat(both.items)).toEqual(handRows(match));
    // The trend follows the company and practitioner, over the 12 months to March.
    expect(both.trend.slice(-3).map((m: { consultations: number }) => m.consultations)).toEqual([
      handCount(
        (p) => p.month === '2026-01' && p.companyId === company.beta && p.practitionerId === doctor.martin,
      ).consultations,
      0,
      1,
    ]);
  });

  it('counts the platform, and every consultation by status per month (hand count)', async () => {
    const response = await get(admin, '/platform?month=2026-03');
    expect(response.statusCode, response.body).toBe(200);
    const body = { platform: response.json() };
    expect(body.platform.window).toEqual({ from: '2025-04', to: '2026-03' });
    const { rows } = await t.db.owner.query<{
      total: number;
      active: number;
      employees: number;
      validated: number;
    }>(
      `select (select count(*) from companies)::int as total, (select count(*) from companies where is_active)::int as active,
              (select count(*) from employees)::int as employees,
              (select count(*) from practitioners where is_validated)::int as validated`,
    );
    expect(body.platform).toMatchObject({
      companies: { total: rows[0]!.total, active: rows[0]!.active },
      employees: rows[0]!.employees,
      validatedPractitioners: rows[0]!.validated,
    });
    expect(body.platform.companies.active).toBe(body.platform.companies.total - 1);
    for (const month of ['2026-01', '2026-02', '2026-03']) {
      const entry = body.platform.consultationsByStatus.find((m: { month: string }) => m.month === month);
      const inMonth = placed.filter((p) => p.month === month);
      expect(entry.total).toBe(inMonth.length);
      for (const status of ['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW']) {
        expect(entry.byStatus[status], `${month} ${status}`).toBe(
          inMonth.filter((p) => p.status === status).length,
        );
      }
    }
    const filtered = (await get(admin, `/platform?month=2026-03&practitionerId=${doctor.bernard}`)).json();
    const march = filtered.consultationsByStatus.at(-1);
    expect(march).toMatchObject({ month: '2026-03', total: 1, byStatus: { CONFIRMED: 1 } });
  });

  it('pages the detailed rows with an opaque cursor, in order, none lost or repeated', async () => {
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await get(superAdmin, `/billing?limit=2${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      seen.push(...flat(body.items));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(sortRows(handRows(() => true)));
    expect(pages).toBe(Math.ceil(seen.length / 2));
  });

  it('answers unknown ids with empty figures', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const body = (await get(admin, `/billing?companyId=${unknown}`)).json();
    expect(body.totals).toEqual({
      consultations: 0,
      minutes: 0,
      averageDuration: null,
      practitioners: 0,
      companies: 0,
    });
    expect(body.items).toEqual([]);
    expect(body.topCompanies).toEqual([]);
  });

  it('refuses bad and hostile filters with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/billing?month=2026-13', 'query.month'],
      ['/billing?month=26-01', 'query.month'],
      ['/billing?month=0000-01', 'query.month'],
      ['/billing?month=2026-01%00', 'query.month'],
      ['/billing?companyId=alpha', 'query.companyId'],
      ['/billing?practitionerId=1%27%20or%201=1', 'query.practitionerId'],
      ['/billing?limit=0', 'query.limit'],
      ['/billing?limit=100000000000000000000', 'query.limit'],
      ['/billing?cursor=not-a-cursor', 'query.cursor'],
      [
        `/billing?cursor=${Buffer.from(JSON.stringify({ t: '["x"]', id: '' })).toString('base64url')}`,
        'query.cursor',
      ],
      ['/billing.csv?month=2026-1', 'query.month'],
      ['/billing.csv?companyId=%00', 'query.companyId'],
      ['/platform?month=9999-99', 'query.month'],
      ['/platform?practitionerId=x', 'query.practitionerId'],
    ];
    for (const [url, path] of cases) {
      const response = await get(admin, url);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const body = response.json();
      expect(body.code, url).toMatch(/VALIDATION_FAILED|BAD_REQUEST/);
      if (body.errors)
        expect(
          body.errors.map((e: { path: string }) => e.path),
          url,
        ).toContain(path);
    }
  });

  it('never shows health content', async () => {
    for (const url of [
      '/billing',
      '/billing?month=2026-01',
      '/billing.csv',
      '/billing/options',
      '/platform',
    ]) {
      const response = await get(admin, url);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(HEALTH);
      expect(response.body).not.toMatch(/cancelReason|notes|"reason"/);
    }
  });

  it('is for HuntZen admins only: HR, employees and practitioners get 403', async () => {
    for (const account of [hr, employee, practitionerAccount]) {
      for (const url of ['/billing', '/billing.csv', '/billing/options', '/platform']) {
        const response = await get(account, url);
        expect(response.statusCode, `${account.user.role} ${url}`).toBe(403);
      }
    }
  });
});

describe('GET /insights/billing/options', () => {
  it('offers the companies and practitioners present in the counters, by name', async () => {
    const body = (await get(admin, '/billing/options')).json();
    expect(body.companies).toEqual([
      { id: company.alpha, name: 'Alpha Corp' },
      { id: company.beta, name: 'Beta Corp' },
    ]);
    expect(body.practitioners.map((p: { lastName: string }) => p.lastName)).toEqual(['Bernard', 'Martin']);
  });
});

describe('GET /insights/billing.csv', () => {
  it('exports every matching row (hand count), and records the export as EXPORT', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/insights/billing.csv?companyId=${company.alpha}`,
      headers: { ...admin.headers, 'user-agent': 'analytics test' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="huntzen-analytics-all-\d{8}T\d{6}Z\.csv"$/,
    );
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'month,practitionerId,practitionerFirstName,practitionerLastName,specialty,companyId,companyName,consultations,minutes,averageDuration',
    );
    const expected = sortRows(handRows((p) => p.companyId === company.alpha));
    expect(lines.slice(1)).toEqual(
      expected.map(
        (r) =>
          `${r.month},${r.practitionerId},${r.practitionerId === doctor.martin ? 'Sophie,Martin' : 'Paul,Bernard'},` +
          `PSYCHOLOGUE_CLINICIEN,${r.companyId},Alpha Corp,${r.consultations},${r.minutes},${r.averageDuration}`,
      ),
    );

    const audit = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.action, 'EXPORT'),
          eq(auditLogs.resource, 'practitioner_billing_stats'),
          eq(auditLogs.userAgent, 'analytics test'),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      userId: admin.user.id,
      userEmail: admin.email,
      userRole: 'ADMIN_HUNTZEN',
      userAgent: 'analytics test',
      details: {
        format: 'csv',
        filters: { companyId: company.alpha },
        consultations: handCount((p) => p.companyId === company.alpha).consultations,
      },
    });
  });

  it('exports a month with no counted consultation as a header alone (still audited)', async () => {
    const before = await t.db.owner.query(
      `select count(*)::int as n from audit_logs where action = 'EXPORT'`,
    );
    const response = await get(superAdmin, '/billing.csv?month=2025-06');
    expect(response.statusCode).toBe(200);
    expect(
      response.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(1);
    const after = await t.db.owner.query(`select count(*)::int as n from audit_logs where action = 'EXPORT'`);
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
  });
});

describe('the counters themselves', () => {
  it('files months in UTC, whatever the session time zone of the refresh', async () => {
    // 00:30 UTC on 1 March is 01:30 in Paris: truncated there, the month would start at
    // 28 February 23:00 UTC and the session would land in February.
    const at = new Date('2026-03-01T00:30:00Z');
    await t.db.ownerDb.insert(consultations).values({
      companyId: company.beta,
      employeeId: staff.beta,
      practitionerId: doctor.bernard,
      format: 'VIDEO',
      status: 'COMPLETED',
      billingStatus: 'VALIDATED',
      duration: 50,
      actualDuration: 50,
      scheduledAt: at,
      scheduledEndAt: new Date(at.getTime() + 50 * MINUTE),
    });
    const client = await t.db.owner.connect();
    try {
      await client.query(`set timezone to 'Europe/Paris'`);
      await client.query('select refresh_practitioner_stats()');
    } finally {
      await client.query('reset timezone');
      client.release();
    }
    const scope = `companyId=${company.beta}&practitionerId=${doctor.bernard}`;
    const march = (await get(admin, `/billing?month=2026-03&${scope}`)).json();
    expect(march.totals).toMatchObject({ consultations: 1, minutes: 50 });
    expect(march.items.map((i: { month: string }) => i.month)).toEqual(['2026-03']);
    const february = (await get(admin, `/billing?month=2026-02&${scope}`)).json();
    expect(february.totals.consultations).toBe(0);
    // Put the counters back as the other tests expect them.
    await t.db.owner.query(`delete from consultations where scheduled_at = $1`, [at]);
    await refreshCounters(t.db);
  });
});
