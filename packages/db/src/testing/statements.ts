// Every statement a piece of code sends to PostgreSQL, as node-postgres is asked to send it: for
// tests that count round trips and for benchmarks that replay an application's SQL.
import pg from 'pg';

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
