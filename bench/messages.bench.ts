// What the chat's send path costs, with THREADS threads whose 2 × THREADS participants each have a
// socket.io client connected to a listening API instance:
// (a) throughput — messages sent through the messages service (withActor + RLS, the participant,
//     window and rate-limit checks, AES-256-GCM encryption, the INSERT and its pg_notify, the in-app
//     notification, the e-mail state and keyed job, the audit row), every client sending at once,
//     counted until the call returns and until the recipient's socket has the message; against
//     plain INSERTs of the same already-encrypted rows through node-postgres by the owner (no RLS,
//     no checks, no side effects beyond the table's own triggers) — the fastest the table takes them;
// (b) latency — send → `message:new` at the receiving socket, p50/p99, a few senders at a time,
//     against the service call alone (send → commit) measured on the same messages.
// Every send must succeed and every message must reach its recipient: a failure stops the run.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CURRENT_CONSENT_VERSION, type Message } from '@huntzen/contracts';
import { messageContentContext } from '@huntzen/crypto';
import { createDatabase } from '@huntzen/db';
import { io, type Socket } from 'socket.io-client';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { createMessagesService } from '../apps/api/src/modules/messages';
import type { RequestActor } from '../apps/api/src/platform/auth';
import { signAccessToken } from '../apps/api/src/platform/auth/tokens';
import { installJobsSchema } from '../apps/api/src/platform/jobs';
import { createLogger } from '../apps/api/src/platform/logging';
import { REALTIME_PATH, type ServerToClientEvents } from '../apps/api/src/platform/realtime';
import { type BenchDatabase, benchPool, report, sized } from './harness';

/** Threads; each has an employee and a practitioner, both connected: 2 × THREADS sockets. */
const THREADS = sized(50, 5);
/** Messages each participant sends in the throughput run (CHAT_RULES allows 30 a minute each). */
const PER_CLIENT = sized(8, 2);
/** Latency run: messages in all, and how many senders at a time. */
const LATENCY_MESSAGES = sized(200, 10);
const LATENCY_CONCURRENCY = sized(8, 2);
/** Connections of the service's pool and of the plain INSERTs' pool alike. */
const POOL = 16;
const TEXT = 'Bonjour, merci pour la séance de mardi. Je voulais vous dire que la semaine se passe mieux. ';

interface Party {
  actor: RequestActor;
  consultationId: string;
  senderId: string;
  role: 'EMPLOYEE' | 'PRACTITIONER';
}

/** One company, THREADS employees and practitioners, a confirmed consultation per pair, a live session each. */
async function populate({ db }: BenchDatabase): Promise<Party[]> {
  await db.owner.query(`
    with c as (
      insert into companies (name, slug, email_domains, is_active)
      values ('Chat bench', 'chat-bench', '{@chat-bench.test}', true) returning id
    ), eu as (
      insert into users (email, password_hash, role, company_id, approved_at, email_verified)
      select 'e' || g || '@chat-bench.test', 'x', 'EMPLOYEE', c.id, now(), true
        from c, generate_series(1, ${THREADS}) g
      returning id, company_id
    )
    insert into employees (user_id, company_id, first_name, last_name, consent_given_at, consent_version)
    select id, company_id, 'E', 'Chat', now(), '${CURRENT_CONSENT_VERSION}' from eu`);
  await db.owner.query(`
    with pu as (
      insert into users (email, password_hash, role, approved_at, email_verified)
      select 'p' || g || '@chat-bench.test', 'x', 'PRACTITIONER', now(), true
        from generate_series(1, ${THREADS}) g
      returning id
    )
    insert into practitioners (user_id, first_name, last_name, title, specialty, bio, is_validated)
    select id, 'P', 'Chat', 'Dr.', 'PSYCHOLOGUE_CLINICIEN', 'bio', true from pu`);
  // Employee n with practitioner n, tomorrow.
  await db.owner.query(`
    insert into consultations (company_id, employee_id, practitioner_id, scheduled_at, scheduled_end_at,
                               duration, format, status, room_name)
    select e.company_id, e.id, p.id, now() + interval '1 day', now() + interval '1 day 50 minutes', 50,
           'VIDEO', 'CONFIRMED', 'hz-' || md5(e.id::text)
      from employees e join users eu on eu.id = e.user_id
      join users pu on pu.email = 'p' || substring(eu.email from 2)
      join practitioners p on p.user_id = pu.id
     where eu.email like '%@chat-bench.test'`);
  const { rows } = await db.owner.query<{
    consultation_id: string;
    company_id: string;
    employee_id: string;
    employee_user: string;
    practitioner_id: string;
    practitioner_user: string;
  }>(`
    select c.id as consultation_id, c.company_id, c.employee_id, e.user_id as employee_user,
           c.practitioner_id, p.user_id as practitioner_user
      from consultations c join employees e on e.id = c.employee_id
      join practitioners p on p.id = c.practitioner_id
     where c.room_name like 'hz-%' and e.first_name = 'E' and e.last_name = 'Chat'
     order by c.id`);
  if (rows.length !== THREADS) throw new Error(`expected ${THREADS} threads, got ${rows.length}`);
  const parties: Party[] = [];
  for (const r of rows) {
    const common = { mfa: 'ok' as const, ip: '203.0.113.9', userAgent: 'HuntZen bench' };
    parties.push({
      actor: {
        ...common,
        sessionId: randomUUID(),
        role: 'EMPLOYEE',
        userId: r.employee_user,
        email: `${r.employee_user}@chat-bench.test`,
        companyId: r.company_id,
        employeeId: r.employee_id,
        practitionerId: null,
      },
      consultationId: r.consultation_id,
      senderId: r.employee_id,
      role: 'EMPLOYEE',
    });
    parties.push({
      actor: {
        ...common,
        sessionId: randomUUID(),
        role: 'PRACTITIONER',
        userId: r.practitioner_user,
        email: `${r.practitioner_user}@chat-bench.test`,
        companyId: null,
        employeeId: null,
        practitionerId: r.practitioner_id,
      },
      consultationId: r.consultation_id,
      senderId: r.practitioner_id,
      role: 'PRACTITIONER',
    });
  }
  // A live session per participant: the socket handshake checks it as the HTTP guard does.
  await db.owner.query(
    `insert into refresh_tokens (token, user_id, family_id, expires_at)
     select md5(f::text) || md5(u::text), u, f, now() + interval '1 day'
       from unnest($1::uuid[], $2::uuid[]) as t(u, f)`,
    [parties.map((p) => p.actor.userId), parties.map((p) => p.actor.sessionId)],
  );
  await db.owner.query('analyze');
  return parties;
}

/** The p-th percentile (0–100) of `values`, in the unit given. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Runs the benchmark and prints its ratios. */
export async function benchMessages(bench: BenchDatabase): Promise<void> {
  const parties = await populate(bench);
  // Sending plans the "unread message" e-mail through Graphile Worker's queue: its schema must exist.
  await installJobsSchema(bench.url);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'huntzen-chat-bench-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: bench.url,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'false',
    ROLE: 'web',
    // As in production: answers by their compiled serializers alone.
    CHECK_RESPONSES: 'false',
  });
  const db = createDatabase({ url: bench.url, maxConnections: POOL });
  const owner = benchPool({ connectionString: bench.url, max: POOL });
  const app = await buildApp({ config, db, logger: createLogger(config) });
  const sockets: Socket[] = [];
  try {
    const cipher = app.cipher;
    // The service as the routes use it, on the pool of the listening instance's push.
    const service = createMessagesService({ db, cipher, logger: app.log });
    const sendAs = async (party: Party, content: string) => {
      const sent = await service.send(party.actor, party.consultationId, { content });
      if (!sent.id) throw new Error('send returned no message');
    };

    // (a) baseline first, before any socket listens: the same rows, encrypted beforehand, inserted
    // by the owner with the same concurrency, then removed so they count against no rate limit.
    const plainRows = parties.map((party) =>
      Array.from({ length: PER_CLIENT }, (_, k) => {
        const id = randomUUID();
        const sealed = cipher.encrypt(
          `${TEXT}${k}`,
          messageContentContext({ id, consultationId: party.consultationId }),
        );
        return [
          id,
          party.consultationId,
          party.senderId,
          party.role,
          sealed.encryptedContent,
          sealed.iv,
          sealed.authTag,
        ];
      }),
    );
    const insertPlain = (values: unknown[]) =>
      owner.query(
        `insert into messages (id, consultation_id, sender_id, sender_role, encrypted_content, iv, auth_tag,
                               message_type, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'TEXT', clock_timestamp())`,
        values,
      );
    // Warm-up of the plain path on throwaway rows.
    await Promise.all(
      parties.map((party) => {
        const id = randomUUID();
        const sealed = cipher.encrypt(
          TEXT,
          messageContentContext({ id, consultationId: party.consultationId }),
        );
        return insertPlain([
          id,
          party.consultationId,
          party.senderId,
          party.role,
          sealed.encryptedContent,
          sealed.iv,
          sealed.authTag,
        ]);
      }),
    );
    let start = performance.now();
    await Promise.all(
      plainRows.map(async (rows) => {
        for (const values of rows) await insertPlain(values);
      }),
    );
    const plain = (parties.length * PER_CLIENT) / ((performance.now() - start) / 1000);
    await owner.query('delete from messages where consultation_id = any($1::uuid[])', [
      parties.map((p) => p.consultationId),
    ]);
    await owner.query('vacuum analyze messages');

    // The instance and one socket per participant.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // Every delivery to a recipient (not the sender's own copy), by content, when it arrived.
    const arrivals = new Map<string, number>();
    await Promise.all(
      parties.map(async (party) => {
        const { token } = await signAccessToken(app.secrets.jwtSecret, {
          userId: party.actor.userId,
          role: party.actor.role,
          email: party.actor.email,
          companyId: party.actor.companyId ?? null,
          employeeId: party.actor.employeeId ?? null,
          practitionerId: party.actor.practitionerId ?? null,
          sessionId: party.actor.sessionId,
          mfa: 'ok',
        });
        const socket: Socket<ServerToClientEvents> = io(origin, {
          path: REALTIME_PATH,
          auth: { token },
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        sockets.push(socket as Socket);
        socket.on('message:new', (message: Message) => {
          if (!message.mine && message.content) arrivals.set(message.content, performance.now());
        });
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
      }),
    );
    const delivered = async (contents: string[], timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (contents.some((c) => !arrivals.has(c))) {
        if (Date.now() > deadline) {
          const missing = contents.filter((c) => !arrivals.has(c)).length;
          throw new Error(`${missing} of ${contents.length} messages never reached their recipient`);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    // Warm-up of the service path (connections, plans, module code), one message per participant.
    const warm = parties.map((_, i) => `${TEXT}warm ${i}`);
    await Promise.all(parties.map((party, i) => sendAs(party, warm[i]!)));
    await delivered(warm);

    // (a) every participant sends PER_CLIENT messages in turn, all at once.
    const sentAt = new Map<string, number>();
    const contents = parties.flatMap((_, i) =>
      Array.from({ length: PER_CLIENT }, (_, k) => `${TEXT}a ${i}.${k}`),
    );
    start = performance.now();
    await Promise.all(
      parties.map(async (party, i) => {
        for (let k = 0; k < PER_CLIENT; k++) {
          const content = `${TEXT}a ${i}.${k}`;
          sentAt.set(content, performance.now());
          await sendAs(party, content);
        }
      }),
    );
    const sentIn = performance.now() - start;
    await delivered(contents);
    const lastArrival = Math.max(...contents.map((c) => arrivals.get(c)!));
    const total = parties.length * PER_CLIENT;
    const serviceRate = total / (sentIn / 1000);
    const deliveredRate = total / ((lastArrival - start) / 1000);
    const underLoad = contents.map((c) => arrivals.get(c)! - sentAt.get(c)!);

    // (b) latency at a moderate pace: LATENCY_CONCURRENCY senders at a time.
    const toDeliver: number[] = [];
    const toCommit: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: LATENCY_CONCURRENCY }, async () => {
        for (let n = next++; n < LATENCY_MESSAGES; n = next++) {
          const party = parties[(n * 7) % parties.length]!;
          const content = `${TEXT}b ${n}`;
          const t0 = performance.now();
          await sendAs(party, content);
          toCommit.push(performance.now() - t0);
          await delivered([content], 10_000);
          toDeliver.push(arrivals.get(content)! - t0);
        }
      }),
    );

    console.info(
      `\nChat: ${THREADS} threads, ${parties.length} connected sockets, ${PER_CLIENT} messages per participant, all sending at once`,
    );
    report('messages service send (call returns)', 'plain INSERT (pg)', plain, serviceRate);
    report('messages service send → delivered to socket', 'plain INSERT (pg)', plain, deliveredRate);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.info(
      `${'send → message:new at recipient, under that load'.padEnd(48)} p50 ${ms(percentile(underLoad, 50))}  p99 ${ms(percentile(underLoad, 99))}`,
    );
    console.info(
      `${`send → message:new, ${LATENCY_CONCURRENCY} senders at a time`.padEnd(48)} p50 ${ms(percentile(toDeliver, 50))}  p99 ${ms(percentile(toDeliver, 99))}  (${(percentile(toDeliver, 50) / percentile(toCommit, 50)).toFixed(2)}× the send call's p50 ${ms(percentile(toCommit, 50))}, p99 ${ms(percentile(toCommit, 99))})`,
    );
  } finally {
    for (const socket of sockets) socket.disconnect();
    await app.close();
    await owner.end();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
