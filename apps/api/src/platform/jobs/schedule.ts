// Scheduling and cancelling jobs by key. Run on a request's transaction (a Drizzle `Tx` from
// `withActor`), a job exists only if that transaction commits, and workers see it only then.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { currentRequestId } from '../logging';
import { type JobExecutor, runSql } from './executor';
import { JOBS_API_SCHEMA } from './install';
import { getTask, parsePayload, type TaskDefinition } from './registry';

export interface ScheduleJobSpec<S extends z.ZodType = z.ZodType> {
  /** The task (preferred: its payload type is then checked) or its registered name. */
  task: TaskDefinition<S> | string;
  payload: z.input<S>;
  /** When to run it (default: now). */
  runAt?: Date;
  /** Scheduling the same key again replaces the pending job: payload, run time, attempts. */
  jobKey?: string;
  /** Attempts before the job fails for good (Graphile Worker's default: 25). */
  maxAttempts?: number;
  /** Lower runs first (default 0). */
  priority?: number;
}

/**
 * Schedules a job, or replaces the pending one with the same key; returns the job id. A job with
 * that key that a worker is already running is left alone and a new one is queued; null only if a
 * worker took it at the very instant of the call (it then runs with its previous payload).
 */
export async function scheduleJob<S extends z.ZodType>(
  executor: JobExecutor,
  spec: ScheduleJobSpec<S>,
): Promise<string | null> {
  const rows = await runSql(
    executor,
    `select ${JOBS_API_SCHEMA}.add_job($1, $2::json, $3, $4, $5, $6) as id`,
    addJobArguments(spec),
  );
  const id = rows[0]?.id;
  return id == null ? null : String(id);
}

/**
 * Schedules several jobs in one statement and one call of Graphile Worker's `add_jobs` (instead of
 * one `add_job` each), each exactly as `scheduleJob` would; returns their ids in the order of
 * `specs` (matched by job key: null for a job without one). Give them distinct job keys.
 */
export async function scheduleJobs(
  executor: JobExecutor,
  specs: readonly ScheduleJobSpec[],
): Promise<(string | null)[]> {
  if (specs.length === 0) return [];
  const rows = await runSql(
    executor,
    `select ${JOBS_API_SCHEMA}.add_jobs($1::text[], $2::json[], $3::timestamptz[], $4::text[], $5::integer[], $6::integer[]) as ids`,
    addJobsArguments(specs),
  );
  const ids = (rows[0]?.ids ?? []) as (string | number | null)[];
  return specs.map((_, i) => (ids[i] == null ? null : String(ids[i])));
}

/**
 * The call that schedules `specs` as `scheduleJobs` does, as a SQL expression (its value: their
 * ids, bigint[]), to run within a statement of the caller's (e.g. one that also writes the rows the
 * jobs are about: one round trip). Payloads are checked now; null for no specs.
 */
export function scheduleJobsSql(specs: readonly ScheduleJobSpec[]): SQL | null {
  if (specs.length === 0) return null;
  const [tasks, payloads, runAts, keys, maxAttempts, priorities] = addJobsArguments(specs).map((a) =>
    sql.param(a),
  );
  return sql`${sql.raw(JOBS_API_SCHEMA)}.add_jobs(${tasks}::text[], ${payloads}::json[], ${runAts}::timestamptz[], ${keys}::text[], ${maxAttempts}::integer[], ${priorities}::integer[])`;
}

/** The array arguments of `add_jobs` for `specs`: one array per column, each payload checked. */
function addJobsArguments(specs: readonly ScheduleJobSpec[]): unknown[][] {
  const rows = specs.map(addJobArguments);
  const keys = rows.map((row) => row[3]).filter((key) => key !== null);
  if (new Set(keys).size !== keys.length) throw new Error('scheduleJobs: job keys must be distinct');
  return [0, 1, 2, 3, 4, 5].map((column) => rows.map((row) => row[column]));
}

/** The arguments of `add_job` for `spec`, its payload checked. */
function addJobArguments<S extends z.ZodType>(spec: ScheduleJobSpec<S>): unknown[] {
  const task = typeof spec.task === 'string' ? getTask(spec.task) : spec.task;
  // Fail in the caller, not hours later in a worker. What is stored is the input (the worker
  // parses it again), so transforms and defaults of the schema apply once, when it runs.
  parsePayload(task, spec.payload);
  // Scheduled while serving a request: the job carries its id (stripped before the handler sees it).
  const requestId = currentRequestId();
  const payload =
    requestId && isPlainObject(spec.payload)
      ? { ...spec.payload, _requestId: requestId }
      : (spec.payload ?? {});
  return [
    task.name,
    JSON.stringify(payload),
    spec.runAt?.toISOString() ?? null,
    spec.jobKey ?? null,
    spec.maxAttempts ?? null,
    spec.priority ?? null,
  ];
}

/** Removes the pending job with this key; true if there was one. A running job ends but does not retry. */
export async function cancelJob(executor: JobExecutor, jobKey: string): Promise<boolean> {
  const rows = await runSql(executor, `select ${JOBS_API_SCHEMA}.remove_job($1) as id`, [jobKey]);
  return rows[0]?.id != null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
