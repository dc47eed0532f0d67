// Per-actor database roles (migration 0040, ADR 0005): a signed-in actor's transaction runs as its
// kind's role, so that the planner sees only that actor's policy arm. What must hold: each kind
// runs as its role and SYSTEM/ANONYMOUS as huntzen_app; a read without its own filter is served by
// the actor's index; switching role by hand claims nothing; every grant is huntzen_privileges'; and
// a statement is prepared once per role.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR_ROLES, type Actor, ANONYMOUS_ACTOR, SYSTEM_ACTOR } from './actor';
import { APP_ROLE, createDatabase, type Database, PRIVILEGES_ROLE } from './client';
import { withActor } from './tenancy';
import { createConsultation, createEmployee, createPractitioner } from './testing/factories';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

let t: TestDatabase;
let employee: Awaited<ReturnType<typeof createEmployee>>;
let practitioner: Awaited<ReturnType<typeof createPractitioner>>;
let other: Awaited<ReturnType<typeof createPractitioner>>;
let actors: Record<'employee' | 'hr' | 'practitioner' | 'admin', Actor>;

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db.ownerDb;
  employee = await createEmployee(db);
  practitioner = await createPractitioner(db);
  other = await createPractitioner(db);
  for (const p of [practitioner, other])
    for (let day = 1; day <= 3; day++)
      await createConsultation(db, {
        employee: employee.employee,
        practitionerId: p.practitioner.id,
        scheduledAt: new Date(Date.now() + (day * 24 + (p === other ? 2 : 0)) * 3_600_000),
      });
  const hr = await createEmployee(db, { companyId: employee.employee.companyId, user: { role: 'ADMIN_RH' } });
  actors = {
    employee: {
      role: 'EMPLOYEE',
      userId: employee.user.id,
      companyId: employee.employee.companyId,
      employeeId: employee.employee.id,
    },
    hr: {
      role: 'ADMIN_RH',
      userId: hr.user.id,
      companyId: hr.employee.companyId,
      employeeId: hr.employee.id,
    },
    practitioner: {
      role: 'PRACTITIONER',
      userId: practitioner.user.id,
      practitionerId: practitioner.practitioner.id,
    },
    admin: { role: 'ADMIN_HUNTZEN', userId: hr.user.id },
  };
});

afterAll(() => t.drop());

const whoAmI = (db: Database, actor: Actor) =>
  withActor(db, actor, async (tx) => {
    const { rows } = await tx.execute<{ who: string; n: number }>(
      sql`select current_user as who, (select count(*)::int from consultations) as n`,
    );
    return rows[0];
  });

describe('per-actor database roles', () => {
  it('runs each kind of signed-in actor as its role, SYSTEM and anonymous as the application role', async () => {
    expect(await whoAmI(t.db, actors.employee)).toEqual({ who: 'huntzen_employee', n: 6 });
    expect(await whoAmI(t.db, actors.hr)).toEqual({ who: 'huntzen_hr', n: 6 });
    expect(await whoAmI(t.db, actors.practitioner)).toEqual({ who: 'huntzen_practitioner', n: 3 });
    expect(await whoAmI(t.db, actors.admin)).toEqual({ who: 'huntzen_admin', n: 6 });
    expect(await whoAmI(t.db, SYSTEM_ACTOR)).toEqual({ who: APP_ROLE, n: 6 });
    expect(await whoAmI(t.db, ANONYMOUS_ACTOR)).toEqual({ who: APP_ROLE, n: 0 });
    // Transaction-local: the connection is the application role's again afterwards.
    expect((await t.db.app.query('select current_user as who')).rows[0].who).toBe(APP_ROLE);
  });

  it('shows each role the employees its general policy showed it', async () => {
    const employeesSeen = (actor: Actor) =>
      withActor(t.db, actor, async (tx) =>
        (await tx.execute<{ id: string }>(sql`select id from employees order by id`)).rows.map((r) => r.id),
      );
    const company = [employee.employee.id, actors.hr.employeeId!].sort();
    expect(await employeesSeen(actors.employee)).toEqual([employee.employee.id]);
    expect(await employeesSeen(actors.hr)).toEqual(company);
    // Only the employee they have consultations with, not HR of the same company.
    expect(await employeesSeen(actors.practitioner)).toEqual([employee.employee.id]);
    expect(await employeesSeen({ ...actors.practitioner, practitionerId: other.practitioner.id })).toEqual([
      employee.employee.id,
    ]);
    const all = await employeesSeen(SYSTEM_ACTOR);
    expect(all).toEqual(expect.arrayContaining(company));
    expect(await employeesSeen(actors.admin)).toEqual(all);
    expect(await employeesSeen(ANONYMOUS_ACTOR)).toEqual([]);
  });

  it("serves a practitioner's read without its own filter from the practitioner's index", async () => {
    const plan = await withActor(t.db, actors.practitioner, async (tx) => {
      // A handful of rows: without this the planner rightly reads the table whole.
      await tx.execute(sql`set local enable_seqscan = off`);
      const { rows } = await tx.execute<{ 'QUERY PLAN': string }>(
        sql`explain (costs off) select id from consultations
             where scheduled_at between now() and now() + interval '7 days' order by scheduled_at`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    // The policy's practitioner_id = (SELECT app_practitioner()) is an index condition, and no other
    // actor's arm (tenant, employee, platform admin) is in the plan.
    expect(plan).toMatch(/Index Cond: \(\(practitioner_id = /);
    expect(plan.match(/^\s*InitPlan/gm)).toHaveLength(1);
    expect(plan).not.toMatch(/Filter:/);
  });

  it('lets no statement claim more by switching role: the settings still decide', async () => {
    const seen = await withActor(t.db, actors.employee, async (tx) => {
      const count = async () =>
        (await tx.execute<{ n: number }>(sql`select count(*)::int as n from consultations`)).rows[0]?.n;
      const result: Record<string, number | undefined> = {};
      for (const role of ['huntzen_admin', 'huntzen_hr', 'huntzen_practitioner', APP_ROLE]) {
        await tx.execute(sql`select set_config('role', ${role}, true)`);
        result[role] = await count();
      }
      return result;
    });
    // The employee's own six as the application role (the general policy), nothing through the
    // roles of other kinds of actor, whose arms test settings this employee does not have.
    expect(seen).toEqual({ huntzen_admin: 0, huntzen_hr: 0, huntzen_practitioner: 0, [APP_ROLE]: 6 });
  });

  it('keeps every grant on huntzen_privileges: the application role holds none of its own', async () => {
    const { rows } = await t.db.owner.query<{ object: string }>(
      `select format('%s', c.oid::regclass) as object from pg_class c, aclexplode(c.relacl) a
        where a.grantee = $1::regrole
       union all
       select format('%s.%s', t.attrelid::regclass, t.attname) from pg_attribute t, aclexplode(t.attacl) a
        where a.grantee = $1::regrole
       union all
       select format('%s', p.oid::regprocedure) from pg_proc p, aclexplode(p.proacl) a where a.grantee = $1::regrole
       union all
       select n.nspname::text from pg_namespace n, aclexplode(n.nspacl) a where a.grantee = $1::regrole
       union all
       select 'default privileges' from pg_default_acl d, aclexplode(d.defaclacl) a where a.grantee = $1::regrole`,
      [APP_ROLE],
    );
    expect(rows).toEqual([]);
    const roles = [APP_ROLE, ...new Set(Object.values(ACTOR_ROLES).filter((r) => r !== null))];
    const { rows: privileged } = await t.db.owner.query<{ role: string; reads: boolean; bypass: boolean }>(
      `select r as role, has_column_privilege(r, 'consultations', 'scheduled_at', 'SELECT') as reads,
              (select rolbypassrls or rolsuper from pg_roles where rolname = r) as bypass
         from unnest($1::text[]) r`,
      [roles],
    );
    expect(privileged).toEqual(roles.map((role) => ({ role, reads: true, bypass: false })));
    expect(
      (await t.db.owner.query('select rolcanlogin from pg_roles where rolname = $1', [PRIVILEGES_ROLE])).rows,
    ).toEqual([{ rolcanlogin: false }]);
  });

  it('prepares a statement once per role, so that each keeps its plan', async () => {
    const db = createDatabase({ url: t.url, maxConnections: 1 });
    try {
      const read = (actor: Actor) =>
        withActor(db, actor, (tx) =>
          tx.execute(sql`select id from consultations where scheduled_at > ${new Date(0)} -- per role`),
        );
      for (let i = 0; i < 3; i++) {
        await read(actors.practitioner);
        await read(actors.employee);
      }
      const { rows } = await db.app.query<{ statement: string; generic_plans: string; custom_plans: string }>(
        `select statement, generic_plans, custom_plans from pg_prepared_statements
          where statement like '%-- per role'`,
      );
      expect(rows).toHaveLength(2);
    } finally {
      await db.close();
    }
  });
});
