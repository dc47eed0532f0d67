// `npm run bench:load [-- --minutes 2] [--connections 8]`: a bounded soak of one HuntZen process
// (ROLE=all, as `npm start` runs it) on localhost with autocannon: a mixed workload of sign-ins,
// directory searches, free slots, bookings followed by their cancellation, notifications and chat
// history, all at once for a set time. Prints the throughput, p50/p99 latency and status codes per
// route, the error rate (5xx and transport errors must be 0; 4xx such as a slot taken by another
// booking or a rate limit are answers, not errors), and the process's memory (from its /metrics) at
// the start and at the end. Exits 1 on any error or when the resident memory grew more than
// MEMORY_BOUND_MIB. Traffic goes to 127.0.0.1 only; the run stops by itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FieldCipher } from '@huntzen/crypto';
import { createDatabase, ensureDatabase, migrate } from '@huntzen/db';
import { DEMO_PASSWORD, generateDemoData } from '@huntzen/db/demo-data';
import { findFreePort, startEmbeddedPostgres } from '@huntzen/db/embedded';
import { seedDatabase } from '@huntzen/db/seed';
import autocannon from 'autocannon';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Allowed growth of the resident memory between the warm start and the end of the run. */
const MEMORY_BOUND_MIB = 200;

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' },
    connections: { type: 'string', default: '8' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: false,
});
if (values.help) {
  console.info(
    'Usage: npm run bench:load -- [--minutes 2] [--connections 8]  (DATABASE_URL: use that server)',
  );
  process.exit(0);
}
const minutes = Number(values.minutes);
const connections = Number(values.connections);
if (
  !(minutes > 0 && minutes <= 60) ||
  !(Number.isInteger(connections) && connections >= 1 && connections <= 64)
) {
  console.error('bench:load: --minutes must be in (0, 60] and --connections a whole number in [1, 64]');
  process.exit(2);
}
const seconds = Math.max(5, Math.round(minutes * 60));

async function memory(metricsUrl: string): Promise<{ rss: number; heap: number }> {
  const text = await (await fetch(metricsUrl)).text();
  const read = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
  };
  return { rss: read('process_resident_memory_bytes'), heap: read('nodejs_heap_size_used_bytes') };
}
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function main(): Promise<number> {
  const work = await mkdtemp(path.join(tmpdir(), 'huntzen-load-'));
  await chmod(work, 0o755);
  let stopPg = async () => {};
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const server = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg') });
    adminUrl = server.adminUrl;
    stopPg = () => server.stop();
  }
  const name = `huntzen_load_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  let child: ChildProcess | undefined;
  try {
    console.info('bench:load: preparing a database with demo data…');
    await migrate(url);
    const key = randomBytes(32);
    const db = createDatabase({ url, maxConnections: 4 });
    await seedDatabase(db, { bcryptCost: 10 });
    await generateDemoData(db, {
      companies: 3,
      employees: 300,
      practitioners: 30,
      consultations: 3000,
      seed: 15,
      cipher: FieldCipher.fromKeys(key),
    });
    const employees = (
      await db.owner.query<{ email: string }>(
        `select u.email from users u join employees e on e.user_id = u.id
          where u.is_active and u.role = 'EMPLOYEE' and e.consent_given_at is not null
            and u.two_factor_enabled is not true
          order by u.email limit 20`,
      )
    ).rows.map((r) => r.email);
    if (employees.length < 2) throw new Error('the demo data has too few employees who can sign in');

    const port = await findFreePort();
    const metricsPort = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        ROLE: 'all',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: base,
        DATABASE_URL: url,
        DATA_DIR: path.join(work, 'data'),
        ENCRYPTION_KEY: key.toString('base64'),
        JWT_SECRET: randomBytes(32).toString('base64'),
        BCRYPT_COST: '10',
        SEED_ON_START: 'false',
        // Many users behind one address: the sign-in limit is per client address (X-Forwarded-For).
        TRUST_PROXY: 'true',
        LOG_LEVEL: 'warn',
        METRICS_PORT: String(metricsPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(path.join(work, 'api.log'));
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const exited = once(child, 'exit');
    for (let i = 0; ; i++) {
      const ready = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (i > 600 || child.exitCode !== null) throw new Error(`the API did not start: see ${work}/api.log`);
      await sleep(100);
    }

    // Sessions and the data the requests point at.
    const tokens: string[] = [];
    for (const [i, email] of employees.entries()) {
      const body = await json<{ accessToken?: string }>(
        await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${i + 1}` },
          body: JSON.stringify({ email, password: DEMO_PASSWORD }),
        }),
      );
      if (body.accessToken) tokens.push(body.accessToken);
    }
    if (tokens.length === 0) throw new Error('no demo employee could sign in');
    const auth = (i: number) => ({ authorization: `Bearer ${tokens[i % tokens.length]}` });
    const directory = await json<{ items: { id: string }[] }>(
      await fetch(`${base}/api/v1/practitioners?limit=20`, { headers: auth(0) }),
    );
    const practitionerIds = directory.items.map((p) => p.id);
    const from = new Date(Date.now() + 3 * 3600_000).toISOString();
    const to = new Date(Date.now() + 21 * 24 * 3600_000).toISOString();
    const freeSlots: { practitionerId: string; start: string }[] = [];
    for (const id of practitionerIds.slice(0, 10)) {
      const list = await json<{ slots: { start: string }[] }>(
        await fetch(`${base}/api/v1/practitioners/${id}/slots?from=${from}&to=${to}`, { headers: auth(0) }),
      );
      for (const slot of list.slots) freeSlots.push({ practitionerId: id, start: slot.start });
    }
    const chats = (
      await db.owner.query<{ id: string; email: string }>(
        `select c.id, u.email from consultations c join employees e on e.id = c.employee_id
           join users u on u.id = e.user_id
          where exists (select 1 from messages m where m.consultation_id = c.id) and u.email = any($1) limit 20`,
        [employees],
      )
    ).rows;
    await db.close();

    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
    const words = ['stress', 'anxiété', 'sommeil', 'burn-out', 'couple', 'travail', 'deuil', 'TCC'];
    const share = (weight: number) => Math.max(1, Math.round((connections * weight) / 8));
    let signInCount = 0;
    type Route = { name: string; connections: number; options: Partial<autocannon.Options> };
    const routes: Route[] = [
      {
        name: 'POST /auth/login',
        connections: share(1),
        options: {
          requests: [
            {
              method: 'POST',
              path: '/api/v1/auth/login',
              setupRequest: (req) => {
                signInCount += 1;
                return {
                  ...req,
                  headers: {
                    'content-type': 'application/json',
                    'x-forwarded-for': `10.${(signInCount >> 16) & 255}.${(signInCount >> 8) & 255}.${signInCount & 255}`,
                  },
                  body: JSON.stringify({ email: pick(employees), password: DEMO_PASSWORD }),
                };
              },
            },
          ],
        },
      },
      {
        name: 'GET /practitioners?q=',
        connections: share(2),
        options: {
          requests: [
            {
              method: 'GET',
              setupRequest: (req) => ({
                ...req,
                path: `/api/v1/practitioners?q=${encodeURIComponent(pick(words))}&limit=20`,
                headers: auth(Math.floor(Math.random() * 1000)),
              }),
            },
          ],
        },
      },
      {
        name: 'GET /practitioners/:id/slots',
        connections: share(2),
        options: {
          requests: [
            {
              method: 'GET',
              setupRequest: (req) => ({
                ...req,
                path: `/api/v1/practitioners/${pick(practitionerIds)}/slots?from=${from}&to=${to}`,
                headers: auth(Math.floor(Math.random() * 1000)),
              }),
            },
          ],
        },
      },
      {
        name: 'POST /consultations + /:id/cancel',
        connections: share(1),
        options: {
          requests: [
            {
              method: 'POST',
              path: '/api/v1/consultations',
              setupRequest: (req, ctx: object) => {
                const context = ctx as Record<string, unknown>;
                const slot = pick(freeSlots);
                const who = Math.floor(Math.random() * tokens.length);
                context.who = who;
                context.id = undefined;
                return {
                  ...req,
                  headers: { ...auth(who), 'content-type': 'application/json' },
                  body: JSON.stringify({
                    practitionerId: slot.practitionerId,
                    scheduledAt: slot.start,
                    format: 'VIDEO',
                  }),
                };
              },
              onResponse: (status, body, ctx: object) => {
                if (status === 201)
                  (ctx as Record<string, unknown>).id = (JSON.parse(body) as { id: string }).id;
              },
            },
            {
              method: 'POST',
              setupRequest: (req, ctx: object) => {
                const context = ctx as Record<string, unknown>;
                return {
                  ...req,
                  // Nothing booked (slot taken): cancelling an unknown id answers 404, a 4xx.
                  path: `/api/v1/consultations/${(context.id as string | undefined) ?? '00000000-0000-4000-8000-000000000000'}/cancel`,
                  headers: { ...auth(context.who as number), 'content-type': 'application/json' },
                  body: JSON.stringify({ reason: 'Charge de test' }),
                };
              },
            },
          ],
        },
      },
      {
        name: 'GET /notifications',
        connections: share(1),
        options: {
          requests: [
            {
              method: 'GET',
              setupRequest: (req) => ({
                ...req,
                path: '/api/v1/notifications?limit=20',
                headers: auth(Math.floor(Math.random() * 1000)),
              }),
            },
          ],
        },
      },
    ];
    if (chats.length > 0) {
      const chatTokens = new Map<string, string>();
      for (const [i, email] of employees.entries()) if (tokens[i]) chatTokens.set(email, tokens[i]!);
      routes.push({
        name: 'GET /consultations/:id/messages',
        connections: share(1),
        options: {
          requests: [
            {
              method: 'GET',
              setupRequest: (req) => {
                const chat = pick(chats.filter((c) => chatTokens.has(c.email)));
                return {
                  ...req,
                  path: `/api/v1/consultations/${chat.id}/messages?limit=30`,
                  headers: { authorization: `Bearer ${chatTokens.get(chat.email)}` },
                };
              },
            },
          ],
        },
      });
    }

    // Warm up (JIT, pools, caches), then the memory at the start.
    await autocannon({ url: base, connections: 2, duration: 3, requests: routes[1]!.options.requests });
    const before = await memory(metricsUrl);
    console.info(
      `bench:load: ${routes.length} routes, ${routes.reduce((n, r) => n + r.connections, 0)} connections, ${seconds} s — running…`,
    );
    const results = await Promise.all(
      routes.map((route) =>
        autocannon({
          url: base,
          connections: route.connections,
          duration: seconds,
          timeout: 10,
          ...route.options,
        }),
      ),
    );
    // Let the jobs the run queued (e-mails) finish, then the memory at the end.
    await sleep(2000);
    const after = await memory(metricsUrl);

    let total = 0;
    let errors = 0;
    console.info(
      `\n${'route'.padEnd(36)}${'requests'.padStart(10)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}  statuses`,
    );
    for (const [i, route] of routes.entries()) {
      const r = results[i]!;
      const statuses = Object.entries(r.statusCodeStats ?? {})
        .map(([code, { count }]) => `${code}:${count}`)
        .join(' ');
      const serverErrors = r['5xx'] + r.errors + r.timeouts;
      total += r.requests.total;
      errors += serverErrors;
      console.info(
        `${route.name.padEnd(36)}${String(r.requests.total).padStart(10)}${r.requests.average.toFixed(1).padStart(9)}${String(r.latency.p50).padStart(9)}${String(r.latency.p99).padStart(9)}  ${statuses}${serverErrors ? `  errors:${r.errors} timeouts:${r.timeouts}` : ''}`,
      );
    }
    const growth = after.rss - before.rss;
    console.info(
      `\nthroughput ${(total / seconds).toFixed(1)} req/s over ${seconds} s (${total} requests); errors (5xx, transport, timeouts) ${errors} = ${((100 * errors) / Math.max(1, total)).toFixed(3)} %`,
    );
    console.info(
      `memory: rss ${mib(before.rss)} → ${mib(after.rss)} (${growth >= 0 ? '+' : ''}${mib(growth)}, bound +${MEMORY_BOUND_MIB} MiB); heap used ${mib(before.heap)} → ${mib(after.heap)}`,
    );
    const ok = errors === 0 && growth <= MEMORY_BOUND_MIB * 1024 * 1024;
    console.info(ok ? 'bench:load: OK' : 'bench:load: FAILED (errors, or memory beyond the bound)');
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(20_000)]);
    return ok ? 0 : 1;
  } finally {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await client.end();
    await stopPg();
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
