// What HTTP requests cost, end to end over localhost, with autocannon (its client runs in a worker
// thread, so it does not share the server's event loop):
// - GET /healthz of the real application (buildApp) against a bare Fastify "hello" route;
// - read routes as an employee and as a practitioner on demo data (packages/db's demo generator) against the same SQL
//   through raw node-postgres behind a bare Fastify route, at the same concurrency and pool size.
//   "The same SQL" is captured from one request of the application itself (every statement it sends,
//   so the baseline follows the repositories as they change), minus transaction control, actor
//   settings and the session check: the data statements alone, as the owner, no transaction. The
//   owner's connections carry the employee's settings for the session (set once per connection),
//   so that SECURITY DEFINER functions answering signed-in callers only (directory_search) return
//   the same rows to the baseline as to the application.
// Each comparison alternates baseline and application in short slices (see `compare`), 3 rounds.
// Then one caller alone: each route's median latency, requests one after another, against the same
// for its raw SQL, with issue #13's goals for the directory (p50 under 50 ms for "available within
// 7 days" by next slot, under 30 ms for a text search, at db:demo volume).
// Options: `--volume small|full` (full: db:demo's volume, 1 M consultations; small by default);
// BENCH_QUICK=1 runs a tiny volume, one slice per side; HTTP_BENCH_SQL=1 prints the captured SQL;
// HTTP_BENCH_ONLY=<regular expression> measures only the matching rows (e.g. 'consultations|healthz').
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FieldCipher } from '@huntzen/crypto';
import { actorSettings, createDatabase, type Database } from '@huntzen/db';
import { generateDemoData } from '@huntzen/db/demo-data';
import { type RecordedStatement, recordStatements } from '@huntzen/db/testing/statements';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { signAccessToken } from '../apps/api/src/platform/auth/tokens';
import { createLogger } from '../apps/api/src/platform/logging';
import {
  type BenchDatabase,
  benchPool,
  type CpuTime,
  cpuClock,
  cpuPerOperation,
  QUICK,
  report,
  sized,
} from './harness';

const VOLUMES = {
  // `npm run db:demo -- --companies 20 --employees 10000 --practitioners 500 --consultations 1000000`
  full: { companies: 20, employees: 10_000, practitioners: 500, consultations: 1_000_000 },
  small: { companies: 5, employees: 1_000, practitioners: 60, consultations: 30_000 },
  quick: { companies: 2, employees: 40, practitioners: 6, consultations: 400 },
} as const;

const CONNECTIONS = sized(32, 8);
/** Connections of the application pool, and of the raw baseline's pool. */
const POOL = 8;
/** Slices per side of a comparison. */
const SLICES = sized(5, 1);
const ROUNDS = sized(3, 1);
/** The rows to measure (HTTP_BENCH_ONLY, a regular expression on their names): all by default. */
const only = new RegExp(process.env.HTTP_BENCH_ONLY ?? '');

/** `--volume small|full` from the command line (other options are left to other benchmarks). */
function volumeOption(): keyof typeof VOLUMES {
  if (QUICK) return 'quick';
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { volume: { type: 'string' } },
    strict: false,
  });
  const volume = values.volume ?? 'small';
  if (volume !== 'small' && volume !== 'full') throw new Error('--volume must be small or full');
  return volume;
}

interface Measure {
  /** Requests per second. */
  rate: number;
  /** Seconds measured. */
  seconds: number;
  /** Median latency in milliseconds. */
  p50: number;
  /** CPU ms per request (see cpuClock), when measured. */
  cpu?: CpuTime;
}

/** GET `url` with `headers` for `seconds` at CONNECTIONS; every answer must be a 2xx. */
async function measure(url: string, headers: Record<string, string>, seconds: number): Promise<Measure> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds, workers: 1 });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0 || result.requests.total === 0) {
    throw new Error(
      `${url}: ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return { rate: result.requests.total / result.duration, p50: result.latency.p50, seconds: result.duration };
}

/** Requests sent one after another: the median latency in ms of ALONE_REQUESTS, after a few unmeasured. */
const ALONE_REQUESTS = sized(60, 5);
async function aloneP50(url: string, headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = -5; i < ALONE_REQUESTS; i++) {
    const start = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    if (i >= 0) times.push(performance.now() - start);
  }
  return times.sort((x, y) => x - y)[Math.floor(times.length / 2)]!;
}

interface Target {
  url: string;
  headers?: Record<string, string>;
}

/**
 * Baseline and measured side by side in SLICES slices of `seconds` each, in the order A B B A A B…,
 * so that the load of a shared machine, which drifts from second to second, weighs on both alike.
 * A slice should last a few times the measured side's latency (a slice's last requests are lost).
 * With `clock`, each side's CPU per request too.
 */
async function compare(
  baseline: Target,
  measured: Target,
  seconds: number,
  clock?: () => CpuTime,
): Promise<[Measure, Measure]> {
  const sides = [baseline, measured];
  const zero = (): CpuTime => ({ node: 0, mainThread: 0, postgres: 0 });
  const totals = sides.map(() => ({ requests: 0, seconds: 0, p50s: [] as number[], cpu: zero() }));
  for (let slice = 0; slice < 2 * SLICES; slice++) {
    const side = [0, 1, 1, 0][slice % 4] as 0 | 1;
    const target = sides[side]!;
    const before = clock?.();
    const result = await measure(target.url, target.headers ?? {}, seconds);
    const total = totals[side]!;
    total.requests += result.rate * result.seconds;
    total.seconds += result.seconds;
    total.p50s.push(result.p50);
    if (before && clock) {
      // Totals here, per request below (the slice's last requests are counted when they end).
      const spent = cpuPerOperation(before, clock(), 1);
      const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
      total.cpu = {
        node: total.cpu.node + spent.node,
        mainThread: add(total.cpu.mainThread, spent.mainThread),
        postgres: add(total.cpu.postgres, spent.postgres),
      };
    }
  }
  const [a, b] = totals.map((t) => ({
    rate: t.requests / t.seconds,
    p50: t.p50s.sort((x, y) => x - y)[Math.floor(t.p50s.length / 2)] ?? Number.NaN,
    seconds: t.seconds,
    cpu: clock ? cpuPerOperation(zero(), t.cpu, t.requests) : undefined,
  }));
  return [a!, b!];
}

/**
 * How PostgreSQL planned `statements` on the application pool's connections (each prepares them
 * apart): the baseline plans its unnamed statements for their values every time, the application
 * reuses a generic plan after five custom ones when it looks no dearer (ADR 0004).
 */
async function plansOf(db: Database, statements: Statement[]): Promise<{ generic: number; custom: number }> {
  const clients = await Promise.all(Array.from({ length: POOL }, () => db.app.connect()));
  try {
    let [generic, custom] = [0, 0];
    for (const client of clients) {
      const { rows } = await client.query<{ generic: string; custom: string }>(
        `select coalesce(sum(generic_plans), 0) as generic, coalesce(sum(custom_plans), 0) as custom
           from pg_prepared_statements where statement = any($1::text[])`,
        [statements.map((s) => s.text)],
      );
      generic += Number(rows[0]?.generic ?? 0);
      custom += Number(rows[0]?.custom ?? 0);
    }
    return { generic, custom };
  } finally {
    for (const client of clients) client.release();
  }
}

/** "main thread 0.52 ms, postgres 0.80 ms" of a CPU split per request. */
function cpuText(cpu: CpuTime | undefined): string {
  if (!cpu || cpu.mainThread === null || cpu.postgres === null) return 'not measured';
  return `main thread ${cpu.mainThread.toFixed(2)} ms, postgres ${cpu.postgres.toFixed(2)} ms`;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

type Statement = RecordedStatement;

// Not data: transaction control, the actor's settings (and their statement, prepared once per
// connection), the session check.
const PLUMBING =
  /^\s*(begin|commit|rollback|set\s|reset\s|prepare\s+hz_open_|select\s+set_config\(|select\s+session_is_live\()/i;

/** The data statements the application sends to PostgreSQL while `run` runs. */
async function captureStatements(run: () => Promise<void>): Promise<Statement[]> {
  return (await recordStatements(run)).filter((s) => !PLUMBING.test(s.text));
}

/** Runs the benchmark and prints its ratios. */
export async function benchHttp(bench: BenchDatabase): Promise<void> {
  const volumeName = volumeOption();
  const volume = VOLUMES[volumeName];
  const key = randomBytes(32);
  const started = performance.now();
  // The run's database is shared with the other benchmarks: the demo adds companies and people of
  // its own (unique names and domains), and the routes below read only the data of the callers below.
  // The callers below are the demo's own (the other benchmarks' people, in the same database, have
  // agendas of their own shapes): the companies and practitioners that were not there before it.
  const idsOf = async (table: 'companies' | 'practitioners') =>
    (await bench.db.owner.query<{ id: string }>(`select id from ${table}`)).rows.map((r) => r.id);
  const [companiesBefore, practitionersBefore] = [await idsOf('companies'), await idsOf('practitioners')];
  await generateDemoData(bench.db, { ...volume, seed: 13, cipher: FieldCipher.fromKeys(key) });
  await bench.db.owner.query('analyze');
  console.info(
    `http: demo data (${volumeName}: ${volume.consultations} consultations) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  // The demo's employee with the most consultations, who has consented (the routes require it).
  const { rows } = await bench.db.owner.query<{
    user_id: string;
    employee_id: string;
    company_id: string;
    email: string;
  }>(
    `select e.user_id, e.id as employee_id, e.company_id, u.email
       from employees e join users u on u.id = e.user_id
      where u.is_active and e.consent_given_at is not null and u.two_factor_enabled is not true
        and e.company_id <> all($1::uuid[])
      order by (select count(*) from consultations c where c.employee_id = e.id) desc, e.id
      limit 1`,
    [companiesBefore],
  );
  const employee = rows[0];
  if (!employee) throw new Error('http bench: the demo data has no employee who consented');
  // The demo's validated practitioner with the most consultations in the coming month (their agenda, and
  // the free slots employees ask for).
  const { rows: practitionerRows } = await bench.db.owner.query<{
    user_id: string;
    practitioner_id: string;
    email: string;
  }>(
    `select p.user_id, p.id as practitioner_id, u.email
       from practitioners p join users u on u.id = p.user_id
      where u.is_active and p.is_validated and p.id <> all($1::uuid[])
      order by (select count(*) from consultations c
                 where c.practitioner_id = p.id and c.scheduled_at between now() and now() + interval '30 days') desc, p.id
      limit 1`,
    [practitionersBefore],
  );
  const practitioner = practitionerRows[0];
  if (!practitioner) throw new Error('http bench: the demo data has no validated practitioner');

  const dataDir = await mkdtemp(path.join(tmpdir(), 'huntzen-http-bench-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: bench.url,
    ENCRYPTION_KEY: key.toString('base64'),
    JWT_SECRET: randomBytes(32).toString('base64'),
    // As in production: info, and the probes left out of the request log.
    LOG_LEVEL: 'info',
    SEED_ON_START: 'false',
    ROLE: 'web',
    // As in production: answers by their compiled serializers alone.
    CHECK_RESPONSES: 'false',
  });
  const db = createDatabase({ url: bench.url, maxConnections: POOL });
  // Log lines go nowhere (the cost of formatting them stays, as in production).
  const app = await buildApp({ config, db, logger: createLogger(config, { write: () => {} }) });
  const bare = Fastify();
  bare.get('/hello', async () => ({ status: 'ok' }));
  /**
   * A signed-in caller: a live session and its access token for the application, and for the
   * baseline a pool of the owner whose connections carry the caller's settings for the whole session
   * (`-c name=value`, spaces and backslashes escaped): no statement of its own, none racing the
   * first query.
   */
  const signIn = async (claims: Omit<Parameters<typeof signAccessToken>[1], 'sessionId' | 'mfa'>) => {
    const sessionId = randomUUID();
    await bench.db.owner.query(
      `insert into refresh_tokens (token, user_id, family_id, expires_at)
       values ($1, $2, $3, now() + interval '1 day')`,
      [randomBytes(32).toString('hex'), claims.userId, sessionId],
    );
    const { token } = await signAccessToken(app.secrets.jwtSecret, { ...claims, sessionId, mfa: 'ok' });
    const settings = actorSettings({ ...claims });
    const raw = benchPool({
      connectionString: bench.url,
      max: POOL,
      options: Object.entries(settings)
        .map(([name, value]) => `-c ${name}=${value.replace(/([\\ ])/g, '\\$1')}`)
        .join(' '),
    });
    return { headers: { authorization: `Bearer ${token}` }, raw };
  };
  const callers = {
    employee: await signIn({
      userId: employee.user_id,
      role: 'EMPLOYEE',
      email: employee.email,
      companyId: employee.company_id,
      employeeId: employee.employee_id,
      practitionerId: null,
    }),
    practitioner: await signIn({
      userId: practitioner.user_id,
      role: 'PRACTITIONER',
      email: practitioner.email,
      companyId: null,
      employeeId: null,
      practitionerId: practitioner.practitioner_id,
    }),
  };
  try {
    const appUrl = await listen(app);
    const routes = [
      { name: 'GET /api/v1/consultations (employee)', path: '/api/v1/consultations', as: 'employee' },
      { name: 'GET /api/v1/consultations (practitioner)', path: '/api/v1/consultations', as: 'practitioner' },
      {
        name: 'GET /api/v1/practitioners?q=stress',
        path: '/api/v1/practitioners?q=stress',
        as: 'employee',
        aloneGoalMs: 30,
      },
      {
        name: 'GET /api/v1/practitioners?availableWithinDays=7&sort=nextSlot',
        path: '/api/v1/practitioners?availableWithinDays=7&sort=nextSlot',
        as: 'employee',
        aloneGoalMs: 50,
      },
      {
        name: 'GET /api/v1/practitioners?sort=nextSlot',
        path: '/api/v1/practitioners?sort=nextSlot',
        as: 'employee',
      },
      {
        name: 'GET /api/v1/practitioners/{id}/slots (7 days)',
        path: `/api/v1/practitioners/${practitioner.practitioner_id}/slots`,
        as: 'employee',
      },
    ] as const;
    const measuredRoutes = routes
      .filter((route) => only.test(route.name))
      .map((route, i) => ({ ...route, rawPath: `/raw/${i}`, statements: [] as Statement[] }));
    const get = async (route: (typeof measuredRoutes)[number]) => {
      const response = await fetch(`${appUrl}${route.path}`, { headers: callers[route.as].headers });
      if (!response.ok) throw new Error(`${route.path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    for (const route of measuredRoutes) {
      // The statements of a request in the steady state: the first read of the directory
      // computes and stores every practitioner's next free slot (practitioner_next_slots, ADR 0003),
      // the following ones read them (and compute only those time or a change made stale).
      await get(route);
      route.statements = await captureStatements(() => get(route));
      if (route.statements.length === 0) throw new Error(`${route.path}: no data statement captured`);
      if (process.env.HTTP_BENCH_SQL) console.info(route.statements.map((x) => x.text).join('\n---\n'));
      const { statements } = route;
      const { raw } = callers[route.as];
      // The baseline: the same statements in the same order, their rows as the JSON answer.
      bare.get(route.rawPath, async () => {
        let result: pg.QueryResult | undefined;
        for (const s of statements) result = await raw.query(s.text, s.values);
        return result?.rows ?? [];
      });
    }
    const bareUrl = await listen(bare);

    // Warm-up: connections, plans, JIT (in quick mode the single round is its own warm-up).
    if (!QUICK) await warmUp();
    async function warmUp() {
      await measure(`${appUrl}/healthz`, {}, 1);
      await measure(`${bareUrl}/hello`, {}, 1);
      for (const route of measuredRoutes) {
        await measure(`${appUrl}${route.path}`, callers[route.as].headers, 1);
        await measure(`${bareUrl}${route.rawPath}`, {}, 1);
      }
    }

    const clock = await cpuClock(bench.db.owner);
    for (let round = 1; round <= ROUNDS; round++) {
      const suffix = ROUNDS > 1 ? ` (round ${round})` : '';
      if (only.test('GET /healthz')) {
        const [hello, health] = await compare({ url: `${bareUrl}/hello` }, { url: `${appUrl}/healthz` }, 1);
        report(`http: GET /healthz${suffix}`, 'bare Fastify hello', hello.rate, health.rate);
      }
      for (const route of measuredRoutes) {
        const [baseline, measured] = await compare(
          { url: `${bareUrl}${route.rawPath}` },
          { url: `${appUrl}${route.path}`, headers: callers[route.as].headers },
          sized(2, 1),
          clock,
        );
        report(`http: ${route.name}${suffix}`, 'raw pg', baseline.rate, measured.rate);
        console.info(
          `${''.padEnd(6)}p50 ${measured.p50} ms (raw ${baseline.p50} ms), ${route.statements.length} data statement(s), ${CONNECTIONS} connections`,
        );
        console.info(
          `${''.padEnd(6)}CPU per request: ${cpuText(measured.cpu)} (raw: ${cpuText(baseline.cpu)})`,
        );
        const plans = await plansOf(db, route.statements);
        console.info(
          `${''.padEnd(6)}its data statements on the application's open connections (counted since each opened): ${plans.generic} generic plan(s), ${plans.custom} custom`,
        );
      }
    }
    for (const route of measuredRoutes) {
      const raw = await aloneP50(`${bareUrl}${route.rawPath}`, {});
      const measured = await aloneP50(`${appUrl}${route.path}`, callers[route.as].headers);
      const goal = 'aloneGoalMs' in route ? `, goal < ${route.aloneGoalMs} ms` : '';
      console.info(
        `${`http: one caller, ${route.name}`.padEnd(48)} p50 ${measured.toFixed(1)} ms (raw pg ${raw.toFixed(1)} ms${goal})`,
      );
    }
  } finally {
    await app.close();
    await bare.close();
    await db.close();
    for (const caller of Object.values(callers)) await caller.raw.end();
    await rm(dataDir, { recursive: true, force: true });
  }
}
