// The database handles of the application, and the start-up seeding of an empty database.
import type { Database } from '@huntzen/db';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Both pools. Request code goes through `withActor`; `db.owner` is for platform upkeep only. */
    db: Database;
  }
}

/** Decorates `app` with `db`. The caller owns the pools and closes them after the app. */
export function installDatabase(app: FastifyInstance, db: Database): void {
  app.decorate('db', db);
}

// Several processes (web + worker) may start at once on an empty database: seed under a lock.
const SEED_LOCK_KEY = 4_242_003;

/** Runs `seed` when the `users` table is empty; returns whether it ran. */
export async function seedIfEmpty(db: Database, seed: (db: Database) => Promise<void>): Promise<boolean> {
  const client = await db.owner.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [SEED_LOCK_KEY]);
    const { rows } = await client.query<{ empty: boolean }>(
      'select not exists (select 1 from users) as empty',
    );
    if (!rows[0]?.empty) return false;
    await seed(db);
    return true;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [SEED_LOCK_KEY]).catch(() => {});
    client.release();
  }
}
