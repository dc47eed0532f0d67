// Read paths (issue 13): the "upcoming" consultations list of a practitioner and of an employee
// after a year of past consultations, through the repository (withActor: transaction, actor
// settings, RLS policies of consultations, employees and practitioners, Drizzle), against the very
// SQL the repository sends run through raw node-postgres on the owner pool (no RLS, no
// transaction) — the fastest that query could be. Migration 0032 gives the list an index of the
// open consultations only and the practitioner_patients policy an InitPlan instead of an EXISTS
// per employee row.
import { type Actor, withActor } from '@huntzen/db';
import * as schema from '@huntzen/db/schema/index';
import { planCounts } from '@huntzen/db/testing/statements';
import { drizzle } from 'drizzle-orm/node-postgres';
import {
  type ListFilter,
  listConsultations,
} from '../apps/api/src/modules/consultations/consultations.repository';
import { type BenchDatabase, opsPerSecond, report, sized } from './harness';

const PRACTITIONERS = sized(100, 5);
const EMPLOYEES = sized(400, 20);
const PAST_EACH = sized(1_500, 60);
const UPCOMING_EACH = sized(60, 10);
const DOMAIN = 'read-paths-bench.test';

async function populate({ db }: BenchDatabase): Promise<string> {
  const { rows } = await db.owner.query<{ id: string }>(`
    insert into companies (name, slug, email_domains, is_active)
    values ('Read paths bench', 'read-paths-bench', '{@${DOMAIN}}', true) returning id`);
  const companyId = rows[0]!.id;
  await db.owner.query(
    `
    with eu as (
      insert into users (email, password_hash, role, company_id)
      select 'e' || g || '@${DOMAIN}', 'x', 'EMPLOYEE', $1 from generate_series(1, ${EMPLOYEES}) g
      returning id, company_id
    )
    insert into employees (user_id, company_id, first_name, last_name) select id, company_id, 'E', 'Bench' from eu`,
    [companyId],
  );
  await db.owner.query(`
    with pu as (
      insert into users (email, password_hash, role)
      select 'p' || g || '@${DOMAIN}', 'x', 'PRACTITIONER' from generate_series(1, ${PRACTITIONERS}) g returning id
    )
    insert into practitioners (user_id, first_name, last_name, title, specialty, bio, is_validated)
    select id, 'P', 'Bench', 'Dr.', 'PSYCHOLOGUE_CLINICIEN', 'bio', true from pu`);
  // Slot k of practitioner n: k × 5 hours before now (completed) or k hours after (scheduled), with
  // employee (n + k) mod E: nobody is booked twice at once (exclusion constraints, 0013).
  await db.owner.query(
    `
    with p as (select p.id, row_number() over (order by p.id) as n from practitioners p
                 join users u on u.id = p.user_id where u.email like '%@${DOMAIN}'),
         e as (select id, row_number() over (order by id) - 1 as n from employees where company_id = $1)
    insert into consultations (company_id, employee_id, practitioner_id, scheduled_at, scheduled_end_at, format,
                               status, started_at, ended_at, actual_duration)
    select $1, e.id, p.id, t.s, t.s + interval '50 minutes', 'VIDEO',
           case when k < 0 then 'COMPLETED' else 'SCHEDULED' end::consultation_status,
           case when k < 0 then t.s end, case when k < 0 then t.s + interval '45 minutes' end,
           case when k < 0 then 45 end
    from p
    cross join (select -g as k from generate_series(1, ${PAST_EACH}) g
                union all select g from generate_series(1, ${UPCOMING_EACH}) g) ks
    cross join lateral (select case when k < 0 then now() + k * interval '5 hours'
                                    else now() + k * interval '1 hour' end as s) t
    join e on e.n = (p.n + ks.k + ${PAST_EACH} * ${EMPLOYEES}) % ${EMPLOYEES}`,
    [companyId],
  );
  await db.owner.query('analyze');
  return companyId;
}

/** Runs the benchmark and prints its ratios. */
export async function benchReadPaths(bench: BenchDatabase): Promise<void> {
  const companyId = await populate(bench);
  const { db } = bench;
  const practitioners = (
    await db.owner.query<{ id: string; user_id: string }>(
      `select p.id, p.user_id from practitioners p join users u on u.id = p.user_id
        where u.email like '%@${DOMAIN}' order by p.id`,
    )
  ).rows;
  const employees = (
    await db.owner.query<{ id: string; user_id: string }>(
      'select id, user_id from employees where company_id = $1 order by id',
      [companyId],
    )
  ).rows;

  // The repository's SQL, captured once through a Drizzle instance over the owner pool.
  const captured: { sql: string; params: unknown[] }[] = [];
  const capture = drizzle({
    client: db.owner,
    schema,
    logger: { logQuery: (query, params) => void captured.push({ sql: query, params }) },
  });
  const iterations = sized(1000, 30);
  const cases: { name: string; actor: (i: number) => Actor; filter: (i: number) => ListFilter }[] = [
    {
      name: 'practitioner upcoming',
      actor: (i) => {
        const p = practitioners[i % practitioners.length]!;
        return { role: 'PRACTITIONER', userId: p.user_id, practitionerId: p.id };
      },
      filter: (i) => ({
        scope: { kind: 'practitioner', practitionerId: practitioners[i % practitioners.length]!.id },
        when: 'upcoming',
        limit: 20,
      }),
    },
    {
      name: 'employee upcoming',
      actor: (i) => {
        const e = employees[i % employees.length]!;
        return { role: 'EMPLOYEE', userId: e.user_id, companyId, employeeId: e.id };
      },
      filter: (i) => ({
        scope: { kind: 'employee', employeeId: employees[i % employees.length]!.id },
        when: 'upcoming',
        limit: 20,
      }),
    },
  ];
  console.info(
    `\nRead paths: ${PRACTITIONERS} practitioners × (${PAST_EACH} past + ${UPCOMING_EACH} upcoming) consultations`,
  );
  for (const c of cases) {
    const queries: { sql: string; params: unknown[] }[] = [];
    for (let i = 0; i < Math.min(iterations, 200); i++) {
      captured.length = 0;
      await capture.transaction((tx) => listConsultations(tx, c.filter(i)));
      const q = captured.find((x) => x.sql.startsWith('select'));
      if (!q) throw new Error('read-paths bench: the list query was not captured');
      queries.push(q);
    }
    const raw = await opsPerSecond(iterations, (i) => {
      const q = queries[i % queries.length]!;
      return db.owner.query(q.sql, q.params);
    });
    const route = await opsPerSecond(iterations, (i) =>
      withActor(db, c.actor(i % queries.length), (tx) => listConsultations(tx, c.filter(i % queries.length))),
    );
    report(`${c.name}: raw node-postgres (owner)`, 'itself', raw, raw);
    report(`${c.name}: repository, withActor + RLS`, 'raw SQL', raw, route);
    const plans = await withActor(db, c.actor(0), (tx) =>
      planCounts(tx, () => listConsultations(tx, c.filter(0))),
    );
    console.info(
      `${''.padEnd(6)}8 runs on one connection: ${plans.custom} custom plan(s), ${plans.generic} generic`,
    );
    // A statement PostgreSQL plans anew on every run pays the planning of its row-level security
    // each time (the practitioner's list did: more than its run).
    if (plans.generic === 0) throw new Error(`read-paths bench: ${c.name} is planned on every run`);
  }
}
