// The application on a database of its own (cloned from the migrated template), with a test
// configuration: fixed secrets, a temporary DATA_DIR, silent logs unless a destination is given.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Database } from '@huntzen/db';
import { createTestDatabase } from '@huntzen/db/testing/test-database';
import type { DestinationStream } from 'pino';
import { type App, buildApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import { createLogger } from '../src/platform/logging';

/** Fixed secrets: tests never touch generated key files. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
export const TEST_JWT_SECRET = Buffer.alloc(32, 9).toString('base64');

/** A log destination that appends each log line (one JSON text) to `lines`. */
export function logInto(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
}

export interface TestAppOptions {
  /** Extra environment variables for `loadConfig`. */
  env?: Record<string, string>;
  /** Captures the log output (the default level then becomes `info`). */
  logDestination?: DestinationStream;
}

export interface TestApp {
  app: App;
  db: Database;
  config: Config;
  /** Closes the app, drops the database and removes DATA_DIR. */
  close(): Promise<void>;
}

/** Builds the application on a fresh test database; routes may be added before the first request. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'huntzen-api-test-'));
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: options.logDestination ? 'info' : 'silent',
      SEED_ON_START: 'false',
      BCRYPT_COST: '10',
      ...options.env,
    });
    const logger = createLogger(config, options.logDestination);
    const app = await buildApp({ config, db: database.db, logger });
    return {
      app,
      db: database.db,
      config,
      async close() {
        await app.close();
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
