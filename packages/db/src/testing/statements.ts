// Every statement a piece of code sends to PostgreSQL, as node-postgres is asked to send it: for
// tests that count round trips and for benchmarks that replay an application's SQL.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Tx } from '../tenancy';

export interface RecordedStatement {
  text: string;
  values: unknown[];
}

/** The statements sent through any pg Client while `run` runs (nothing else may query meanwhile). */
export async function recordStatements(run: () => Promise<unknown>): Promise<RecordedStatement[]> {
  const seen: RecordedStatement[] = [];
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    const values = Array.isArray(second) ? second : [];
    if (typeof first === 'string') seen.push({ text: first, values });
    else if (first && typeof first === 'object' && 'text' in first) {
      // A statement carrying a transaction's opening (openWithNextStatement) runs it first.
      if ('opening' in first) {
        const { text, values } = (first as { opening: RecordedStatement }).opening;
        seen.push({ text, values });
      }
      const config = first as { text: string; values?: unknown[] };
      seen.push({ text: config.text, values: config.values ?? values });
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
  }
  return seen;
}

/** How PostgreSQL planned one prepared statement over several runs. */
export interface PlanCounts {
  custom: number;
  generic: number;
}

/**
 * How PostgreSQL planned the statement `run` sends, over `times` runs in `tx` (one transaction, so
 * one connection, whose prepared statements `pg_prepared_statements` lists with their counts): the
 * statement whose counts moved by `times`. PostgreSQL makes five custom plans, then keeps the
 * generic one unless it looks dearer; a statement planned anew on every run shows no generic plan.
 */
export async function planCounts(tx: Tx, run: () => Promise<unknown>, times = 8): Promise<PlanCounts> {
  const counts = async () =>
    (
      await tx.execute<{ name: string; generic_plans: string; custom_plans: string }>(
        sql`select name, generic_plans, custom_plans from pg_prepared_statements`,
      )
    ).rows;
  const before = new Map((await counts()).map((r) => [r.name, r]));
  for (let i = 0; i < times; i++) await run();
  const moved = (await counts())
    .map((r) => ({
      generic: Number(r.generic_plans) - Number(before.get(r.name)?.generic_plans ?? 0),
      custom: Number(r.custom_plans) - Number(before.get(r.name)?.custom_plans ?? 0),
    }))
    .filter((r) => r.generic + r.custom === times);
  if (moved.length !== 1) throw new Error(`planCounts: ${moved.length} statements ran ${times} times`);
  return moved[0]!;
}
