// What the admin analytics cost at `db:demo` volume (1 M consultations over the last 12 months,
// 500 practitioners, 10 000 employees in 20 companies): the page's query through the analytics
// service (withActor, the security-barrier view over `practitioner_billing_stats`: totals, trend,
// top lists, one page of rows) for one month, every month and one company, and the platform
// figures (the platform's size and every consultation by status over 12 months: a scan of the
// table, its own route), against a plain `count(*)` over the materialized view on the owner pool
// in the same run. Then the counters' refresh (`employee_usage_stats`, `practitioner_billing_stats`,
// the 5-minute job) against their defining SELECT (see `benchRefresh`), and the plan of HR's read of
// one company's counters (it must go through the company index, not a scan of the whole view).
import { randomUUID } from 'node:crypto';
import { withActor } from '@huntzen/db';
import { sql } from 'drizzle-orm';
import { createAnalyticsService } from '../apps/api/src/modules/analytics';
import type { RequestActor } from '../apps/api/src/platform/auth';
import { type BenchDatabase, opsPerSecond, report, sized } from './harness';

const COMPANIES = sized(20, 3);
const EMPLOYEES = sized(10_000, 200);
const PRACTITIONERS = sized(500, 20);
const CONSULTATIONS = sized(1_000_000, 20_000);
const CHUNK = sized(100_000, 20_000);
const DOMAIN = 'analytics-bench.test';

async function populate({ db }: BenchDatabase): Promise<void> {
  await db.owner.query(`
    insert into companies (name, slug, email_domains, is_active)
    select 'Analytics bench ' || g, 'analytics-bench-' || g, array['@c' || g || '.${DOMAIN}'], true
    from generate_series(1, ${COMPANIES}) g`);
  await db.owner.query(`
    with c as (
      select id, row_number() over (order by slug) - 1 as n from companies where slug like 'analytics-bench-%'
    ), u as (
      insert into users (email, password_hash, role, company_id)
      select 'e' || g || '@${DOMAIN}', 'x', 'EMPLOYEE', c.id
      from generate_series(0, ${EMPLOYEES - 1}) g join c on c.n = g % ${COMPANIES}
      returning id, company_id
    )
    insert into employees (user_id, company_id, first_name, last_name, department)
    select id, company_id, 'E', 'Bench', 'Dept ' || (random() * 8)::int from u`);
  await db.owner.query(`
    with u as (
      insert into users (email, password_hash, role)
      select 'p' || g || '@${DOMAIN}', 'x', 'PRACTITIONER' from generate_series(0, ${PRACTITIONERS - 1}) g
      returning id
    )
    insert into practitioners (user_id, first_name, last_name, title, specialty, bio, is_validated)
    select id, 'P', 'Bench ' || row_number() over (), 'Dr.', 'PSYCHOLOGUE_CLINICIEN', 'bio', true from u`);
  // Consultation i: practitioner i mod P in its slot i div P; employee i mod E (E ≥ P, so one
  // employee's sessions are at least a slot apart). Slots spread the sessions over the last year,
  // hours apart: no overlap for anyone (exclusion constraints of 0013_booking.sql).
  const slots = Math.ceil(CONSULTATIONS / PRACTITIONERS);
  const stepMinutes = Math.max(60, Math.floor((365 * 24 * 60) / slots));
  for (let from = 0; from < CONSULTATIONS; from += CHUNK) {
    const to = Math.min(CONSULTATIONS, from + CHUNK) - 1;
    await db.owner.query(`
      with p as (
        select p.id, row_number() over (order by p.id) - 1 as n
        from practitioners p join users u on u.id = p.user_id where u.email like '%@${DOMAIN}'
      ), e as (
        select e.id, e.company_id, row_number() over (order by e.id) - 1 as n
        from employees e join users u on u.id = e.user_id where u.email like '%@${DOMAIN}'
      ), c as (
        select i, now() - interval '365 days' + ((i / ${PRACTITIONERS}) * ${stepMinutes}) * interval '1 minute' as at,
               i % 20 as kind
        from generate_series(${from}, ${to}) i
      )
      insert into consultations (company_id, employee_id, practitioner_id, scheduled_at, scheduled_end_at, duration,
                                 format, status, actual_duration, billing_status, is_billable, room_name)
      select e.company_id, e.id, p.id, c.at, c.at + interval '50 minutes', 50, 'VIDEO',
             (case when c.kind < 16 then 'COMPLETED' when c.kind < 18 then 'CANCELLED'
                   when c.kind < 19 then 'NO_SHOW' else 'SCHEDULED' end)::consultation_status,
             case when c.kind < 16 then 40 + c.i % 20 end,
             (case when c.kind < 11 then 'VALIDATED' when c.kind < 14 then 'BILLED' else 'PENDING' end)::billing_status,
             c.kind < 16,
             'bench-' || c.i
      from c join p on p.n = c.i % ${PRACTITIONERS} join e on e.n = c.i % ${EMPLOYEES}`);
  }
  await db.owner.query('analyze');
  await db.owner.query('select refresh_employee_stats()');
  await db.owner.query('select refresh_practitioner_stats()');
  await db.owner.query('analyze employee_usage_stats');
  await db.owner.query('analyze practitioner_billing_stats');
}

/** Runs the benchmark and prints its ratios. */
export async function benchInsightsBilling(bench: BenchDatabase): Promise<void> {
  const started = performance.now();
  await populate(bench);
  const { db } = bench;
  const loadSeconds = (performance.now() - started) / 1000;
  const { rows: sizes } = await db.owner.query<{ consultations: number; billing: number; usage: number }>(`
    select (select count(*) from consultations)::int as consultations,
           (select count(*) from practitioner_billing_stats)::int as billing,
           (select count(*) from employee_usage_stats)::int as usage`);
  const size = sizes[0]!;

  const service = createAnalyticsService({ db });
  const actor: RequestActor = {
    role: 'ADMIN_HUNTZEN',
    userId: randomUUID(),
    email: `admin@${DOMAIN}`,
    sessionId: randomUUID(),
    mfa: 'ok',
  };
  const lastMonth = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 7);
  const iterations = sized(30, 3);

  const baseline = await opsPerSecond(iterations, () =>
    db.owner.query('select count(*) from practitioner_billing_stats'),
  );
  let counted = 0;
  const oneMonth = await opsPerSecond(iterations, async () => {
    counted = (await service.billing(actor, { month: lastMonth, limit: 50 })).totals.consultations;
  });
  if (counted === 0) throw new Error(`no counted consultation in ${lastMonth}: the data set is wrong`);
  const everyMonth = await opsPerSecond(iterations, () => service.billing(actor, { limit: 50 }));
  const { rows: bench1 } = await db.owner.query<{ id: string }>(
    "select id from companies where slug = 'analytics-bench-1'",
  );
  const companyId = bench1[0]!.id;
  const oneCompany = await opsPerSecond(iterations, () =>
    service.billing(actor, { month: lastMonth, companyId, limit: 50 }),
  );
  const scans = sized(5, 2);
  const platform = await opsPerSecond(scans, () => service.platform(actor, { month: lastMonth }));
  const platformCompany = await opsPerSecond(scans, () =>
    service.platform(actor, { month: lastMonth, companyId }),
  );

  console.info(
    `\nAdmin analytics: ${size.consultations} consultations, ${size.billing} rows in practitioner_billing_stats, ` +
      `${size.usage} in employee_usage_stats (loaded in ${loadSeconds.toFixed(0)} s)`,
  );
  const line = (name: string, measured: number) => {
    report(name, 'count(*)', baseline, measured);
    console.info(`${''.padEnd(48)} (${(1000 / measured).toFixed(1)} ms each)`);
  };
  report('count(*) over practitioner_billing_stats', 'itself', baseline, baseline);
  console.info(`${''.padEnd(48)} (${(1000 / baseline).toFixed(1)} ms each)`);
  line(`analytics page, month ${lastMonth}`, oneMonth);
  line('analytics page, every month', everyMonth);
  line(`analytics page, ${lastMonth}, one company`, oneCompany);
  line('platform figures (12-month status scan)', platform);
  line('platform figures, one company', platformCompany);

  await benchRefresh(bench);
  await checkHrPlan(bench, companyId);
}

/**
 * Each counters' view: its refresh function (REFRESH … CONCURRENTLY, what the 5-minute job runs),
 * timed alone, each time after a day of consultations changed (durations and billing statuses,
 * untimed), so that every refresh has rows to delete and insert; against its defining SELECT
 * (`pg_get_viewdef`) run plainly on the owner pool, in rounds that interleave the four rows:
 *  - "its SELECT": every column computed on the server, the rows discarded (EXPLAIN ANALYZE,
 *    TIMING OFF), in the session's settings — the baseline;
 *  - "its SELECT, count(*) only": `select count(*) from (<SELECT>) q`, this bench's baseline until
 *    migration 0038; the planner drops the aggregates that nobody reads, so it computes less than a
 *    refresh has to;
 *  - "its SELECT, refresh's settings": the baseline under the function's own SET clauses
 *    (pg_proc.proconfig: work_mem, jit, …), to show what the refresh adds to the same SELECT.
 */
async function benchRefresh({ db }: BenchDatabase): Promise<void> {
  const rounds = sized(3, 1);
  const client = await db.owner.connect();
  try {
    await client.query("set timezone to 'UTC'");
    let day = 0;
    // One day of consultations, a different one each time: one minute more, and VALIDATED and
    // PENDING swapped (both views change: minutes per employee, counts per practitioner).
    const change = () =>
      client.query(
        `update consultations
            set actual_duration = actual_duration + 1,
                billing_status = case billing_status when 'VALIDATED' then 'PENDING'::billing_status
                                 when 'PENDING' then 'VALIDATED'::billing_status else billing_status end
          where scheduled_at >= now() - interval '300 days' + $1 * interval '1 day'
            and scheduled_at < now() - interval '299 days' + $1 * interval '1 day'`,
        [day++],
      );
    for (const [view, refresh] of [
      ['employee_usage_stats', 'refresh_employee_stats'],
      ['practitioner_billing_stats', 'refresh_practitioner_stats'],
    ] as const) {
      const { rows } = await client.query<{ definition: string; settings: string[] | null }>(
        `select pg_get_viewdef('${view}'::regclass) as definition,
                (select proconfig from pg_proc where oid = '${refresh}'::regproc) as settings`,
      );
      const definition = rows[0]!.definition.replace(/;\s*$/, '');
      const settings = rows[0]!.settings ?? [];
      const run = `explain (analyze, timing off, summary off, costs off) ${definition}`;
      const withSettings = settings
        .map((s) => {
          const at = s.indexOf('=');
          return `select set_config(${client.escapeLiteral(s.slice(0, at))}, ${client.escapeLiteral(s.slice(at + 1))}, true);`;
        })
        .join(' ');
      const runs = {
        select: () => client.query(run),
        countOnly: () => client.query(`select count(*) from (${definition}) q`),
        settings: () => client.query(`begin; ${withSettings} ${run}; commit`),
        refresh: () => client.query(`select ${refresh}()`),
      };
      const spent = { select: 0, countOnly: 0, settings: 0, refresh: 0 };
      let changed = 0;
      // Round 0 warms up (and is not counted).
      for (let round = 0; round <= rounds; round++) {
        for (const name of ['select', 'countOnly', 'settings', 'refresh'] as const) {
          if (name === 'refresh') changed += (await change()).rowCount ?? 0;
          const started = performance.now();
          await runs[name]();
          if (round > 0) spent[name] += performance.now() - started;
        }
      }
      const rate = (ms: number) => rounds / (ms / 1000);
      const each = (ms: number) => `${(ms / rounds).toFixed(0)} ms`;
      report(`${view}: its SELECT`, 'itself', rate(spent.select), rate(spent.select));
      report('  its SELECT, count(*) only', 'its SELECT', rate(spent.select), rate(spent.countOnly));
      report("  its SELECT, refresh's settings", 'its SELECT', rate(spent.select), rate(spent.settings));
      report('  REFRESH CONCURRENTLY after a change', 'its SELECT', rate(spent.select), rate(spent.refresh));
      console.info(
        `${''.padEnd(48)} (${each(spent.refresh)} per refresh, ${(spent.refresh / spent.select).toFixed(2)}× the SELECT's time; SELECT ${each(spent.select)}, count(*) only ` +
          `${each(spent.countOnly)}, refresh's settings ${each(spent.settings)}; ` +
          `${Math.round(changed / (rounds + 1))} consultations changed before each refresh; ` +
          `settings: ${settings.join(', ') || 'none'})`,
      );
    }
  } finally {
    client.release();
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

/**
 * HR's read of its company's counters (the insights repository's `counters` query, through
 * withActor and the security-barrier view `company_employee_usage`), one employee in ten sharing:
 * prints how it reaches `employee_usage_stats`, and fails on a sequential scan of the view.
 */
async function checkHrPlan({ db }: BenchDatabase, companyId: string): Promise<void> {
  await db.owner.query(
    `update employees set share_usage_with_hr = true
      where id in (select id from employees where company_id = $1 order by id
                   limit (select count(*) / 10 from employees where company_id = $1))`,
    [companyId],
  );
  const hr = { role: 'ADMIN_RH' as const, userId: randomUUID(), email: `hr@${DOMAIN}`, companyId };
  const explained = await withActor(db, hr, (tx) =>
    tx.execute<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(sql`
      explain (analyze, format json)
      select u.employee_id, e.first_name, e.last_name, e.department, to_char(u.period, 'YYYY-MM') as month,
             u.consultation_count::int as consultations, u.total_duration_minutes::int as minutes
        from company_employee_usage u
        join employees e on e.id = u.employee_id
       where u.company_id = ${companyId} and u.period is not null
       order by lower(e.last_name), lower(e.first_name), e.id, u.period`),
  );
  const top = explained.rows[0]!['QUERY PLAN'][0];
  const reads: string[] = [];
  // The view's branches of other roles are gated by one-time filters: never run (no loop).
  const walk = (node: PlanNode) => {
    if (node['Actual Loops'] === 0) return;
    if (
      node['Relation Name'] === 'employee_usage_stats' ||
      node['Index Name']?.startsWith('employee_usage_stats')
    ) {
      reads.push(node['Index Name'] ? `${node['Node Type']} using ${node['Index Name']}` : node['Node Type']);
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(top.Plan);
  console.info(
    `HR counters of one company (company_employee_usage): ${reads.join(', ')} ` +
      `(${top['Execution Time'].toFixed(1)} ms)`,
  );
  if (reads.length === 0 || reads.some((r) => r.startsWith('Seq Scan'))) {
    throw new Error(`HR's counters do not read employee_usage_stats through an index: ${reads.join(', ')}`);
  }
}
