// Backups that restore, on real PostgreSQL: the seed and a small demo data set (encrypted journal,
// messages, notes) and a pending job are backed up, restored into an empty database of the same
// server, and compared table by table; the restored rows open with the key kept apart from the
// backup, and the key canary refuses any other key.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FieldCipher, masterKey } from '@huntzen/crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertEmptyDatabase, backupDatabase, backupEngineOf, findPgTool, restoreDatabase } from './backup';
import { createDatabase, type Database } from './client';
import { generateDemoData } from './demo-data';
import { KeyMismatchError, verifyKeyCanary } from './key-canary';
import { seedDatabase } from './seed';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

const key = randomBytes(32);
const cipher = new FieldCipher(masterKey(key));

let source: TestDatabase;
let target: Database;
let targetUrl: string;
let dir: string;
let file: string;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('testDatabase').adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function tableCounts(db: Database): Promise<Record<string, number>> {
  const { rows: tables } = await db.owner.query<{ q: string }>(
    `select quote_ident(schemaname) || '.' || quote_ident(tablename) as q from pg_tables
      where schemaname in ('public', 'graphile_worker') order by 1`,
  );
  const out: Record<string, number> = {};
  for (const { q } of tables) {
    out[q] = (await db.owner.query<{ n: number }>(`select count(*)::int as n from ${q}`)).rows[0]!.n;
  }
  return out;
}

beforeAll(async () => {
  source = await createTestDatabase();
  await seedDatabase(source.db, { bcryptCost: 10 });
  await generateDemoData(source.db, {
    companies: 2,
    employees: 20,
    practitioners: 4,
    consultations: 120,
    seed: 4_242,
    cipher,
  });
  expect(await verifyKeyCanary(source.db, cipher)).toBe('created');
  await source.db.owner.query(
    `select graphile_worker.add_job('send_email_batch', '{"probe": true}'::json, run_at => now() + interval '1 day')`,
  );
  dir = await mkdtemp(path.join(tmpdir(), 'huntzen-backup-'));
  file = path.join(dir, 'huntzen.dump');

  const run = inject('testDatabase').template.replace('huntzen_tpl_', '');
  const name = `huntzen_t_${run}_restore_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const u = new URL(inject('testDatabase').adminUrl);
  u.pathname = `/${name}`;
  targetUrl = u.toString();
  target = createDatabase({ url: targetUrl, maxConnections: 4 });
});

afterAll(async () => {
  await target?.close();
  await source?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('db:backup then db:restore', () => {
  it('restores every row of every table into an empty database', async () => {
    const backup = await backupDatabase({ url: source.url, file, engine: 'copy' });
    expect(backup.engine).toBe('copy');
    expect(await backupEngineOf(file)).toBe('copy');
    expect(backup.rows?.['public.journal_entries']).toBeGreaterThan(0);

    const restored = await restoreDatabase({
      url: targetUrl,
      file,
      prepareJobsSchema: async (url) => {
        const { runMigrations } = await import('graphile-worker');
        await runMigrations({ connectionString: url, maxPoolSize: 2 });
      },
    });
    expect(restored.rows).toEqual(backup.rows);
    const before = await tableCounts(source.db);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(await tableCounts(target)).toEqual(before);
    // The pending job is there to run.
    const { rows: jobs } = await target.owner.query(
      `select t.identifier from graphile_worker._private_jobs j
         join graphile_worker._private_tasks t on t.id = j.task_id where j.payload->>'probe' = 'true'`,
    );
    expect(jobs).toEqual([{ identifier: 'send_email_batch' }]);
    // Sequences continue where the source stopped.
    const seq = `select last_value::text as v from pg_sequences where schemaname = 'graphile_worker' order by sequencename`;
    expect((await target.owner.query(seq)).rows).toEqual((await source.db.owner.query(seq)).rows);
  });

  it('gives back encrypted rows that the kept key opens, identical to the source', async () => {
    const sample = `select id, encrypted_content, iv, auth_tag from journal_entries order by id limit 3`;
    const fromSource = (await source.db.owner.query(sample)).rows;
    const fromTarget = (await target.owner.query(sample)).rows;
    expect(fromTarget).toEqual(fromSource);
    for (const row of fromTarget) {
      const field = { encryptedContent: row.encrypted_content, iv: row.iv, authTag: row.auth_tag };
      const text = cipher.decrypt(field, {
        table: 'journal_entries',
        column: 'encrypted_content',
        rowId: row.id,
      });
      expect(text.length).toBeGreaterThan(0);
    }
    // The key itself is nowhere in the backup's tables.
    const { rows } = await target.owner.query<{ n: number }>(
      `select count(*)::int as n from key_canary where encrypted_content like $1`,
      [`%${key.toString('base64')}%`],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('opens the restored key canary with the kept key and refuses any other', async () => {
    expect(await verifyKeyCanary(target, cipher, { create: false })).toBe('verified');
    const wrong = FieldCipher.fromKeys(randomBytes(32));
    await expect(verifyKeyCanary(target, wrong)).rejects.toThrow(KeyMismatchError);
    await expect(verifyKeyCanary(target, wrong)).rejects.toThrow(/cannot decrypt this database's key canary/);
    // After a rotation (new key, the old one kept as previous) the canary moves to the new key.
    const rotated = FieldCipher.fromKeys(randomBytes(32), [key]);
    expect(await verifyKeyCanary(target, rotated)).toBe('resealed');
    expect(await verifyKeyCanary(target, rotated)).toBe('verified');
    await expect(verifyKeyCanary(target, cipher)).rejects.toThrow(KeyMismatchError);
  });

  it('never restores into a database that already has tables', async () => {
    await expect(assertEmptyDatabase(source.url)).rejects.toThrow(/not empty/);
    await expect(restoreDatabase({ url: source.url, file })).rejects.toThrow(/not empty/);
  });

  it('uses pg_dump when one as new as the server is installed, and says so when none is', async () => {
    const { rows } = await source.db.owner.query<{ v: number }>(
      "select current_setting('server_version_num')::int / 10000 as v",
    );
    const pgDump = await findPgTool('pg_dump', rows[0]!.v);
    const out = path.join(dir, 'standard.dump');
    if (pgDump === null) {
      // The embedded server: its npm package ships no pg_dump, and an older one refuses it.
      await expect(backupDatabase({ url: source.url, file: out, engine: 'pg_dump' })).rejects.toThrow(
        `no pg_dump of PostgreSQL ${rows[0]!.v} or newer found`,
      );
      expect((await backupDatabase({ url: source.url, file: out })).engine).toBe('copy');
    } else {
      const backup = await backupDatabase({ url: source.url, file: out });
      expect(backup.engine).toBe('pg_dump');
      expect(await backupEngineOf(out)).toBe('pg_dump');
    }
  });
});
