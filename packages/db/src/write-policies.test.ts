// Issue 16, part 1: row-level security holds writes too. Each row is an attack measured as the
// application role with honest actor settings (withActor), inside a transaction rolled back at the
// end; it must be refused: an error, or no effect visible to the attacker afterwards.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, ANONYMOUS_ACTOR, SYSTEM_ACTOR } from './actor';
import { journalEntries } from './schema';
import { type Tx, withActor } from './tenancy';
import {
  createCompany,
  createConsultation,
  createEmployee,
  createPractitioner,
  createUser,
} from './testing/factories';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

let t: TestDatabase;
const f = {} as Record<string, string>;
const actors = {} as Record<string, Actor>;

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db.ownerDb;
  const [a, b] = [await createCompany(db), await createCompany(db)];
  const a1 = await createEmployee(db, { companyId: a.id });
  const b1 = await createEmployee(db, { companyId: b.id });
  const hrA = await createUser(db, { role: 'ADMIN_RH', companyId: a.id });
  const p1 = await createPractitioner(db);
  const pending = await createPractitioner(db, { isValidated: false, validatedAt: null });
  const cA1 = await createConsultation(db, {
    employee: a1.employee,
    practitionerId: p1.practitioner.id,
    notes: 'motif : crises d’angoisse',
  });
  await t.db.owner.query(
    `insert into journal_entries (employee_id, encrypted_content, iv, auth_tag, mood)
     values ($1, 'k.x', 'iv', 'tag', 'GOOD')`,
    [a1.employee.id],
  );
  const [queued] = (
    await t.db.owner.query<{ id: string }>(
      `insert into email_queue (id, "to", subject, html_body, text_body, template_name)
       values (gen_random_uuid(), $1, 'Votre rendez-vous', '<p>x</p>', 'x', 'generic-notification') returning id`,
      [a1.user.email],
    )
  ).rows;
  const [entry] = (
    await t.db.owner.query<{ id: string }>(
      `insert into waitlist_entries (employee_id, practitioner_id, range_start, range_end)
       values ($1, $2, now(), now() + interval '30 days') returning id`,
      [a1.employee.id, p1.practitioner.id],
    )
  ).rows;
  await t.db.owner.query(
    `insert into waitlist_notices (entry_id, slot_start) values ($1, now() + interval '2 days')`,
    [entry!.id],
  );
  Object.assign(f, {
    entry: entry!.id,
    email: queued!.id,
    a: a.id,
    b: b.id,
    b1: b1.employee.id,
    b1User: b1.user.id,
    cA1: cA1.id,
    p1: p1.practitioner.id,
    pending: pending.practitioner.id,
  });
  Object.assign(actors, {
    employee: {
      role: 'EMPLOYEE',
      userId: a1.user.id,
      email: a1.user.email,
      companyId: a.id,
      employeeId: a1.employee.id,
    },
    hr: { role: 'ADMIN_RH', userId: hrA.id, email: hrA.email, companyId: a.id },
    practitioner: {
      role: 'PRACTITIONER',
      userId: p1.user.id,
      email: p1.user.email,
      practitionerId: p1.practitioner.id,
    },
    pending: {
      role: 'PRACTITIONER',
      userId: pending.user.id,
      email: pending.user.email,
      practitionerId: pending.practitioner.id,
    },
    anonymous: ANONYMOUS_ACTOR,
    system: SYSTEM_ACTOR,
  } satisfies Record<string, Actor>);
});

afterAll(async () => {
  await t?.drop();
});

class Rollback extends Error {}

const rows = async (tx: Tx, query: ReturnType<typeof sql>) =>
  (await tx.execute<Record<string, unknown>>(query)).rows;
const one = async (tx: Tx, query: ReturnType<typeof sql>) => (await rows(tx, query))[0] ?? {};

/**
 * Runs `attack` as `actor`, then `worked` in the same transaction, and rolls everything back:
 * 'allowed' when the attack went through and had its effect, 'refused' otherwise.
 */
async function attempt(
  actor: Actor,
  attack: (tx: Tx) => Promise<unknown>,
  worked: (tx: Tx) => Promise<boolean>,
): Promise<'allowed' | 'refused'> {
  let outcome: 'allowed' | 'refused' = 'refused';
  try {
    await withActor(t.db, actor, async (tx) => {
      await attack(tx);
      outcome = (await worked(tx)) ? 'allowed' : 'refused';
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) outcome = 'refused';
  }
  return outcome;
}

const ownUser = (tx: Tx) => one(tx, sql`select role::text, company_id from users where id = app_user_id()`);
const ownPractitioner = (tx: Tx) =>
  one(
    tx,
    sql`select is_validated, documents_verified, average_rating from practitioners where id = app_practitioner()`,
  );
const ownConsultation = (tx: Tx) =>
  one(tx, sql`select billing_status::text, is_billable from consultations where id = ${f.cA1}`);

interface Attack {
  what: string;
  actor: string;
  attack: (tx: Tx) => Promise<unknown>;
  worked: (tx: Tx) => Promise<boolean>;
}

const attacks: Attack[] = [
  ...(['employee', 'hr', 'practitioner'] as const).flatMap((actor): Attack[] => [
    {
      what: 'promotes itself to SUPER_ADMIN',
      actor,
      attack: (tx) => tx.execute(sql`update users set role = 'SUPER_ADMIN' where id = app_user_id()`),
      worked: async (tx) => (await ownUser(tx)).role === 'SUPER_ADMIN',
    },
    {
      what: 'moves its account to another tenant',
      actor,
      attack: (tx) => tx.execute(sql`update users set company_id = ${f.b} where id = app_user_id()`),
      worked: async (tx) => (await ownUser(tx)).company_id === f.b,
    },
  ]),
  {
    what: 'registers itself as a validated practitioner',
    actor: 'employee',
    attack: (tx) =>
      tx.execute(sql`insert into practitioners (user_id, first_name, last_name, title, specialty, bio,
          is_validated, documents_verified, validated_at)
        values (app_user_id(), 'Faux', 'Docteur', 'Dr', 'PSYCHIATRE', 'x', true, true, now())`),
    worked: async (tx) =>
      (await rows(tx, sql`select 1 from practitioners where user_id = app_user_id() and is_validated`))
        .length === 1,
  },
  {
    what: 'validates itself',
    actor: 'pending',
    attack: (tx) =>
      tx.execute(sql`update practitioners set is_validated = true where id = app_practitioner()`),
    worked: async (tx) => (await ownPractitioner(tx)).is_validated === true,
  },
  {
    what: 'verifies its own documents',
    actor: 'pending',
    attack: (tx) =>
      tx.execute(sql`update practitioners set documents_verified = true where id = app_practitioner()`),
    worked: async (tx) => (await ownPractitioner(tx)).documents_verified === true,
  },
  {
    what: 'sets its own average rating',
    actor: 'practitioner',
    attack: (tx) =>
      tx.execute(sql`update practitioners set average_rating = 5 where id = app_practitioner()`),
    worked: async (tx) => (await ownPractitioner(tx)).average_rating === 5,
  },
  {
    what: "books a consultation with another tenant's employee, and reads them then",
    actor: 'practitioner',
    attack: (tx) =>
      tx.execute(sql`insert into consultations (company_id, employee_id, practitioner_id, scheduled_at,
          scheduled_end_at, duration, format)
        values (${f.b}, ${f.b1}, app_practitioner(), now() + interval '90 days',
          now() + interval '90 days 50 minutes', 50, 'VIDEO')`),
    worked: async (tx) => (await rows(tx, sql`select id from employees where id = ${f.b1}`)).length === 1,
  },
  ...(['employee', 'practitioner'] as const).flatMap((actor): Attack[] => [
    {
      what: 'marks its own consultation BILLED',
      actor,
      attack: (tx) =>
        tx.execute(
          sql`update consultations set billing_status = 'BILLED', billed_at = now() where id = ${f.cA1}`,
        ),
      worked: async (tx) => (await ownConsultation(tx)).billing_status === 'BILLED',
    },
    {
      what: 'marks its own consultation not billable',
      actor,
      attack: (tx) => tx.execute(sql`update consultations set is_billable = false where id = ${f.cA1}`),
      worked: async (tx) => (await ownConsultation(tx)).is_billable === false,
    },
  ]),
  {
    what: "reads its employees' consultation reasons (notes)",
    actor: 'hr',
    attack: async () => {},
    worked: async (tx) =>
      (await rows(tx, sql`select notes from consultations where notes is not null`)).length > 0,
  },
  ...(['anonymous', 'employee'] as const).flatMap((actor): Attack[] => [
    {
      what: 'forges an audit row',
      actor,
      attack: (tx) =>
        tx.execute(sql`insert into audit_logs (user_id, user_role, user_email, action, resource, ip_address)
          values (gen_random_uuid(), 'SUPER_ADMIN', 'ceo@huntzen.care', 'DELETE', 'user', '10.0.0.1')`),
      worked: async () => true,
    },
    {
      what: 'queues an arbitrary e-mail',
      actor,
      attack: (tx) =>
        tx.execute(sql`insert into email_queue (id, "to", subject, html_body, text_body, template_name)
          values (gen_random_uuid(), 'victim@example.test', 'Reset your password', '<a href="https://evil">x</a>',
                  'x', 'password-reset')`),
      worked: async () => true,
    },
  ]),
  {
    what: 'adds a job to the queue',
    actor: 'anonymous',
    attack: (tx) =>
      tx.execute(sql`select huntzen_jobs.add_job('send_email_batch', '{}'::json, null, null, null, null)`),
    worked: async () => true,
  },
  {
    what: 'records an audit row in the name of someone else',
    actor: 'employee',
    attack: (tx) =>
      tx.execute(sql`select record_audit('DELETE', 'user', null, null, null, null, null, false,
        gen_random_uuid(), 'SUPER_ADMIN', 'ceo@huntzen.care')`),
    worked: async () => true,
  },
  {
    what: 'e-mails an address through the queue function',
    actor: 'employee',
    attack: (tx) =>
      tx.execute(sql`select enqueue_email(gen_random_uuid(), 'victim@example.test', '{}', '{}', 'Reset',
        '<a href="https://evil">x</a>', 'x', 'password-reset', null, 'NORMAL', null, null, null)`),
    worked: async () => true,
  },
  ...(['system', 'employee'] as const).map(
    (actor): Attack => ({
      what: 'rewrites whom a queued e-mail goes to and what it says',
      actor,
      attack: (tx) =>
        tx.execute(sql`update email_queue set "to" = 'victim@example.test',
          html_body = '<a href="https://evil">x</a>' where id = ${f.email}::uuid`),
      worked: async (tx) =>
        (await one(tx, sql`select "to" from email_queue where id = ${f.email}::uuid`)).to ===
        'victim@example.test',
    }),
  ),
  {
    what: 'marks a slot as already told on their own waitlist entry (only the job may)',
    actor: 'employee',
    attack: (tx) =>
      tx.execute(
        sql`insert into waitlist_notices (entry_id, slot_start) values (${f.entry}::uuid, now() + interval '3 days')`,
      ),
    worked: async () => true,
  },
  ...(['employee', 'system'] as const).map((actor): Attack => {
    // The row is only visible to SYSTEM: what counts is whether the DELETE removed one.
    let removed = 0;
    return {
      what: 'erases which slots a waiter was told of',
      actor,
      attack: async (tx) => {
        removed =
          (await tx.execute(sql`delete from waitlist_notices where entry_id = ${f.entry}::uuid`)).rowCount ??
          0;
      },
      worked: async () => removed > 0,
    };
  }),
  {
    what: 'schedules a clean-up job',
    actor: 'employee',
    attack: (tx) =>
      tx.execute(
        sql`select huntzen_jobs.add_job('cleanup_expired_files', '{}'::json, null, null, null, null)`,
      ),
    worked: async () => true,
  },
  {
    what: 'notifies a user of another tenant through the function',
    actor: 'employee',
    attack: (tx) =>
      tx.execute(sql`select create_notification(gen_random_uuid(), ${f.b1User}, 'SYSTEM', 'Action requise',
        'Cliquez ici', null, null, null, null, false)`),
    worked: async () => true,
  },
  {
    what: 'notifies a user of another tenant',
    actor: 'employee',
    attack: (tx) =>
      tx.execute(sql`insert into notifications (id, user_id, type, title, message)
        values (gen_random_uuid(), ${f.b1User}, 'SYSTEM', 'Action requise', 'Cliquez ici')`),
    worked: async () => true,
  },
  ...(['anonymous', 'employee'] as const).map(
    (actor): Attack => ({
      what: 'claims SYSTEM with set_config and reads the journal',
      actor,
      attack: (tx) => tx.execute(sql`select set_config('app.current_role', 'SYSTEM', true)`),
      worked: async (tx) => (await tx.select({ id: journalEntries.id }).from(journalEntries)).length > 0,
    }),
  ),
];

describe('writes the application role must refuse', () => {
  it.each(attacks.map((a) => [`${a.actor} ${a.what}`, a] as const))('%s', async (_name, a) => {
    expect(await attempt(actors[a.actor]!, a.attack, a.worked)).toBe('refused');
  });
});

describe('the paths the application uses still work', () => {
  it('the SYSTEM actor of this process reads the journal (its token is registered)', async () => {
    const n = await withActor(
      t.db,
      SYSTEM_ACTOR,
      async (tx) => (await tx.select().from(journalEntries)).length,
    );
    expect(n).toBe(1);
    const registered = await t.db.owner.query('select count(*)::int as n from huntzen_private.system_tokens');
    expect(registered.rows[0].n).toBeGreaterThan(0);
  });

  it('a participant reads the reasons of their consultation, HR does not', async () => {
    const reason = (actor: string) =>
      withActor(t.db, actors[actor]!, async (tx) =>
        rows(tx, sql`select notes from consultation_private_fields where id = ${f.cA1}`),
      );
    expect(await reason('practitioner')).toEqual([{ notes: 'motif : crises d’angoisse' }]);
    expect(await reason('employee')).toHaveLength(1);
    expect(await reason('hr')).toEqual([]);
    // HR still reads the rest of the row (counters).
    const hr = await withActor(t.db, actors.hr!, (tx) =>
      rows(tx, sql`select id, billing_status from consultations where id = ${f.cA1}`),
    );
    expect(hr).toHaveLength(1);
  });

  it('audit rows are stamped with the settings of the transaction, whatever the caller says', async () => {
    await withActor(t.db, { ...actors.employee!, ip: '203.0.113.9' }, (tx) =>
      tx.execute(sql`select record_audit('UPDATE', 'write-policies', null, null, null, null, null, false)`),
    );
    const [stored] = (
      await t.db.owner.query(
        `select user_id, user_role::text as role, user_email, ip_address from audit_logs
          where resource = 'write-policies'`,
      )
    ).rows;
    expect(stored).toEqual({
      user_id: actors.employee!.userId,
      role: 'EMPLOYEE',
      user_email: actors.employee!.email,
      ip_address: '203.0.113.9',
    });
  });

  it('a participant notifies and e-mails the other participant; signed-in actors queue request jobs', async () => {
    const practitionerUser = actors.practitioner!.userId!;
    const email = (await t.db.owner.query('select email from users where id = $1', [practitionerUser]))
      .rows[0].email as string;
    const done = withActor(t.db, actors.employee!, async (tx) => {
      await tx.execute(sql`select create_notification(gen_random_uuid(), ${practitionerUser}, 'SYSTEM', 't', 'm',
        null, null, null, null, false)`);
      await tx.execute(sql`select enqueue_email(gen_random_uuid(), ${email}, '{}', '{}', 's', '<p>h</p>', 'h',
        'consultation-update', null, 'NORMAL', null, null, null)`);
      await tx.execute(
        sql`select huntzen_jobs.add_job('send_email_batch', '{}'::json, null, null, null, null)`,
      );
      throw new Rollback();
    });
    await expect(done).rejects.toBeInstanceOf(Rollback);
  });

  it('a claimed SYSTEM without the token is anonymous, even to the audit stamp', async () => {
    await withActor(t.db, ANONYMOUS_ACTOR, async (tx) => {
      await tx.execute(sql`select set_config('app.current_role', 'SYSTEM', true),
        set_config('app.system_token', 'guess', true)`);
      expect(await one(tx, sql`select app_is_system() as system, app_role() as role`)).toEqual({
        system: false,
        role: 'ANONYMOUS',
      });
    });
  });
});
