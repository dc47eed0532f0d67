// `npm run test:cluster`: HuntZen as several processes on one machine, as it runs scaled out.
// One PostgreSQL (the embedded one, in a temporary folder), one Redis (REDIS_URL, default
// redis://127.0.0.1:6379; skipped with a message when none answers), two ROLE=web and two
// ROLE=worker processes of `apps/api/src/main.ts`, and a small reverse proxy (http-proxy) in front
// of the web ones, round-robin, retrying a request that a stopped instance refused. It shows:
//   1. a user signed in on one web instance is signed in on the other;
//   2. a notification reaches the user's socket on the other instance (PostgreSQL NOTIFY), and a
//      "log out everywhere" on one closes the socket on the other (socket.io's Redis adapter);
//   3. booking e-mails and reminders are sent exactly once with two workers, one of which is stopped
//      (SIGTERM) while jobs are queued: none is lost, none is sent twice;
//   4. stopping a web instance (SIGTERM) under load through the proxy loses no request: it stops
//      accepting, finishes what it holds, and closes its sockets, which reconnect to the other;
//   5. an instance started with another ENCRYPTION_KEY refuses to start (the key canary).
// Prints one line per check and `N passed, N failed`; exits 1 on a failure. Everything it starts
// listens on 127.0.0.1 and is stopped at the end, and the run is bounded (about a minute).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { findFreePort, startEmbeddedPostgres } from '@huntzen/db/embedded';
import { migrate } from '@huntzen/db/migrate';
import httpProxy from 'http-proxy';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const EMPLOYEE = { email: 'marc.dupont@techcorp.com', password: 'Employee2025!' };
const PRACTITIONER_EMAIL = 'dr.sophie.martin@huntzen.care';

let passed = 0;
let failed = 0;
function check(what: string, ok: boolean, detail = ''): void {
  if (ok) passed += 1;
  else failed += 1;
  console.info(`${ok ? '  ✓' : '  ✗'} ${what}${detail ? ` — ${detail}` : ''}`);
}

/** Whether something answers on host:port (Redis). */
function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once('connect', () => {
      socket.write('PING\r\n');
      socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    });
    socket.once('error', () => done(false));
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// ------------------------------------------------------------------ the processes

interface Instance {
  name: string;
  role: 'web' | 'worker';
  port: number;
  metricsPort: number;
  child: ChildProcess;
  exited: Promise<number | null>;
}

function startInstance(
  name: string,
  role: 'web' | 'worker',
  env: NodeJS.ProcessEnv,
  ports: { port: number; metricsPort: number },
  logDir: string,
): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...env,
      ROLE: role,
      PORT: String(ports.port),
      HOST: '127.0.0.1',
      METRICS_PORT: String(ports.metricsPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(path.join(logDir, `${name}.log`));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { name, role, ...ports, child, exited };
}

async function metricsOf(instance: Instance): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${instance.metricsPort}/metrics`);
  return response.ok ? response.text() : '';
}

/** The sum of a metric's series whose labels include all of `labels`. */
function sumOf(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

// ------------------------------------------------------------------ the reverse proxy

interface Proxy {
  url: string;
  retried: number;
  failed: number;
  close(): Promise<void>;
}

/**
 * Round-robin over `targets`; a request is read whole first, so it can be sent again: to the next
 * instance when one refuses the connection (stopped), and for GET/HEAD also when the connection
 * drops before an answer. WebSocket upgrades go round-robin too (no sticky sessions needed: the
 * clients use the websocket transport only).
 */
async function startProxy(targets: string[]): Promise<Proxy> {
  const proxy = httpProxy.createProxyServer({
    xfwd: true,
    proxyTimeout: 30_000,
    agent: new http.Agent({ keepAlive: false }),
  });
  const downUntil = new Map<string, number>();
  let next = 0;
  const pick = () => {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[next++ % targets.length]!;
      if ((downUntil.get(target) ?? 0) < Date.now()) return target;
    }
    return targets[next++ % targets.length]!;
  };
  const stats = { retried: 0, failed: 0 };
  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, attempt: number) => {
    const target = pick();
    const retry = () => {
      downUntil.set(target, Date.now() + 2000);
      stats.retried += 1;
      forward(req, res, body, attempt + 1);
    };
    (req as http.IncomingMessage & { retry?: () => void }).retry = attempt < 4 ? retry : undefined;
    proxy.web(
      req,
      res,
      { target, buffer: Readable.from([body]), selfHandleResponse: true },
      (err: NodeJS.ErrnoException) => {
        const refused = err.code === 'ECONNREFUSED';
        const dropped =
          ['ECONNRESET', 'EPIPE'].includes(err.code ?? '') && ['GET', 'HEAD'].includes(req.method ?? '');
        if ((refused || dropped) && attempt < 4 && !res.headersSent) return retry();
        stats.failed += 1;
        if (!res.headersSent) res.writeHead(502);
        res.end();
      },
    );
  };
  // An instance that is closing answers the requests it has not started with 503 (Fastify's
  // return503OnClosing, a plain JSON body, not one of our problem documents): send those elsewhere.
  proxy.on('proxyRes', (proxyRes, req, res) => {
    const closing =
      proxyRes.statusCode === 503 && !String(proxyRes.headers['content-type'] ?? '').includes('problem+json');
    const state = req as http.IncomingMessage & { retry?: () => void };
    if (closing && state.retry) {
      proxyRes.resume();
      state.retry();
      return;
    }
    res.writeHead(proxyRes.statusCode ?? 502, proxyRes.headers);
    proxyRes.pipe(res);
  });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), 0));
  });
  server.on('upgrade', (req, socket, head) => {
    proxy.ws(req, socket, head, { target: pick() }, () => socket.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get retried() {
      return stats.retried;
    },
    get failed() {
      return stats.failed;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        proxy.close();
      }),
  };
}

// ------------------------------------------------------------------ HTTP helpers

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(EMPLOYEE),
  });
  const body = (await response.json()) as { status?: string; accessToken?: string };
  if (!body.accessToken) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(body)}`);
  return body.accessToken;
}

const authorized = (token: string) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
});

function connectSocket(origin: string, token: string, reconnection = false): Promise<Socket> {
  const socket = io(origin, {
    path: '/socket.io',
    auth: { token },
    transports: ['websocket'],
    reconnection,
    reconnectionDelay: 200,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => (reconnection ? undefined : reject(e)));
  });
}

/** The `.eml` files written so far (no SMTP server: the transport writes DATA_DIR/mail). */
async function sentMail(dataDir: string): Promise<{ file: string; key: string }[]> {
  const dir = path.join(dataDir, 'mail');
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith('.eml'));
  const out: { file: string; key: string }[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    // Two sends of one e-mail differ only by Message-ID and Date: compare the rest.
    const stable = text
      .split(/\r?\n/)
      .filter((line) => !/^(message-id|date):/i.test(line))
      .join('\n')
      // MIME boundaries are random per message.
      .replace(/-{2,}[_=A-Za-z0-9.-]{8,}/g, '--boundary');
    out.push({ file, key: createHash('sha256').update(stable).digest('hex') });
  }
  return out;
}

// ------------------------------------------------------------------ the run

async function main(): Promise<void> {
  if (!(await reachable(REDIS_URL))) {
    console.info(
      `test:cluster: SKIPPED — no Redis answers at ${REDIS_URL} (set REDIS_URL to a Redis server to run it).`,
    );
    return;
  }
  const started = Date.now();
  const work = await mkdtemp(path.join(tmpdir(), 'huntzen-cluster-'));
  await chmod(work, 0o755); // the embedded server runs as the postgres user when we are root
  const dataDir = path.join(work, 'data');
  console.info(`test:cluster: working in ${work} (logs of each process there)`);

  const pgServer = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg') });
  const instances: Instance[] = [];
  let proxy: Proxy | undefined;
  const sockets: Socket[] = [];
  try {
    const admin = new pg.Client({ connectionString: pgServer.adminUrl });
    await admin.connect();
    const dbName = `huntzen_cluster_${randomBytes(3).toString('hex')}`;
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = pgServer.urlFor(dbName);
    await migrate(url);
    const { installJobsSchema } = await import('../apps/api/src/platform/jobs/install');
    await installJobsSchema(url);
    const { createDatabase } = await import('@huntzen/db');
    const { seedDatabase } = await import('@huntzen/db/seed');
    const owner = createDatabase({ url, maxConnections: 2 });
    await seedDatabase(owner, { bcryptCost: 10 });
    // The seed employee accepts the current consent (booking needs it).
    const { CURRENT_CONSENT_VERSION } = await import('@huntzen/contracts');
    await owner.owner.query(
      `update employees set consent_given_at = now(), consent_version = $1
        where user_id = (select id from users where email = $2)`,
      [CURRENT_CONSENT_VERSION, EMPLOYEE.email],
    );

    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      REDIS_URL,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      JWT_SECRET: randomBytes(32).toString('base64'),
      SEED_ON_START: 'false',
      BCRYPT_COST: '10',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'info',
      API_DOCS: 'off',
    };
    const portsOf = async () => ({ port: await findFreePort(), metricsPort: await findFreePort() });
    // The first instance alone writes the key canary; the others then check it.
    instances.push(startInstance('web-a', 'web', env, await portsOf(), work));
    await waitFor(
      'web-a ready',
      async () => (await fetch(`http://127.0.0.1:${instances[0]!.port}/readyz`)).ok,
      180_000,
    );
    instances.push(startInstance('web-b', 'web', env, await portsOf(), work));
    instances.push(startInstance('worker-1', 'worker', env, await portsOf(), work));
    instances.push(startInstance('worker-2', 'worker', env, await portsOf(), work));
    const [webA, webB, worker1, worker2] = instances as [Instance, Instance, Instance, Instance];
    await waitFor(
      'web-b ready',
      async () => (await fetch(`http://127.0.0.1:${webB.port}/readyz`)).ok,
      180_000,
    );
    for (const worker of [worker1, worker2]) {
      await waitFor(
        `${worker.name} ready`,
        async () => (await metricsOf(worker)).includes('huntzen_jobs_queue'),
        180_000,
      );
    }
    const a = `http://127.0.0.1:${webA.port}`;
    const b = `http://127.0.0.1:${webB.port}`;
    proxy = await startProxy([a, b]);
    console.info(
      `test:cluster: 2 web + 2 worker instances up in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    // 1. A session opened on A works on B (stateless access token, sessions in PostgreSQL).
    const token = await signIn(a);
    const me = await fetch(`${b}/api/v1/auth/me`, { headers: authorized(token) });
    check('a user signed in on web-a is signed in on web-b', me.ok, `GET /auth/me on web-b: ${me.status}`);

    // 2. Real time across instances.
    const onB = await connectSocket(b, token);
    sockets.push(onB);
    const received: string[] = [];
    onB.on('notification:new', (n: { id: string }) => received.push(n.id));
    const { rows: users } = await owner.owner.query<{ id: string }>('select id from users where email = $1', [
      EMPLOYEE.email,
    ]);
    const employeeUserId = users[0]!.id;
    const { rows: created } = await owner.owner.query<{ id: string }>(
      `insert into notifications (user_id, type, title, message) values ($1, 'SYSTEM', 'Cluster', 'Bonjour') returning id`,
      [employeeUserId],
    );
    await waitFor('the notification on web-b', async () => received.includes(created[0]!.id), 10_000).catch(
      () => {},
    );
    check('a notification created elsewhere reaches the socket on web-b', received.includes(created[0]!.id));

    let reason = '';
    onB.on('disconnect', (why) => {
      reason = why;
    });
    const secondToken = await signIn(b);
    const logoutAll = await fetch(`${a}/api/v1/auth/logout-all`, {
      method: 'POST',
      headers: authorized(secondToken),
      body: '{}',
    });
    await waitFor('the disconnection on web-b', async () => reason, 10_000).catch(() => {});
    check(
      '"log out everywhere" on web-a closes the socket on web-b (Redis adapter)',
      logoutAll.status === 204 && reason === 'io server disconnect',
      `status ${logoutAll.status}, reason "${reason}"`,
    );

    // 3. Jobs exactly once with two workers, one stopped while jobs wait.
    const session = await signIn(proxy.url);
    const { rows: practitioners } = await owner.owner.query<{ id: string }>(
      'select p.id from practitioners p join users u on u.id = p.user_id where u.email = $1',
      [PRACTITIONER_EMAIL],
    );
    const practitionerId = practitioners[0]!.id;
    const from = new Date(Date.now() + 3 * 3600_000).toISOString();
    const to = new Date(Date.now() + 14 * 24 * 3600_000).toISOString();
    const slots = (await (
      await fetch(`${proxy.url}/api/v1/practitioners/${practitionerId}/slots?from=${from}&to=${to}`, {
        headers: authorized(session),
      })
    ).json()) as { slots?: { start: string }[] };
    const chosen = (slots.slots ?? []).filter((_, i) => i % 3 === 0).slice(0, 4);
    const booked: string[] = [];
    for (const slot of chosen) {
      const response = await fetch(`${proxy.url}/api/v1/consultations`, {
        method: 'POST',
        headers: authorized(session),
        body: JSON.stringify({ practitionerId, scheduledAt: slot.start, format: 'VIDEO' }),
      });
      if (response.status === 201) booked.push(((await response.json()) as { id: string }).id);
    }
    check(
      'consultations booked through the proxy',
      booked.length === chosen.length && booked.length > 0,
      `${booked.length}/${chosen.length}`,
    );
    // Reminders are due hours ahead: make them due now, then stop one worker while they wait.
    await owner.owner.query(
      `update graphile_worker._private_jobs set run_at = now()
        where task_id in (select id from graphile_worker._private_tasks where identifier = 'send_consultation_reminder')`,
    );
    worker1.child.kill('SIGTERM');
    const worker1Code = await Promise.race([worker1.exited, sleep(25_000).then(() => 'timeout')]);
    check(
      'worker-1 stops gracefully (SIGTERM) while jobs are queued',
      worker1Code === 0,
      `exit ${worker1Code}`,
    );
    const pending = async () =>
      (
        await owner.owner.query<{ n: number }>(
          `select count(*)::int as n from graphile_worker._private_jobs j
             join graphile_worker._private_tasks t on t.id = j.task_id
            where t.identifier in ('send_consultation_emails', 'send_consultation_reminder', 'send_email_batch',
                                   'send_notification_email') and j.attempts < j.max_attempts`,
        )
      ).rows[0]!.n;
    await waitFor('the queue to drain', async () => (await pending()) === 0, 45_000).catch(() => {});
    const left = await pending();
    const { rows: leftRows } = await owner.owner.query(
      `select j.id, t.identifier, j.key, j.run_at, j.attempts, j.locked_at, j.locked_by from graphile_worker._private_jobs j
         join graphile_worker._private_tasks t on t.id = j.task_id`,
    );
    check(
      'every queued job ran (none dropped with worker-1)',
      left === 0,
      left === 0 ? '' : `${left} left: ${JSON.stringify(leftRows)}`,
    );
    const { rows: failures } = await owner.owner.query<{ n: number }>(
      'select count(*)::int as n from graphile_worker._private_jobs where last_error is not null',
    );
    check('no job failed', failures[0]!.n === 0, `${failures[0]!.n} with an error`);
    // Let the e-mail batches of the last jobs finish writing.
    await sleep(1500);
    const mails = await sentMail(dataDir);
    const byContent = new Map<string, number>();
    for (const m of mails) byContent.set(m.key, (byContent.get(m.key) ?? 0) + 1);
    const duplicates = [...byContent.values()].filter((n) => n > 1).length;
    check(
      'e-mails (confirmations and reminders) sent exactly once',
      mails.length >= booked.length * 2 && duplicates === 0,
      `${mails.length} e-mails, ${duplicates} sent twice`,
    );
    const { rows: reminders } = await owner.owner.query<{ n: number }>(
      `select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'send_consultation_reminder'`,
    );
    check('no reminder left to send twice', reminders[0]!.n === 0);
    const ran2 = sumOf(await metricsOf(worker2), 'huntzen_job_duration_seconds_count');
    console.info(`    (worker-2 ran ${ran2} jobs; its /metrics on port ${worker2.metricsPort})`);

    // 4. A web instance stopped under load through the proxy.
    const viaProxy = await connectSocket(proxy.url, session, true);
    sockets.push(viaProxy);
    let reconnected = 0;
    viaProxy.io.on('reconnect', () => {
      reconnected += 1;
    });
    const statuses = new Map<number, number>();
    let stop = false;
    let sent = 0;
    const loop = async (i: number) => {
      while (!stop) {
        const target =
          i % 2 === 0
            ? `${proxy!.url}/api/v1/auth/me`
            : `${proxy!.url}/api/v1/practitioners/${practitionerId}/slots?from=${from}&to=${to}`;
        sent += 1;
        const status = await fetch(target, { headers: authorized(session) }).then(
          async (r) => {
            await r.arrayBuffer();
            return r.status;
          },
          () => 0,
        );
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    const loops = Array.from({ length: 8 }, (_, i) => loop(i));
    await sleep(1500);
    webA.child.kill('SIGTERM');
    const webACode = await Promise.race([webA.exited, sleep(25_000).then(() => 'timeout')]);
    await sleep(1500);
    stop = true;
    await Promise.all(loops);
    const ok = statuses.get(200) ?? 0;
    const bad = sent - ok;
    check('web-a stops gracefully (SIGTERM) under load', webACode === 0, `exit ${webACode}`);
    check(
      'no request lost while web-a stopped',
      bad === 0 && proxy.failed === 0,
      `${sent} requests, ${ok} answered 200, ${bad} not (${JSON.stringify(Object.fromEntries(statuses))}); proxy retried ${proxy.retried}, failed ${proxy.failed}`,
    );
    await waitFor('the socket to reconnect', async () => viaProxy.connected && reconnected > 0, 15_000).catch(
      () => {},
    );
    // A socket that was on web-b stays; one that was on web-a was closed and reconnected to web-b.
    const { rows: again } = await owner.owner.query<{ id: string }>(
      `insert into notifications (user_id, type, title, message) values ($1, 'SYSTEM', 'Encore', 'Bonjour') returning id`,
      [employeeUserId],
    );
    const afterStop: string[] = [];
    viaProxy.on('notification:new', (n: { id: string }) => afterStop.push(n.id));
    await waitFor(
      'the notification after the stop',
      async () => afterStop.includes(again[0]!.id),
      10_000,
    ).catch(() => {});
    check(
      'the socket through the proxy is connected after the stop and receives notifications',
      viaProxy.connected && afterStop.includes(again[0]!.id),
      `reconnections: ${reconnected}`,
    );

    // 5. An instance given another encryption key refuses to start (key canary, 0029).
    const wrong = startInstance(
      'web-wrong-key',
      'web',
      { ...env, ENCRYPTION_KEY: randomBytes(32).toString('base64') },
      await portsOf(),
      work,
    );
    instances.push(wrong);
    const wrongCode = await Promise.race([wrong.exited, sleep(180_000).then(() => 'timeout')]);
    const wrongLog = await readFile(path.join(work, 'web-wrong-key.log'), 'utf8');
    check(
      'an instance with another encryption key refuses to start',
      wrongCode === 1 && wrongLog.includes("cannot decrypt this database's key canary"),
      `exit ${wrongCode}`,
    );
    await owner.close();
  } finally {
    for (const socket of sockets) socket.disconnect();
    await proxy?.close();
    for (const instance of instances) {
      if (instance.child.exitCode === null && instance.child.signalCode === null)
        instance.child.kill('SIGTERM');
    }
    await Promise.race([Promise.all(instances.map((i) => i.exited)), sleep(25_000)]);
    for (const instance of instances) if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
    await pgServer.stop();
    if (failed === 0 && !process.env.KEEP_CLUSTER_LOGS) await rm(work, { recursive: true, force: true });
  }
  console.info(`test:cluster: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

try {
  await main();
} catch (error) {
  failed += 1;
  console.error(`test:cluster: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
console.info(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
