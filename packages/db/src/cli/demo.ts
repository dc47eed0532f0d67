// `npm run db:demo -- --companies 20 --employees 10000 --practitioners 500 --consultations 1000000 --articles 10000`
// Seeds the spec's accounts (unless --skip-seed), then generates demo data in volume, with a
// progress bar per table. Encrypted columns use the application's master key (ENCRYPTION_KEY, or
// DATA_DIR/encryption.key), so the application reads them back.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FieldCipher, loadOrCreateSecret, masterKey } from '@huntzen/crypto';
import cliProgress from 'cli-progress';
import { generateDemoArticles } from '../demo/articles';
import { DEMO_TABLES, type DemoOptions, type DemoProgress, generateDemoData } from '../demo-data';
import { seedDatabase } from '../seed';
import { runCli } from './common';

const USAGE = `Usage: npm run db:demo -- [options]
  --companies <n>      companies (default 3)
  --employees <n>      employees, spread over the active companies (default 200)
  --practitioners <n>  practitioners (default 20)
  --consultations <n>  consultations over the last 12 months and the next one (default 5000)
  --articles <n>       articles, mostly published, over the last two years (default 0)
  --seed <n>           seed of the random generators, for a reproducible data set
  --skip-seed          do not write the spec's seed accounts first
Environment: DATABASE_URL (else the embedded PostgreSQL under DATA_DIR), DATA_DIR, ENCRYPTION_KEY.`;

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} expects a whole number, got "${value}"`);
  return n;
}

function parseOptions(): (Omit<DemoOptions, 'cipher'> & { skipSeed: boolean; articles: number }) | null {
  const { values } = parseArgs({
    options: {
      companies: { type: 'string' },
      employees: { type: 'string' },
      practitioners: { type: 'string' },
      consultations: { type: 'string' },
      articles: { type: 'string' },
      seed: { type: 'string' },
      'skip-seed': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) return null;
  return {
    companies: wholeNumber('companies', values.companies, 3),
    employees: wholeNumber('employees', values.employees, 200),
    practitioners: wholeNumber('practitioners', values.practitioners, 20),
    consultations: wholeNumber('consultations', values.consultations, 5000),
    seed: values.seed === undefined ? undefined : wholeNumber('seed', values.seed, 0),
    skipSeed: values['skip-seed'],
    articles: wholeNumber('articles', values.articles, 0),
  };
}

let options: ReturnType<typeof parseOptions>;
try {
  options = parseOptions();
} catch (error) {
  console.error(`db:demo: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}

if (!options) {
  console.info(USAGE);
} else {
  const { skipSeed, articles, ...sizes } = options;
  await runCli('db:demo', async ({ db, dataDir, production }) => {
    const key = loadOrCreateSecret({
      value: process.env.ENCRYPTION_KEY,
      file: path.join(dataDir, 'encryption.key'),
      production,
      name: 'ENCRYPTION_KEY',
    });
    if (!skipSeed) await seedDatabase(db);
    const started = Date.now();
    const bars = new cliProgress.MultiBar(
      {
        format: ' {table} |{bar}| {value}/{total} {percentage}%',
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    const width = Math.max(...DEMO_TABLES.map((t) => t.length));
    const byTable = new Map<string, cliProgress.SingleBar>();
    const onProgress = ({ table, done, total }: DemoProgress) => {
      let bar = byTable.get(table);
      if (!bar) {
        bar = bars.create(total, 0, { table: table.padEnd(width) });
        byTable.set(table, bar);
      }
      bar.setTotal(Math.max(total, done));
      // The payload again: without a terminal, cli-progress drops the one given to create().
      bar.update(done, { table: table.padEnd(width) });
    };
    let summary: Awaited<ReturnType<typeof generateDemoData>>;
    try {
      summary = await generateDemoData(db, { ...sizes, cipher: new FieldCipher(masterKey(key)) }, onProgress);
      // Dependent tables' totals were estimates: close their bars at the real figure.
      for (const [table, bar] of byTable) {
        const done = summary.inserted[table as keyof typeof summary.inserted];
        bar.setTotal(done);
        bar.update(done);
      }
    } finally {
      bars.stop();
    }
    if (articles > 0) {
      const written = await generateDemoArticles(db, { count: articles, seed: summary.seed });
      console.info(`\n${written.toLocaleString('en-US')} demo articles written.`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.info(
      `\nDemo data generated in ${seconds} s (seed ${summary.seed}; rerun with --seed ${summary.seed}).`,
    );
    console.info(`${'table'.padEnd(28)}${'inserted'.padStart(12)}${'in database'.padStart(14)}`);
    for (const [table, total] of Object.entries(summary.totals)) {
      const added = summary.inserted[table as keyof typeof summary.inserted];
      const addedText = added === undefined ? '' : added.toLocaleString('en-US');
      console.info(
        `${table.padEnd(28)}${addedText.padStart(12)}${total.toLocaleString('en-US').padStart(14)}`,
      );
    }
    console.info(`\nEvery demo account's password: ${summary.password}`);
    if (!skipSeed) console.info('Seed accounts: see `npm run db:seed` (admin@huntzen.care / HuntZen2025!).');
  });
}
