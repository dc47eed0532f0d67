// HR's usage dashboard, its CSV, the minimum group size, the employee's sharing switch and "what my
// HR sees", through app.inject on real PostgreSQL (counters refreshed as the job does).
import { type Database, type Employee, employees, withActor } from '@huntzen/db';
import { createConsultation, createPractitioner } from '@huntzen/db/testing/factories';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { refreshCounters } from '../../platform/jobs/refresh-counters';

let t: TestApp;
let practitionerId: string;
let slot = 0;

/** `n` employees of `companyId` in `department`, their accounts created at `joined`. */
async function staff(db: Database, companyId: string, department: string | null, n: number, joined: string) {
  const rows: Employee[] = [];
  for (let i = 0; i < n; i++) {
    const { rows: users } = await db.owner.query<{ id: string }>(
      `insert into users (email, password_hash, role, company_id, email_verified, is_active, approved_at, created_at)
       values ($1, 'x', 'EMPLOYEE', $2, true, true, now(), $3) returning id`,
      [`staff-${crypto.randomUUID()}@example.test`, companyId, joined],
    );
    const [row] = await db.ownerDb
      .insert(employees)
      .values({
        userId: users[0]!.id,
        companyId,
        firstName: 'Staff',
        lastName: `${department ?? 'none'} ${i}`,
        department,
        createdAt: new Date(joined),
      })
      .returning();
    rows.push(row!);
  }
  return rows;
}

/** A completed billable consultation of `employee` on `day` lasting `minutes`. */
async function session(employee: Employee, day: string, minutes: number) {
  // Each at its own hour: one practitioner's consultations may not overlap.
  const scheduledAt = new Date(`${day}T00:00:00Z`);
  scheduledAt.setUTCMinutes(60 * (slot++ % 20));
  await createConsultation(t.db.ownerDb, {
    employee,
    practitionerId,
    scheduledAt,
    status: 'COMPLETED',
    startedAt: scheduledAt,
    endedAt: new Date(scheduledAt.getTime() + minutes * 60_000),
    actualDuration: minutes,
    notes: 'SECRET-REASON anxiety',
  });
}

let hrA: Awaited<ReturnType<typeof signedIn>>;
let sales: Employee[];
let tech: Employee[];
let legal: Employee[];

beforeAll(async () => {
  t = await buildTestApp();
  practitionerId = (await createPractitioner(t.db.ownerDb, { specialty: 'PSYCHIATRE', lastName: 'Freudian' }))
    .practitioner.id;
  const a = await createCompany(t.db);
  hrA = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: a.id });
  // Sales 8, Tech 6, Legal 3: Legal is suppressed, and Tech with it (complementary).
  sales = await staff(t.db, a.id, 'Sales', 8, '2025-06-10T09:00:00Z');
  tech = await staff(t.db, a.id, 'Tech', 6, '2025-06-10T09:00:00Z');
  legal = await staff(t.db, a.id, 'Legal', 3, '2025-06-10T09:00:00Z');
  for (const [i, e] of sales.entries()) await session(e, `2026-01-${String(10 + i).padStart(2, '0')}`, 50);
  await session(sales[0]!, '2026-02-03', 40);
  await session(tech[0]!, '2026-01-05', 30);
  await session(tech[1]!, '2026-02-06', 30);
  await session(legal[0]!, '2026-02-07', 45);
  await refreshCounters(t.db);
});
afterAll(async () => {
  await t?.close();
});

const usage = (query: string, headers = hrA.headers) =>
  t.app.inject({ method: 'GET', url: `/api/v1/insights/usage?${query}`, headers });

describe('HR usage dashboard', () => {
  it('suppresses small departments and the next-smallest, so the total reveals none', async () => {
    const response = await usage('groupBy=department&from=2026-01&to=2026-03');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.minGroupSize).toBe(5);
    const byKey = Object.fromEntries(body.groups.map((g: { key: string }) => [g.key, g]));
    expect(byKey.Sales).toEqual({
      key: 'Sales',
      suppressed: false,
      employees: 8,
      activeEmployees: 8,
      consultations: 9,
      minutes: 440,
      adoptionRate: 1,
      medianDaysToFirstConsultation: expect.any(Number),
    });
    for (const key of ['Legal', 'Tech']) {
      expect(byKey[key]).toEqual({
        key,
        suppressed: true,
        employees: null,
        activeEmployees: null,
        consultations: null,
        minutes: null,
        adoptionRate: null,
        medianDaysToFirstConsultation: null,
      });
    }
    // The total minus the visible groups is Tech and Legal together: 9 people, never Legal alone.
    expect(body.total).toMatchObject({ suppressed: false, employees: 17, consultations: 12, minutes: 545 });
    expect(body.total.activeEmployees).toBe(11);
  });

  it('answers by month with the same total', async () => {
    const body = (await usage('groupBy=month&from=2026-01&to=2026-03')).json();
    expect(body.groups.map((g: { key: string }) => g.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(body.groups[0]).toMatchObject({
      suppressed: false,
      employees: 17,
      consultations: 9,
      minutes: 430,
    });
    expect(body.groups[1]).toMatchObject({
      suppressed: false,
      consultations: 3,
      minutes: 115,
      activeEmployees: 3,
    });
    expect(body.groups[2]).toMatchObject({ suppressed: false, consultations: 0, minutes: 0 });
    expect(body.total).toMatchObject({ consultations: 12, minutes: 545 });
    // 10 first consultations in the period (>= 5): a median is given, in days from sign-up.
    expect(body.total.medianDaysToFirstConsultation).toBeGreaterThan(200);
  });

  it('never names a practitioner, specialty, format, reason or any content', async () => {
    for (const groupBy of ['month', 'department']) {
      const text = (await usage(`groupBy=${groupBy}&from=2025-12&to=2026-03`)).body;
      for (const word of ['Freudian', 'PSYCHIATRE', 'VIDEO', 'SECRET-REASON', 'practitioner', 'specialty']) {
        expect(text).not.toContain(word);
      }
    }
  });

  it('counts a group only from the month it had minGroupSize members, even when HR knows join dates', async () => {
    const b = await createCompany(t.db);
    const hrB = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: b.id });
    const early = await staff(t.db, b.id, 'Ops', 2, '2025-01-15T09:00:00Z');
    await staff(t.db, b.id, 'Ops', 4, '2026-03-02T09:00:00Z');
    await session(early[0]!, '2026-02-10', 50);
    await refreshCounters(t.db);
    const body = (await usage('groupBy=month&from=2026-01&to=2026-03', hrB.headers)).json();
    // January and February: 2 people had an account, so nothing of them shows, not even in the total.
    expect(body.groups.map((g: { suppressed: boolean }) => g.suppressed)).toEqual([true, true, false]);
    expect(body.total).toMatchObject({ suppressed: false, employees: 6, consultations: 0 });
    const byDept = (await usage('groupBy=department&from=2026-01&to=2026-02', hrB.headers)).json();
    expect(byDept.groups).toEqual([expect.objectContaining({ key: 'Ops', suppressed: true })]);
    // Another company's HR sees none of company A's figures.
    expect(JSON.stringify(body)).not.toContain('Sales');
  });

  it('suppresses everything, the total included, in a company smaller than minGroupSize', async () => {
    const c = await createCompany(t.db);
    const hrC = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: c.id });
    const few = await staff(t.db, c.id, null, 4, '2025-01-15T09:00:00Z');
    await session(few[0]!, '2026-01-20', 50);
    await refreshCounters(t.db);
    const body = (await usage('groupBy=department&from=2026-01&to=2026-01', hrC.headers)).json();
    expect(body.total.suppressed).toBe(true);
    expect(body.total.consultations).toBeNull();
    expect(body.groups).toEqual([
      expect.objectContaining({ key: null, suppressed: true, consultations: null }),
    ]);
  });

  it('refuses bad periods and groupings with the field named, never a 500', async () => {
    for (const query of [
      'groupBy=practitioner',
      'from=2026-13',
      'from=2026-03&to=2026-01',
      'from=2020-01&to=2026-01',
      'from=%00',
      `to=${'9'.repeat(5000)}`,
    ]) {
      const response = await usage(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().errors.length).toBeGreaterThan(0);
    }
  });

  it('exports the same figures as CSV, audited as EXPORT', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insights/usage.csv?groupBy=department&from=2026-01&to=2026-03',
      headers: hrA.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('usage-department-2026-01-2026-03.csv');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'group,suppressed,employees,activeEmployees,consultations,minutes,adoptionRate,medianDaysToFirstConsultation',
    );
    expect(lines).toContain('Legal,true,,,,,,');
    expect(lines.find((l) => l.startsWith('Sales,'))).toMatch(/^Sales,false,8,8,9,440,1,\d+(\.5)?$/);
    expect(lines.at(-1)).toMatch(/^TOTAL,false,17,11,12,545,/);
    const audit = await t.db.owner.query(
      `select action, resource, company_id, details from audit_logs where resource = 'usage_insights'`,
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({ action: 'EXPORT', company_id: hrA.companyId, details: expect.any(Object) }),
    ]);
  });

  it('refuses, in the database, a suppression that would isolate a small group, and any other role', async () => {
    const hrActor = { role: 'ADMIN_RH' as const, userId: hrA.user.id, companyId: hrA.companyId };
    await expect(
      withActor(t.db, hrActor, (tx) =>
        tx.execute(sql`select * from insights_usage('2026-01-01', '2026-03-01', 'department', '{}')`),
      ),
    ).rejects.toThrow();
    await expect(
      withActor(t.db, hrActor, (tx) =>
        tx.execute(sql`select * from insights_usage('2026-01-01', '2026-03-01', 'department', '{Legal}')`),
      ),
    ).rejects.toThrow();
    const employeeActor = {
      role: 'EMPLOYEE' as const,
      userId: sales[0]!.userId,
      companyId: hrA.companyId,
      employeeId: sales[0]!.id,
    };
    await expect(
      withActor(t.db, employeeActor, (tx) => tx.execute(sql`select * from insights_department_sizes()`)),
    ).rejects.toThrow();
    // HR never reads the materialized view nor a non-sharing employee's row of the usage view.
    const rows = await withActor(t.db, hrActor, (tx) =>
      tx.execute(sql`select count(*)::int as n from company_employee_usage`),
    );
    expect(rows.rows[0]).toEqual({ n: 0 });
  });
});

describe('minimum group size', () => {
  it('is 5 by default, raised by HR (audited), never below 5 (API and database)', async () => {
    const get = await t.app.inject({ method: 'GET', url: '/api/v1/insights/settings', headers: hrA.headers });
    expect(get.json()).toEqual({ minGroupSize: 5 });
    const low = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/insights/settings',
      headers: hrA.headers,
      payload: { minGroupSize: 4 },
    });
    expect(low.statusCode).toBe(400);
    expect(low.json().errors[0].path).toContain('minGroupSize');
    await expect(
      t.db.owner.query('update companies set min_group_size = 3 where id = $1', [hrA.companyId]),
    ).rejects.toThrow(/companies_min_group_size_range/);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/insights/settings',
      headers: hrA.headers,
      payload: { minGroupSize: 9 },
    });
    expect(put.json()).toEqual({ minGroupSize: 9 });
    // Now Sales (8) is small too: every department is suppressed, the total (17) still shows.
    const body = (await usage('groupBy=department&from=2026-01&to=2026-03')).json();
    expect(body.groups.every((g: { suppressed: boolean }) => g.suppressed)).toBe(true);
    expect(body.total).toMatchObject({ suppressed: false, consultations: 12 });
    const audit = await t.db.owner.query(
      `select changes_before, changes_after from audit_logs where resource = 'company' and resource_id = $1`,
      [hrA.companyId],
    );
    expect(audit.rows).toEqual([{ changes_before: { minGroupSize: 5 }, changes_after: { minGroupSize: 9 } }]);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/insights/settings',
      headers: hrA.headers,
      payload: { minGroupSize: 5 },
    });
  });
});

describe('sharing counters with HR', () => {
  it('is off by default; the employee turns it on (audited), HR then sees their counters, and only theirs', async () => {
    const me = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: hrA.companyId! });
    await t.db.owner.query(`update employees set department = 'Sales' where id = $1`, [me.employeeId]);
    const employee = (await t.db.owner.query('select * from employees where id = $1', [me.employeeId]))
      .rows[0];
    await session(
      { ...employee, id: me.employeeId!, companyId: hrA.companyId! } as Employee,
      '2026-02-20',
      55,
    );
    await refreshCounters(t.db);

    const visibility = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/me/hr-visibility', headers: me.headers })).json();
    const shared = async () =>
      (
        await t.app.inject({ method: 'GET', url: '/api/v1/insights/shared-usage', headers: hrA.headers })
      ).json();

    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me/hr-sharing', headers: me.headers })).json(),
    ).toEqual({ shareUsageWithHr: false, changedAt: null });
    const before = await visibility();
    expect(before.counters).toBeNull();
    // Its e-mail is not on the company's domain: HR's list flags it, so this page says so too.
    expect(before.account).toMatchObject({
      email: me.email,
      department: 'Sales',
      status: 'ACTIVE',
      domainRemoved: true,
    });
    expect(before.minGroupSize).toBe(5);
    expect((await shared()).items).toEqual([]);

    const on = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/hr-sharing',
      headers: me.headers,
      payload: { shareUsageWithHr: true },
    });
    expect(on.json()).toMatchObject({ shareUsageWithHr: true, changedAt: expect.any(String) });
    expect((await visibility()).counters).toEqual([{ month: '2026-02', consultations: 1, minutes: 55 }]);
    expect((await shared()).items).toEqual([
      {
        employeeId: me.employeeId,
        firstName: 'Camille',
        lastName: expect.any(String),
        department: 'Sales',
        months: [{ month: '2026-02', consultations: 1, minutes: 55 }],
      },
    ]);
    const audit = await t.db.owner.query(
      `select action, changes_after from audit_logs where resource = 'hr_sharing' and resource_id = $1`,
      [me.employeeId],
    );
    expect(audit.rows).toEqual([{ action: 'UPDATE', changes_after: { shareUsageWithHr: true } }]);

    // HR cannot switch anyone's sharing, not even straight in the database.
    const hrActor = { role: 'ADMIN_RH' as const, userId: hrA.user.id, companyId: hrA.companyId };
    await expect(
      withActor(t.db, hrActor, (tx) =>
        tx.execute(sql`update employees set share_usage_with_hr = true where id = ${sales[1]!.id}`),
      ),
    ).rejects.toThrow();

    const off = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/hr-sharing',
      headers: me.headers,
      payload: { shareUsageWithHr: false },
    });
    expect(off.json().shareUsageWithHr).toBe(false);
    expect((await shared()).items).toEqual([]);
    expect((await visibility()).counters).toBeNull();
  });

  it('refuses a malformed body with the field named', async () => {
    const me = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: hrA.companyId! });
    for (const payload of [{ shareUsageWithHr: 'yes' }, { shareUsageWithHr: true, extra: 1 }, {}]) {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/me/hr-sharing',
        headers: me.headers,
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
