// Vitest global setup: one PostgreSQL server for the whole run (TEST_DATABASE_URL, DATABASE_URL,
// or an embedded cluster in a temporary directory), and one migrated template database that each
// test file clones into its own database, so files run in parallel without seeing each other.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../embedded';
import { migrate } from '../migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { adminUrl: string; template: string };
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let stopServer = async () => {};
  let adminUrl: string;
  if (external) {
    adminUrl = external;
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'huntzen-test-'));
    const { chmod } = await import('node:fs/promises');
    await chmod(dir, 0o755); // the embedded server runs as an unprivileged user when we are root
    const server = await startEmbeddedPostgres({ dataDir: dir });
    adminUrl = server.adminUrl;
    stopServer = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const run = randomBytes(4).toString('hex');
  const template = `huntzen_tpl_${run}`;
  await admin(adminUrl, `create database ${template}`);
  await migrate(withDatabase(adminUrl, template));
  project.provide('testDatabase', { adminUrl, template });

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`,
      [`huntzen_t_${run}_%`, template],
    );
    for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
    await client.end();
    await stopServer();
  };
}
