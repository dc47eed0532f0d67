// Connection pools. The owner pool runs migrations, seeds and the jobs runner's own bookkeeping;
// the application pool runs every request as the `huntzen_app` role, which owns nothing and has
// no BYPASSRLS, so the row-level security policies always apply to it.
import { createHash, randomBytes } from 'node:crypto';
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
  /**
   * This process's proof of the SYSTEM actor (`app.system_token`), registered through the owner
   * pool (migration 0018) before it is first used, and renewed before it expires.
   */
  systemToken(): Promise<string>;
  close(): Promise<void>;
}

/** How long a registered system token stays valid; a process renews its own at half that age. */
const SYSTEM_TOKEN_TTL_HOURS = 24;

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

  // 256 random bits, never stored: the database keeps only their SHA-256 in a table the
  // application role cannot reach, so SQL run as that role cannot claim SYSTEM by a setting.
  const token = randomBytes(32).toString('base64url');
  const tokenHash = createHash('sha256').update(token, 'utf8').digest();
  let registered: { at: number; done: Promise<void> } | null = null;
  const register = () =>
    owner
      .query(
        `with purged as (delete from huntzen_private.system_tokens where expires_at < now())
         insert into huntzen_private.system_tokens (token_hash, expires_at)
         values ($1, now() + make_interval(hours => $2))
         on conflict (token_hash) do update set expires_at = excluded.expires_at`,
        [tokenHash, SYSTEM_TOKEN_TTL_HOURS],
      )
      .then(() => {});

  return {
    owner,
    app,
    appDb: drizzle({ client: app, schema }),
    ownerDb: drizzle({ client: owner, schema }),
    async systemToken() {
      let current = registered;
      if (!current || Date.now() - current.at > (SYSTEM_TOKEN_TTL_HOURS / 2) * 3_600_000) {
        const attempt = { at: Date.now(), done: register() };
        current = registered = attempt;
        // A failure (migrations not run yet, database down) is retried by the next caller.
        attempt.done.catch(() => {
          if (registered === attempt) registered = null;
        });
      }
      await current.done;
      return token;
    },
    async close() {
      // The token dies with the process; without this it would simply expire.
      if (registered) {
        await owner
          .query('delete from huntzen_private.system_tokens where token_hash = $1', [tokenHash])
          .catch(() => {});
      }
      await Promise.all([owner.end(), app.end()]);
    },
  };
}
