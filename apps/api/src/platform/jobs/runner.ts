// The jobs runner: Graphile Worker on the owner connection, with the tasks and cron schedules
// declared through `defineTask` / `defineCron`. Signals are main.ts's business (noHandleSignals).
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '@huntzen/db';
import { type Runner, run, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { installJobsSchema } from './install';
import { childLogger, type JobsLogger, toGraphileLogger } from './logger';
import { buildTaskList, type JobServices, type JobSettings, parsedCrontab } from './registry';

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
  /** Services the tasks use (mail transport, file storage). */
  services?: JobServices;
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
  // The ids this runner locks jobs under. In 0.17 a job is locked by its worker *pool*'s id
  // (`locked_by = 'pool-…'`); the worker ids are kept too, in case a version locks by those. The
  // events fire while `run()` is still building the runner, so the emitter must be ours, given in.
  const events = new EventEmitter() as WorkerEvents;
  const lockIds = new Set<string>();
  events.on('pool:create', ({ workerPool }) => lockIds.add(workerPool.id));
  events.on('worker:create', ({ worker }) => lockIds.add(worker.workerId));
  const runner = await run({
    pgPool,
    events,
    concurrency,
    pollInterval: options.pollInterval ?? 2000,
    noHandleSignals: true,
    logger: toGraphileLogger(options.logger),
    taskList: buildTaskList(options.db, logger, options.settings, options.services),
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
        .then(() => releaseLocks(pgPool, lockIds, logger))
        .then(() => pgPool.end());
      return stopped;
    },
  };
}

/** How long a stopped runner waits for its last queries (bounded: shutdown has a deadline). */
const QUIET_TIMEOUT_MS = 10_000;

/**
 * After the runner has stopped: let its last queries finish, then free any job still locked by it.
 *
 * Graphile Worker 0.17 marks a job done without awaiting it (`completeJob(job)` / `failJob(…)` are
 * fire-and-forget when not batched), so `runner.stop()` can resolve while the job's `delete` is
 * still waiting for a connection of this pool; ending the pool then would drop that waiter (pg-pool
 * never serves a pending `connect()` once `end()` is called, and reports nothing), and the job
 * would stay locked by a process that is gone — for four hours, until another runner's
 * reset-locked sweep. So: wait until nothing waits for or holds a connection, then, should anything
 * still be locked by this runner (a completion that failed, a fetch cut short), unlock it with
 * Graphile Worker's own `force_unlock_workers`; it runs again on another instance.
 */
async function releaseLocks(pool: pg.Pool, lockIds: Set<string>, logger: JobsLogger): Promise<void> {
  const deadline = Date.now() + QUIET_TIMEOUT_MS;
  while (pool.waitingCount > 0 || pool.idleCount < pool.totalCount) {
    if (Date.now() > deadline) {
      logger.warn('jobs database connections still busy after the runner stopped');
      break;
    }
    await sleep(10);
  }
  if (lockIds.size === 0) return;
  try {
    await pool.query('select graphile_worker.force_unlock_workers($1::text[])', [[...lockIds]]);
  } catch (err) {
    // PostgreSQL may be gone already (Ctrl-C reaches it too); nothing more can be done from here.
    logger.warn({ err }, 'could not unlock the jobs of the stopped runner');
  }
}
