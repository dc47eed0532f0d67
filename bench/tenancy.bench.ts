// What row-level security costs: a practitioner's agenda read through withActor (transaction,
// actor settings, RLS policies, application role) against the same query on the owner pool with
// the filter written by hand (no RLS, no transaction) — the fastest it could be. Repositories
// still write the filter themselves (the index serves it); the policies are the safety net.
import { SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type BenchDatabase, opsPerSecond, report, sized } from './harness';

const PRACTITIONERS = 50;
const CONSULTATIONS_EACH = sized(400, 40);
const EMPLOYEES = 200;
// Other benchmarks of the run share the database: this one works on its own rows only.
const OWN_PRACTITIONERS =
  "(select p.* from practitioners p join users u on u.id = p.user_id where u.email like '%@bench.test')";
const OWN_EMPLOYEES =
  "(select e.* from employees e join users u on u.id = e.user_id where u.email like '%@bench.test')";

async function populate({ db }: BenchDatabase) {
  await db.owner.query(`
    with c as (
      insert into companies (name, slug, email_domains, is_active)
      values ('Bench', 'bench', '{@bench.test}', true) returning id
    ), eu as (
      insert into users (email, password_hash, role, company_id)
      select 'e' || g || '@bench.test', 'x', 'EMPLOYEE', c.id from c, generate_series(1, ${EMPLOYEES}) g returning id, company_id
    )
    insert into employees (user_id, company_id, first_name, last_name)
    select id, company_id, 'E', 'Bench' from eu`);
  await db.owner.query(`
    with pu as (
      insert into users (email, password_hash, role)
      select 'p' || g || '@bench.test', 'x', 'PRACTITIONER' from generate_series(1, ${PRACTITIONERS}) g returning id
    )
    insert into practitioners (user_id, first_name, last_name, title, specialty, bio, is_validated)
    select id, 'P', 'Bench', 'Dr.', 'PSYCHOLOGUE_CLINICIEN', 'bio', true from pu`);
  await db.owner.query(`
    -- One hour apart per practitioner; within an hour each practitioner has another employee (no
    -- one is booked twice at once: exclusion constraints of 0013_booking.sql).
    insert into consultations (company_id, employee_id, practitioner_id, scheduled_at, scheduled_end_at, format)
    select e.company_id, e.id, p.id, s, s + interval '50 minutes', 'VIDEO'
    from (select id, row_number() over () as n from ${OWN_PRACTITIONERS} own) p
    cross join generate_series(1, ${CONSULTATIONS_EACH}) k
    cross join lateral (select now() + (k * interval '1 hour') as s) t
    join (select id, company_id, row_number() over () as n from ${OWN_EMPLOYEES} own) e
      on e.n = 1 + (p.n + k) % ${EMPLOYEES}`);
  await db.owner.query('analyze');
}

/** Runs the benchmark and prints its ratios. */
export async function benchTenancy(bench: BenchDatabase): Promise<void> {
  await populate(bench);
  const { db } = bench;
  const practitioners = (
    await db.owner.query<{ id: string; user_id: string }>(`select id, user_id from ${OWN_PRACTITIONERS} own`)
  ).rows;
  const pick = (i: number) => practitioners[i % practitioners.length]!;
  // Every variant sends the same statement but for the hand filter, with its window as a parameter:
  // the application pool prepares parameterised statements (packages/db/src/client.ts), so a text
  // without any would be planned on every call where the others are not, and the rows would compare
  // planning, not policies.
  const agenda = (practitionerId?: string) => {
    const from = new Date();
    return sql`select id, scheduled_at, status from consultations
      where ${practitionerId ? sql`practitioner_id = ${practitionerId} and` : sql``}
            scheduled_at between ${from}::timestamptz and ${from}::timestamptz + interval '7 days'
      order by scheduled_at`;
  };
  const dialect = new PgDialect();
  const asPractitioner = (p: { id: string; user_id: string }) => ({
    role: 'PRACTITIONER' as const,
    userId: p.user_id,
    practitionerId: p.id,
  });

  const iterations = sized(2000, 50);
  const baseline = await opsPerSecond(iterations, (i) => {
    const { sql: text, params } = dialect.sqlToQuery(agenda(pick(i).id));
    return db.owner.query(text, params);
  });
  const rls = await opsPerSecond(iterations, (i) =>
    withActor(db, asPractitioner(pick(i)), (tx) => tx.execute(agenda())),
  );
  const rlsFiltered = await opsPerSecond(iterations, (i) =>
    withActor(db, asPractitioner(pick(i)), (tx) => tx.execute(agenda(pick(i).id))),
  );
  const system = await opsPerSecond(iterations, (i) =>
    withActor(db, SYSTEM_ACTOR, (tx) => tx.execute(agenda(pick(i).id))),
  );
  console.info(
    `\nTenancy: a practitioner's 7-day agenda, ${PRACTITIONERS}×${CONSULTATIONS_EACH} consultations`,
  );
  report('withActor + RLS (practitioner)', 'owner pool, hand filter', baseline, rls);
  report(
    'withActor + RLS + hand filter (repository style)',
    'owner pool, hand filter',
    baseline,
    rlsFiltered,
  );
  report('withActor, SYSTEM actor, hand filter', 'owner pool, hand filter', baseline, system);
  // A forgotten repository filter: what the policies alone cost against the same call with it.
  report('RLS alone (no hand filter)', 'RLS + hand filter', rlsFiltered, rls);
}
