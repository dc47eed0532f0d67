// `npm run db:migrate`: brings the database (DATABASE_URL, or the embedded one) up to date.
import { pendingMigrationCount, shippedMigrations } from '../migrate';
import { runCli } from './common';

await runCli('db:migrate', async ({ db }) => {
  // runCli has migrated already; this confirms it and says where the schema stands.
  const pending = await pendingMigrationCount(db.owner);
  const shipped = shippedMigrations();
  if (pending > 0) throw new Error(`${pending} migrations still pending`);
  console.info(`db:migrate: up to date (${shipped.length} migrations, latest ${shipped.at(-1)?.tag ?? '-'})`);
});
