// Liveness says the process runs; readiness says this instance can serve requests: the database
// answers through the application pool (the one requests use) and its schema is up to date.
import type { FieldError } from '@huntzen/contracts';
import { type Database, pendingMigrationCount } from '@huntzen/db';

export interface ReadinessReport {
  ready: boolean;
  /** One entry per failed check (empty when ready). */
  failures: FieldError[];
}

// A probe must answer even when PostgreSQL hangs (the pool waits forever by default).
const CHECK_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The health checks over `db`. */
export function createHealthService(deps: { db: Pick<Database, 'app'> }) {
  return {
    /** Checks the database and the migrations; never throws. */
    async checkReadiness(): Promise<ReadinessReport> {
      try {
        await withTimeout(deps.db.app.query('select 1'), 'database check');
      } catch {
        return {
          ready: false,
          failures: [
            { path: 'checks.database', message: 'the database does not answer' },
            { path: 'checks.migrations', message: 'unknown while the database does not answer' },
          ],
        };
      }
      const pending = await withTimeout(pendingMigrationCount(deps.db.app), 'migration check').catch(
        () => -1,
      );
      if (pending === 0) return { ready: true, failures: [] };
      const message = pending < 0 ? 'the migration check failed' : `${pending} migration(s) not applied`;
      return { ready: false, failures: [{ path: 'checks.migrations', message }] };
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
