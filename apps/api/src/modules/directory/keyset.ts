// Keyset pagination over several sort keys in mixed directions (rating down, then name up…).
// The cursor carries the last row's key values; the next page is every row strictly after it in
// the same order. Unlike OFFSET, a page never repeats or skips a practitioner when ratings change
// or profiles appear between two requests, and deep pages cost the same as the first.
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/pagination';

export type KeyValue = string | number;

/**
 * One sort key: a SQL expression that is never NULL, its direction, and the SQL type of its values;
 * `name` tells it from the other keys (a statement built once is keyed on its keys' names).
 */
export interface SortKey {
  name: string;
  expr: SQL;
  dir: 'asc' | 'desc';
  type: 'float8' | 'int' | 'text' | 'uuid' | 'timestamptz';
}

/** ORDER BY of `keys`. */
export function orderBy(keys: SortKey[]): SQL {
  return sql.join(
    keys.map((k) => (k.dir === 'asc' ? sql`${k.expr} asc` : sql`${k.expr} desc`)),
    sql`, `,
  );
}

/**
 * Rows strictly after the values of `keys` in their order: (k1 > v1) or (k1 = v1 and k2 > v2) or …
 * The values are placeholders `after0`, `after1`… (`afterValues`).
 */
export function after(keys: SortKey[]): SQL {
  const param = (i: number) => sql`${sql.placeholder(`after${i}`)}::${sql.raw(keys[i]!.type)}`;
  const branches = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => sql`${k.expr} = ${param(j)}`);
    const beyond = key.dir === 'asc' ? sql`${key.expr} > ${param(i)}` : sql`${key.expr} < ${param(i)}`;
    return sql`(${sql.join([...equal, beyond], sql` and `)})`;
  });
  return sql`(${sql.join(branches, sql` or `)})`;
}

/** The placeholders of `after` for the key values `values`. */
export function afterValues(values: KeyValue[] | null): Record<string, KeyValue> {
  return Object.fromEntries((values ?? []).map((value, i) => [`after${i}`, value]));
}

const KeyCursor = z.object({ s: z.string(), k: z.array(z.union([z.string(), z.number()])) });

/** The opaque cursor of a row's key values, tagged with the order it belongs to. */
export function keyCursor(order: string, values: KeyValue[]): string {
  return encodeCursor({ t: JSON.stringify({ s: order, k: values }), id: '' });
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fits(value: KeyValue, type: SortKey['type']): boolean {
  if (type === 'float8') return typeof value === 'number' && Number.isFinite(value);
  if (type === 'int') return typeof value === 'number' && Number.isSafeInteger(value);
  if (type === 'uuid') return typeof value === 'string' && UUID.test(value);
  // As json_build_array writes a timestamptz: ISO 8601 with an offset, or PostgreSQL's 'infinity'.
  if (type === 'timestamptz')
    return typeof value === 'string' && (value === 'infinity' || TIMESTAMP.test(value));
  return typeof value === 'string';
}

/** The key values of a cursor made for `order` over `keys`, or 400 on `query.cursor`. */
export function readKeyCursor(cursor: string, order: string, keys: SortKey[]): KeyValue[] {
  const invalid = () =>
    new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
      errors: [{ path: 'query.cursor', message: 'invalid' }],
    });
  const { t } = decodeCursor(cursor, 'json');
  let parsed: z.infer<typeof KeyCursor>;
  try {
    parsed = KeyCursor.parse(JSON.parse(t));
  } catch {
    throw invalid();
  }
  // A cursor of another order (the sort changed between two pages) means nothing here; values of
  // the wrong type would fail in SQL.
  if (parsed.s !== order || parsed.k.length !== keys.length) throw invalid();
  if (!parsed.k.every((value, i) => fits(value, keys[i]!.type))) throw invalid();
  return parsed.k;
}
