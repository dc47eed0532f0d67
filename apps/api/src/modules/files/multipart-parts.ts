// Reading a multipart body part by part, with the parser's failures made the client's (400).
import type { Multipart } from '@fastify/multipart';
import { AppError } from '../../platform/errors';

/** The parts of a multipart body; a parser failure (no boundary, body cut short) is the client's: 400. */
export async function* partsOf(parts: AsyncIterable<Multipart>): AsyncGenerator<Multipart> {
  const iterator = parts[Symbol.asyncIterator]();
  let settled = false;
  try {
    for (;;) {
      let next: IteratorResult<Multipart>;
      try {
        next = await iterator.next();
      } catch (error) {
        settled = true; // a failed parser is finished: asking it to return would wait forever
        const status = (error as { statusCode?: unknown }).statusCode;
        // The plugin's own limits (413) and refusals (4xx) already say what went wrong.
        if (error instanceof AppError || (typeof status === 'number' && status < 500)) throw error;
        throw new AppError('BAD_REQUEST', 'The multipart body is malformed.', { cause: error });
      }
      if (next.done) {
        settled = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // The consumer stopped early (a refused field or file): let the parser clean up.
    if (!settled) await iterator.return?.();
  }
}
