// Bulk loading with `COPY … FROM STDIN` (text format). Values are escaped here, once: backslash,
// tab, newline and carriage return are the only characters the text format treats specially, and
// `\N` is NULL. Arrays are PostgreSQL array literals and objects JSON, both escaped the same way.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null | undefined | readonly string[] | object;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Escapes a string for the COPY text format. */
export function copyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c] as string) : value;
}

/** A PostgreSQL array literal of text elements, every element quoted. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** One value in the COPY text format. */
export function copyValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return copyText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot COPY the number ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return copyText(arrayLiteral(value as readonly string[]));
  return copyText(JSON.stringify(value));
}

/** One line (row) in the COPY text format, newline included. */
export function copyRow(values: readonly CopyValue[]): string {
  let line = copyValue(values[0]);
  for (let i = 1; i < values.length; i++) line += `\t${copyValue(values[i])}`;
  return `${line}\n`;
}

/** An ISO timestamp for a `timestamptz` column, or NULL. */
export function ts(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/**
 * COPY lines accumulated as UTF-8 bytes in off-heap blocks. Holding a chunk's lines as millions of
 * JavaScript strings kept them alive across garbage collections, which then took most of the
 * time; written into buffers at once, each line is short-lived garbage.
 */
export class CopyBuffer {
  private blocks: Buffer[] = [];
  private block: Buffer;
  private offset = 0;
  rows = 0;

  constructor(private readonly blockSize = 256 * 1024) {
    this.block = Buffer.allocUnsafe(blockSize);
  }

  push(line: string): void {
    this.rows++;
    // At most 3 bytes of UTF-8 per UTF-16 unit: a cheap bound instead of measuring every line.
    if (this.offset + line.length * 3 > this.block.length) {
      this.seal();
      if (line.length * 3 > this.blockSize) {
        this.blocks.push(Buffer.from(line, 'utf8'));
        return;
      }
    }
    this.offset += this.block.write(line, this.offset, 'utf8');
  }

  /** Full blocks so far, handed over (and forgotten): stream them while more rows are written. */
  takeFullBlocks(): Buffer[] {
    const full = this.blocks;
    this.blocks = [];
    return full;
  }

  /** Every block, the partial one included, handed over. */
  takeAll(): Buffer[] {
    this.seal();
    return this.takeFullBlocks();
  }

  private seal(): void {
    if (this.offset > 0) this.blocks.push(this.block.subarray(0, this.offset));
    this.block = Buffer.allocUnsafe(this.blockSize);
    this.offset = 0;
  }
}

// Tens of kilobytes per write: one socket write per row would dominate the load time.
function* batched(lines: Iterable<string | Buffer>, size = 256 * 1024): Generator<string | Buffer> {
  let pending = '';
  for (const line of lines) {
    if (typeof line !== 'string') {
      if (pending) yield pending;
      pending = '';
      yield line;
      continue;
    }
    pending += line;
    if (pending.length >= size) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

/** Streams `lines` (copyRow strings, or CopyBuffer blocks) into `table (columns)`; returns the row count. */
export async function copyLines(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  lines: Iterable<string | Buffer>,
): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(batched(lines)), stream);
  return stream.rowCount;
}
