// Row-level security, privileges and triggers of migrations/0001_security.sql, exercised through
// the application role exactly as request code reaches the database (withActor).
import { randomUUID } from 'node:crypto';
import { FieldCipher, masterKey } from '@huntzen/crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from './actor';
import { SYSTEM_ACTOR } from './actor';
import { APP_ROLE } from './client';
import {
  auditLogs,
  clinicalNotes,
  companies,
  consultations,
  employees,
  journalEntries,
  messages,
} from './schema';
import { withActor } from './tenancy';
import {
  createCompany,
  createConsultation,
  createEmployee,
  createPractitioner,
  createUser,
} from './testing/factories';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

let t: TestDatabase;
const cipher = new FieldCipher(masterKey(Buffer.alloc(32, 7)));
const f = {} as Record<string, { id: string }>;
const actors = {} as Record<string, Actor>;

function encrypted(table: string, rowId: string, text: string) {
  return cipher.encrypt(text, { table, column: 'encrypted_content', rowId });
}

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db.ownerDb;
  const [a, b] = [await createCompany(db), await createCompany(db)];
  const a1 = await createEmployee(db, { companyId: a.id });
  const a2 = await createEmployee(db, { companyId: a.id });
  const b1 = await createEmployee(db, { companyId: b.id });
  const hrA = await createUser(db, { role: 'ADMIN_RH', companyId: a.id });
  const p1 = await createPractitioner(db);
  const p2 = await createPractitioner(db);
  const admin = await createUser(db, { role: 'ADMIN_HUNTZEN' });
  const superAdmin = await createUser(db, { role: 'SUPER_ADMIN' });
  const cA1 = await createConsultation(db, { employee: a1.employee, practitionerId: p1.practitioner.id });
  const cA2 = await createConsultation(db, { employee: a2.employee, practitionerId: p2.practitioner.id });
  const cB1 = await createConsultation(db, { employee: b1.employee, practitionerId: p1.practitioner.id });
  Object.assign(f, { a, b, a1: a1.employee, a2: a2.employee, b1: b1.employee, p1: p1.practitioner });
  Object.assign(f, { p2: p2.practitioner, cA1, cA2, cB1 });

  for (const [c, senderRole, senderId] of [
    [cA1, 'EMPLOYEE', a1.employee.id],
    [cA1, 'PRACTITIONER', p1.practitioner.id],
    [cB1, 'EMPLOYEE', b1.employee.id],
  ] as const) {
    const id = randomUUID();
    await db
      .insert(messages)
      .values({ id, consultationId: c.id, senderRole, senderId, ...encrypted('messages', id, 'bonjour') });
  }
  for (const [c, p] of [
    [cA1, p1.practitioner.id],
    [cA2, p2.practitioner.id],
  ] as const) {
    const id = randomUUID();
    await db
      .insert(clinicalNotes)
      .values({ id, consultationId: c.id, practitionerId: p, ...encrypted('clinical_notes', id, 'note') });
  }
  for (const e of [a1.employee, b1.employee]) {
    const id = randomUUID();
    await db
      .insert(journalEntries)
      .values({ id, employeeId: e.id, mood: 'GOOD', ...encrypted('journal_entries', id, 'journal') });
  }

  Object.assign(actors, {
    employeeA1: { role: 'EMPLOYEE', userId: a1.user.id, companyId: a.id, employeeId: a1.employee.id },
    employeeA2: { role: 'EMPLOYEE', userId: a2.user.id, companyId: a.id, employeeId: a2.employee.id },
    hrA: { role: 'ADMIN_RH', userId: hrA.id, companyId: a.id, email: hrA.email },
    p1: {
      role: 'PRACTITIONER',
      userId: p1.user.id,
      practitionerId: p1.practitioner.id,
      email: p1.user.email,
    },
    p2: { role: 'PRACTITIONER', userId: p2.user.id, practitionerId: p2.practitioner.id },
    admin: { role: 'ADMIN_HUNTZEN', userId: admin.id, email: admin.email },
    superAdmin: { role: 'SUPER_ADMIN', userId: superAdmin.id, email: superAdmin.email },
  } satisfies Record<string, Actor>);
});

afterAll(async () => {
  await t?.drop();
});

/** The PostgreSQL message under Drizzle's "Failed query" wrapper of a rejected query. */
async function dbError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return e.cause?.message ?? e.message;
  }
  return 'no error';
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const expected = (...names: string[]) => names.map((n) => f[n]!.id).sort();
const as = <T>(actor: string, fn: Parameters<typeof withActor<T>>[2]) => withActor(t.db, actors[actor]!, fn);

describe('the application role', () => {
  it('has no BYPASSRLS, is no superuser and owns no table', async () => {
    const role = await t.db.owner.query('select rolbypassrls, rolsuper from pg_roles where rolname = $1', [
      APP_ROLE,
    ]);
    expect(role.rows).toEqual([{ rolbypassrls: false, rolsuper: false }]);
    const owned = await t.db.owner.query(
      `select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = $1`,
      [APP_ROLE],
    );
    expect(owned.rows[0].n).toBe(0);
    const who = await t.db.app.query('select current_user');
    expect(who.rows[0].current_user).toBe(APP_ROLE);
  });

  it('logs in as itself: no statement it runs can become the owner again', async () => {
    const owner = (await t.db.owner.query('select current_user as name')).rows[0].name;
    const client = await t.db.app.connect();
    try {
      await client.query('reset role');
      const who = await client.query('select current_user, session_user');
      expect(who.rows[0]).toEqual({ current_user: APP_ROLE, session_user: APP_ROLE });
      await expect(client.query(`set role "${owner}"`)).rejects.toThrow(/permission denied/);
      await expect(client.query('set session authorization default')).resolves.toBeDefined();
      expect((await client.query('select current_user')).rows[0].current_user).toBe(APP_ROLE);
    } finally {
      client.release();
    }
  });

  it('sees nothing health-related without an actor', async () => {
    const n = await t.db.app.query(
      `select (select count(*) from messages) + (select count(*) from clinical_notes)
            + (select count(*) from journal_entries) + (select count(*) from consultations)
            + (select count(*) from employees) as n`,
    );
    expect(Number(n.rows[0].n)).toBe(0);
  });

  it('learns from session_is_live only whether a user’s own session is live', async () => {
    const db = t.db.ownerDb;
    const [alice, bob] = [await createUser(db), await createUser(db)];
    const family = randomUUID();
    await t.db.owner.query(
      `insert into refresh_tokens (user_id, family_id, token, expires_at)
       values ($1, $2, $3, now() + interval '1 day')`,
      [alice.id, family, `hash-${family}`],
    );
    const live = async (user: string, session: string) =>
      (await t.db.app.query('select session_is_live($1, $2) as live', [user, session])).rows[0].live;
    expect(await live(alice.id, family)).toBe(true);
    // Another user's session family, an unknown one, a revoked one, a deactivated account: no.
    expect(await live(bob.id, family)).toBe(false);
    expect(await live(alice.id, randomUUID())).toBe(false);
    await t.db.owner.query('update users set is_active = false where id = $1', [alice.id]);
    expect(await live(alice.id, family)).toBe(false);
    await t.db.owner.query('update users set is_active = true where id = $1', [alice.id]);
    await t.db.owner.query('update refresh_tokens set revoked_at = now() where family_id = $1', [family]);
    expect(await live(alice.id, family)).toBe(false);
  });
});

describe('tenant isolation', () => {
  it('HR of tenant A reads its employees and consultations, never tenant B', async () => {
    await as('hrA', async (tx) => {
      expect(ids(await tx.select({ id: employees.id }).from(employees))).toEqual(expected('a1', 'a2'));
      expect(ids(await tx.select({ id: consultations.id }).from(consultations))).toEqual(
        expected('cA1', 'cA2'),
      );
      expect(ids(await tx.select({ id: companies.id }).from(companies))).toEqual(expected('a'));
    });
  });

  it('a session of tenant A cannot change tenant B employees or consultations', async () => {
    await as('hrA', async (tx) => {
      const e = await tx
        .update(employees)
        .set({ department: 'X' })
        .where(eq(employees.id, f.b1!.id))
        .returning();
      expect(e).toHaveLength(0);
      const c = await tx
        .update(consultations)
        .set({ status: 'CONFIRMED' })
        .where(eq(consultations.id, f.cB1!.id))
        .returning({ id: consultations.id });
      expect(c).toHaveLength(0);
      const d = await tx.delete(employees).where(eq(employees.id, f.b1!.id)).returning();
      expect(d).toHaveLength(0);
    });
    expect(
      await dbError(
        as('hrA', (tx) =>
          tx.update(employees).set({ companyId: f.b!.id }).where(eq(employees.id, f.a1!.id)).returning(),
        ),
      ),
    ).toMatch(/row-level security/);
    const [b1] = await t.db.ownerDb.select().from(employees).where(eq(employees.id, f.b1!.id));
    expect(b1?.department).toBeNull();
  });

  it('an employee sees only their own row and consultations', async () => {
    await as('employeeA1', async (tx) => {
      expect(ids(await tx.select({ id: employees.id }).from(employees))).toEqual(expected('a1'));
      expect(ids(await tx.select({ id: consultations.id }).from(consultations))).toEqual(expected('cA1'));
    });
  });

  it('a practitioner sees their consultations across tenants and only those patients', async () => {
    await as('p1', async (tx) => {
      expect(ids(await tx.select({ id: consultations.id }).from(consultations))).toEqual(
        expected('cA1', 'cB1'),
      );
      expect(ids(await tx.select({ id: employees.id }).from(employees))).toEqual(expected('a1', 'b1'));
    });
  });

  it('HuntZen admins read operational data of every tenant', async () => {
    for (const admin of ['admin', 'superAdmin']) {
      await as(admin, async (tx) => {
        expect(ids(await tx.select({ id: employees.id }).from(employees))).toEqual(
          expected('a1', 'a2', 'b1'),
        );
        expect(ids(await tx.select({ id: consultations.id }).from(consultations))).toHaveLength(3);
      });
    }
  });
});

describe('health data', () => {
  it('messages are visible to the two participants only', async () => {
    const count = (actor: string) => as(actor, async (tx) => (await tx.select().from(messages)).length);
    expect(await count('employeeA1')).toBe(2);
    expect(await count('p1')).toBe(3);
    for (const outsider of ['employeeA2', 'p2', 'hrA', 'admin', 'superAdmin'])
      expect(await count(outsider)).toBe(0);
  });

  it('a participant sends only as themself, and only participants send', async () => {
    const send = (actor: string, senderRole: 'EMPLOYEE' | 'PRACTITIONER', senderId: string) =>
      as(actor, (tx) => {
        const id = randomUUID();
        return tx.insert(messages).values({
          id,
          consultationId: f.cA1!.id,
          senderRole,
          senderId,
          ...encrypted('messages', id, 'x'),
        });
      });
    expect(await dbError(send('employeeA1', 'PRACTITIONER', f.p1!.id))).toMatch(/row-level security/);
    // An outsider is stopped by the participant trigger, which runs before the policy check.
    expect(await dbError(send('employeeA2', 'EMPLOYEE', f.a2!.id))).toMatch(/not a participant/);
    await expect(send('employeeA1', 'EMPLOYEE', f.a1!.id)).resolves.toBeDefined();
    // Even the owner (no RLS) cannot record a message from someone outside the consultation.
    const id = randomUUID();
    expect(
      await dbError(
        t.db.ownerDb.insert(messages).values({
          id,
          consultationId: f.cA1!.id,
          senderRole: 'EMPLOYEE',
          senderId: f.b1!.id,
          ...encrypted('messages', id, 'x'),
        }),
      ),
    ).toMatch(/not a participant/);
  });

  it('clinical notes are visible to their practitioner only, not to admins', async () => {
    const notes = (actor: string) => as(actor, async (tx) => tx.select().from(clinicalNotes));
    const mine = await notes('p1');
    expect(mine).toHaveLength(1);
    expect(
      cipher.decrypt(mine[0]!, { table: 'clinical_notes', column: 'encrypted_content', rowId: mine[0]!.id }),
    ).toBe('note');
    expect(await notes('p2')).toHaveLength(1);
    for (const outsider of ['employeeA1', 'hrA', 'admin', 'superAdmin'])
      expect(await notes(outsider)).toHaveLength(0);
    // …and a practitioner cannot write a note on someone else's consultation.
    expect(
      await dbError(
        as('p2', (tx) => {
          const id = randomUUID();
          return tx.insert(clinicalNotes).values({
            id,
            consultationId: f.cA1!.id,
            practitionerId: f.p2!.id,
            ...encrypted('clinical_notes', id, 'x'),
          });
        }),
      ),
    ).toMatch(/row-level security/);
  });

  it('journal entries are visible to their employee only', async () => {
    const entries = (actor: string) => as(actor, async (tx) => tx.select().from(journalEntries));
    expect((await entries('employeeA1')).map((e) => e.employeeId)).toEqual([f.a1!.id]);
    for (const outsider of ['employeeA2', 'hrA', 'p1', 'admin', 'superAdmin']) {
      expect(await entries(outsider)).toHaveLength(0);
    }
  });
});

describe('audit log', () => {
  it('cannot be updated or deleted by the application, even as the system actor', async () => {
    await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      tx.execute(sql`select record_audit('CREATE', 'test', null, null, null, null, null, false)`),
    );
    expect(
      await dbError(
        withActor(t.db, SYSTEM_ACTOR, (tx) => tx.update(auditLogs).set({ resource: 'tampered' })),
      ),
    ).toMatch(/permission denied/);
    expect(await dbError(withActor(t.db, SYSTEM_ACTOR, (tx) => tx.delete(auditLogs)))).toMatch(
      /permission denied/,
    );
    expect(
      await dbError(withActor(t.db, SYSTEM_ACTOR, (tx) => tx.execute(sql`truncate audit_logs`))),
    ).toMatch(/permission denied/);
  });

  it('is readable by the platform only', async () => {
    const n = (actor: string) => as(actor, async (tx) => (await tx.select().from(auditLogs)).length);
    expect(await n('admin')).toBeGreaterThan(0);
    for (const other of ['hrA', 'p1', 'employeeA1']) expect(await n(other)).toBe(0);
  });
});

describe('consultation triggers', () => {
  it('stores the real duration in whole minutes', async () => {
    const c = await createConsultation(t.db.ownerDb, { employee: f.a1 as never, practitionerId: f.p1!.id });
    const startedAt = new Date('2026-03-02T09:00:00Z');
    await as('p1', (tx) =>
      tx.update(consultations).set({ status: 'IN_PROGRESS', startedAt }).where(eq(consultations.id, c.id)),
    );
    const [ended] = await as('p1', (tx) =>
      tx
        .update(consultations)
        .set({ status: 'COMPLETED', endedAt: new Date(startedAt.getTime() + (50 * 60 + 31) * 1000) })
        .where(eq(consultations.id, c.id))
        .returning({ actualDuration: consultations.actualDuration }),
    );
    expect(ended?.actualDuration).toBe(51);
    const type = await t.db.owner.query(
      `select data_type from information_schema.columns where table_name='consultations' and column_name='actual_duration'`,
    );
    expect(type.rows[0].data_type).toBe('integer');
  });

  it('audits a change with the actor from the settings, without health fields', async () => {
    await t.db.owner.query(`update consultations set notes = 'note privée' where id = $1`, [f.cA1!.id]);
    await t.db.owner.query('delete from audit_logs where resource_id = $1', [f.cA1!.id]);
    await as('p1', (tx) =>
      tx
        .update(consultations)
        .set({
          status: 'CANCELLED',
          cancelReason: 'raison de santé',
          cancelledWithin24h: false,
          isBillable: false,
        })
        .where(eq(consultations.id, f.cA1!.id)),
    );
    const rows = await t.db.ownerDb.select().from(auditLogs).where(eq(auditLogs.resourceId, f.cA1!.id));
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      userId: actors.p1!.userId,
      userRole: 'PRACTITIONER',
      userEmail: actors.p1!.email,
      action: 'UPDATE',
      resource: 'consultation',
      companyId: f.a!.id,
      isSensitive: true,
    });
    expect(row.changesBefore).toMatchObject({ status: 'SCHEDULED' });
    expect(row.changesAfter).toMatchObject({ status: 'CANCELLED' });
    expect(JSON.stringify(row)).not.toMatch(/raison de santé|note privée|room_password/);
  });

  it('still audits when no actor is set, as the system', async () => {
    await t.db.owner.query(`update consultations set notes = 'n' where id = $1`, [f.cA2!.id]);
    const rows = await t.db.ownerDb.select().from(auditLogs).where(eq(auditLogs.resourceId, f.cA2!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: '00000000-0000-0000-0000-000000000000',
      userEmail: 'system@huntzen.internal',
      details: { actor: 'ANONYMOUS' },
    });
  });
});

describe('counters', () => {
  it('refresh concurrently and equal a direct aggregate; HR reads only its company', async () => {
    const e = f.a2 as never;
    for (const [day, minutes, billing] of [
      [3, 45, 'VALIDATED'],
      [10, 50, 'BILLED'],
      [40, 30, 'PENDING'],
    ] as const) {
      const scheduledAt = new Date(Date.UTC(2026, 0, day, 10));
      await createConsultation(t.db.ownerDb, {
        employee: e,
        practitionerId: f.p2!.id,
        scheduledAt,
        status: 'COMPLETED',
        startedAt: scheduledAt,
        endedAt: new Date(scheduledAt.getTime() + minutes * 60_000),
        actualDuration: minutes,
        billingStatus: billing,
      });
    }
    await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      tx.execute(sql`select refresh_employee_stats(), refresh_practitioner_stats()`),
    );
    const usage = await t.db.owner.query(
      `select employee_id, period, consultation_count::int, total_duration_minutes::int
         from employee_usage_stats where period is not null order by 1, 2`,
    );
    const direct = await t.db.owner.query(
      `select employee_id, date_trunc('month', scheduled_at) as period, count(*)::int as consultation_count,
              sum(actual_duration)::int as total_duration_minutes
         from consultations where status = 'COMPLETED' and is_billable
        group by 1, 2 order by 1, 2`,
    );
    expect(usage.rows).toEqual(direct.rows);
    expect(usage.rows).toContainEqual({
      employee_id: f.a2!.id,
      period: new Date(Date.UTC(2026, 0, 1)),
      consultation_count: 2,
      total_duration_minutes: 95,
    });
    const billing = await t.db.owner.query(
      `select practitioner_id, company_id, period, consultation_count::int, total_duration_minutes::int
         from practitioner_billing_stats where period is not null order by 1, 2, 3`,
    );
    const directBilling = await t.db.owner.query(
      `select practitioner_id, company_id, date_trunc('month', scheduled_at) as period,
              count(*)::int as consultation_count, sum(actual_duration)::int as total_duration_minutes
         from consultations where status = 'COMPLETED' and billing_status in ('VALIDATED', 'BILLED')
        group by 1, 2, 3 order by 1, 2, 3`,
    );
    expect(billing.rows).toEqual(directBilling.rows);
    expect(billing.rows).toContainEqual({
      practitioner_id: f.p2!.id,
      company_id: f.a!.id,
      period: new Date(Date.UTC(2026, 0, 1)),
      consultation_count: 2,
      total_duration_minutes: 95,
    });

    // HR reads the rows of employees who share their counters only (migration 0021).
    expect(
      (await as('hrA', (tx) => tx.execute(sql`select distinct company_id from company_employee_usage`))).rows,
    ).toEqual([]);
    await t.db.owner.query('update employees set share_usage_with_hr = true where id = $1', [f.a2!.id]);
    const hrView = await as('hrA', (tx) =>
      tx.execute(sql`select distinct company_id, employee_id from company_employee_usage`),
    );
    expect(hrView.rows).toEqual([{ company_id: f.a!.id, employee_id: f.a2!.id }]);
    expect(await dbError(as('hrA', (tx) => tx.execute(sql`select * from employee_usage_stats`)))).toMatch(
      /permission denied/,
    );
  });
});
