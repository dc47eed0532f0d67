// Prometheus metrics (prom-client), one registry per process:
// - HTTP: requests and their duration per route PATTERN (`/api/v1/consultations/:id`, never the
//   URL: ids would make a series per resource), method and status; errors by problem code.
// - Database: connections of the owner and application pools (total, idle, waiting clients).
// - Jobs: the queue's depth per task and state (read from Graphile Worker's tables at scrape time,
//   so any instance tells the whole queue), and, in a process that runs jobs, their wait (due →
//   started) and run time per task and outcome.
// - Real time: the sockets connected to this instance.
// - E-mail: the queue by status.
// - The process: Node's default metrics (memory, event loop lag, GC, handles).
//
// Served at GET /metrics on the API's port when METRICS_TOKEN is set (bearer token), and/or on a
// port of its own (METRICS_PORT, bound to METRICS_HOST, 127.0.0.1 by default) — the only way to
// scrape a ROLE=worker process, which has no HTTP server otherwise.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROBLEM_CONTENT_TYPE } from '@huntzen/contracts';
import type { Database } from '@huntzen/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What Graphile Worker tells about a job in its events (the fields we read). */
interface JobEvent {
  job: { id: string | number; task_identifier: string; run_at: Date | string };
}

/** The jobs runner's event emitter (Graphile Worker's `runner.events`). */
export interface JobEvents {
  on(event: 'job:start', listener: (event: JobEvent) => void): unknown;
  on(event: 'job:success' | 'job:error' | 'job:failed', listener: (event: JobEvent) => void): unknown;
}

export interface Metrics {
  readonly registry: Registry;
  /** Times the jobs this process runs (call once with the runner's events). */
  observeJobs(events: JobEvents): void;
  /** Counts the sockets of this instance at each scrape. */
  observeSockets(count: () => number): void;
  /** The exposition text (Prometheus format). */
  render(): Promise<string>;
  readonly contentType: string;
}

// Latency buckets from 5 ms (a cached read) to 10 s (a slow export); jobs up to 2 minutes.
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
// A scrape must not hang on a stuck database: its queries give up after this.
const SCRAPE_QUERY_TIMEOUT_MS = 2000;

/** Creates the registry and every metric; the database gauges read `db` at scrape time. */
export function createMetrics(options: { db: Database; role: string; defaultMetrics?: boolean }): Metrics {
  const { db } = options;
  const registry = new Registry();
  registry.setDefaultLabels({ role: options.role });
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  new Gauge({
    name: 'huntzen_db_pool_connections',
    help: 'Connections of a database pool by state (total, idle) and clients waiting for one',
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      for (const [name, pool] of [
        ['owner', db.owner],
        ['app', db.app],
      ] as const) {
        this.set({ pool: name, state: 'total' }, pool.totalCount);
        this.set({ pool: name, state: 'idle' }, pool.idleCount);
        this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
      }
    },
  });

  new Gauge({
    name: 'huntzen_jobs_queue',
    help: 'Jobs in the queue per task and state (due, scheduled, running, failed for good)',
    labelNames: ['task', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await scrapeQuery<{ task: string; state: string; n: number }>(
        db,
        `select t.identifier as task,
                case when j.locked_at is not null then 'running'
                     when j.attempts >= j.max_attempts then 'failed'
                     when j.run_at > now() then 'scheduled'
                     else 'due' end as state,
                count(*)::int as n
           from graphile_worker._private_jobs j
           join graphile_worker._private_tasks t on t.id = j.task_id
          group by 1, 2`,
      );
      for (const row of rows) this.set({ task: row.task, state: row.state }, row.n);
    },
  });

  new Gauge({
    name: 'huntzen_email_queue',
    help: 'E-mails in the queue by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await scrapeQuery<{ status: string; n: number }>(
        db,
        'select status::text as status, count(*)::int as n from email_queue group by 1',
      );
      for (const row of rows) this.set({ status: row.status }, row.n);
    },
  });

  const jobDuration = new Histogram({
    name: 'huntzen_job_duration_seconds',
    help: 'Run time of the jobs this process ran, per task and outcome',
    labelNames: ['task', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers: [registry],
  });
  const jobWait = new Histogram({
    name: 'huntzen_job_wait_seconds',
    help: 'Time from a job being due to a worker starting it, per task',
    labelNames: ['task'] as const,
    buckets: JOB_BUCKETS,
    registers: [registry],
  });

  let sockets: (() => number) | null = null;
  new Gauge({
    name: 'huntzen_socket_connections',
    help: 'socket.io connections open on this instance',
    registers: [registry],
    collect() {
      this.set(sockets?.() ?? 0);
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    observeJobs(events) {
      const started = new Map<string, number>();
      events.on('job:start', ({ job }) => {
        started.set(String(job.id), performance.now());
        const due = new Date(job.run_at).getTime();
        jobWait.observe({ task: job.task_identifier }, Math.max(0, Date.now() - due) / 1000);
      });
      const done = (outcome: string) => (event: JobEvent) => {
        const id = String(event.job.id);
        const at = started.get(id);
        if (at === undefined) return;
        started.delete(id);
        jobDuration.observe({ task: event.job.task_identifier, outcome }, (performance.now() - at) / 1000);
      };
      events.on('job:success', done('success'));
      // 'job:error' is every failed attempt ('job:failed' the last one): one observation each.
      events.on('job:error', done('error'));
    },
    observeSockets(count) {
      sockets = count;
    },
    render: () => registry.metrics(),
  };
}

/** A read on the owner pool for a scrape: bounded in time, and empty (not a failed scrape) on error. */
async function scrapeQuery<T>(db: Database, text: string): Promise<T[]> {
  const client = await db.owner.connect();
  try {
    await client.query(`set statement_timeout = ${SCRAPE_QUERY_TIMEOUT_MS}`);
    return (await client.query(text)).rows as T[];
  } catch {
    return [];
  } finally {
    await client.query('reset statement_timeout').catch(() => {});
    client.release();
  }
}

/** Whether `header` is `Bearer <token>` (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const PROBLEM_CODE = /"code":"([A-Z_]+)"/;
/** The path of the metrics endpoint. */
export const METRICS_PATH = '/metrics';

/**
 * Times every request of `app` and counts its problem codes; serves GET /metrics when `token` is
 * given (401 without it: the figures tell load and failures, not for everyone).
 */
export function installMetrics(
  app: FastifyInstance,
  metrics: Metrics,
  options: { token?: string | undefined },
) {
  const requests = new Histogram({
    name: 'huntzen_http_request_duration_seconds',
    help: 'HTTP requests: duration per route pattern, method and status (its _count is the request rate)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [metrics.registry],
  });
  const errors = new Counter({
    name: 'huntzen_http_errors_total',
    help: 'HTTP error responses by problem code (RFC 9457 `code`) and route pattern',
    labelNames: ['code', 'route'] as const,
    registers: [metrics.registry],
  });
  const problemCodes = new WeakMap<FastifyRequest, string>();
  const routeOf = (request: FastifyRequest) => request.routeOptions.url ?? '(unmatched)';

  // Callback-style hooks: they run on every request (the probes included), and a promise each
  // would cost a microtask and an allocation per request for work that never waits.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      const type = String(reply.getHeader('content-type') ?? '');
      const code = type.startsWith(PROBLEM_CONTENT_TYPE) ? PROBLEM_CODE.exec(payload)?.[1] : undefined;
      if (code) problemCodes.set(request, code);
    }
    done(null, payload);
  });
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    const route = routeOf(request);
    if (route !== METRICS_PATH) {
      const status = reply.statusCode;
      requests.observe({ method: request.method, route, status: String(status) }, reply.elapsedTime / 1000);
      if (status >= 400) {
        errors.inc({ code: problemCodes.get(request) ?? `HTTP_${status}`, route });
      }
    }
    done();
  });

  if (options.token) {
    const token = options.token;
    app.get(
      METRICS_PATH,
      { config: { access: 'public' }, schema: { hide: true }, logLevel: 'warn' },
      async (request, reply) => {
        if (!bearerMatches(request.headers.authorization, token)) {
          return reply.status(401).header('www-authenticate', 'Bearer realm="metrics"').send();
        }
        return reply.type(metrics.contentType).send(await metrics.render());
      },
    );
  }
}

/** Serves GET /metrics on a port of its own (METRICS_PORT); the token, when set, is required there too. */
export async function startMetricsServer(
  metrics: Metrics,
  options: { port: number; host: string; token?: string | undefined },
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?', 1)[0] !== METRICS_PATH) {
      response.writeHead(404).end();
      return;
    }
    if (options.token && !bearerMatches(request.headers.authorization, options.token)) {
      response.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"' }).end();
      return;
    }
    metrics.render().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
