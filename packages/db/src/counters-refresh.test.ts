// The counters' materialized views (migration 0038: SELECTs that aggregate consultations first,
// refresh functions with their own settings) hold exactly the rows of the definition the spec and
// 0032 gave them, before and after consultations are inserted, updated and deleted; a refresh
// merges (unchanged rows stay in place) and neither waits for readers nor makes them wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employee } from './schema';
import { createCompany, createConsultation, createEmployee, createPractitioner } from './testing/factories';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

// The definitions of 0032 (the spec's, months in UTC), against which the views are compared.
const REFERENCE = {
  employee_usage_stats: `
    SELECT e.id AS employee_id, e.company_id, e.first_name, e.last_name, e.department,
           date_trunc('month', c.scheduled_at) AS period, count(c.id) AS consultation_count,
           coalesce(sum(c.actual_duration), 0) AS total_duration_minutes,
           max(c.scheduled_at) AS last_consultation_date
      FROM employees e
      LEFT JOIN consultations c ON c.employee_id = e.id AND c.status = 'COMPLETED' AND c.is_billable = true
     GROUP BY e.id, e.company_id, e.first_name, e.last_name, e.department, date_trunc('month', c.scheduled_at)`,
  practitioner_billing_stats: `
    SELECT p.id AS practitioner_id, p.first_name, p.last_name, p.specialty, c.company_id,
           date_trunc('month', c.scheduled_at) AS period, count(c.id) AS consultation_count,
           coalesce(sum(c.actual_duration), 0) AS total_duration_minutes,
           avg(c.actual_duration) AS avg_duration_minutes
      FROM practitioners p
      LEFT JOIN consultations c ON c.practitioner_id = p.id AND c.status = 'COMPLETED'
        AND c.billing_status IN ('VALIDATED', 'BILLED')
     GROUP BY p.id, p.first_name, p.last_name, p.specialty, c.company_id, date_trunc('month', c.scheduled_at)`,
} as const;
const COLUMNS = {
  employee_usage_stats:
    'employee_id, company_id, first_name, last_name, department, period, consultation_count, ' +
    'total_duration_minutes, last_consultation_date',
  practitioner_billing_stats:
    'practitioner_id, first_name, last_name, specialty, company_id, period, consultation_count, ' +
    'total_duration_minutes, avg_duration_minutes',
} as const;
type View = keyof typeof REFERENCE;

let t: TestDatabase;
const f = {} as {
  a1: Employee;
  a2: Employee;
  idle: Employee;
  b1: Employee;
  p1: string;
  p2: string;
  idlePractitioner: string;
  ids: Record<string, string>;
};

const at = (iso: string) => new Date(iso);

/** Both refresh functions, called as the 5-minute job does, from a session in another time zone. */
async function refresh(): Promise<void> {
  const client = await t.db.owner.connect();
  try {
    await client.query(`set timezone to 'Europe/Paris'`);
    await client.query('select refresh_employee_stats()');
    await client.query('select refresh_practitioner_stats()');
  } finally {
    await client.query('reset timezone');
    client.release();
  }
}

/** Rows of the view missing from the reference's answer, and rows the reference has that the view lacks. */
async function differences(view: View) {
  const client = await t.db.owner.connect();
  try {
    await client.query(`set timezone to 'UTC'`);
    const { rows } = await client.query(`
      with v as (select ${COLUMNS[view]} from ${view}), r as (${REFERENCE[view]})
      select 'only in the view' as side, x.* from (select * from v except all select * from r) x
      union all
      select 'only in the definition', x.* from (select * from r except all select * from v) x`);
    return rows;
  } finally {
    await client.query('reset timezone');
    client.release();
  }
}

async function usage(employeeId: string) {
  const { rows } = await t.db.owner.query(
    `select to_char(period at time zone 'UTC', 'YYYY-MM') as month, consultation_count::int as n,
            total_duration_minutes::int as minutes
       from employee_usage_stats where employee_id = $1 order by period nulls first`,
    [employeeId],
  );
  return rows;
}

async function billing(practitionerId: string) {
  const { rows } = await t.db.owner.query(
    `select company_id, to_char(period at time zone 'UTC', 'YYYY-MM') as month, consultation_count::int as n,
            total_duration_minutes::int as minutes, avg_duration_minutes::float as average
       from practitioner_billing_stats where practitioner_id = $1 order by company_id, period nulls first`,
    [practitionerId],
  );
  return rows;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db.ownerDb;
  const [a, b] = [await createCompany(db), await createCompany(db)];
  const a1 = (await createEmployee(db, { companyId: a.id, employee: { department: 'Sales' } })).employee;
  const a2 = (await createEmployee(db, { companyId: a.id, employee: { department: 'IT' } })).employee;
  const idle = (await createEmployee(db, { companyId: a.id })).employee;
  const b1 = (await createEmployee(db, { companyId: b.id })).employee;
  const p1 = (await createPractitioner(db)).practitioner.id;
  const p2 = (await createPractitioner(db)).practitioner.id;
  const idlePractitioner = (await createPractitioner(db)).practitioner.id;
  const ids: Record<string, string> = {};
  const done = (
    name: string,
    employee: Employee,
    practitionerId: string,
    iso: string,
    minutes: number,
    extra: Record<string, unknown> = {},
  ) =>
    createConsultation(db, {
      employee,
      practitionerId,
      scheduledAt: at(iso),
      status: 'COMPLETED',
      actualDuration: minutes,
      billingStatus: 'VALIDATED',
      ...extra,
    }).then((c) => {
      ids[name] = c.id;
    });
  await done('a1-jan', a1, p1, '2026-01-12T09:00:00Z', 45);
  await done('a1-jan-2', a1, p2, '2026-01-20T09:00:00Z', 50, { billingStatus: 'BILLED' });
  // 23:30 UTC on 28 February is March in Paris: counted in February (UTC) whatever the session.
  await done('a1-feb-late', a1, p1, '2026-02-28T23:30:00Z', 30);
  await done('a2-jan', a2, p1, '2026-01-13T09:00:00Z', 40, { billingStatus: 'PENDING' });
  await done('a2-unbillable', a2, p2, '2026-01-14T09:00:00Z', 5, { isBillable: false });
  await done('b1-feb', b1, p1, '2026-02-03T09:00:00Z', 55, { billingStatus: 'BILLED' });
  await createConsultation(db, {
    employee: b1,
    practitionerId: p2,
    scheduledAt: at('2026-02-04T09:00:00Z'),
    status: 'CANCELLED',
  }).then((c) => {
    ids['b1-cancelled'] = c.id;
  });
  Object.assign(f, { a1, a2, idle, b1, p1, p2, idlePractitioner, ids });
});

afterAll(async () => {
  await t?.drop();
});

describe('counters refresh', () => {
  it('fills both views with exactly the rows of their definition, months in UTC', async () => {
    await refresh();
    expect(await differences('employee_usage_stats')).toEqual([]);
    expect(await differences('practitioner_billing_stats')).toEqual([]);
    expect(await usage(f.a1.id)).toEqual([
      { month: '2026-01', n: 2, minutes: 95 },
      { month: '2026-02', n: 1, minutes: 30 },
    ]);
    // Only unbillable or cancelled sessions, or none: one row with no month and zero counts.
    expect(await usage(f.idle.id)).toEqual([{ month: null, n: 0, minutes: 0 }]);
    expect(await billing(f.idlePractitioner)).toEqual([
      { company_id: null, month: null, n: 0, minutes: 0, average: null },
    ]);
    expect(await billing(f.p1)).toEqual(
      [
        { company_id: f.a1.companyId, month: '2026-01', n: 1, minutes: 45, average: 45 },
        { company_id: f.a1.companyId, month: '2026-02', n: 1, minutes: 30, average: 30 },
        { company_id: f.b1.companyId, month: '2026-02', n: 1, minutes: 55, average: 55 },
      ].sort((x, y) => x.company_id.localeCompare(y.company_id)),
    );
  });

  it('after inserts, updates and deletes of consultations and a renamed employee, has exactly the new rows', async () => {
    await refresh();
    const db = t.db.ownerDb;
    const q = (text: string, values: unknown[]) => t.db.owner.query(text, values);
    // Insert: a new month for a1, a first counted session for the idle employee.
    await createConsultation(db, {
      employee: f.a1,
      practitionerId: f.p2,
      scheduledAt: at('2026-03-05T09:00:00Z'),
      status: 'COMPLETED',
      actualDuration: 60,
      billingStatus: 'VALIDATED',
    });
    await createConsultation(db, {
      employee: f.idle,
      practitionerId: f.idlePractitioner,
      scheduledAt: at('2026-03-06T09:00:00Z'),
      status: 'COMPLETED',
      actualDuration: 35,
      billingStatus: 'BILLED',
    });
    // Updates: a duration, a billing validation, a session moved to another month, a cancellation.
    await q('update consultations set actual_duration = 47 where id = $1', [f.ids['a1-jan']]);
    await q(`update consultations set billing_status = 'VALIDATED' where id = $1`, [f.ids['a2-jan']]);
    await q(
      `update consultations set scheduled_at = '2026-03-10T09:00:00Z', scheduled_end_at = '2026-03-10T09:50:00Z'
        where id = $1`,
      [f.ids['b1-feb']],
    );
    await q(`update consultations set status = 'CANCELLED' where id = $1`, [f.ids['a1-jan-2']]);
    // Delete: a2 loses its only counted session... and the employee's other columns change.
    await q('delete from consultations where id = $1', [f.ids['a2-unbillable']]);
    await q(`update employees set last_name = 'Renamed', department = 'Finance' where id = $1`, [f.a2.id]);
    // A new employee and practitioner, with no session yet.
    const newcomer = (await createEmployee(db, { companyId: f.a1.companyId })).employee;
    const newPractitioner = (await createPractitioner(db)).practitioner.id;

    await refresh();
    expect(await differences('employee_usage_stats')).toEqual([]);
    expect(await differences('practitioner_billing_stats')).toEqual([]);
    expect(await usage(f.a1.id)).toEqual([
      { month: '2026-01', n: 1, minutes: 47 },
      { month: '2026-02', n: 1, minutes: 30 },
      { month: '2026-03', n: 1, minutes: 60 },
    ]);
    expect(await usage(f.idle.id)).toEqual([{ month: '2026-03', n: 1, minutes: 35 }]);
    expect(await usage(newcomer.id)).toEqual([{ month: null, n: 0, minutes: 0 }]);
    const { rows: renamed } = await q(
      'select distinct last_name, department from employee_usage_stats where employee_id = $1',
      [f.a2.id],
    );
    expect(renamed).toEqual([{ last_name: 'Renamed', department: 'Finance' }]);
    expect(await billing(f.idlePractitioner)).toEqual([
      { company_id: f.idle.companyId, month: '2026-03', n: 1, minutes: 35, average: 35 },
    ]);
    expect(await billing(newPractitioner)).toEqual([
      { company_id: null, month: null, n: 0, minutes: 0, average: null },
    ]);
    expect((await billing(f.p1)).filter((r) => r.company_id === f.b1.companyId)).toEqual([
      { company_id: f.b1.companyId, month: '2026-03', n: 1, minutes: 55, average: 55 },
    ]);
  });

  it('merges: a refresh with nothing changed leaves every row with a month where it was', async () => {
    await refresh();
    const places = () =>
      t.db.owner.query<{ key: string; tid: string }>(
        `select employee_id || ' ' || period as key, ctid::text as tid
           from employee_usage_stats where period is not null order by 1`,
      );
    const before = (await places()).rows;
    expect(before.length).toBeGreaterThan(3);
    await refresh();
    expect((await places()).rows).toEqual(before);
  });

  it('neither waits for readers nor makes them wait (a plain refresh would)', async () => {
    await refresh();
    const [reader, refresher, lateReader] = await Promise.all([
      t.db.owner.connect(),
      t.db.owner.connect(),
      t.db.owner.connect(),
    ]);
    try {
      // A reader's open transaction keeps its lock on both views until it ends.
      await reader.query('begin');
      await reader.query('select count(*) from employee_usage_stats');
      await reader.query('select count(*) from practitioner_billing_stats');
      await refresher.query(`set lock_timeout = '2s'`);
      await refresher.query('select refresh_employee_stats()');
      await refresher.query('select refresh_practitioner_stats()');
      // The control: a refresh that is not concurrent waits for the reader to finish.
      await expect(refresher.query('refresh materialized view employee_usage_stats')).rejects.toThrow(
        /lock timeout/,
      );
      await reader.query('commit');
      // A refresh whose transaction is still open does not hold a new reader up.
      await refresher.query('begin');
      await refresher.query('select refresh_employee_stats()');
      await lateReader.query(`set statement_timeout = '2s'`);
      const { rows } = await lateReader.query<{ n: number }>(
        'select count(*)::int as n from employee_usage_stats',
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
      await refresher.query('commit');
    } finally {
      for (const client of [reader, refresher]) await client.query('rollback').catch(() => {});
      await refresher.query('reset lock_timeout').catch(() => {});
      await lateReader.query('reset statement_timeout').catch(() => {});
      for (const client of [reader, refresher, lateReader]) client.release();
    }
  });

  it('keeps the refresh functions callable by the application and their settings', async () => {
    const { rows } = await t.db.owner.query<{ name: string; settings: string[]; app: boolean }>(
      `select proname as name, proconfig as settings,
              has_function_privilege('huntzen_app', oid, 'EXECUTE') as app
         from pg_proc where proname in ('refresh_employee_stats', 'refresh_practitioner_stats') order by 1`,
    );
    expect(rows.map((r) => r.name)).toEqual(['refresh_employee_stats', 'refresh_practitioner_stats']);
    for (const row of rows) {
      expect(row.app).toBe(true);
      expect(row.settings).toEqual(
        expect.arrayContaining(['TimeZone=UTC', 'work_mem=32MB', 'jit=off', 'default_statistics_target=10']),
      );
    }
  });
});
