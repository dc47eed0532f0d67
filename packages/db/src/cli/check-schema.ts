// `npm run db:check`: migrates a database and runs the spec's schema checker against it
// (../shared/tools/check-seed-schema.mjs, which needs the psql client). Uses DATABASE_URL when set,
// otherwise a throwaway embedded PostgreSQL, so it never touches the development data.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../embedded';
import { migrate } from '../migrate';
import { ensureDatabase } from '../server';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const checker = path.resolve(repoRoot, '..', 'shared', 'tools', 'check-seed-schema.mjs');

async function main(): Promise<number> {
  if (!existsSync(checker)) {
    console.error(
      `db:check: the schema checker is not at ${checker} (shared/ must sit beside the repository)`,
    );
    return 2;
  }
  let url = process.env.DATABASE_URL;
  let cleanup = async () => {};
  if (!url) {
    const dir = await mkdtemp(path.join(tmpdir(), 'huntzen-check-'));
    const { chmod } = await import('node:fs/promises');
    await chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: dir });
    await ensureDatabase(server.adminUrl, 'huntzen_check');
    url = server.urlFor('huntzen_check');
    cleanup = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  try {
    await migrate(url);
    const result = spawnSync(process.execPath, [checker, url], { stdio: 'inherit' });
    return result.status ?? 1;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
