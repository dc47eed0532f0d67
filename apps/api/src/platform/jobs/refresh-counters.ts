// The counters the HR and billing dashboards read are materialized views; this refreshes them
// every 5 minutes, and on demand (e.g. right after billing validation).
import type { Database } from '@huntzen/db';
import { z } from 'zod';
import { type JobExecutor, runSql } from './executor';
import { defineCron, defineTask } from './registry';

/**
 * Refreshes `employee_usage_stats` and `practitioner_billing_stats` (CONCURRENTLY, so readers are
 * never blocked). Both functions are SECURITY DEFINER: the owner pool, the application role or a
 * request transaction may call them. Given a `Database`, it uses the owner pool.
 */
export async function refreshCounters(db: Database | JobExecutor): Promise<void> {
  const executor = 'owner' in db ? db.owner : db;
  await runSql(executor, 'select refresh_employee_stats()');
  await runSql(executor, 'select refresh_practitioner_stats()');
}

export const refreshCountersTask = defineTask(
  'refresh_counters',
  z.object({}),
  async (_payload, { db, logger }) => {
    const started = performance.now();
    await refreshCounters(db);
    logger.info(
      { durationMs: Math.round(performance.now() - started) },
      'usage and billing counters refreshed',
    );
  },
);

// One job key: a slow or failing refresh is replaced by the next tick instead of piling up.
defineCron('*/5 * * * *', refreshCountersTask, { jobKey: 'refresh_counters', maxAttempts: 3 });
