// `npm run bench`: every benchmark, each printing ratios against a baseline from the same run.
import { openBenchDatabase } from './harness';
import { benchTenancy } from './tenancy.bench';

const bench = await openBenchDatabase();
try {
  await benchTenancy(bench);
} finally {
  await bench.close();
}
