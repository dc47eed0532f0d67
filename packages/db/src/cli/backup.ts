// `npm run db:backup [-- --out FILE] [--engine auto|pg_dump|copy]`: a backup of the database
// (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR) while the application runs. The
// encryption keys are NOT in it: keep them apart (docs/operations.md).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type BackupEngine, backupDatabase } from '../backup';
import { runCli } from './common';

const USAGE = `Usage: npm run db:backup -- [options]
  --out <file>       where to write it (default DATA_DIR/backups/huntzen-<UTC time>.dump)
  --engine <name>    auto (default): pg_dump when one as new as the server is found, else copy;
                     pg_dump: PostgreSQL's custom format (pg_restore reads it); copy: built-in
Environment: DATABASE_URL (else the embedded PostgreSQL under DATA_DIR), DATA_DIR, PG_BIN_DIR.`;

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    engine: { type: 'string', default: 'auto' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: false,
});
const engine = values.engine as BackupEngine | 'auto';
if (values.help || !['auto', 'pg_dump', 'copy'].includes(engine)) {
  console.info(USAGE);
  process.exit(values.help ? 0 : 2);
}

await runCli(
  'db:backup',
  async ({ url, dataDir }) => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.resolve(values.out ?? path.join(dataDir, 'backups', `huntzen-${stamp}.dump`));
    mkdirSync(path.dirname(file), { recursive: true });
    const started = Date.now();
    const summary = await backupDatabase({ url, file, engine });
    const rows = summary.rows ? Object.values(summary.rows).reduce((a, b) => a + b, 0) : undefined;
    console.info(
      `db:backup: ${file} (${summary.engine} engine, ${(summary.bytes / 1024 / 1024).toFixed(1)} MiB${
        rows === undefined ? '' : `, ${rows.toLocaleString('en-US')} rows`
      }) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.info('db:backup: the encryption key is not in the backup: keep it apart, see docs/operations.md');
  },
  { migrate: false },
);
