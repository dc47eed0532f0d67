// `npm run keys:rotate` as an operator runs it: a child process on a real database, with the keys
// in DATA_DIR (development) or in the environment (production).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FieldCipher, keyIdOf } from '@huntzen/crypto';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createEncryptedRows,
  decryptStored,
  type EncryptedRow,
  readStored,
  snapshot,
} from '../platform/crypto/rotation.fixtures';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const CLI = path.join(ROOT, 'apps/api/src/cli/rotate-keys.ts');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const keyA = randomBytes(32);
const keyB = randomBytes(32);

let t: TestDatabase;
let dataDir: string;
let rows: EncryptedRow[];

/** Runs the command with `env` on top of a clean environment (no keys of the caller's). */
async function rotateKeys(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = { ...process.env };
  delete base.ENCRYPTION_KEY;
  delete base.ENCRYPTION_PREVIOUS_KEYS;
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      {
        cwd: ROOT,
        env: { ...base, DATABASE_URL: t.url, DATA_DIR: dataDir, NODE_ENV: 'development', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function expectAllUnder(key: Buffer) {
  const only = FieldCipher.fromKeys(key);
  for (const row of rows) expect(await decryptStored(t.db, only, row)).toBe(row.plaintext);
}

beforeEach(async () => {
  t = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'huntzen-rotate-'));
  rows = await createEncryptedRows(t.db, FieldCipher.fromKeys(keyA), 3);
});
afterEach(async () => {
  await t.drop();
  await rm(dataDir, { recursive: true, force: true });
});

// Each case starts the command (tsx, migration check) once or twice: allow for a loaded machine.
describe('npm run keys:rotate', { timeout: 120_000 }, () => {
  it('--generate in development: a new key in DATA_DIR, the old one kept, every row moved', async () => {
    await writeFile(path.join(dataDir, 'encryption.key'), `${keyA.toString('base64')}\n`);
    const run = await rotateKeys(['--generate', '--batch-size', '2']);
    expect(run.stderr).not.toMatch(/incomplete/);
    expect(run.code).toBe(0);
    const current = Buffer.from(
      (await readFile(path.join(dataDir, 'encryption.key'), 'utf8')).trim(),
      'base64',
    );
    expect(current.equals(keyA)).toBe(false);
    expect(await readFile(path.join(dataDir, 'encryption.previous-keys'), 'utf8')).toContain(
      keyA.toString('base64'),
    );
    expect(run.stdout).toContain(`current key ${keyIdOf(current)}`);
    expect(run.stdout).toMatch(/messages\.encrypted_content\s+3 under [0-9a-f]{8} \(previous\)/);
    expect(run.stdout).toMatch(/files\.encryption_key\s+3\s+3\s+0\s+0/);
    expect(run.stdout).toContain(`${rows.length} rows re-encrypted`);
    await expectAllUnder(current);

    const again = await rotateKeys([]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 rows re-encrypted');
  });

  it('in production, takes the keys from the environment only', async () => {
    // A stray key file must not be used in production.
    await writeFile(path.join(dataDir, 'encryption.key'), `${randomBytes(32).toString('base64')}\n`);
    const env = {
      NODE_ENV: 'production',
      ENCRYPTION_KEY: keyB.toString('base64'),
      ENCRYPTION_PREVIOUS_KEYS: `${randomBytes(32).toString('base64')},${keyA.toString('base64')}`,
    };
    const refused = await rotateKeys(['--generate'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--generate is for development/);

    const dry = await rotateKeys(['--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`3 under ${keyIdOf(keyA)} (previous)`);
    await expectAllUnder(keyA);

    const run = await rotateKeys([], env);
    expect(run.code).toBe(0);
    await expectAllUnder(keyB);
    expect(run.stdout).toMatch(/may be removed once every instance runs with the current key/);
  });

  it('fails, naming the row, when a ciphertext does not authenticate; the rest is moved', async () => {
    const journal = rows.find((r) => r.table === 'journal_entries')!;
    const stored = await readStored(t.db, journal);
    const iv = Buffer.from(stored.iv, 'base64');
    iv[0]! ^= 1;
    await t.db.owner.query('update journal_entries set iv = $2 where id = $1', [
      journal.id,
      iv.toString('base64'),
    ]);
    const run = await rotateKeys([], {
      ENCRYPTION_KEY: keyB.toString('base64'),
      ENCRYPTION_PREVIOUS_KEYS: keyA.toString('base64'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`journal_entries ${journal.id}: encrypted field failed authentication`);
    expect(run.stderr).toMatch(/incomplete: 1 rows could not be decrypted/);
    // Every row but the one that does not authenticate.
    expect(run.stdout).toContain(`${rows.length - 1} rows re-encrypted`);
    rows = rows.filter((r) => r !== journal);
    await expectAllUnder(keyB);
  });

  it('refuses to run without a key rather than making one up', async () => {
    const before = await snapshot(t.db);
    const run = await rotateKeys([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no encryption key: ENCRYPTION_KEY is not set/);
    expect(await snapshot(t.db)).toEqual(before);
  });
});
