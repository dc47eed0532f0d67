// What HR's usage dashboard costs: the thresholded answer of the insights service (withActor, head
// counts, complementary suppression, then insights_usage over employee_usage_stats and the first
// consultations) by department and by month over 12 months, against a plain count(*) over the
// company's rows of the materialized view on the owner pool — the least a dashboard could read.
// Also the concurrent refresh of the view the 5-minute job runs (nothing changed since the last
// one), against the view's defining SELECT run in full on the server (every column computed, rows
// discarded: what the refresh has to compute anyway; insights-billing.bench.ts has more).
import { randomUUID } from 'node:crypto';
import { createInsightsService } from '../apps/api/src/modules/insights/insights.service';
import type { RequestActor } from '../apps/api/src/platform/auth';
import { type BenchDatabase, opsPerSecond, report, sized } from './harness';

const EMPLOYEES = sized(5_000, 100);
const PRACTITIONERS = sized(250, 20);
const CONSULTATIONS = sized(200_000, 2_000);
const DEPARTMENTS = 14;

/** Runs the benchmark and prints its ratios. */
export async function benchInsightsUsage({ db }: BenchDatabase): Promise<void> {
  const { rows } = await db.owner.query<{ id: string }>(`
    insert into companies (name, slug, email_domains, is_active)
    values ('Insights bench', 'insights-bench', '{@insights-bench.test}', true) returning id`);
  const companyId = rows[0]!.id;
  // Departments of uneven sizes (a few small ones to suppress); sign-ups over the first 6 months.
  await db.owner.query(
    `
    with u as (
      insert into users (email, password_hash, role, company_id, created_at)
      select 'e' || g || '@insights-bench.test', 'x', 'EMPLOYEE', $1, now() - interval '24 months' + (g % 180) * interval '1 day'
      from generate_series(1, ${EMPLOYEES}) g returning id, company_id, created_at
    )
    insert into employees (user_id, company_id, first_name, last_name, department, created_at)
    select id, company_id, 'E', 'Bench',
           'Dept ' || (abs(hashtext(id::text)) % ${DEPARTMENTS}) * (abs(hashtext(id::text)) % ${DEPARTMENTS}) % ${DEPARTMENTS},
           created_at
    from u`,
    [companyId],
  );
  // Two small departments (3 and 2 people): suppressed, with a complementary one.
  await db.owner.query(
    `
    update employees set department = case when n <= 3 then 'Tiny A' else 'Tiny B' end
    from (select id, row_number() over (order by id) as n from employees where company_id = $1 limit 5) s
    where employees.id = s.id`,
    [companyId],
  );
  await db.owner.query(`
    with pu as (
      insert into users (email, password_hash, role)
      select 'p' || g || '@insights-bench.test', 'x', 'PRACTITIONER' from generate_series(1, ${PRACTITIONERS}) g returning id
    )
    insert into practitioners (user_id, first_name, last_name, title, specialty, bio, is_validated)
    select id, 'P', 'Bench', 'Dr.', 'PSYCHOLOGUE_CLINICIEN', 'bio', true from pu`);
  // Consultation i: practitioner i mod P, employee i mod E, slot i div P (30 hours apart): nobody
  // is booked twice at once (exclusion constraints of 0013_booking.sql) since E >= P.
  await db.owner.query(
    `
    insert into consultations (company_id, employee_id, practitioner_id, scheduled_at, scheduled_end_at, format,
                               status, started_at, ended_at, actual_duration)
    select $1, e.id, p.id, s, s + interval '50 minutes', 'VIDEO', 'COMPLETED', s, s + interval '45 minutes', 45
    from generate_series(0, ${CONSULTATIONS - 1}) i
    join (select id, row_number() over (order by id) - 1 as n from practitioners
           where user_id in (select id from users where email like 'p%@insights-bench.test')) p
      on p.n = i % ${PRACTITIONERS}
    join (select id, row_number() over (order by id) - 1 as n from employees where company_id = $1) e
      on e.n = i % ${EMPLOYEES}
    cross join lateral (select now() - interval '18 months' + (i / ${PRACTITIONERS}) * interval '30 hours' as s) t
    where s < now()`,
    [companyId],
  );
  await db.owner.query('select refresh_employee_stats()');
  await db.owner.query('analyze');
  const { rows: counted } = await db.owner.query<{ n: number }>(
    'select count(*)::int as n from consultations where company_id = $1',
    [companyId],
  );

  const service = createInsightsService({ db });
  const hr: RequestActor = {
    role: 'ADMIN_RH',
    userId: randomUUID(),
    email: 'hr@insights-bench.test',
    companyId,
    sessionId: randomUUID(),
    mfa: 'ok',
  };
  const now = new Date();
  const to = now.toISOString().slice(0, 7);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString().slice(0, 7);

  const iterations = sized(60, 5);
  const baseline = await opsPerSecond(iterations, () =>
    db.owner.query('select count(*) from employee_usage_stats where company_id = $1', [companyId]),
  );
  console.info(
    `insights usage: ${EMPLOYEES} employees, ${counted[0]!.n} completed consultations, ${DEPARTMENTS} departments`,
  );
  report('count(*) over employee_usage_stats (baseline)', 'itself', baseline, baseline);
  const byDepartment = await opsPerSecond(iterations, () =>
    service.usage(hr, { from, to, groupBy: 'department' }),
  );
  report('HR dashboard by department, 12 months', 'count(*)', baseline, byDepartment);
  const byMonth = await opsPerSecond(iterations, () => service.usage(hr, { from, to, groupBy: 'month' }));
  report('HR dashboard by month, 12 months', 'count(*)', baseline, byMonth);
  const { rows: views } = await db.owner.query<{ definition: string }>(
    `select pg_get_viewdef('employee_usage_stats'::regclass) as definition`,
  );
  const definition = views[0]!.definition.replace(/;\s*$/, '');
  const select = await opsPerSecond(sized(3, 1), () =>
    db.owner.query(`explain (analyze, timing off, summary off, costs off) ${definition}`),
  );
  const refresh = await opsPerSecond(sized(3, 1), () => db.owner.query('select refresh_employee_stats()'));
  report('employee_usage_stats: its SELECT', 'itself', select, select);
  report('refresh employee_usage_stats concurrently', 'its SELECT', select, refresh);
}
