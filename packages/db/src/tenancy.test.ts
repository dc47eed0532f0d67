// withActor gives its connection back whatever happens inside, so that a database that goes away
// and comes back never leaves the application pool waiting for connections it lost.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANONYMOUS_ACTOR } from './actor';
import { createDatabase, type Database } from './client';
import { withActor } from './tenancy';
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
