// Key rotation: re-encrypts, under the current key, every ciphertext still under a previous one,
// while the application keeps running. Each batch is its own short transaction that locks only
// the rows it rewrites (SKIP LOCKED: a row the application is editing is left for a later pass)
// and rewrites a row only if its ciphertext is still the one read (compare-and-set), so a
// concurrent edit is never overwritten. Rows already under the current key are never touched:
// a second run finds nothing to do.
import { setTimeout as sleep } from 'node:timers/promises';
import { DecryptionError, type FieldCipher, parseStoredJson, type StoredField } from '@huntzen/crypto';
import type { Database } from '@huntzen/db';
import { columnSql, ENCRYPTED_COLUMNS, type EncryptedColumn } from './encrypted-columns';

type Pool = Database['owner'];

export interface RotationOptions {
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Passes over a column while rows remain (locked by the application); default 3. */
  passes?: number;
  /** Pause before another pass, for the application's transactions to end (default 1000 ms). */
  retryDelayMs?: number;
  /** Called after each committed batch and at the end of each column. */
  onProgress?: (progress: RotationProgress) => void | Promise<void>;
  /** Default: every encrypted column. */
  columns?: readonly EncryptedColumn[];
}

export interface RotationProgress {
  table: string;
  column: string;
  pass: number;
  /** Rows under a previous key when the column was reached. */
  total: number;
  /** Rows handled so far: re-encrypted, failed or found changed. */
  done: number;
  reencrypted: number;
  finished: boolean;
}

/** A row that could not be decrypted: tampered, corrupt, or under a key the ring lacks. */
export interface RotationFailure {
  table: string;
  column: string;
  rowId: string;
  error: DecryptionError;
}

export interface ColumnRotation {
  table: string;
  column: string;
  /** Rows under a previous key when the column was reached. */
  found: number;
  reencrypted: number;
  /** Rows whose ciphertext changed between read and write: left as the application wrote them. */
  changed: number;
  failures: RotationFailure[];
  /** Rows still under a previous key at the end, failures aside (locked at every pass, or written since). */
  remaining: number;
}

/** The outcome of a rotation, one entry per column. */
export interface RotationReport {
  keyId: string;
  columns: ColumnRotation[];
}

interface BatchOutcome {
  /** Last id read (the next batch starts after it), or null when there was nothing left. */
  last: string | null;
  reencrypted: number;
  changed: number;
  failures: RotationFailure[];
}

/** Re-encrypts one batch in one transaction. */
async function rotateBatch(
  pool: Pool,
  cipher: FieldCipher,
  target: EncryptedColumn,
  after: string | null,
  batchSize: number,
  skip: ReadonlySet<string>,
): Promise<BatchOutcome> {
  const sql = columnSql(target);
  const client = await pool.connect();
  try {
    await client.query('begin');
    // Read by the updated_at trigger: a re-encryption is not an edit (see the migration that
    // teaches set_updated_at this; without it, updated_at moves, nothing else changes).
    await client.query(`select set_config('huntzen.key_rotation', 'on', true)`);
    const { rows } = await client.query(sql.selectBatch, [after, cipher.current.id, batchSize]);
    const outcome: BatchOutcome = { last: rows.at(-1)?.id ?? null, reencrypted: 0, changed: 0, failures: [] };
    // The AAD's row id as the writer built it (`row_id`), which is not always the primary key.
    const ctx = (rowId: string) => ({ table: target.table, column: target.column, rowId });
    // One entry per row to rewrite: the parameters of the UPDATE, which takes them as arrays.
    const changes: (string | null)[][] = [];
    for (const row of rows as Record<string, string | null>[]) {
      const id = row.id as string;
      const rowId = row.row_id as string;
      if (skip.has(id)) continue;
      try {
        if (target.form === 'fields') {
          const old: StoredField = {
            encryptedContent: row.encrypted_content as string,
            iv: row.iv as string,
            authTag: row.auth_tag ?? null,
          };
          const next = cipher.reencrypt(old, ctx(rowId));
          changes.push([
            id,
            old.encryptedContent,
            old.iv,
            old.authTag,
            next.encryptedContent,
            next.iv,
            next.authTag,
          ]);
        } else {
          const stored = row.stored as string;
          const old = parseStoredJson(stored);
          // The SQL filter reads the key id with a pattern; FieldCipher has the last word.
          if (cipher.isCurrent(old)) continue;
          // Other properties a writer may have stored beside the three fields are kept.
          changes.push([
            id,
            stored,
            JSON.stringify({ ...JSON.parse(stored), ...cipher.reencrypt(old, ctx(rowId)) }),
          ]);
        }
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        outcome.failures.push({ table: target.table, column: target.column, rowId: id, error });
      }
    }
    if (changes.length > 0) {
      const columns = changes[0]!.map((_, i) => changes.map((change) => change[i]));
      const result = await client.query(sql.update, columns);
      outcome.reencrypted = result.rowCount ?? 0;
      outcome.changed = changes.length - outcome.reencrypted;
    }
    await client.query('commit');
    return outcome;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Rows of `target` not under `keyId`, leaving out the ids in `except`. */
async function countPending(pool: Pool, target: EncryptedColumn, keyId: string, except: string[] = []) {
  const sql = columnSql(target);
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from "${target.table}"
     where ${sql.present} and ${sql.keyId} <> $1 and not (id = any($2::uuid[]))`,
    [keyId, except],
  );
  return rows[0]?.n ?? 0;
}

/** Re-encrypts one column: passes over it until nothing is left or the passes run out. */
async function rotateColumn(
  pool: Pool,
  cipher: FieldCipher,
  target: EncryptedColumn,
  options: Required<Omit<RotationOptions, 'onProgress' | 'columns'>> & Pick<RotationOptions, 'onProgress'>,
): Promise<ColumnRotation> {
  const found = await countPending(pool, target, cipher.current.id);
  const result: ColumnRotation = {
    table: target.table,
    column: target.column,
    found,
    reencrypted: 0,
    changed: 0,
    failures: [],
    remaining: found,
  };
  const failed = new Set<string>();
  const report = (pass: number, finished: boolean) =>
    options.onProgress?.({
      table: target.table,
      column: target.column,
      pass,
      total: found,
      done: result.reencrypted + result.changed + result.failures.length,
      reencrypted: result.reencrypted,
      finished,
    });
  let pass = 0;
  while (result.remaining > 0 && pass < options.passes) {
    if (pass > 0) await sleep(options.retryDelayMs);
    pass++;
    let after: string | null = null;
    do {
      const batch = await rotateBatch(pool, cipher, target, after, options.batchSize, failed);
      after = batch.last;
      result.reencrypted += batch.reencrypted;
      result.changed += batch.changed;
      for (const failure of batch.failures) {
        failed.add(failure.rowId);
        result.failures.push(failure);
      }
      if (after) await report(pass, false);
    } while (after);
    result.remaining = await countPending(pool, target, cipher.current.id, [...failed]);
  }
  await report(pass, true);
  return result;
}

/**
 * Re-encrypts under `cipher.current` every encrypted column's rows that are under another key of
 * the ring, through `pool` (the owner pool: row-level security would hide most rows).
 */
export async function rotateEncryptedColumns(
  pool: Pool,
  cipher: FieldCipher,
  options: RotationOptions = {},
): Promise<RotationReport> {
  const settings = {
    batchSize: options.batchSize ?? 500,
    passes: options.passes ?? 3,
    retryDelayMs: options.retryDelayMs ?? 1000,
    onProgress: options.onProgress,
  };
  if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1)
    throw new Error('the batch size is a whole number of rows, at least 1');
  const columns: ColumnRotation[] = [];
  for (const target of options.columns ?? ENCRYPTED_COLUMNS) {
    columns.push(await rotateColumn(pool, cipher, target, settings));
  }
  return { keyId: cipher.current.id, columns };
}

/** How many rows of each encrypted column are under each key id (NULLs aside). */
export async function countRowsByKey(
  pool: Pool,
  columns: readonly EncryptedColumn[] = ENCRYPTED_COLUMNS,
): Promise<{ table: string; column: string; byKey: Record<string, number> }[]> {
  const counts = [];
  for (const target of columns) {
    const sql = columnSql(target);
    const { rows } = await pool.query<{ key_id: string; n: number }>(
      `select ${sql.keyId} as key_id, count(*)::int as n from "${target.table}"
       where ${sql.present} group by 1 order by 1`,
    );
    counts.push({
      table: target.table,
      column: target.column,
      byKey: Object.fromEntries(rows.map((r) => [r.key_id, r.n])),
    });
  }
  return counts;
}
