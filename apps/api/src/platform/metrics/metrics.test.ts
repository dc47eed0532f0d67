// /metrics on real PostgreSQL: the bearer token guards it, requests are timed per route pattern
// (never per URL), errors are counted by problem code, and the pools, the job queue, the e-mail
// queue and the sockets are read at scrape time. The separate metrics port answers the same.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { clientIp, signedIn } from '../../../test/identity';
import { createMetrics, type JobEvents, startMetricsServer } from './index';

const TOKEN = 'metrics-token-for-tests-0123456789';
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ env: { METRICS_TOKEN: TOKEN } });
});
afterAll(async () => {
  await t?.close();
});

const scrape = (authorization?: string) =>
  t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

/** The value of one series, e.g. `huntzen_jobs_queue{task="x",state="due"}` (labels in any order). */
function seriesValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    if (Object.entries(labels).every(([k, v]) => inside.includes(`${k}="${v}"`))) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return undefined;
}

describe('GET /metrics', () => {
  it('answers only with the bearer token', async () => {
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape(`Bearer ${TOKEN.replace('0', '1')}`)).statusCode).toBe(401);
    expect((await scrape(TOKEN)).statusCode).toBe(401);
    const ok = await scrape(`Bearer ${TOKEN}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('times requests per route pattern and counts errors by problem code', async () => {
    const me = await signedIn(t.app, t.db, 'EMPLOYEE');
    const id = randomUUID();
    for (let i = 0; i < 3; i++) await t.app.inject({ method: 'GET', url: '/healthz' });
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/v1/consultations/${id}`,
      headers: me.headers,
      remoteAddress: clientIp(),
    });
    expect(missing.statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(anonymous.statusCode).toBe(401);

    const text = (await scrape(`Bearer ${TOKEN}`)).body;
    expect(
      seriesValue(text, 'huntzen_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/healthz',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(3);
    expect(
      seriesValue(text, 'huntzen_http_request_duration_seconds_count', {
        route: '/api/v1/consultations/:id',
        status: '404',
      }),
    ).toBe(1);
    // The URL's id never becomes a label.
    expect(text).not.toContain(id);
    expect(
      seriesValue(text, 'huntzen_http_errors_total', {
        code: 'NOT_FOUND',
        route: '/api/v1/consultations/:id',
      }),
    ).toBe(1);
    expect(
      seriesValue(text, 'huntzen_http_errors_total', { code: 'UNAUTHENTICATED', route: '/api/v1/auth/me' }),
    ).toBe(1);
    // Scrapes are not counted.
    expect(text).not.toContain('route="/metrics"');
  });

  it('reads the pools, the job queue, the e-mail queue and the sockets at scrape time', async () => {
    await t.db.owner.query(
      `select graphile_worker.add_job('send_email_batch', '{}'::json, run_at => now() + interval '1 hour')`,
    );
    await t.db.owner.query(`select graphile_worker.add_job('refresh_counters', '{}'::json)`);
    const text = (await scrape(`Bearer ${TOKEN}`)).body;
    expect(seriesValue(text, 'huntzen_jobs_queue', { task: 'send_email_batch', state: 'scheduled' })).toBe(1);
    expect(seriesValue(text, 'huntzen_jobs_queue', { task: 'refresh_counters', state: 'due' })).toBe(1);
    expect(seriesValue(text, 'huntzen_db_pool_connections', { pool: 'app', state: 'total' })).toBeGreaterThan(
      0,
    );
    expect(seriesValue(text, 'huntzen_db_pool_connections', { pool: 'owner', state: 'waiting' })).toBe(0);
    expect(text).toContain('# TYPE huntzen_email_queue gauge');
    expect(text).toMatch(/^huntzen_socket_connections\{role="all"\} 0$/m);
  });
});

describe('the jobs of this process', () => {
  it('observes each job’s wait and run time per task and outcome', async () => {
    const metrics = createMetrics({ db: t.db, role: 'worker', defaultMetrics: false });
    const events = new EventEmitter();
    metrics.observeJobs(events as unknown as JobEvents);
    const job = (id: number) => ({
      job: { id, task_identifier: 'send_email_batch', run_at: new Date(Date.now() - 1500) },
    });
    events.emit('job:start', job(1));
    events.emit('job:success', job(1));
    events.emit('job:start', job(2));
    events.emit('job:error', job(2));
    const text = await metrics.render();
    expect(
      seriesValue(text, 'huntzen_job_duration_seconds_count', {
        task: 'send_email_batch',
        outcome: 'success',
      }),
    ).toBe(1);
    expect(
      seriesValue(text, 'huntzen_job_duration_seconds_count', { task: 'send_email_batch', outcome: 'error' }),
    ).toBe(1);
    expect(seriesValue(text, 'huntzen_job_wait_seconds_count', { task: 'send_email_batch' })).toBe(2);
    expect(seriesValue(text, 'huntzen_job_wait_seconds_bucket', { task: 'send_email_batch', le: '1' })).toBe(
      0,
    );
  });
});

describe('METRICS_PORT', () => {
  it('serves /metrics on a port of its own, with the token when one is set', async () => {
    const metrics = createMetrics({ db: t.db, role: 'worker' });
    const open = await startMetricsServer(metrics, { port: 0, host: '127.0.0.1' });
    const guarded = await startMetricsServer(metrics, { port: 0, host: '127.0.0.1', token: TOKEN });
    try {
      const plain = await fetch(`http://127.0.0.1:${open.port}/metrics`);
      expect(plain.status).toBe(200);
      const text = await plain.text();
      expect(text).toContain('process_resident_memory_bytes');
      expect(text).toContain('huntzen_jobs_queue');
      expect((await fetch(`http://127.0.0.1:${open.port}/other`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${guarded.port}/metrics`)).status).toBe(401);
      const authorized = await fetch(`http://127.0.0.1:${guarded.port}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(authorized.status).toBe(200);
    } finally {
      await open.close();
      await guarded.close();
    }
  });

  it('is not served on the API port without METRICS_TOKEN', async () => {
    const other = await buildTestApp();
    try {
      const out = await other.app.inject({ method: 'GET', url: '/metrics' });
      expect(out.body).not.toContain('huntzen_http_request_duration_seconds');
    } finally {
      await other.close();
    }
  });
});
