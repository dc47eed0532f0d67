// Graphile Worker creates and migrates its own `graphile_worker` schema at run time, after our
// Drizzle migrations. Right after that, we install the one door the application role may use.
//
// Why wrappers and not grants on graphile_worker: in 0.17, `graphile_worker.add_job` / `add_jobs` /
// `remove_job` are SECURITY INVOKER plpgsql functions that insert into `_private_tasks` and
// `_private_job_queues` and insert/update/delete `_private_jobs` — tables with row-level security
// enabled and no policy. Letting `huntzen_app` call them would take write grants on the private
// tables plus policies on (or BYPASSRLS over) Graphile's schema. Instead, SECURITY DEFINER
// functions in a schema of ours, owned by the owner login (owner of Graphile's tables, so its
// row-level security does not apply), expose exactly "add or replace jobs by key" (one, or several
// in one call) and "remove a job by key". `huntzen_app` (through `huntzen_privileges`, migration
// 0040) gets USAGE on that schema and EXECUTE on those functions, nothing on `graphile_worker`
// itself: it cannot read the queue, lock, complete or fail jobs.
import { APP_ROLE, PRIVILEGES_ROLE } from '@huntzen/db';
import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import { type JobsLogger, toGraphileLogger } from './logger';

/** The schema of the application's door into the job queue. */
export const JOBS_API_SCHEMA = 'huntzen_jobs';
// Distinct from the Drizzle migrations' lock (4_242_001).
const LOCK_KEY = 4_242_002;

/**
 * The tasks request code schedules in its own transaction (bookings, messages, notifications,
 * billing); a signed-in actor may queue these and nothing else. Jobs and the owner queue anything.
 */
export const REQUEST_SCHEDULED_TASKS = [
  'publish_scheduled_article',
  'refresh_counters',
  'send_assessment_crisis_email',
  'send_assessment_reminder',
  'send_consultation_emails',
  'send_consultation_reminder',
  'send_email_batch',
  'send_message_unread_email',
  'send_notification_email',
  'waitlist_slot_freed',
] as const;

function jobsApiSql(appRole: string, privilegesRole: string): string {
  const requestTasks = `array[${REQUEST_SCHEDULED_TASKS.map((t) => `'${t}'`).join(', ')}]::text[]`;
  const addJob = `${JOBS_API_SCHEMA}.add_job(text, json, timestamptz, text, integer, integer)`;
  const addJobs = `${JOBS_API_SCHEMA}.add_jobs(text[], json[], timestamptz[], text[], integer[], integer[])`;
  return `
create schema if not exists ${JOBS_API_SCHEMA};
revoke all on schema ${JOBS_API_SCHEMA} from public;

-- Who is calling: the owner login itself (migrations, workers' utilities, maintenance) is trusted;
-- the application role (\`-c role=huntzen_app\` or its own login) acts for the actor of its
-- transaction (migration 0018: a SYSTEM actor proves itself with the process's token).
-- (PL/pgSQL, whose plan lasts as long as the connection: a LANGUAGE sql function that is not
-- inlined is parsed and planned on every call, and every scheduled job asks.)
create or replace function ${JOBS_API_SCHEMA}.trusted_caller() returns boolean
  language plpgsql stable security definer set search_path = pg_catalog, pg_temp
as $$
begin
  return current_setting('role') = 'none'
     and pg_has_role(session_user, (select nspowner from pg_namespace where nspname = '${JOBS_API_SCHEMA}'), 'USAGE');
end
$$;
revoke all on function ${JOBS_API_SCHEMA}.trusted_caller() from public;

-- Adds a job, or replaces the pending job with the same key (job_key_mode 'replace'). Returns its id.
-- Through the application role: SYSTEM any task; a signed-in actor only the tasks requests
-- schedule; anonymous callers none (injected SQL must not feed the queue).
create or replace function ${JOBS_API_SCHEMA}.add_job(
  p_task text, p_payload json, p_run_at timestamptz, p_job_key text, p_max_attempts integer,
  p_priority integer
) returns bigint
  language plpgsql volatile security definer set search_path = pg_catalog, pg_temp
as $$
begin
  if not (${JOBS_API_SCHEMA}.trusted_caller() or public.app_is_system()
          or (nullif(current_setting('app.current_user', true), '') is not null and p_task = any (${requestTasks}))) then
    raise exception 'not allowed to schedule job %', p_task using errcode = 'insufficient_privilege';
  end if;
  return (select j.id from graphile_worker.add_job(
    identifier => p_task, payload => p_payload, run_at => p_run_at, job_key => p_job_key,
    max_attempts => p_max_attempts, priority => p_priority, job_key_mode => 'replace') as j);
end
$$;

-- Adds or replaces several jobs at once, each exactly as add_job above (one call of Graphile's
-- add_jobs, which add_job makes for a single job): the arrays are the columns of the jobs, in the
-- same order. Returns their ids in that order, matched by job key (null for a job without a key, or
-- one a worker took at that very instant); the keys must be distinct.
create or replace function ${JOBS_API_SCHEMA}.add_jobs(
  p_tasks text[], p_payloads json[], p_run_ats timestamptz[], p_job_keys text[],
  p_max_attempts integer[], p_priorities integer[]
) returns bigint[]
  language plpgsql volatile security definer set search_path = pg_catalog, pg_temp
as $$
declare
  v_refused text;
  v_ids bigint[];
begin
  if not (${JOBS_API_SCHEMA}.trusted_caller() or public.app_is_system()) then
    select t into v_refused from unnest(p_tasks) as t
     where nullif(current_setting('app.current_user', true), '') is null or not (t = any (${requestTasks}))
     limit 1;
    if found then
      raise exception 'not allowed to schedule job %', v_refused using errcode = 'insufficient_privilege';
    end if;
  end if;
  with added as (
    select j.id, j.key from graphile_worker.add_jobs(
      array(select row(s.task, s.payload, null, s.run_at, s.max_attempts::smallint, s.job_key,
                       s.priority::smallint, null)::graphile_worker.job_spec
              from unnest(p_tasks, p_payloads, p_run_ats, p_job_keys, p_max_attempts, p_priorities)
                   with ordinality as s(task, payload, run_at, job_key, max_attempts, priority, n)
             order by s.n),
      false) as j
  )
  select array_agg(a.id order by k.n) into v_ids
    from unnest(p_job_keys) with ordinality as k(job_key, n)
    left join added a on a.key = k.job_key;
  return v_ids;
end
$$;

-- Removes the pending job with this key (a running one keeps running but will not retry).
-- Returns its id, or null when there was none. Signed-in actors and SYSTEM only.
create or replace function ${JOBS_API_SCHEMA}.remove_job(p_job_key text) returns bigint
  language plpgsql volatile strict security definer set search_path = pg_catalog, pg_temp
as $$
begin
  if not (${JOBS_API_SCHEMA}.trusted_caller() or public.app_is_system() or nullif(current_setting('app.current_user', true), '') is not null) then
    raise exception 'not allowed to remove jobs' using errcode = 'insufficient_privilege';
  end if;
  return (select j.id from graphile_worker.remove_job(p_job_key) as j);
end
$$;

revoke all on function ${addJob} from public;
revoke all on function ${addJobs} from public;
revoke all on function ${JOBS_API_SCHEMA}.remove_job(text) from public;
-- To the role holding the application's grants (migration 0040), which the application role and its
-- actor roles inherit; none of huntzen_app's own (granted here before 0040).
grant usage on schema ${JOBS_API_SCHEMA} to ${privilegesRole};
grant execute on function ${addJob} to ${privilegesRole};
grant execute on function ${addJobs} to ${privilegesRole};
grant execute on function ${JOBS_API_SCHEMA}.remove_job(text) to ${privilegesRole};
revoke all on schema ${JOBS_API_SCHEMA} from ${appRole};
revoke all on function ${addJob} from ${appRole};
revoke all on function ${addJobs} from ${appRole};
revoke all on function ${JOBS_API_SCHEMA}.remove_job(text) from ${appRole};
`;
}

// On a fresh database Graphile Worker's first query reads `graphile_worker.migrations` before
// creating it: it expects the failure, but the server still logs it as an ERROR.
const EXPECTED_SERVER_ERROR = /ERROR:\s+relation "graphile_worker\.migrations" does not exist/;

/** Whether a PostgreSQL server log line is the expected failure of Graphile Worker's first install. */
export function isExpectedJobsServerLog(line: string): boolean {
  return EXPECTED_SERVER_ERROR.test(line);
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
    await client.query(
      jobsApiSql(client.escapeIdentifier(APP_ROLE), client.escapeIdentifier(PRIVILEGES_ROLE)),
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
