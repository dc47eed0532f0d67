// Graphile Worker creates and migrates its own `graphile_worker` schema at run time, after our
// Drizzle migrations. Right after that, we install the one door the application role may use.
//
// Why wrappers and not grants on graphile_worker: in 0.17, `graphile_worker.add_job` / `add_jobs` /
// `remove_job` are SECURITY INVOKER plpgsql functions that insert into `_private_tasks` and
// `_private_job_queues` and insert/update/delete `_private_jobs` — tables with row-level security
// enabled and no policy. Letting `huntzen_app` call them would take write grants on the private
// tables plus policies on (or BYPASSRLS over) Graphile's schema. Instead, two SECURITY DEFINER
// functions in a schema of ours, owned by the owner login (owner of Graphile's tables, so its
// row-level security does not apply), expose exactly "add or replace a job by key" and "remove a
// job by key". `huntzen_app` gets USAGE on that schema and EXECUTE on those two functions, nothing
// on `graphile_worker` itself: it cannot read the queue, lock, complete or fail jobs.
import { APP_ROLE } from '@huntzen/db';
import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import { type JobsLogger, toGraphileLogger } from './logger';

/** The schema of the application's door into the job queue. */
export const JOBS_API_SCHEMA = 'huntzen_jobs';
// Distinct from the Drizzle migrations' lock (4_242_001).
const LOCK_KEY = 4_242_002;

function jobsApiSql(appRole: string): string {
  const addJob = `${JOBS_API_SCHEMA}.add_job(text, json, timestamptz, text, integer, integer)`;
  return `
create schema if not exists ${JOBS_API_SCHEMA};
revoke all on schema ${JOBS_API_SCHEMA} from public;

-- Adds a job, or replaces the pending job with the same key (job_key_mode 'replace'). Returns its id.
create or replace function ${JOBS_API_SCHEMA}.add_job(
  p_task text, p_payload json, p_run_at timestamptz, p_job_key text, p_max_attempts integer,
  p_priority integer
) returns bigint
  language sql volatile security definer set search_path = pg_catalog, pg_temp
as $$
  select j.id from graphile_worker.add_job(
    identifier => p_task, payload => p_payload, run_at => p_run_at, job_key => p_job_key,
    max_attempts => p_max_attempts, priority => p_priority, job_key_mode => 'replace') as j
$$;

-- Removes the pending job with this key (a running one keeps running but will not retry).
-- Returns its id, or null when there was none.
create or replace function ${JOBS_API_SCHEMA}.remove_job(p_job_key text) returns bigint
  language sql volatile strict security definer set search_path = pg_catalog, pg_temp
as $$
  select j.id from graphile_worker.remove_job(p_job_key) as j
$$;

revoke all on function ${addJob} from public;
revoke all on function ${JOBS_API_SCHEMA}.remove_job(text) from public;
grant usage on schema ${JOBS_API_SCHEMA} to ${appRole};
grant execute on function ${addJob} to ${appRole};
grant execute on function ${JOBS_API_SCHEMA}.remove_job(text) to ${appRole};
`;
}

/**
 * Installs or migrates Graphile Worker's schema and the application's job functions (idempotent,
 * safe to run from several processes at once). Call it with the owner URL after the Drizzle
 * migrations and before anything schedules a job.
 */
export async function installJobsSchema(
  ownerUrl: string,
  options: { logger?: JobsLogger } = {},
): Promise<void> {
  await runMigrations({
    connectionString: ownerUrl,
    maxPoolSize: 2,
    ...(options.logger ? { logger: toGraphileLogger(options.logger) } : {}),
  });
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('begin');
    // CREATE OR REPLACE FUNCTION from two processes at once can fail with "tuple concurrently updated".
    await client.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await client.query('set local client_min_messages = warning');
    await client.query(jobsApiSql(client.escapeIdentifier(APP_ROLE)));
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
