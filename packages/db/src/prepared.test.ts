// The application pool prepares each parameterised statement once per connection (issue #13):
// PostgreSQL then plans it from its plan cache instead of from scratch on every request. What must
// hold: the same text reuses one prepared statement whatever its values, the policies still see
// each transaction's own actor, texts without parameters (several statements) go unprepared, and a
// connection keeps only the PREPARED_PER_CONNECTION it used last.
import { eq, type Param, type Placeholder, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database, PREPARED_PER_CONNECTION } from './client';
import { companies, users } from './schema';
import { builtOnce, builtOnceSql, withActor } from './tenancy';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

let t: TestDatabase;
let db: Database;

beforeAll(async () => {
  t = await createTestDatabase();
  // One connection, so that every statement below meets the same prepared statements.
  db = createDatabase({ url: t.url, maxConnections: 1 });
});

afterAll(async () => {
  await db.close();
  await t.drop();
});

/** The statements prepared on the pool's one connection, as PostgreSQL lists them. */
async function prepared(): Promise<string[]> {
  const client = await db.app.connect();
  try {
    const { rows } = await client.query<{ statement: string }>(
      'select statement from pg_prepared_statements',
    );
    return rows.map((r) => r.statement);
  } finally {
    client.release();
  }
}

const settingOf = (name: string, user: string) =>
  withActor(db, { role: 'EMPLOYEE', userId: user }, async (tx) => {
    const { rows } = await tx.execute<{ value: string }>(
      sql`select current_setting(${name}) as value, ${user}::text as echoed`,
    );
    return rows[0]?.value;
  });

describe('prepared statements of the application pool', () => {
  it('prepares a text once and runs it with each call’s values and actor', async () => {
    const users = ['0b6f3c52-7f5e-4d1a-9a53-52c7c1a8e0b1', '5d0e7a11-2c4b-4f3e-8a9d-1e2f3a4b5c6d'];
    expect(await settingOf('app.current_user', users[0]!)).toBe(users[0]);
    expect(await settingOf('app.current_user', users[1]!)).toBe(users[1]);
    expect(await settingOf('app.current_role', users[1]!)).toBe('EMPLOYEE');
    const mine = (await prepared()).filter((s) => s.includes('as echoed'));
    expect(mine).toHaveLength(1);
    // The actor's settings: one statement for every actor of the kind, their values bound to it.
    // BEGIN, no statement of its own.
    expect((await prepared()).filter((s) => /set_config/.test(s))).toHaveLength(1);
    expect((await prepared()).some((s) => /begin/i.test(s))).toBe(false);
  });

  it('keeps the PREPARED_PER_CONNECTION most recently used, and runs the texts it dropped again', async () => {
    const client = await db.app.connect();
    const run = async (i: number) => {
      const { rows } = await client.query<{ n: number }>(`select $1::int + ${i} as n`, [1]);
      expect(rows[0]?.n).toBe(1 + i);
    };
    const kept = async () =>
      (
        await client.query<{ statement: string }>(
          // Not the openings' statements (withActor's settings), which are few and always kept.
          `select statement from pg_prepared_statements where name not like 'hz\\_open\\_%'`,
        )
      ).rows.map((r) => r.statement);
    try {
      for (let i = 0; i < PREPARED_PER_CONNECTION + 5; i++) {
        await run(i);
        // The first text stays in use: never the least recently used, never dropped.
        await run(-1);
      }
      const statements = await kept();
      expect(statements).toHaveLength(PREPARED_PER_CONNECTION);
      expect(statements).toContain('select $1::int + -1 as n');
      // The oldest texts were dropped; run again, each is prepared anew and answers right.
      expect(statements).not.toContain('select $1::int + 0 as n');
      await run(0);
      await run(0);
      expect(await kept()).toContain('select $1::int + 0 as n');
      expect(await kept()).toHaveLength(PREPARED_PER_CONNECTION);
    } finally {
      client.release();
    }
  });

  it('builds a builtOnce query once per connection, runs it with each call’s values, names it itself', async () => {
    const admin = { role: 'SYSTEM' } as const;
    const built: unknown[] = [];
    const emailOf = (id: string) =>
      withActor(db, admin, async (tx) => {
        const query = builtOnce(tx, 'test.user-email', () => {
          built.push(null);
          return tx
            .select({ email: users.email })
            .from(users)
            .where(eq(users.id, sql.placeholder('id')));
        });
        return { query, rows: await query.execute({ id }) };
      });
    const [alice, bob] = ['alice@builtonce.test', 'bob@builtonce.test'];
    const { rows: created } = await t.db.owner.query<{ id: string; email: string }>(
      `insert into users (email, password_hash, role) values ($1, 'x', 'EMPLOYEE'), ($2, 'x', 'EMPLOYEE')
       returning id, email`,
      [alice, bob],
    );
    const first = await emailOf(created[0]!.id);
    const second = await emailOf(created[1]!.id);
    expect(first.rows).toEqual([{ email: alice }]);
    expect(second.rows).toEqual([{ email: bob }]);
    // Built by the first call only (one connection), the same query object served both.
    expect(built).toHaveLength(1);
    expect(second.query).toBe(first.query);
    // Prepared once, under the pool's own name, not Drizzle's (the key).
    const statements = await db.app.connect().then(async (client) => {
      try {
        return (
          await client.query<{ name: string; statement: string }>(
            'select name, statement from pg_prepared_statements',
          )
        ).rows;
      } finally {
        client.release();
      }
    });
    const mine = statements.filter((s) => s.statement.includes('"email"') && s.statement.includes('$1'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.name).toMatch(/^hz_\d+$/);
  });

  it('builds a builtOnceSql statement once per connection; it answers as tx.execute, with each call’s values', async () => {
    const built: unknown[] = [];
    const echo = (n: number, at: string) =>
      withActor(db, { role: 'SYSTEM' }, async (tx) => {
        const statement = builtOnceSql<{ n: number; at: string }>(tx, 'test.raw-echo', () => {
          built.push(null);
          return sql`select ${sql.placeholder('n')}::int + 1 as n, ${sql.placeholder('at')}::timestamptz as at`;
        });
        const { rows: direct } = await tx.execute(sql`select ${n}::int + 1 as n, ${at}::timestamptz as at`);
        return { statement, rows: (await statement.execute({ n, at })).rows, direct };
      });
    const first = await echo(1, '2026-12-07T08:00:00Z');
    const second = await echo(41, '2026-12-08T09:30:00Z');
    expect(first.rows).toEqual(first.direct);
    expect(second.rows).toEqual(second.direct);
    expect(second.rows[0]?.n).toBe(42);
    expect(new Date(second.rows[0]!.at).toISOString()).toBe('2026-12-08T09:30:00.000Z');
    expect(built).toHaveLength(1);
    expect(second.statement).toBe(first.statement);
  });

  it('maps a builtOnce select’s rows as drizzle-orm maps them: joins, nulls, dates, SQL and nested fields', async () => {
    const { rows: made } = await t.db.owner.query<{ id: string }>(
      `with c as (insert into companies (name, slug, email_domains) values ('Mapping', 'mapping-test', '{@mapping.test}') returning id)
       insert into users (email, password_hash, role, company_id, last_login_at)
       select 'joined@mapping.test', 'x', 'EMPLOYEE'::role, c.id, '2026-12-07T08:15:00Z'::timestamptz from c
       union all select 'alone@mapping.test', 'x', 'EMPLOYEE', null, null
       returning id`,
    );
    const ids = made.map((r) => r.id);
    const shape = (tx: Parameters<Parameters<typeof withActor>[2]>[0], userIds: Placeholder | Param) =>
      tx
        .select({
          id: users.id,
          email: users.email,
          lastLoginAt: users.lastLoginAt,
          nested: { upper: sql<string>`upper(${users.email})`, role: users.role },
          company: { id: companies.id, name: companies.name, createdAt: companies.createdAt },
        })
        .from(users)
        .leftJoin(companies, eq(companies.id, users.companyId))
        .where(sql`${users.id} = any(${userIds}::uuid[])`)
        .orderBy(users.email);
    const { built, direct } = await withActor(db, { role: 'SYSTEM' }, async (tx) => ({
      built: await builtOnce(tx, 'test.mapping', () => shape(tx, sql.placeholder('ids'))).execute({ ids }),
      direct: await shape(tx, sql.param(ids)),
    }));
    expect(built).toEqual(direct);
    expect(built).toHaveLength(2);
    // The user without a company has company: null (the joined object nulled), the other a Date.
    expect(built[0]!.company).toBeNull();
    expect(built[1]!.company?.name).toBe('Mapping');
    expect(built[1]!.lastLoginAt).toEqual(new Date('2026-12-07T08:15:00Z'));
    expect(built[1]!.nested.upper).toBe('JOINED@MAPPING.TEST');
  });
});
