// Backups that restore (`npm run db:backup`, `npm run db:restore -- FILE`).
//
// Two engines, one interface:
// - `pg_dump`: PostgreSQL's own tool, custom format (`pg_dump -Fc`), restored by `pg_restore`. Used
//   whenever a pg_dump at least as new as the server is found (PG_BIN_DIR, PATH, then
//   /usr/lib/postgresql/*/bin). This is the engine of an external server: install the client
//   package of the server's major version next to HuntZen.
// - `copy`: for the embedded PostgreSQL, whose npm package ships `postgres`, `initdb` and `pg_ctl`
//   but no pg_dump (and a pg_dump older than the server refuses to run). The schema is not dumped:
//   it is the shipped migrations, whose list the backup records and the restore checks. The data
//   is PostgreSQL's own `COPY … TO STDOUT (FORMAT binary)` of every table of the application's
//   schemas, with the sequences, in one gzip file; the restore migrates the empty target, then
//   `COPY … FROM STDIN` with triggers and foreign keys off (`session_replication_role = replica`,
//   as pg_restore's --disable-triggers does), then sets the sequences and refreshes the
//   materialized views — all in one transaction.
//
// Neither holds the encryption keys: they are kept apart (docs/operations.md), and the restore
// checks the key canary (key-canary.ts) when it is given a key.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { ACTOR_ROLES } from './actor';
import { APP_ROLE, PRIVILEGES_ROLE } from './client';
import { migrate, shippedMigrations } from './migrate';

const run = promisify(execFile);

export type BackupEngine = 'pg_dump' | 'copy';

/** The schemas whose tables a `copy` backup holds: the application's, its migrations', the queue's. */
const SCHEMAS = ['public', 'drizzle', 'graphile_worker'] as const;
const MAGIC = Buffer.from('HUNTZEN-BACKUP-1\n');
const PGDMP = Buffer.from('PGDMP');

interface Header {
  format: 'huntzen-copy';
  createdAt: string;
  serverVersion: string;
  database: string;
  /** The migrations applied to the source: the restore's schema must be these. */
  migrations: string[];
  tables: { schema: string; name: string }[];
}

export interface BackupSummary {
  file: string;
  engine: BackupEngine;
  bytes: number;
  /** Rows per `schema.table` (copy engine; pg_dump's are not counted). */
  rows?: Record<string, number>;
}

// ------------------------------------------------------------------------ pg_dump discovery

async function majorOf(binary: string): Promise<number | null> {
  try {
    const { stdout } = await run(binary, ['--version']);
    const match = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^)]*\)/, ''));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

async function serverMajor(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ v: number }>(
    "select current_setting('server_version_num')::int as v",
  );
  return Math.floor(rows[0]!.v / 10000);
}

/**
 * A `tool` (pg_dump or pg_restore) of a major version ≥ `minMajor`, or null: PG_BIN_DIR first, then
 * PATH, then Debian's /usr/lib/postgresql/<major>/bin (newest first).
 */
export async function findPgTool(tool: 'pg_dump' | 'pg_restore', minMajor: number): Promise<string | null> {
  const dirs: string[] = [];
  if (process.env.PG_BIN_DIR) dirs.push(process.env.PG_BIN_DIR);
  dirs.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...majors.map((d) => path.join(debian, d, 'bin')));
  }
  for (const dir of dirs) {
    const candidate = path.join(dir, tool);
    if (!existsSync(candidate)) continue;
    const major = await majorOf(candidate);
    if (major !== null && major >= minMajor) return candidate;
  }
  return null;
}

/** libpq's environment for `url`, so the password never shows in a process list. */
function libpqEnv(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, PGPASSWORD: password } };
}

// ------------------------------------------------------------------------ frames of the copy format
// After MAGIC: frames of [kind: 1 byte][length: 4 bytes BE][payload]. H header (JSON), T table
// start (JSON), D COPY data, E table end (JSON rows), S sequences (JSON), Z end.

function frame(kind: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(kind, 0, 'latin1');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** Reads frames from a stream, in order. */
async function* frames(source: AsyncIterable<Buffer>): AsyncGenerator<{ kind: string; payload: Buffer }> {
  let buffer: Buffer = Buffer.alloc(0);
  let magicSeen = false;
  for await (const chunk of source) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    if (!magicSeen) {
      if (buffer.length < MAGIC.length) continue;
      if (!buffer.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a HuntZen backup file');
      buffer = buffer.subarray(MAGIC.length);
      magicSeen = true;
    }
    while (buffer.length >= 5) {
      const length = buffer.readUInt32BE(1);
      if (buffer.length < 5 + length) break;
      yield { kind: buffer.toString('latin1', 0, 1), payload: buffer.subarray(5, 5 + length) };
      buffer = buffer.subarray(5 + length);
    }
  }
  if (buffer.length > 0) throw new Error('backup file truncated');
}

const qualified = (client: pg.ClientBase, t: { schema: string; name: string }) =>
  `${client.escapeIdentifier(t.schema)}.${client.escapeIdentifier(t.name)}`;

// ------------------------------------------------------------------------ backup

export interface BackupOptions {
  /** Owner (or superuser) URL of the database to back up. */
  url: string;
  file: string;
  /** Default: pg_dump when a compatible one is found, else copy. */
  engine?: BackupEngine | 'auto';
}

/** Writes a backup of the database at `url` to `file` (written to a temporary name, then renamed). */
export async function backupDatabase(options: BackupOptions): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  const partial = `${options.file}.partial`;
  try {
    const major = await serverMajor(client);
    const want = options.engine ?? 'auto';
    const pgDump = want === 'copy' ? null : await findPgTool('pg_dump', major);
    if (want === 'pg_dump' && !pgDump) {
      throw new Error(
        `no pg_dump of PostgreSQL ${major} or newer found (PG_BIN_DIR, PATH, /usr/lib/postgresql/*/bin)`,
      );
    }
    let summary: BackupSummary;
    if (pgDump) {
      const { dbname, env } = libpqEnv(options.url);
      await run(pgDump, ['--format=custom', '--compress=6', `--file=${partial}`, `--dbname=${dbname}`], {
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
      summary = { file: options.file, engine: 'pg_dump', bytes: 0 };
    } else {
      summary = { file: options.file, engine: 'copy', bytes: 0, rows: await copyBackup(client, partial) };
    }
    await rename(partial, options.file);
    const handle = await open(options.file, 'r');
    summary.bytes = (await handle.stat()).size;
    await handle.close();
    return summary;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

async function copyBackup(client: pg.Client, file: string): Promise<Record<string, number>> {
  // One snapshot for every table: a consistent backup while the application runs.
  await client.query('begin isolation level repeatable read read only');
  try {
    // Rows hidden by row-level security would be left out silently: fail instead.
    await client.query('set local row_security = off');
    const tables = (
      await client.query<{ schema: string; name: string }>(
        `select n.nspname as schema, c.relname as name from pg_class c
           join pg_namespace n on n.oid = c.relnamespace
          where c.relkind = 'r' and n.nspname = any($1) order by 1, 2`,
        [SCHEMAS],
      )
    ).rows;
    const migrations = await client
      .query<{ hash: string; created_at: string }>('select created_at from drizzle.__drizzle_migrations')
      .then((r) => r.rows.map((row) => String(row.created_at)));
    const { rows: info } = await client.query<{ version: string; db: string }>(
      'select current_setting($1) as version, current_database() as db',
      ['server_version'],
    );
    const header: Header = {
      format: 'huntzen-copy',
      createdAt: new Date().toISOString(),
      serverVersion: info[0]!.version,
      database: info[0]!.db,
      migrations: migrationTags(migrations),
      tables,
    };
    const gzip = createGzip({ level: 6 });
    const out = createWriteStream(file, { mode: 0o600 });
    const written = pipeline(gzip, out);
    const write = async (chunk: Buffer) => {
      if (!gzip.write(chunk)) await once(gzip, 'drain');
    };
    await write(MAGIC);
    await write(frame('H', json(header)));
    const rows: Record<string, number> = {};
    for (const table of tables) {
      await write(frame('T', json(table)));
      const stream = client.query(copyTo(`COPY ${qualified(client, table)} TO STDOUT (FORMAT binary)`));
      for await (const chunk of stream as AsyncIterable<Buffer>) await write(frame('D', chunk));
      const count = (stream as unknown as { rowCount: number }).rowCount;
      rows[`${table.schema}.${table.name}`] = count;
      await write(frame('E', json({ rows: count })));
    }
    const sequences = (
      await client.query<{ schema: string; name: string; value: string | null }>(
        `select schemaname as schema, sequencename as name, last_value::text as value
           from pg_sequences where schemaname = any($1)`,
        [SCHEMAS],
      )
    ).rows;
    await write(frame('S', json(sequences)));
    await write(frame('Z', Buffer.alloc(0)));
    gzip.end();
    await written;
    await client.query('commit');
    return rows;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
}

/** The shipped migration tags of the applied `created_at` stamps (unknown stamps kept as they are). */
function migrationTags(appliedStamps: string[]): string[] {
  const byWhen = new Map(shippedMigrations().map((m) => [String(m.when), m.tag]));
  return appliedStamps.map((stamp) => byWhen.get(stamp) ?? `unknown:${stamp}`).sort();
}

// ------------------------------------------------------------------------ restore

export interface RestoreOptions {
  /** Owner (superuser for the copy engine) URL of an EMPTY database. */
  url: string;
  file: string;
  /**
   * Creates the job queue's schema before the data is loaded (copy engine), e.g. Graphile Worker's
   * `runMigrations`; without it the queue's tables are skipped.
   */
  prepareJobsSchema?: (url: string) => Promise<void>;
}

export interface RestoreSummary {
  engine: BackupEngine;
  rows?: Record<string, number>;
}

/** Which engine wrote `file`, from its first bytes. */
export async function backupEngineOf(file: string): Promise<BackupEngine> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    if (bytesRead === 5 && buffer.equals(PGDMP)) return 'pg_dump';
    if (bytesRead >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return 'copy';
    throw new Error(`${file} is neither a pg_dump custom-format file nor a HuntZen backup`);
  } finally {
    await handle.close();
  }
}

/** Throws unless the database at `url` has no table of ours (a restore never merges). */
export async function assertEmptyDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname = any($1)`,
      [SCHEMAS],
    );
    if (rows[0]!.n > 0) {
      throw new Error(
        `the target database ${client.database} is not empty (${rows[0]!.n} tables): restore into a new database (another DATABASE_URL, or a new DATA_DIR)`,
      );
    }
  } finally {
    await client.end();
  }
}

/** Restores `file` into the empty database at `url`. */
export async function restoreDatabase(options: RestoreOptions): Promise<RestoreSummary> {
  const engine = await backupEngineOf(options.file);
  await assertEmptyDatabase(options.url);
  if (engine === 'pg_dump') {
    await ensureApplicationRole(options.url);
    const client = new pg.Client({ connectionString: options.url });
    await client.connect();
    const major = await serverMajor(client).finally(() => client.end());
    const pgRestore = await findPgTool('pg_restore', major);
    if (!pgRestore) throw new Error(`no pg_restore of PostgreSQL ${major} or newer found`);
    const { dbname, env } = libpqEnv(options.url);
    await run(pgRestore, ['--exit-on-error', '--single-transaction', `--dbname=${dbname}`, options.file], {
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { engine };
  }
  return { engine, rows: await copyRestore(options) };
}

/**
 * Roles are the cluster's, not the database's: pg_dump leaves them out, its grants and policies
 * need them. The roles of migrations 0001 and 0040 and their memberships, as those create them.
 */
async function ensureApplicationRole(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const literals = (roles: string[]) => roles.map((r) => client.escapeLiteral(r)).join(', ');
    const actorRoles = [...new Set(Object.values(ACTOR_ROLES).filter((r): r is string => r !== null))];
    const [app, privileges] = [client.escapeIdentifier(APP_ROLE), client.escapeIdentifier(PRIVILEGES_ROLE)];
    await client.query(`DO $$
    DECLARE
      modern boolean := current_setting('server_version_num')::int >= 160000;
      r text;
    BEGIN
      FOREACH r IN ARRAY ARRAY[${literals([APP_ROLE, PRIVILEGES_ROLE, ...actorRoles])}] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
          EXECUTE format('CREATE ROLE %I NOLOGIN NOBYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE', r);
        END IF;
      END LOOP;
      GRANT ${privileges} TO ${app};
      FOREACH r IN ARRAY ARRAY[${literals(actorRoles)}] LOOP
        EXECUTE format('GRANT ${privileges} TO %I', r);
        EXECUTE format('GRANT %I TO ${app}', r) || CASE WHEN modern THEN ' WITH INHERIT FALSE, SET TRUE' ELSE '' END;
      END LOOP;
    END $$`);
  } finally {
    await client.end();
  }
}

async function copyRestore(options: RestoreOptions): Promise<Record<string, number>> {
  const source = createReadStream(options.file).pipe(createGunzip());
  const reader = frames(source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const next = async () => {
    const item = await reader.next();
    if (item.done) throw new Error('backup file truncated');
    return item.value;
  };
  const first = await next();
  if (first.kind !== 'H') throw new Error('backup file has no header');
  const header = JSON.parse(first.payload.toString()) as Header;
  const shipped = shippedMigrations().map((m) => m.tag);
  const missing = header.migrations.filter((tag) => !shipped.includes(tag));
  if (missing.length > 0) {
    throw new Error(
      `the backup was made by a newer HuntZen (migrations ${missing.join(', ')} are unknown here): restore it with that release`,
    );
  }

  // The schema is the migrations the backup was made at (later ones run at the next start).
  await migrate(options.url);
  const withJobs = header.tables.some((t) => t.schema === 'graphile_worker');
  if (withJobs && options.prepareJobsSchema) await options.prepareJobsSchema(options.url);

  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    const { rows: su } = await client.query<{ s: boolean }>(
      'select rolsuper as s from pg_roles where rolname = current_user',
    );
    if (!su[0]?.s)
      throw new Error('the copy engine restores as a superuser (it disables triggers while loading)');
    const present = new Set(
      (
        await client.query<{ q: string }>(
          `select n.nspname || '.' || c.relname as q from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind = 'r' and n.nspname = any($1)`,
          [SCHEMAS],
        )
      ).rows.map((r) => r.q),
    );
    const tables = header.tables.filter((t) => present.has(`${t.schema}.${t.name}`));
    const unknown = header.tables.filter(
      (t) => t.schema !== 'graphile_worker' && !present.has(`${t.schema}.${t.name}`),
    );
    if (unknown.length > 0) {
      throw new Error(
        `tables of the backup missing after migration: ${unknown.map((t) => t.name).join(', ')}`,
      );
    }
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query('set local row_security = off');
    // Rows the migrations themselves wrote (reference data, the migration log) come from the backup.
    if (tables.length > 0) {
      await client.query(`truncate ${tables.map((t) => qualified(client, t)).join(', ')} cascade`);
    }
    const rows: Record<string, number> = {};
    let item = await next();
    while (item.kind === 'T') {
      const table = JSON.parse(item.payload.toString()) as { schema: string; name: string };
      const keep = present.has(`${table.schema}.${table.name}`);
      const sink = keep
        ? client.query(copyFrom(`COPY ${qualified(client, table)} FROM STDIN (FORMAT binary)`))
        : null;
      const done = sink ? once(sink, 'finish') : null;
      for (item = await next(); item.kind === 'D'; item = await next()) {
        if (sink && !sink.write(item.payload)) await once(sink, 'drain');
      }
      if (item.kind !== 'E') throw new Error(`backup file damaged in table ${table.name}`);
      if (sink) {
        sink.end();
        await done;
        rows[`${table.schema}.${table.name}`] = (sink as unknown as { rowCount: number }).rowCount;
      }
      item = await next();
    }
    if (item.kind !== 'S') throw new Error('backup file has no sequences');
    const sequences = JSON.parse(item.payload.toString()) as {
      schema: string;
      name: string;
      value: string | null;
    }[];
    const existing = new Set(
      (
        await client.query<{ q: string }>(
          `select schemaname || '.' || sequencename as q from pg_sequences where schemaname = any($1)`,
          [SCHEMAS],
        )
      ).rows.map((r) => r.q),
    );
    for (const s of sequences) {
      // A sequence of a skipped schema (the queue without its preparation) has nothing to set.
      if (s.value === null || !existing.has(`${s.schema}.${s.name}`)) continue;
      await client.query('select setval($1::regclass, $2::bigint, true)', [qualified(client, s), s.value]);
    }
    const views = await client.query<{ schema: string; name: string }>(
      `select schemaname as schema, matviewname as name from pg_matviews where schemaname = any($1)`,
      [SCHEMAS],
    );
    for (const view of views.rows) await client.query(`refresh materialized view ${qualified(client, view)}`);
    await client.query('commit');
    if ((await next()).kind !== 'Z') throw new Error('backup file has no end marker');
    return rows;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
    source.destroy();
  }
}
