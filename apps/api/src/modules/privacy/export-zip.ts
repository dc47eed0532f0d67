// The export archive, streamed with fflate: JSON documents deflated, stored files passed through
// (mostly compressed already). Entries are written one after the other as the response is read.
import { PassThrough, type Readable } from 'node:stream';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** One entry: a text document, or a file whose bytes come from `open` (called when it is its turn). */
export type ZipEntry =
  | { name: string; text: string }
  | { name: string; open: () => Promise<AsyncIterable<Uint8Array> | null> };

/** A zip of `entries`, as a stream; an entry whose `open` throws aborts the stream. */
export function zipStream(entries: ZipEntry[]): Readable {
  const out = new PassThrough();
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      out.destroy(error);
      return;
    }
    if (out.destroyed) return;
    out.write(Buffer.from(chunk));
    if (final) out.end();
  });
  const mtime = new Date();
  void (async () => {
    try {
      for (const entry of entries) {
        if (out.destroyed) return;
        if ('text' in entry) {
          const file = new ZipDeflate(entry.name, { level: 6 });
          file.mtime = mtime;
          zip.add(file);
          file.push(strToU8(entry.text), true);
          continue;
        }
        const source = await entry.open();
        if (!source) continue;
        const file = new ZipPassThrough(entry.name);
        file.mtime = mtime;
        zip.add(file);
        for await (const chunk of source) {
          // The client went away: stop reading files for nobody.
          if (out.destroyed) return;
          file.push(chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk));
          // Let the consumer read what is written before more is produced (or stop if it leaves).
          if (out.writableNeedDrain) {
            await new Promise((resolve) => {
              out.once('drain', resolve);
              out.once('close', resolve);
            });
          }
        }
        file.push(new Uint8Array(0), true);
      }
      zip.end();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
