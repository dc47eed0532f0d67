// The jobs runner: Graphile Worker on the owner connection, with the tasks and cron schedules
// declared through `defineTask` / `defineCron`. Signals are main.ts's business (noHandleSignals).
import type { Database } from '@huntzen/db';
import { type Runner, run } from 'graphile-worker';
import pg from 'pg';
import { installJobsSchema } from './install';
import { childLogger, type JobsLogger, toGraphileLogger } from './logger';
import { buildTaskList, type JobSettings, parsedCrontab } from './registry';

export interface StartJobsOptions {
  /** Owner URL: Graphile Worker's bookkeeping runs on its own pool of the owner login. */
  ownerUrl: string;
  /** Handed to task handlers. */
  db: Database;
  logger: JobsLogger;
  /** Jobs run at once by this process (default 2: the machines have two cores). */
  concurrency?: number;
  /** Configuration values the tasks read (e.g. the audit retention); defaults otherwise. */
  settings?: JobSettings;
  /** Fallback poll in ms for jobs that become due later (default 2000); new jobs arrive by LISTEN/NOTIFY. */
  pollInterval?: number;
}

export interface JobsRunner {
  /** Stops taking jobs, waits for the running ones, closes the runner's connections. */
  stop(): Promise<void>;
  /** Graphile Worker's events (`job:start`, `job:success`, `job:error`…), e.g. for the metrics. */
  readonly events: Runner['events'];
}

/**
 * Starts a jobs runner. Every task and cron schedule must be registered first: import the
 * features' `.jobs.ts` files before calling this.
 */
export async function startJobs(options: StartJobsOptions): Promise<JobsRunner> {
  const logger = childLogger(options.logger, { component: 'jobs' });
  await installJobsSchema(options.ownerUrl, { logger });
  const concurrency = options.concurrency ?? 2;
  // Our own pool, so a connection dropped (PostgreSQL restarting or stopping) is logged instead of
  // becoming an uncaught exception. One connection per job slot, plus LISTEN, cron, upkeep. Both
  // handlers, on the pool (idle clients) and on each client (checked out): with either missing,
  // Graphile Worker prints a warning on stderr and adds its own, which log such errors twice.
  const pgPool = new pg.Pool({ connectionString: options.ownerUrl, max: concurrency + 3 });
  let stopping = false;
  const lost = (state: string) => (err: Error) =>
    // Once stopping, PostgreSQL may go down first (Ctrl-C reaches it too): expected, not a warning.
    stopping
      ? logger.debug({ err }, `${state} jobs database connection closed while stopping`)
      : logger.warn({ err }, `${state} jobs database connection lost`);
  pgPool.on('error', lost('idle'));
  pgPool.on('connect', (client) => client.on('error', lost('active')));
  const runner = await run({
    pgPool,
    concurrency,
    pollInterval: options.pollInterval ?? 2000,
    noHandleSignals: true,
    logger: toGraphileLogger(options.logger),
    taskList: buildTaskList(options.db, logger, options.settings),
    parsedCronItems: parsedCrontab(),
  });
  // The promise rejects if the runner dies on its own; log it rather than crash on an unhandled rejection.
  const ended = runner.promise.catch((error: unknown) => {
    logger.error({ err: error }, 'jobs runner stopped with an error');
  });
  let stopped: Promise<void> | undefined;
  return {
    events: runner.events,
    stop() {
      stopping = true;
      // runner.stop() rejects only when the runner is already stopping on its own: wait for that.
      stopped ??= runner
        .stop()
        .catch(() => ended)
        .then(() => pgPool.end());
      return stopped;
    },
  };
}
