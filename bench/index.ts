// `npm run bench`: every benchmark, each printing ratios against a baseline from the same run.
import { benchArticles } from './articles.bench';
import { benchBooking } from './booking.bench';
import { benchCrypto } from './crypto.bench';
import { openBenchDatabase } from './harness';
import { benchHttp } from './http.bench';
import { benchInsightsBilling } from './insights-billing.bench';
import { benchInsightsUsage } from './insights-usage.bench';
import { benchJournal } from './journal.bench';
import { benchMessages } from './messages.bench';
import { benchReadPaths } from './read-paths.bench';
import { benchSeries } from './series.bench';
import { benchSlots } from './slots.bench';
import { benchTenancy } from './tenancy.bench';

// No database: before one is started.
await benchCrypto();

const bench = await openBenchDatabase();
try {
  await benchTenancy(bench);
  await benchReadPaths(bench);
  await benchSlots(bench);
  await benchBooking(bench);
  await benchSeries(bench);
  await benchJournal(bench);
  await benchMessages(bench);
  await benchInsightsUsage(bench);
  await benchInsightsBilling(bench);
  await benchArticles(bench);
  // Last: it adds demo data (`--volume small|full`) to the shared database.
  await benchHttp(bench);
} finally {
  await bench.close();
}
