// Where a job is scheduled from: the request's transaction (so the job exists only if the business
// transaction commits), a pg pool or client (owner pool, a handler's own connection), or Graphile
// Worker's WorkerUtils. All of them run the same SQL, written once with $n placeholders.
import type { Db, Tx } from '@huntzen/db';
import { type SQL, sql } from 'drizzle-orm';
import type { WorkerUtils } from 'graphile-worker';
import type pg from 'pg';

/** Anything `scheduleJob` / `cancelJob` / `refreshCounters` can run their SQL on. */
export type JobExecutor = Tx | Db | pg.Pool | pg.PoolClient | pg.Client | Pick<WorkerUtils, 'withPgClient'>;

type Row = Record<string, unknown>;

/** `text` with `$1…$n` as a Drizzle SQL object whose parameters are `values`. */
function toDrizzleSql(text: string, values: readonly unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  // split() with a capture group alternates text and placeholder numbers.
  // sql.param: an array stays one parameter (interpolated as is, Drizzle would make it a list).
  return sql.join(
    parts.map((part, i) => (i % 2 === 1 ? sql.param(values[Number(part) - 1]) : sql.raw(part))),
  );
}

/** Runs one parameterised statement on `executor` and returns its rows. */
export async function runSql(
  executor: JobExecutor,
  text: string,
  values: readonly unknown[] = [],
): Promise<Row[]> {
  // Order matters: a Drizzle database also has a `query` property (its relational query builder).
  if ('withPgClient' in executor) {
    const result = await executor.withPgClient((client) => client.query<Row>(text, [...values]));
    return result.rows;
  }
  if ('execute' in executor) {
    const result = await executor.execute<Row>(toDrizzleSql(text, values));
    return result.rows;
  }
  const result = await executor.query<Row>(text, [...values]);
  return result.rows;
}
