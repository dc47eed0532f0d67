// Test helpers for Graphile Worker's queue: the jobs a test scheduled, read where the payload is
// (its private table: the public `jobs` view leaves the payload out), and dropped again.
import type { Database } from '@huntzen/db';

export interface QueuedJob<P = Record<string, unknown>> {
  id: string;
  key: string | null;
  run_at: Date;
  payload: P;
}

/**
 * The queued jobs of task `task` whose payload has each of `match`'s values (as text), by run time
 * then id.
 */
export async function queuedJobs<P = Record<string, unknown>>(
  db: Database,
  task: string,
  match: Record<string, string> = {},
): Promise<QueuedJob<P>[]> {
  const fields = Object.keys(match);
  const { rows } = await db.owner.query<QueuedJob<P>>(
    `select j.id::text, j.key, j.run_at, j.payload from graphile_worker._private_jobs j
       join graphile_worker._private_tasks k on k.id = j.task_id
      where k.identifier = $1 ${fields.map((_, i) => `and j.payload->>$${2 * i + 2} = $${2 * i + 3}`).join(' ')}
      order by j.run_at, j.id`,
    [task, ...fields.flatMap((field) => [field, match[field]])],
  );
  return rows;
}

/** Drops every queued job of task `task`. */
export async function dropQueuedJobs(db: Database, task: string): Promise<void> {
  await db.owner.query(
    `delete from graphile_worker._private_jobs j using graphile_worker._private_tasks k
      where k.id = j.task_id and k.identifier = $1`,
    [task],
  );
}
