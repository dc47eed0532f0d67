// Tasks and cron schedules declared in code. Each feature's `<feature>.jobs.ts` calls `defineTask`
// (and maybe `defineCron`) at import time; `startJobs` turns the registry into Graphile Worker's
// task list and parsed crontab. Payloads are validated when scheduled and again when run.
import type { Database } from '@huntzen/db';
import { type CronItem, type CronItemOptions, type Job, parseCronItem, type TaskList } from 'graphile-worker';
import { z } from 'zod';
import type { FileStorage } from '../files';
import type { MailTransport } from '../mail';
import { childLogger, type JobsLogger } from './logger';

/** What a task handler receives besides its payload. */
export interface TaskContext {
  /** Both pools: use `withActor(db, SYSTEM_ACTOR, …)` for row-level-secured work, `db.owner` for upkeep. */
  db: Database;
  /** Bound to the task name and job id. */
  logger: JobsLogger;
  /** The running job (id, attempts, key, run_at…). */
  job: Job;
  /** Settings of the process that tasks need (from the configuration); absent → each task's default. */
  settings?: JobSettings;
  /** The process's services that tasks use; a task that needs one it was not given fails loudly. */
  services: JobServices;
}

/** Configuration values handed to task handlers by the jobs runner. */
export interface JobSettings {
  /** AUDIT_RETENTION_DAYS: audit rows older than this are purged. */
  auditRetentionDays?: number;
  /** PUBLIC_URL: the origin that e-mailed links start with. */
  publicUrl?: string;
  /** MAIL_FROM: the sender of e-mails, and the organizer of their calendar invitations. */
  mailFrom?: string;
}

/** The origin e-mailed links start with (PUBLIC_URL, without a trailing slash), or an error. */
export function publicOrigin(settings: JobSettings | undefined): string {
  if (!settings?.publicUrl) throw new Error('No public URL: give startJobs({ settings: { publicUrl } })');
  return settings.publicUrl.replace(/\/+$/, '');
}

/** Services handed to task handlers by the jobs runner (built once by the process, main.ts). */
export interface JobServices {
  /** Where the mail sender delivers (SMTP or .eml files). */
  mail?: MailTransport;
  /** The storage the expired-files clean-up deletes from. */
  files?: FileStorage;
}

/** `services[name]`, or an error saying that startJobs was not given it. */
export function requireService<K extends keyof JobServices>(
  services: JobServices,
  name: K,
): NonNullable<JobServices[K]> {
  const service = services[name];
  if (!service) throw new Error(`No ${name} service: give it to startJobs({ services: { ${name} } })`);
  return service;
}

/** A registered task: schedule it with `scheduleJob(executor, { task, payload })`. */
export interface TaskDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: S;
  readonly handler: (payload: z.output<S>, context: TaskContext) => Promise<void>;
}

/** Raised for a payload its task's schema rejects. */
export class InvalidJobPayloadError extends Error {
  constructor(task: string, error: z.ZodError) {
    super(`Invalid payload for job "${task}": ${z.prettifyError(error)}`);
    this.name = 'InvalidJobPayloadError';
  }
}

const TASK_NAME = /^[a-z][a-z0-9_]*(?:[.:][a-z0-9_]+)*$/;
const tasks = new Map<string, TaskDefinition>();
const cronItems: CronItem[] = [];

/** Registers a task under a unique snake_case `name`; the handler gets the parsed payload. */
export function defineTask<S extends z.ZodType>(
  name: string,
  schema: S,
  handler: (payload: z.output<S>, context: TaskContext) => Promise<void>,
): TaskDefinition<S> {
  if (!TASK_NAME.test(name)) throw new Error(`Invalid job task name "${name}" (snake_case expected)`);
  if (tasks.has(name)) throw new Error(`Job task "${name}" is defined twice`);
  const task: TaskDefinition<S> = Object.freeze({ name, schema, handler });
  tasks.set(name, task as unknown as TaskDefinition);
  return task;
}

/** The registered task called `name`; throws a clear error for an unknown one. */
export function getTask(name: string): TaskDefinition {
  const task = tasks.get(name);
  if (!task) {
    const known = [...tasks.keys()].sort().join(', ') || 'none';
    throw new Error(`Unknown job task "${name}" (registered: ${known}); is its .jobs.ts file imported?`);
  }
  return task;
}

/** `payload` parsed by the task's schema, or an `InvalidJobPayloadError`. */
export function parsePayload<S extends z.ZodType>(task: TaskDefinition<S>, payload: unknown): z.output<S> {
  const result = task.schema.safeParse(payload);
  if (!result.success) throw new InvalidJobPayloadError(task.name, result.error);
  return result.data;
}

export interface CronOptions extends CronItemOptions {
  /** Stable name of the schedule (default: the task name); renaming it loses the backfill history. */
  identifier?: string;
  /** Merged into the job payload (Graphile Worker adds `_cron`, which handlers do not see). */
  payload?: Record<string, unknown>;
}

/** Schedules `task` on a cron `pattern` (UTC, e.g. `*\/5 * * * *`) in every jobs runner. */
export function defineCron(pattern: string, task: TaskDefinition | string, options: CronOptions = {}): void {
  const { identifier, payload, ...jobOptions } = options;
  const item: CronItem = {
    task: typeof task === 'string' ? task : task.name,
    match: pattern,
    identifier: identifier ?? (typeof task === 'string' ? task : task.name),
    options: jobOptions,
    ...(payload ? { payload } : {}),
  };
  parseCronItem(item); // fails now, at import, on a malformed pattern
  if (cronItems.some((other) => other.identifier === item.identifier)) {
    throw new Error(`Cron schedule "${item.identifier}" is defined twice`);
  }
  cronItems.push(item);
}

/** The declared cron schedules, parsed for Graphile Worker; each must name a registered task. */
export function parsedCrontab() {
  return cronItems.map((item) => {
    getTask(item.task);
    return parseCronItem(item);
  });
}

/** Graphile Worker's task list for every registered task, bound to `db` and `logger`. */
export function buildTaskList(
  db: Database,
  logger: JobsLogger,
  settings: JobSettings = {},
  services: JobServices = {},
): TaskList {
  const list: TaskList = {};
  for (const task of tasks.values()) {
    list[task.name] = async (rawPayload, helpers) => {
      const { payload: stripped, requestId } = withoutStamps(rawPayload);
      const log = childLogger(logger, {
        task: task.name,
        jobId: helpers.job.id,
        ...(requestId ? { requestId } : {}),
      });
      let payload: unknown;
      try {
        payload = parsePayload(task, stripped);
      } catch (error) {
        // Retrying cannot repair a payload: use up the attempts so that Graphile Worker records
        // the error and fails the job for good (`_private_jobs` is 0.17's table; our worker holds the row).
        await helpers.query(
          'update graphile_worker._private_jobs set max_attempts = attempts where id = $1',
          [helpers.job.id],
        );
        throw error;
      }
      await task.handler(payload, { db, logger: log, job: helpers.job, settings, services });
    };
  }
  return list;
}

/**
 * Cron jobs carry `_cron: { ts, backfilled }`, jobs scheduled by a request `_requestId`
 * (schedule.ts): strip both so that strict schemas accept them; the request id goes to the logs.
 */
function withoutStamps(payload: unknown): { payload: unknown; requestId?: string } {
  if (
    payload &&
    typeof payload === 'object' &&
    !Array.isArray(payload) &&
    ('_cron' in payload || '_requestId' in payload)
  ) {
    const { _cron, _requestId, ...rest } = payload as Record<string, unknown>;
    return { payload: rest, ...(typeof _requestId === 'string' ? { requestId: _requestId } : {}) };
  }
  return { payload };
}
