// The embedded server from a private folder (mode 700, as `/root/huntzen` is): as root, PostgreSQL
// runs as the `postgres` user, which cannot enter that folder, so the cluster and a copy of the
// binaries move to a place derived from the folder's path and survive a restart. Not as root, the
// server runs as ourselves and stays in the folder.
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStartError, relocatedBase, startEmbeddedPostgres } from './embedded';

const asRoot = userInfo().uid === 0;
const folders: string[] = [];

async function privateDataDir(): Promise<string> {
  const project = await mkdtemp(path.join(tmpdir(), 'huntzen-private-'));
  folders.push(project);
  return path.join(project, '.data');
}

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const folder of folders) {
    if (asRoot) await rm(relocatedBase(path.join(folder, '.data')), { recursive: true, force: true });
    await rm(folder, { recursive: true, force: true });
  }
});

describe('embedded PostgreSQL in a private folder', () => {
  it('starts, and finds its data again at the next start', async () => {
    const dataDir = await privateDataDir();
    expect((await lstat(path.dirname(dataDir))).mode & 0o777).toBe(0o700);

    const first = await startEmbeddedPostgres({ dataDir });
    try {
      await query(first.adminUrl, 'create table kept (v text); insert into kept values ($$still here$$)');
    } finally {
      await first.stop();
    }
    const cluster = path.join(dataDir, 'pg');
    if (asRoot) {
      expect((await lstat(cluster)).isSymbolicLink()).toBe(true);
      expect(await readlink(cluster)).toBe(path.join(relocatedBase(dataDir), 'pg'));
    } else {
      expect((await lstat(cluster)).isDirectory()).toBe(true);
    }

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await query(second.adminUrl, 'select v from kept')).toEqual([{ v: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('as root, refuses a relocation folder another user planted, in one line saying what to do', async () => {
    const dataDir = await privateDataDir();
    if (!asRoot) {
      // Not root: nothing is relocated, so nothing can be planted; the folder keeps the cluster.
      const server = await startEmbeddedPostgres({ dataDir });
      await server.stop();
      expect((await lstat(path.join(dataDir, 'pg', 'PG_VERSION'))).isFile()).toBe(true);
      return;
    }
    const planted = relocatedBase(dataDir);
    await mkdir(planted, { recursive: true });
    execFileSync('chown', ['postgres:postgres', planted]);
    const failure = await startEmbeddedPostgres({ dataDir }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(EmbeddedStartError);
    const message = (failure as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(planted);
    expect(message).toMatch(/remove it, or set DATABASE_URL/);
  });
});
