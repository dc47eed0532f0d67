// The one way request code reaches the database: a transaction on the application role whose
// `app.*` settings identify the actor, so the row-level security policies can decide.

import { Column, getTableName, is, SQL, Subquery } from 'drizzle-orm';
import { drizzle, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { ACTOR_ROLES, type Actor, actorSettings } from './actor';
import { type Database, type Db, openWithNextStatement, setStatementScope } from './client';
import * as schema from './schema';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** SQLSTATE of `require_live_session` (migration 0037) when the session has ended. */
const SESSION_ENDED = 'HZ401';

/** The request's session has ended (logout, revocation, deactivation): the caller answers 401. */
export class SessionEndedError extends Error {
  constructor(options?: ErrorOptions) {
    super('This session has ended.', options);
    this.name = 'SessionEndedError';
  }
}

export interface WithActorOptions {
  /**
   * Each statement of `fn` is a transaction of its own (as under JDBC's autocommit), carrying the
   * actor's settings in its batch, with no BEGIN or COMMIT (issue #13: a read of one statement is
   * one write to PostgreSQL, where there were three). For reads: under READ COMMITTED each
   * statement sees its own snapshot anyway, so they read as in one transaction. Never for changes
   * that must succeed or fail together.
   */
  autocommit?: boolean;
  /**
   * The statements run with their generic plans (`plan_cache_mode = force_generic_plan`, local to
   * the transaction): for a prepared statement whose generic plan PostgreSQL judges dearer than it
   * is (a skewed column's average), where planning a custom plan under row-level security costs
   * more than running it. Only for statements whose values are compared by equality or with
   * `now()`: a value compared with `<` or `>` is estimated blindly in a generic plan.
   */
  genericPlans?: boolean;
}

/** Runs `fn` in one transaction whose row-level security settings are those of `actor`. */
export async function withActor<T>(
  db: Database,
  actor: Actor,
  fn: (tx: Tx) => Promise<T>,
  options: WithActorOptions = {},
): Promise<T> {
  const role = ACTOR_ROLES[actor.role];
  const settings: Record<string, string> = {
    // The actor's database role (migration 0040), transaction-local like the settings below.
    ...(role ? { role } : {}),
    ...actorSettings(actor),
    // SYSTEM is proven by this process's token (migration 0018), not by the role setting alone.
    'app.system_token': actor.role === 'SYSTEM' ? await db.systemToken() : '',
    ...(options.genericPlans ? { plan_cache_mode: 'force_generic_plan' } : {}),
  };
  // The connection is taken here and always given back, broken or not: Drizzle's own pool path
  // keeps a connection whose BEGIN fails (the database going away), and the pool, once all its
  // connections are kept so, would wait forever. pg's pool drops a connection that is broken.
  const client = await db.app.connect();
  // A connection lost between two statements is reported as an 'error' event, which the pool
  // listens to only while the connection is idle: unheard, it would end the process. The next
  // statement fails anyway, and the pool drops the connection when it is given back.
  client.on('error', ignoreLostConnection);
  setStatementScope(client, role ?? '');
  // BEGIN and the actor's settings ride with the transaction's first statement: one write, one
  // batch, which runs the statement only if the settings were set (issue #13). set_config(…, true)
  // is transaction-local: nothing leaks to the next user of the connection. A request's session
  // still unchecked is checked there too, before the statement: if it has ended, the statement
  // never runs (nor any after it, in the aborted transaction), and the caller gets the 401.
  const session = actor.session?.state === 'unchecked' ? actor.session : null;
  const begin = !options.autocommit;
  const opening = openWithNextStatement(client, { settings, session, begin });
  const opened = async () => {
    try {
      await opening.result();
    } catch (error) {
      if (session && (error as { code?: string }).code === SESSION_ENDED) {
        session.state = 'ended';
        throw new SessionEndedError({ cause: error });
      }
      throw error;
    }
    if (session) session.state = 'live';
  };
  try {
    const result = await fn(transactionOver(client));
    // Nothing sent: no statement ran, nothing to commit (an unchecked session stays so, for the
    // access guard to check before the answer leaves).
    if (opening.cancel()) return result;
    await opened();
    if (begin) await client.query('commit');
    return result;
  } catch (error) {
    if (opening.cancel()) throw error; // nothing sent: no transaction to end
    // Rolled back (or the connection is gone, and the pool drops it): the caller gets the cause,
    // the opening's own failure first, since the statements after it failed because of it.
    if (begin) await client.query('rollback').catch(() => undefined);
    await opened();
    throw error;
  } finally {
    opening.close();
    client.off('error', ignoreLostConnection);
    client.release();
  }
}

function ignoreLostConnection(): void {}

// One Drizzle transaction object per pooled connection, built at its first use (pg's pool reuses
// connections). It is Drizzle's own: `tx.transaction(…)` inside makes a savepoint, as with
// `db.transaction`; only BEGIN, COMMIT and ROLLBACK are withActor's, so that the settings ride with
// BEGIN. Built from the connection's Drizzle session (its dialect and relational schema), as
// NodePgSession.transaction builds it.
const transactions = new WeakMap<pg.PoolClient, Tx>();

function transactionOver(client: pg.PoolClient): Tx {
  let tx = transactions.get(client);
  if (!tx) {
    const { session } = drizzle({ client, schema }) as unknown as {
      session: { dialect: unknown; schema: unknown };
    };
    tx = new NodePgTransaction(
      session.dialect as never,
      session as never,
      session.schema as never,
    ) as unknown as Tx;
    transactions.set(client, tx);
  }
  return tx;
}

/** A Drizzle query whose values are `sql.placeholder`s, ready to be prepared (`.prepare(name)`). */
interface Preparable<P> {
  prepare(name: string): P;
}

// Per connection (its transaction object), the queries built once: key → Drizzle's prepared query.
const builtQueries = new WeakMap<Tx, Map<string, unknown>>();

/**
 * The query `key` of `tx`'s connection, built by `build` the first time that connection runs it and
 * kept for the next ones: run it with `.execute(values)` for its placeholders. Drizzle otherwise
 * builds a query's SQL anew each time it is written, walking every selected column (issue #13: a
 * sixth of the consultations list's CPU). `key` names one text: every choice `build` makes (which
 * conditions, which order) must be in it, the values in placeholders. The application pool then
 * prepares that text once per connection and role (`preparingClient`); Drizzle's name is not used.
 */
export function builtOnce<P>(tx: Tx, key: string, build: () => Preparable<P>): P {
  let queries = builtQueries.get(tx);
  if (!queries) {
    queries = new Map();
    builtQueries.set(tx, queries);
  }
  let query = queries.get(key) as P | undefined;
  if (query === undefined) {
    query = build().prepare(key);
    compileRowMapping(query);
    queries.set(key, query);
  }
  return query;
}

/** What a prepared select of drizzle-orm's node-postgres driver holds of its result's shape. */
interface PreparedSelect {
  fields?: { path: string[]; field: unknown }[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/**
 * Gives a prepared select a row mapper with drizzle-orm's `mapResultRow` choices made once: which
 * decoder reads each column, and which table a joined column belongs to. `mapResultRow` makes them
 * for every column of every row (issue #13: an eighth of a consultations page's CPU); the rows are
 * the same (prepared.test.ts compares them). Queries of other kinds keep their own mapping.
 */
function compileRowMapping(query: unknown): void {
  const prepared = query as PreparedSelect;
  const { fields, joinsNotNullableMap } = prepared;
  if (!fields || prepared.customResultMapper) return;
  const columns = fields.map(({ path, field }) => {
    const f = field as { decoder?: Decoder; sql?: { decoder: Decoder }; _?: { sql: { decoder: Decoder } } };
    const column = is(field, Column);
    const decoder = column
      ? (field as Decoder)
      : is(field, SQL)
        ? f.decoder!
        : is(field, Subquery)
          ? f._!.sql.decoder
          : f.sql!.decoder;
    // As mapResultRow: a joined table's columns tell whether the whole joined object is null.
    const table =
      joinsNotNullableMap && column && path.length === 2 ? getTableName((field as Column).table) : null;
    return { path, last: path[path.length - 1]!, decoder, table };
  });
  const mapRow = (row: unknown[]) => {
    const result: Record<string, unknown> = {};
    const nullify: Record<string, string | false> = {};
    let joined = false;
    for (let i = 0; i < columns.length; i++) {
      const { path, last, decoder, table } = columns[i]!;
      let node = result;
      for (let k = 0; k < path.length - 1; k++) {
        const chunk = path[k]!;
        if (!(chunk in node)) node[chunk] = {};
        node = node[chunk] as Record<string, unknown>;
      }
      const raw = row[i];
      const value = raw === null ? null : decoder.mapFromDriverValue(raw);
      node[last] = value;
      if (table !== null) {
        joined = true;
        const objectName = path[0]!;
        const seen = nullify[objectName];
        if (seen === undefined) nullify[objectName] = value === null ? table : false;
        else if (typeof seen === 'string' && seen !== table) nullify[objectName] = false;
      }
    }
    if (joined) {
      for (const objectName in nullify) {
        const table = nullify[objectName];
        if (typeof table === 'string' && !joinsNotNullableMap![table]) result[objectName] = null;
      }
    }
    return result;
  };
  prepared.customResultMapper = (rows) => rows.map(mapRow);
}

/** A statement of raw SQL built once by `builtOnceSql`: run it with its placeholders' values. */
export interface BuiltSql<Row> {
  execute(values: Record<string, unknown>): Promise<{ rows: Row[] }>;
}

/**
 * `builtOnce` for a statement of raw SQL (what `tx.execute(sql…)` runs), its values in
 * `sql.placeholder`s: its rows come back as objects, as from `tx.execute`.
 */
export function builtOnceSql<Row>(tx: Tx, key: string, build: () => SQL): BuiltSql<Row> {
  return builtOnce(tx, key, () => ({
    prepare(name: string) {
      // What `tx.execute` does with its SQL (drizzle-orm's PgDatabase.execute), kept instead of run.
      const { dialect, session } = tx as unknown as {
        dialect: { sqlToQuery(sql: SQL): unknown };
        session: {
          prepareQuery(query: unknown, fields: undefined, name: string, arrayMode: false): BuiltSql<Row>;
        };
      };
      return session.prepareQuery(dialect.sqlToQuery(build()), undefined, name, false);
    },
  }));
}
