// withActor gives its connection back whatever happens inside, so that a database that goes away
// and comes back never leaves the application pool waiting for connections it lost.

import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Actor, ANONYMOUS_ACTOR } from './actor';
import { createDatabase, type Database } from './client';
import { SessionEndedError, type Tx, withActor } from './tenancy';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

let t: TestDatabase;
let db: Database;

beforeAll(async () => {
  t = await createTestDatabase();
  // Two connections: a pool that kept even two would be stuck.
  db = createDatabase({ url: t.url, maxConnections: 2 });
});

afterAll(async () => {
  await db.close();
  await t.drop();
});

const appBackends = () =>
  t.db.owner.query(
    `select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and usename = 'huntzen_app' and pid <> pg_backend_pid()`,
  );

describe('withActor', () => {
  it('gives back connections whose BEGIN fails because the server ended them', async () => {
    for (let round = 0; round < 6; round++) {
      // Both pooled connections are idle and open; the server ends them before the pool notices.
      await Promise.allSettled(
        [0, 1].map(() => withActor(db, ANONYMOUS_ACTOR, (tx) => tx.execute(sql`select 1`))),
      );
      await appBackends();
      await Promise.allSettled(
        [0, 1].map(() => withActor(db, ANONYMOUS_ACTOR, (tx) => tx.execute(sql`select 1`))),
      );
    }
    // Still usable: the lost connections were dropped, not kept (kept, every slot would stay taken
    // and the pool would wait for ever). A connection the server ended during the last round may
    // still be handed out once more before the pool hears of it, hence the retries.
    const answer = await vi.waitFor(
      () => withActor(db, ANONYMOUS_ACTOR, (tx) => tx.execute(sql`select 1 as one`)),
      {
        timeout: 10_000,
        interval: 50,
      },
    );
    expect(answer.rows[0]).toEqual({ one: 1 });
    const answers = await vi.waitFor(
      () =>
        Promise.all(
          [0, 1, 2].map(() => withActor(db, ANONYMOUS_ACTOR, (tx) => tx.execute(sql`select 1 as one`))),
        ),
      { timeout: 10_000, interval: 50 },
    );
    expect(answers.map((a) => a.rows[0])).toEqual([{ one: 1 }, { one: 1 }, { one: 1 }]);
    expect(db.app.totalCount).toBeLessThanOrEqual(2);
  });

  it('keeps a connection after an error of the work itself, and rolls that work back', async () => {
    const error = await withActor(db, ANONYMOUS_ACTOR, async (tx) => {
      await tx.execute(sql`select set_config('app.test_marker', 'inside', true)`);
      throw new Error('refused by the service');
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('refused by the service');
    const after = await withActor(db, ANONYMOUS_ACTOR, (tx) =>
      tx.execute(sql`select coalesce(current_setting('app.test_marker', true), '') as marker`),
    );
    expect(after.rows[0]).toEqual({ marker: '' });
  });
});

describe('withActor opening its transaction', () => {
  let one: Database;
  beforeAll(() => {
    // One connection: every transaction below runs on the socket `writesDuring` watches.
    one = createDatabase({ url: t.url, maxConnections: 1 });
  });
  afterAll(async () => {
    await one.close();
  });

  /** How many times the connection writes to PostgreSQL while `run` runs. */
  const writesDuring = async (run: () => Promise<unknown>) => {
    const client = await one.app.connect();
    const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
    client.release();
    let writes = 0;
    const internals = socket as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
    const write = internals._write;
    const writev = internals._writev;
    internals._write = function (...args) {
      writes += 1;
      return write.apply(this, args);
    };
    internals._writev = function (...args) {
      writes += 1;
      return writev.apply(this, args);
    };
    try {
      await run();
    } finally {
      internals._write = write;
      internals._writev = writev;
    }
    return writes;
  };

  const employee = (session?: Actor['session']): Actor => ({
    role: 'EMPLOYEE',
    userId: randomUUID(),
    employeeId: randomUUID(),
    session,
  });

  it('sends BEGIN and the settings in the same write as the first statement, then COMMIT', async () => {
    const actor = employee();
    await withActor(one, actor, (tx) => tx.execute(sql`select 1`)); // the connection opened
    let seen: unknown;
    const writes = await writesDuring(async () => {
      seen = await withActor(one, actor, async (tx) => {
        const first = await tx.execute(sql`select current_setting('app.current_user') as user`);
        const second = await tx.execute(sql`select current_user as role`);
        return { ...first.rows[0], ...second.rows[0] };
      });
    });
    expect(seen).toEqual({ user: actor.userId, role: 'huntzen_employee' });
    expect(writes).toBe(3); // opening + first statement, second statement, COMMIT
  });

  it('opens no transaction when the work runs no statement, and leaves an unchecked session so', async () => {
    const session = { userId: randomUUID(), sessionId: randomUUID(), state: 'unchecked' as const };
    const actor = employee({ ...session });
    const writes = await writesDuring(async () => {
      expect(await withActor(one, actor, async () => 'nothing read')).toBe('nothing read');
      await expect(
        withActor(one, actor, async () => {
          throw new Error('refused before reading');
        }),
      ).rejects.toThrow('refused before reading');
    });
    expect(writes).toBe(0);
    expect(actor.session?.state).toBe('unchecked');
  });

  /** A statement that leaves a mark on the connection (a session-wide setting) if it runs. */
  const mark = (tx: Tx) => tx.execute(sql`select set_config('app.test_ran', 'yes', false)`);
  /** The mark, read (and cleared) by the next transaction on the one connection. */
  const marked = async () =>
    (
      await withActor(one, ANONYMOUS_ACTOR, (tx) =>
        tx.execute<{ ran: string; user: string; role: string }>(
          sql`select coalesce(current_setting('app.test_ran', true), '') as ran,
                     current_setting('app.current_user', true) as user, current_user as role,
                     set_config('app.test_ran', '', false)`,
        ),
      )
    ).rows[0];

  for (const autocommit of [false, true]) {
    it(`runs no statement of a session that has ended, even when the work swallows the failure${autocommit ? ' (autocommit)' : ''}`, async () => {
      const actor = employee({ userId: randomUUID(), sessionId: randomUUID(), state: 'unchecked' });
      const failures: unknown[] = [];
      const outcome = await withActor(
        one,
        actor,
        async (tx) => {
          // Swallowed, and tried again: the second must not run either.
          failures.push(await mark(tx).catch((error: unknown) => error));
          failures.push(await mark(tx).catch((error: unknown) => error));
          return 'answered anyway';
        },
        { autocommit },
      ).catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(SessionEndedError);
      expect(actor.session?.state).toBe('ended');
      expect(failures.map((f) => f instanceof Error)).toEqual([true, true]);
      // No statement ran, and the connection is clean for the next actor.
      expect(await marked()).toMatchObject({ ran: '', user: '', role: 'huntzen_app' });
    });
  }

  it('runs each statement of an autocommit transaction in one write, with the actor’s settings and role', async () => {
    const actor = employee();
    await withActor(one, actor, (tx) => tx.execute(sql`select 1`), { autocommit: true }); // prepared
    const read = (tx: Tx) =>
      tx.execute<{ user: string; role: string }>(
        sql`select current_setting('app.current_user') as user, current_user as role`,
      );
    let seen: unknown;
    const writes = await writesDuring(async () => {
      seen = await withActor(one, actor, async (tx) => [(await read(tx)).rows[0], (await read(tx)).rows[0]], {
        autocommit: true,
      });
    });
    const expected = { user: actor.userId, role: 'huntzen_employee' };
    expect(seen).toEqual([expected, expected]);
    expect(writes).toBe(2); // one per statement: no BEGIN, no COMMIT
    // Statements sent together (not waiting for each other's answer) leave in one write.
    const together = await writesDuring(async () => {
      seen = await withActor(one, actor, (tx) => Promise.all([read(tx), read(tx)]), { autocommit: true });
    });
    expect((seen as { rows: unknown[] }[]).map((r) => r.rows[0])).toEqual([expected, expected]);
    expect(together).toBe(1);
    // Nothing stays of it on the connection.
    expect(await marked()).toMatchObject({ user: '', role: 'huntzen_app' });
  });

  it('runs the statements with their generic plans when asked, for that transaction only', async () => {
    const actor = employee();
    const mode = (tx: Tx) =>
      tx.execute<{ mode: string }>(sql`select current_setting('plan_cache_mode') as mode`);
    for (const autocommit of [false, true]) {
      const inside = await withActor(one, actor, mode, { autocommit, genericPlans: true });
      expect(inside.rows[0]).toEqual({ mode: 'force_generic_plan' });
      const after = await withActor(one, actor, mode, { autocommit });
      expect(after.rows[0]).toEqual({ mode: 'auto' });
    }
  });

  it('carries the opening with a savepoint when that is the first statement', async () => {
    const actor = employee();
    const user = await withActor(one, actor, (tx) =>
      tx.transaction(async (inner) => {
        const { rows } = await inner.execute<{ user: string }>(
          sql`select current_setting('app.current_user') as user`,
        );
        return rows[0]?.user;
      }),
    );
    expect(user).toBe(actor.userId);
  });
});

describe('the application role', () => {
  it('runs without JIT compilation (migration 0034): its statements are short', async () => {
    const [row] = (
      await withActor(db, ANONYMOUS_ACTOR, (tx) =>
        tx.execute(sql`select current_user as who, current_setting('jit') as jit`),
      )
    ).rows;
    expect(row).toEqual({ who: 'huntzen_app', jit: 'off' });
  });
});
