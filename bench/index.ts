// `npm run bench`: every benchmark, each printing ratios against a baseline from the same run.
// BENCH_ONLY=<regular expression> runs only the benchmarks whose names match (e.g. 'http|booking').
import { benchArticles } from './articles.bench';
import { benchBooking } from './booking.bench';
import { benchCrypto } from './crypto.bench';
import { type BenchDatabase, openBenchDatabase } from './harness';
import { benchHttp } from './http.bench';
import { benchInsightsBilling } from './insights-billing.bench';
import { benchInsightsUsage } from './insights-usage.bench';
import { benchJournal } from './journal.bench';
import { benchMessages } from './messages.bench';
import { benchReadPaths } from './read-paths.bench';
import { benchSeries } from './series.bench';
import { benchSlots } from './slots.bench';
import { benchTenancy } from './tenancy.bench';

const only = new RegExp(process.env.BENCH_ONLY ?? '');

const withDatabase: [string, (bench: BenchDatabase) => Promise<void>][] = [
  ['tenancy', benchTenancy],
  ['read-paths', benchReadPaths],
  ['slots', benchSlots],
  ['booking', benchBooking],
  ['series', benchSeries],
  ['journal', benchJournal],
  ['messages', benchMessages],
  ['insights-usage', benchInsightsUsage],
  ['insights-billing', benchInsightsBilling],
  ['articles', benchArticles],
  // Last: it adds demo data (`--volume small|full`) to the shared database.
  ['http', benchHttp],
];

// No database: before one is started.
if (only.test('crypto')) await benchCrypto();

const selected = withDatabase.filter(([name]) => only.test(name));
if (selected.length > 0) {
  const bench = await openBenchDatabase();
  try {
    for (const [, run] of selected) await run(bench);
  } finally {
    await bench.close();
  }
}
