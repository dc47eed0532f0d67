// `npm run db:restore -- FILE`: restores a backup of `npm run db:backup` into an EMPTY database
// (DATABASE_URL, or the embedded PostgreSQL of a new DATA_DIR), then checks that the encryption key
// (ENCRYPTION_KEY, or DATA_DIR/encryption.key, with ENCRYPTION_PREVIOUS_KEYS) opens the restored
// key canary: with the wrong key it fails, and the application would refuse to start.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  decodeKey,
  ENCRYPTION_KEY_FILE,
  FieldCipher,
  loadPreviousKeys,
  PREVIOUS_KEYS_FILE,
} from '@huntzen/crypto';
import { restoreDatabase } from '../backup';
import { KeyMismatchError, verifyKeyCanary } from '../key-canary';
import { runCli } from './common';

const USAGE = `Usage: npm run db:restore -- FILE [--skip-key-check]
Restores FILE (pg_dump custom format, or the copy engine's) into an empty database.
Environment: DATABASE_URL (else the embedded PostgreSQL under DATA_DIR), DATA_DIR, NODE_ENV,
ENCRYPTION_KEY, ENCRYPTION_PREVIOUS_KEYS, PG_BIN_DIR.`;

const { values, positionals } = parseArgs({
  options: {
    'skip-key-check': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: true,
});
const file = positionals[0];
if (values.help || !file || positionals.length > 1) {
  console.info(USAGE);
  process.exit(values.help ? 0 : 2);
}
if (!existsSync(file)) {
  console.error(`db:restore: ${file} does not exist`);
  process.exit(2);
}

/** The configured key ring, never a generated one: a restore must not make a key up. */
function configuredCipher(dataDir: string, production: boolean): FieldCipher | null {
  const previous = loadPreviousKeys({
    value: process.env.ENCRYPTION_PREVIOUS_KEYS,
    file: path.join(dataDir, PREVIOUS_KEYS_FILE),
    production,
    name: 'ENCRYPTION_PREVIOUS_KEYS',
  });
  const keyFile = path.join(dataDir, ENCRYPTION_KEY_FILE);
  const value = process.env.ENCRYPTION_KEY?.trim()
    ? process.env.ENCRYPTION_KEY
    : !production && existsSync(keyFile)
      ? readFileSync(keyFile, 'utf8')
      : undefined;
  return value ? FieldCipher.fromKeys(decodeKey(value, 'ENCRYPTION_KEY'), previous) : null;
}

await runCli(
  'db:restore',
  async ({ url, db, dataDir, production }) => {
    const started = Date.now();
    const summary = await restoreDatabase({
      url,
      file: path.resolve(file),
      // The job queue's tables (pending reminders and e-mails) are restored too.
      prepareJobsSchema: async (target) => {
        const { runMigrations } = await import('graphile-worker');
        await runMigrations({ connectionString: target, maxPoolSize: 2 });
      },
    });
    const rows = summary.rows ? Object.values(summary.rows).reduce((a, b) => a + b, 0) : undefined;
    console.info(
      `db:restore: ${file} restored (${summary.engine} engine${
        rows === undefined ? '' : `, ${rows.toLocaleString('en-US')} rows`
      }) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (values['skip-key-check']) return;
    const cipher = configuredCipher(dataDir, production);
    if (!cipher) {
      throw new Error(
        'restored, but no encryption key to check: set ENCRYPTION_KEY (or put the key file in DATA_DIR) before starting the application',
      );
    }
    try {
      const outcome = await verifyKeyCanary(db, cipher, { create: false });
      console.info(
        outcome === 'absent'
          ? 'db:restore: this backup has no key canary (made before migration 0029): the key could not be checked'
          : `db:restore: the encryption key opens the restored data (key canary ${outcome})`,
      );
    } catch (error) {
      if (error instanceof KeyMismatchError) {
        throw new Error(`restored, but the application will refuse to start: ${error.message}`);
      }
      throw error;
    }
  },
  { migrate: false },
);
