// The jobs platform on real PostgreSQL with two real Graphile Worker runners sharing one database,
// as two API processes would.
import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { makeWorkerUtils } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  cancelJob,
  defineCron,
  defineTask,
  InvalidJobPayloadError,
  isExpectedJobsServerLog,
  type JobsLogger,
  type JobsRunner,
  refreshCountersTask,
  scheduleJob,
  scheduleJobs,
  startJobs,
} from './index';
import { parsedCrontab } from './registry';

interface LogEntry {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}
const logs: LogEntry[] = [];
const consoleWarnings: string[] = [];

function memoryLogger(bindings: Record<string, unknown> = {}): JobsLogger {
  const method =
    (level: string) =>
    (first: object | string, message?: string): void => {
      if (typeof first === 'string') logs.push({ level, message: first, fields: bindings });
      else logs.push({ level, message: message ?? '', fields: { ...bindings, ...first } });
    };
  return {
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    debug: method('debug'),
    child: (more) => memoryLogger({ ...bindings, ...more }),
  };
}

const recordRun = defineTask(
  'test_record_run',
  z.object({ key: z.string(), n: z.number().int() }),
  async (payload, { db, job }) => {
    await db.owner.query('insert into job_runs (key, n, job_id) values ($1, $2, $3)', [
      payload.key,
      payload.n,
      job.id,
    ]);
  },
);

let t: TestDatabase;
let runners: JobsRunner[] = [];

/** Polls `check` until it returns a truthy value (bounded). */
async function waitFor<T>(
  what: string,
  check: () => Promise<T>,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function runsOf(key: string): Promise<number[]> {
  const { rows } = await t.db.owner.query<{ n: number }>(
    'select n from job_runs where key = $1 order by id',
    [key],
  );
  return rows.map((row) => row.n);
}

interface QueuedJob {
  id: string;
  run_at: Date;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_at: Date | null;
}

async function queued(key: string): Promise<QueuedJob[]> {
  const { rows } = await t.db.owner.query<QueuedJob>(
    `select id, run_at, attempts, max_attempts, last_error, locked_at
     from graphile_worker.jobs where key = $1`,
    [key],
  );
  return rows;
}

/** Runs a fresh job through the workers and waits until it is done: proof they are taking jobs. */
async function drain(): Promise<void> {
  const key = `sentinel-${randomUUID()}`;
  await scheduleJob(t.db.owner, { task: recordRun, payload: { key, n: 0 }, jobKey: key });
  await waitFor(
    'the sentinel job',
    async () => (await runsOf(key)).length === 1 && (await queued(key)).length === 0,
  );
}

const inOneHour = () => new Date(Date.now() + 3_600_000);

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.owner.query(
    `create table job_runs (
       id bigserial primary key, key text not null, n integer not null, job_id text not null)`,
  );
  const start = () => startJobs({ ownerUrl: t.url, db: t.db, logger: memoryLogger(), pollInterval: 100 });
  // Graphile Worker prints to the console, not to our logger, when a pool lacks error handlers.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    consoleWarnings.push(args.map(String).join(' '));
    warn(...args);
  };
  try {
    runners = await Promise.all([start(), start()]);
  } finally {
    console.warn = warn;
  }
});

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await t?.drop();
});

describe('jobs platform', () => {
  it('starts quietly: its pool has every error handler Graphile Worker asks for', () => {
    expect(consoleWarnings.filter((w) => /error handlers/i.test(w))).toEqual([]);
  });

  it('tells the expected failure of a first install from other server errors', () => {
    // As the embedded server logs Graphile Worker's first query on a fresh database.
    const firstInstall =
      '2026-12-06 15:09:51.094 UTC [27720] ERROR:  relation "graphile_worker.migrations" does not exist at character 85';
    expect(isExpectedJobsServerLog(firstInstall)).toBe(true);
    expect(isExpectedJobsServerLog('ERROR:  relation "consultations" does not exist')).toBe(false);
    expect(isExpectedJobsServerLog('FATAL:  password authentication failed for user "postgres"')).toBe(false);
  });

  it('runs a job scheduled several times under one key exactly once, with two runners', async () => {
    const keys = Array.from({ length: 6 }, () => `once-${randomUUID()}`);
    await withActor(t.db, SYSTEM_ACTOR, async (tx) => {
      for (let n = 1; n <= 3; n++) {
        for (const key of keys) await scheduleJob(tx, { task: recordRun, payload: { key, n }, jobKey: key });
      }
    });
    for (const key of keys) {
      await waitFor(
        `job ${key}`,
        async () => (await runsOf(key)).length > 0 && (await queued(key)).length === 0,
      );
    }
    for (const key of keys) expect(await runsOf(key)).toEqual([3]); // once, with the last payload
  });

  it('never runs a job scheduled in a transaction that rolls back', async () => {
    const key = `rolled-back-${randomUUID()}`;
    await expect(
      withActor(t.db, SYSTEM_ACTOR, async (tx) => {
        await scheduleJob(tx, { task: recordRun, payload: { key, n: 1 }, jobKey: key });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await queued(key)).toEqual([]);
    await drain();
    expect(await runsOf(key)).toEqual([]);
  });

  it('cancels a pending job by key', async () => {
    const key = `cancelled-${randomUUID()}`;
    await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      scheduleJob(tx, { task: recordRun, payload: { key, n: 1 }, jobKey: key, runAt: inOneHour() }),
    );
    expect(await queued(key)).toHaveLength(1);
    expect(await withActor(t.db, SYSTEM_ACTOR, (tx) => cancelJob(tx, key))).toBe(true);
    expect(await queued(key)).toEqual([]);
    expect(await withActor(t.db, SYSTEM_ACTOR, (tx) => cancelJob(tx, key))).toBe(false);
    await drain();
    expect(await runsOf(key)).toEqual([]);
  });

  it('keeps a job due later pending, and runs it once rescheduled to now', async () => {
    const key = `later-${randomUUID()}`;
    await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      scheduleJob(tx, { task: recordRun, payload: { key, n: 1 }, jobKey: key, runAt: inOneHour() }),
    );
    await drain();
    const [pending] = await queued(key);
    expect(pending).toMatchObject({ attempts: 0, locked_at: null });
    expect(pending!.run_at.getTime()).toBeGreaterThan(Date.now());
    expect(await runsOf(key)).toEqual([]);

    await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      scheduleJob(tx, { task: recordRun, payload: { key, n: 2 }, jobKey: key, runAt: new Date() }),
    );
    await waitFor(
      'the rescheduled job',
      async () => (await runsOf(key)).length > 0 && (await queued(key)).length === 0,
    );
    expect(await runsOf(key)).toEqual([2]);
  });

  it('schedules several jobs in one statement, each as scheduleJob would, and checks every payload', async () => {
    const [first, second, third] = [1, 2, 3].map((n) => `batch-${n}-${randomUUID()}`);
    const later = inOneHour();
    const ids = await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      scheduleJobs(tx, [
        { task: recordRun, payload: { key: first!, n: 1 }, jobKey: first!, runAt: later, maxAttempts: 5 },
        { task: recordRun, payload: { key: second!, n: 2 }, jobKey: second!, runAt: later },
        { task: recordRun, payload: { key: third!, n: 3 }, jobKey: third!, runAt: later },
      ]),
    );
    const jobs = await Promise.all([first!, second!, third!].map(queued));
    expect(jobs.map((rows) => rows.map((job) => job.id))).toEqual(ids.map((id) => [id]));
    expect(jobs[0]![0]).toMatchObject({ max_attempts: 5, attempts: 0 });
    expect(jobs[1]![0]!.run_at.getTime()).toBe(later.getTime());
    // Again under the same keys: the pending jobs are replaced, not doubled.
    await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      scheduleJobs(tx, [{ task: recordRun, payload: { key: first!, n: 4 }, jobKey: first!, runAt: later }]),
    );
    expect(await queued(first!)).toHaveLength(1);
    expect(await withActor(t.db, SYSTEM_ACTOR, (tx) => scheduleJobs(tx, []))).toEqual([]);
    // One invalid payload: nothing of the batch is queued.
    const fourth = `batch-4-${randomUUID()}`;
    await expect(
      scheduleJobs(t.db.owner, [
        { task: recordRun, payload: { key: fourth, n: 1 }, jobKey: fourth },
        { task: recordRun, payload: { key: fourth, n: 'two' } as never },
      ]),
    ).rejects.toThrow(InvalidJobPayloadError);
    expect(await queued(fourth)).toEqual([]);
    for (const key of [first!, second!, third!]) await cancelJob(t.db.owner, key);
  });

  it('lets a signed-in actor schedule only the tasks requests schedule: one refused task refuses the batch', async () => {
    const employee = { role: 'EMPLOYEE' as const, userId: randomUUID() };
    const key = `refused-${randomUUID()}`;
    const refused = {
      cause: { message: expect.stringMatching(/not allowed to schedule job test_record_run/) },
    };
    await expect(
      withActor(t.db, employee, (tx) =>
        scheduleJob(tx, { task: recordRun, payload: { key, n: 1 }, jobKey: key }),
      ),
    ).rejects.toMatchObject(refused);
    await expect(
      withActor(t.db, employee, (tx) =>
        scheduleJobs(tx, [
          { task: refreshCountersTask, payload: {}, jobKey: `${key}-allowed` },
          { task: recordRun, payload: { key, n: 1 }, jobKey: key },
        ]),
      ),
    ).rejects.toMatchObject(refused);
    expect(await queued(key)).toEqual([]);
    expect(await queued(`${key}-allowed`)).toEqual([]);
    // The allowed task alone is queued.
    const [id] = await withActor(t.db, employee, (tx) =>
      scheduleJobs(tx, [
        { task: refreshCountersTask, payload: {}, jobKey: `${key}-allowed`, runAt: inOneHour() },
      ]),
    );
    expect((await queued(`${key}-allowed`)).map((job) => job.id)).toEqual([id]);
    await cancelJob(t.db.owner, `${key}-allowed`);
  });

  it('schedules and cancels through the owner pool, Drizzle on the owner pool, and WorkerUtils', async () => {
    const utils = await makeWorkerUtils({ connectionString: t.url });
    try {
      for (const executor of [t.db.owner, t.db.ownerDb, utils]) {
        const key = `executor-${randomUUID()}`;
        const id = await scheduleJob(executor, {
          task: recordRun,
          payload: { key, n: 1 },
          jobKey: key,
          runAt: inOneHour(),
        });
        expect((await queued(key)).map((job) => job.id)).toEqual([id]);
        expect(await cancelJob(executor, key)).toBe(true);
        expect(await queued(key)).toEqual([]);
      }
    } finally {
      await utils.release();
    }
  });

  it('rejects an unknown task or an invalid payload when scheduling', async () => {
    await expect(scheduleJob(t.db.owner, { task: 'no_such_task', payload: {} })).rejects.toThrow(
      /Unknown job task "no_such_task"/,
    );
    await expect(
      scheduleJob(t.db.owner, { task: recordRun, payload: { key: 'k', n: 'one' } as never }),
    ).rejects.toThrow(InvalidJobPayloadError);
  });

  it('fails a job whose stored payload is invalid for good, with a clear error', async () => {
    const key = `invalid-${randomUUID()}`;
    // Straight into Graphile Worker, bypassing scheduleJob's check (an old or hand-made job).
    await t.db.owner.query(
      `select graphile_worker.add_job('test_record_run', '{"key": 1}'::json, job_key => $1)`,
      [key],
    );
    const [failed] = await waitFor('the invalid job to fail', async () => {
      const jobs = await queued(key);
      return jobs[0]?.last_error ? jobs : undefined;
    });
    expect(failed!.attempts).toBe(failed!.max_attempts); // no retry
    expect(failed!.last_error).toMatch(/Invalid payload for job "test_record_run"/);
    expect(failed!.last_error).toMatch(/key/);
  });

  it('gives the application role no access to graphile_worker itself', async () => {
    await expect(t.db.app.query(`select graphile_worker.add_job('test_record_run')`)).rejects.toThrow(
      /permission denied for schema graphile_worker/,
    );
    await expect(t.db.app.query('select count(*) from graphile_worker.jobs')).rejects.toThrow(
      /permission denied for schema graphile_worker/,
    );
  });

  it('declares the refresh_counters cron schedule, and rejects a malformed pattern', () => {
    const refresh = parsedCrontab().find((item) => item.identifier === 'refresh_counters');
    expect(refresh).toMatchObject({ task: 'refresh_counters', options: { jobKey: 'refresh_counters' } });
    expect(() => defineCron('every five minutes', recordRun)).toThrow();
  });

  it('refresh_counters refreshes the usage and billing counters', async () => {
    const q = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
      t.db.owner.query<T>(text, values).then((r) => r.rows[0] as T);
    const suffix = randomUUID().slice(0, 8);
    const company = await q<{ id: string }>(
      `insert into companies (name, slug) values ($1, $2) returning id`,
      [`Company ${suffix}`, `company-${suffix}`],
    );
    const employeeUser = await q<{ id: string }>(
      `insert into users (email, password_hash, role, company_id)
       values ($1, 'x', 'EMPLOYEE', $2) returning id`,
      [`employee-${suffix}@example.test`, company.id],
    );
    const employee = await q<{ id: string }>(
      `insert into employees (user_id, company_id, first_name, last_name) values ($1, $2, 'Ada', 'Lovelace')
       returning id`,
      [employeeUser.id, company.id],
    );
    const practitionerUser = await q<{ id: string }>(
      `insert into users (email, password_hash, role) values ($1, 'x', 'PRACTITIONER') returning id`,
      [`practitioner-${suffix}@example.test`],
    );
    const practitioner = await q<{ id: string }>(
      `insert into practitioners (user_id, first_name, last_name, title, specialty, bio, is_validated)
       values ($1, 'Carl', 'Rogers', 'Psychologue', 'PSYCHOLOGUE_CLINICIEN', 'Bio', true) returning id`,
      [practitionerUser.id],
    );
    await q(
      `insert into consultations (company_id, employee_id, practitioner_id, scheduled_at, scheduled_end_at,
         format, status, started_at, ended_at, actual_duration, is_billable, billing_status)
       values ($1, $2, $3, '2025-03-10T09:00:00Z', '2025-03-10T09:50:00Z', 'VIDEO',
         'COMPLETED', '2025-03-10T09:00:00Z', '2025-03-10T09:45:00Z', 45, true, 'VALIDATED')`,
      [company.id, employee.id, practitioner.id],
    );

    const key = `refresh-${randomUUID()}`;
    await scheduleJob(t.db.owner, { task: refreshCountersTask, payload: {}, jobKey: key });
    await waitFor('refresh_counters', async () => (await queued(key)).length === 0);

    const usage = await q<{ consultation_count: string; total_duration_minutes: string }>(
      `select consultation_count, total_duration_minutes from employee_usage_stats
       where employee_id = $1 and period = date_trunc('month', '2025-03-10T09:00:00Z'::timestamptz)`,
      [employee.id],
    );
    expect(usage).toEqual({ consultation_count: '1', total_duration_minutes: '45' });
    const billing = await q<{ consultation_count: string }>(
      `select consultation_count from practitioner_billing_stats
       where practitioner_id = $1 and company_id = $2`,
      [practitioner.id, company.id],
    );
    expect(billing).toEqual({ consultation_count: '1' });
    expect(
      logs.some(
        (e) => e.message === 'usage and billing counters refreshed' && e.fields.task === 'refresh_counters',
      ),
    ).toBe(true);
  });
});
