// `npm run db:seed`: writes the spec's seed data (idempotent; refused when NODE_ENV=production).
import { SEED_ACCOUNTS, seedDatabase } from '../seed';
import { runCli } from './common';

await runCli('db:seed', async ({ db }) => {
  await seedDatabase(db, { log: (line) => console.info(line) });
  console.info('\nSeed accounts (demo passwords, never for production):');
  for (const { email, password } of Object.values(SEED_ACCOUNTS))
    console.info(`  ${email.padEnd(32)} ${password}`);
});
