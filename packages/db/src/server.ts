// Resolves which PostgreSQL server to use: DATABASE_URL when given, otherwise the embedded cluster
// under DATA_DIR (started here, or reused when another HuntZen process already runs it).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded';

export const EMBEDDED_DATABASE_NAME = 'huntzen';

export interface DatabaseServer {
  /** URL of the application database (owner credentials: migrations, seed, jobs runner). */
  url: string;
  /** True when this process started the embedded cluster and must stop it. */
  embedded: boolean;
  stop(): Promise<void>;
}

export interface ServerOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  log?: (line: string) => void;
}

/** Creates `name` on the server of `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Port of an embedded cluster already running on this data directory, if any. */
function runningEmbeddedPort(dataDir: string): number | null {
  const pidFile = path.join(path.resolve(dataDir), 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  return pid && port && isAlive(Number(pid)) ? Number(port) : null;
}

/** Opens the database server this process should use, starting the embedded one when needed. */
export async function openDatabaseServer(options: ServerOptions): Promise<DatabaseServer> {
  if (options.databaseUrl) return { url: options.databaseUrl, embedded: false, stop: async () => {} };
  const runningPort = runningEmbeddedPort(options.dataDir);
  if (runningPort) {
    const password = readFileSync(path.join(path.resolve(options.dataDir), 'pg-password'), 'utf8').trim();
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${runningPort}/${EMBEDDED_DATABASE_NAME}`;
    return { url, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({ dataDir: options.dataDir, log: options.log });
  await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE_NAME);
  return { url: server.urlFor(EMBEDDED_DATABASE_NAME), embedded: true, stop: () => server.stop() };
}
