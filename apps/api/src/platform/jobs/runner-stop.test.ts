// Stopping a jobs runner leaves no job locked. Graphile Worker frees the lock of a worker that is
// gone only after four hours (its reset-locked sweep), so a job left locked by a stopped process —
// a booking's e-mails, a reminder — would wait that long. The runner is stopped the way a SIGTERM
// stops it: while its workers are fetching and finishing jobs, round after round.
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, type JobsLogger, scheduleJob, startJobs } from './index';

const quiet: JobsLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  child: () => quiet,
};

const recordRun = defineTask(
  'test_stop_record_run',
  z.object({ key: z.string() }),
  async (payload, { db }) => {
    await db.owner.query('insert into stop_runs (key) values ($1)', [payload.key]);
  },
);

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.owner.query('create table stop_runs (id bigserial primary key, key text not null)');
});

afterAll(async () => {
  await t?.drop();
});

async function lockedJobs(): Promise<{ id: string; locked_by: string }[]> {
  const { rows } = await t.db.owner.query<{ id: string; locked_by: string }>(
    'select id, locked_by from graphile_worker._private_jobs where locked_by is not null',
  );
  return rows;
}

async function queue(keys: string[], count: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    const key = `stop-${randomUUID()}`;
    keys.push(key);
    await scheduleJob(t.db.owner, { task: recordRun, payload: { key }, jobKey: key });
  }
}

/** Starts a runner and stops it (`defer`red) when its workers start their `fetches`-th fetch. */
async function startAndStopDuringFetch(fetches: number, defer: (stop: () => void) => void): Promise<void> {
  const runner = await startJobs({ ownerUrl: t.url, db: t.db, logger: quiet, pollInterval: 50 });
  let stopped: Promise<void> | undefined;
  let seen = 0;
  await new Promise<void>((resolve) => {
    runner.events.on('worker:getJob:start', () => {
      seen += 1;
      if (seen === fetches)
        defer(() => {
          stopped = runner.stop();
          resolve();
        });
    });
  });
  await stopped;
}

describe('stopping the jobs runner', () => {
  for (const [when, defer] of [
    ['as a fetch starts', (stop: () => void) => queueMicrotask(stop)],
    ['while a fetch is in flight', (stop: () => void) => setImmediate(stop)],
  ] as const) {
    it(`leaves no job locked and runs every job once, when stopped ${when}`, async () => {
      const keys: string[] = [];
      const lockedAfterStop: { round: number; id: string; locked_by: string }[] = [];
      for (let round = 0; round < 8; round++) {
        await queue(keys, 12);
        await startAndStopDuringFetch(3 + round, defer);
        for (const job of await lockedJobs())
          if (!lockedAfterStop.some((seen) => seen.id === job.id)) lockedAfterStop.push({ round, ...job });
      }
      expect(lockedAfterStop).toEqual([]);

      // What is left runs on a last runner, drained: each job ran exactly once in all.
      const last = await startJobs({ ownerUrl: t.url, db: t.db, logger: quiet, pollInterval: 50 });
      try {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const { rows } = await t.db.owner.query<{ n: number }>(
            'select count(*)::int as n from graphile_worker._private_jobs',
          );
          if (rows[0]!.n === 0 || Date.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await last.stop();
      }
      const { rows } = await t.db.owner.query<{ key: string; n: number }>(
        'select key, count(*)::int as n from stop_runs where key = any($1) group by key',
        [keys],
      );
      const runs = new Map(rows.map((row) => [row.key, row.n]));
      expect(keys.filter((key) => runs.get(key) !== 1)).toEqual([]);
    });
  }
});
