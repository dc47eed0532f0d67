// Applies the SQL migrations in `migrations/` (drizzle-kit's journal) under an advisory lock, so
// several processes starting at once migrate exactly once. Idempotent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 4_242_001;

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

/** The migrations shipped with this build, from drizzle-kit's journal. */
export function shippedMigrations(): Journal['entries'] {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
  return (journal as Journal).entries;
}

/** Brings the database at `url` (owner credentials) up to date. */
export async function migrate(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query('set client_min_messages = warning');
    await drizzleMigrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/** Number of shipped migrations not yet applied (0 when the database is up to date). */
export async function pendingMigrationCount(queryable: Pick<pg.Pool, 'query'>): Promise<number> {
  const shipped = shippedMigrations();
  const applied = await queryable
    .query<{ created_at: string }>('select created_at from drizzle.__drizzle_migrations')
    .then((r) => new Set(r.rows.map((row) => Number(row.created_at))))
    .catch(() => new Set<number>());
  return shipped.filter((m) => !applied.has(m.when)).length;
}
