// Connection pools. The owner pool runs migrations, seeds and the jobs runner's own bookkeeping;
// the application pool runs every request as the `huntzen_app` role, which owns nothing and has
// no BYPASSRLS, so the row-level security policies always apply to it.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

/** The database role of the application (created by the security migration). */
export const APP_ROLE = 'huntzen_app';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;

export interface Database {
  owner: pg.Pool;
  app: pg.Pool;
  /** Drizzle over the application pool: reach it only through `withActor`. */
  appDb: Db;
  /** Drizzle over the owner pool: migrations, seeds, maintenance. Bypasses row-level security. */
  ownerDb: Db;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Owner URL. */
  url: string;
  /** Optional separate login of the application role; otherwise the owner login switches role. */
  appUrl?: string | undefined;
  maxConnections?: number;
  /** Told about idle connections that drop (PostgreSQL restarting or stopping); default: ignored. */
  onIdleError?: (error: Error, pool: 'owner' | 'app') => void;
}

/** Opens the owner and application pools. */
export function createDatabase(options: DatabaseOptions): Database {
  const max = options.maxConnections ?? 10;
  const owner = new pg.Pool({ connectionString: options.url, max: Math.max(2, Math.ceil(max / 2)) });
  // `-c role=…` switches every pooled connection to the application role at connection start,
  // before any query can run, so no code path can forget to do it.
  const app = new pg.Pool(
    options.appUrl
      ? { connectionString: options.appUrl, max }
      : { connectionString: options.url, max, options: `-c role=${APP_ROLE}` },
  );
  // A pg Pool without an 'error' listener turns a dropped idle connection into an uncaught
  // exception; the pool discards that connection and opens a new one when needed.
  const onIdleError = options.onIdleError ?? (() => {});
  owner.on('error', (error) => onIdleError(error, 'owner'));
  app.on('error', (error) => onIdleError(error, 'app'));
  return {
    owner,
    app,
    appDb: drizzle({ client: app, schema }),
    ownerDb: drizzle({ client: owner, schema }),
    async close() {
      await Promise.all([owner.end(), app.end()]);
    },
  };
}
