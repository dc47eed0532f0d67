// Opaque list cursors (`?cursor=`): base64url JSON of the last item's sort key.
import { z } from 'zod';
import { AppError } from './errors';

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

/** Decodes a cursor, or answers 400 on `query.cursor`. */
export function decodeCursor(value: string): Cursor {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
      errors: [{ path: 'query.cursor', message: 'invalid' }],
    });
  }
}
