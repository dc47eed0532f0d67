// `npm run keys:rotate [-- --generate] [--dry-run] [--batch-size 500]`: re-encrypts every
// encrypted column still under a previous key with the current one, while the application runs.
// Production: set the new ENCRYPTION_KEY and the old key in ENCRYPTION_PREVIOUS_KEYS on every
// instance and restart them first (so they read both), then run this with the same environment.
// Development: --generate makes the new key itself (DATA_DIR), then re-encrypts.
import { parseArgs } from 'node:util';
import { FieldCipher, keyIdOf } from '@huntzen/crypto';
import { runCli } from '@huntzen/db/cli/common';
import { generateDevelopmentKey, readKeyring } from '../platform/crypto/keyring';
import {
  countRowsByKey,
  type RotationProgress,
  type RotationReport,
  rotateEncryptedColumns,
} from '../platform/crypto/rotation';

const NAME = 'keys:rotate';
const USAGE = `Usage: npm run keys:rotate -- [options]
  --generate          development: generate a new key into DATA_DIR/encryption.key, keep the old one
                      in DATA_DIR/encryption.previous-keys, then re-encrypt
  --dry-run           only count the rows under each key
  --batch-size <n>    rows per transaction (default 500)
Environment: DATABASE_URL (else the embedded PostgreSQL under DATA_DIR), DATA_DIR, NODE_ENV,
ENCRYPTION_KEY (the current key), ENCRYPTION_PREVIOUS_KEYS (comma-separated base64 keys).`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      generate: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'batch-size': { type: 'string', default: '500' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  const batchSize = Number(values['batch-size']);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new Error(`--batch-size expects a whole number of rows, got "${values['batch-size']}"`);
  return { generate: values.generate, dryRun: values['dry-run'], batchSize, help: values.help };
}

/** One line per column and at most one a second, so a long run shows it is alive without flooding. */
function progressPrinter() {
  let last = 0;
  return ({ table, column, pass, total, done, finished }: RotationProgress) => {
    const now = Date.now();
    if (!finished && now - last < 1000) return;
    last = now;
    const again = pass > 1 ? `, pass ${pass}` : '';
    console.info(
      `${NAME}: ${`${table}.${column}`.padEnd(34)} ${done}/${total}${again}${finished ? ' done' : ''}`,
    );
  };
}

function printSummary(report: RotationReport): void {
  console.info(
    `\n${'column'.padEnd(34)}${'found'.padStart(10)}${'re-encrypted'.padStart(14)}${'failed'.padStart(8)}${'left'.padStart(8)}`,
  );
  for (const c of report.columns) {
    console.info(
      `${`${c.table}.${c.column}`.padEnd(34)}${String(c.found).padStart(10)}${String(c.reencrypted).padStart(14)}` +
        `${String(c.failures.length).padStart(8)}${String(c.remaining).padStart(8)}`,
    );
  }
  for (const c of report.columns) {
    // Row ids and the reason only: never content.
    for (const f of c.failures.slice(0, 20)) console.error(`  ${f.table} ${f.rowId}: ${f.error.message}`);
    if (c.failures.length > 20) console.error(`  … and ${c.failures.length - 20} more in ${c.table}`);
  }
}

let options: ReturnType<typeof parseOptions>;
try {
  options = parseOptions();
} catch (error) {
  console.error(`${NAME}: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}

if (options.help) {
  console.info(USAGE);
} else {
  const { generate, dryRun, batchSize } = options;
  await runCli(NAME, async ({ db, dataDir, production }) => {
    const env = {
      encryptionKey: process.env.ENCRYPTION_KEY?.trim() || undefined,
      previousKeys: process.env.ENCRYPTION_PREVIOUS_KEYS?.trim() || undefined,
      dataDir,
      production,
    };
    if (generate && !dryRun) {
      const { retired, current } = generateDevelopmentKey(env);
      console.info(
        `${NAME}: new key ${keyIdOf(current)} in ${dataDir}; the old key ${keyIdOf(retired)} is kept as a previous key.\n` +
          `${NAME}: restart a running application now: until then it does not know the new key.`,
      );
    }
    const ring = readKeyring(env);
    const cipher = FieldCipher.fromKeys(ring.current, ring.previous);
    const previousIds = cipher.keyIds.slice(1);
    console.info(
      `${NAME}: current key ${cipher.current.id} (${ring.source}); previous keys: ${previousIds.join(', ') || 'none'}`,
    );
    if (!generate && previousIds.length > 0)
      console.info(
        `${NAME}: every running instance must already know key ${cipher.current.id} (ENCRYPTION_KEY): ` +
          'those that do not cannot read the rows this moves.',
      );
    const describe = (id: string) =>
      id === cipher.current.id ? 'current' : previousIds.includes(id) ? 'previous' : 'UNKNOWN';
    for (const { table, column, byKey } of await countRowsByKey(db.owner)) {
      const parts = Object.entries(byKey).map(
        ([id, n]) => `${n} under ${id || '(no key id)'} (${describe(id)})`,
      );
      console.info(`${NAME}: ${`${table}.${column}`.padEnd(34)} ${parts.join(', ') || 'no rows'}`);
    }
    if (dryRun) return;

    const started = Date.now();
    const report = await rotateEncryptedColumns(db.owner, cipher, {
      batchSize,
      onProgress: progressPrinter(),
    });
    printSummary(report);
    const failed = report.columns.reduce((n, c) => n + c.failures.length, 0);
    const left = report.columns.reduce((n, c) => n + c.remaining, 0);
    const total = report.columns.reduce((n, c) => n + c.reencrypted, 0);
    console.info(`\n${NAME}: ${total} rows re-encrypted in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (failed > 0 || left > 0) {
      throw new Error(
        `incomplete: ${failed} rows could not be decrypted (listed above: tampered, or under a key not configured)` +
          ` and ${left} rows are still under a previous key (being edited, or written by an instance on an old key).` +
          ' Run keys:rotate again; keep the previous keys until it completes.',
      );
    }
    if (previousIds.length > 0)
      console.info(
        `${NAME}: every encrypted row is under key ${cipher.current.id}. The previous keys (${previousIds.join(', ')}) ` +
          'may be removed once every instance runs with the current key — but keep them as long as you keep ' +
          'backups taken before this rotation.',
      );
  });
}
