// One id from the request to its jobs: a job scheduled while a request is served carries the
// request's id; the worker strips it from the payload (strict schemas still accept it), logs it
// with the job's lines, and the metrics time the job per task.
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, type JobsLogger, type JobsRunner, scheduleJob, startJobs } from '../jobs';
import { requestContext } from '../logging';
import { createMetrics } from './index';

const bindingsSeen: Record<string, unknown>[] = [];
const payloadsSeen: unknown[] = [];

/** A logger that only remembers its bindings (what a job's log lines would carry). */
function bindingLogger(
  bindings: Record<string, unknown> = {},
): JobsLogger & { bindings: Record<string, unknown> } {
  const noop = () => {};
  return {
    bindings,
    info: noop,
    warn: noop,
    error: noop,
    debug: noop,
    child: (more) => bindingLogger({ ...bindings, ...more }),
  };
}

const probe = defineTask(
  'test_request_id_probe',
  z.strictObject({ n: z.number().int() }),
  async (payload, { logger }) => {
    payloadsSeen.push(payload);
    bindingsSeen.push((logger as ReturnType<typeof bindingLogger>).bindings);
  },
);

let t: TestDatabase;
let runner: JobsRunner | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await runner?.stop();
  await t?.drop();
});

it('carries the request id into the job, its logs and its timing', async () => {
  await requestContext.run({ requestId: 'req-0042' }, () =>
    scheduleJob(t.db.owner, { task: probe, payload: { n: 1 } }),
  );
  // Outside a request: nothing added.
  await scheduleJob(t.db.owner, { task: probe, payload: { n: 2 } });
  const { rows } = await t.db.owner.query<{ payload: Record<string, unknown> }>(
    `select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
      where k.identifier = 'test_request_id_probe' order by j.id`,
  );
  expect(rows.map((r) => r.payload)).toEqual([{ n: 1, _requestId: 'req-0042' }, { n: 2 }]);

  const metrics = createMetrics({ db: t.db, role: 'worker', defaultMetrics: false });
  runner = await startJobs({ ownerUrl: t.url, db: t.db, logger: bindingLogger(), pollInterval: 200 });
  metrics.observeJobs(runner.events);
  const deadline = Date.now() + 15_000;
  while (payloadsSeen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  expect(payloadsSeen).toEqual(expect.arrayContaining([{ n: 1 }, { n: 2 }]));
  const requestIds = bindingsSeen.map((b) => b.requestId);
  expect(requestIds.sort()).toEqual(['req-0042', undefined].sort());
  expect(bindingsSeen.every((b) => b.task === 'test_request_id_probe')).toBe(true);
  const text = await metrics.render();
  expect(text).toMatch(
    /huntzen_job_duration_seconds_count\{[^}]*task="test_request_id_probe"[^}]*outcome="success"[^}]*\} 2/,
  );
});
