// Opaque list cursors (`?cursor=`): base64url JSON of the last item's sort key.
import { DATE_YEAR_RANGE, textProblem } from '@huntzen/contracts';
import { z } from 'zod';
import { AppError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const INSTANT_KEY = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

/**
 * What a cursor's sort key is: an instant (most lists), JSON (lists sorted on several keys) or
 * plain text (lists sorted by name).
 */
export type CursorKey = 'instant' | 'json' | 'text';

/** True when `t` is a sort key of that kind, in the years requests may use: a forged one never reaches SQL. */
function plausibleKey(t: string, key: CursorKey): boolean {
  if (textProblem(t) !== null) return false;
  if (key === 'text') return true;
  if (key === 'json') {
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  }
  // toISOString(), to_char(… 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') and timestamptz::text alike.
  if (!INSTANT_KEY.test(t)) return false;
  const year = new Date(t).getUTCFullYear();
  return year >= DATE_YEAR_RANGE.min && year <= DATE_YEAR_RANGE.max;
}

const CursorSchema = z.object({ t: z.string(), id: z.string() });
export type Cursor = z.infer<typeof CursorSchema>;

/** `?limit=&cursor=` of every list (default 20, max 100). */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

/** Encodes a sort key as an opaque cursor. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Decodes a cursor (its id a row id or empty), or answers 400 on `query.cursor`. */
export function decodeCursor(value: string, key: CursorKey = 'instant'): Cursor {
  try {
    const cursor = CursorSchema.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    if (!plausibleKey(cursor.t, key) || !(cursor.id === '' || UUID.test(cursor.id)))
      throw new Error('forged');
    return cursor;
  } catch {
    throw new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
      errors: [{ path: 'query.cursor', message: 'invalid' }],
    });
  }
}
