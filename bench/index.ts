// `npm run bench`: every benchmark, each printing ratios against a baseline from the same run.
import { benchBooking } from './booking.bench';
import { benchCrypto } from './crypto.bench';
import { openBenchDatabase } from './harness';
import { benchJournal } from './journal.bench';
import { benchMessages } from './messages.bench';
import { benchSlots } from './slots.bench';
import { benchTenancy } from './tenancy.bench';

// No database: before one is started.
await benchCrypto();

const bench = await openBenchDatabase();
try {
  await benchTenancy(bench);
  await benchSlots(bench);
  await benchBooking(bench);
  await benchJournal(bench);
  await benchMessages(bench);
} finally {
  await bench.close();
}
