// drizzle-kit configuration for the schema of spec seed-02. Paths are relative to the repository root:
// run `npx drizzle-kit generate --config packages/db/drizzle.config.ts` from there.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/schema/index.ts',
  out: './packages/db/src/migrations',
  strict: true,
  verbose: true,
});
