// Booking throughput under 32 concurrent clients: the real booking service (withActor + RLS, the
// employee, consent, practitioner and free-slot checks, the exclusion constraints, the
// Idempotency-Key claim, the event, audit row, notification and e-mail job) against plain INSERTs
// of the same consultation rows by the owner (no RLS, no checks, no side effects) — the fastest
// the database could take them. Each client is one employee booking a series of slots; at any
// hour every client books a different practitioner, so nothing conflicts and every booking must
// succeed (a failure stops the benchmark: its rate would mean nothing).
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CURRENT_CONSENT_VERSION } from '@huntzen/contracts';
import { FieldCipher } from '@huntzen/crypto';
import { createDatabase } from '@huntzen/db';
import { recordStatements } from '@huntzen/db/testing/statements';
import type pg from 'pg';
import { createBookingService } from '../apps/api/src/modules/consultations/booking.service';
import type { RequestActor } from '../apps/api/src/platform/auth';
import { installJobsSchema } from '../apps/api/src/platform/jobs';
import { type BenchDatabase, benchPool, cpuClock, cpuPerOperation, report, sized } from './harness';

const CLIENTS = sized(32, 4);
/** Bookings per client and run: CLIENTS × PER_CLIENT rows per measurement. */
const PER_CLIENT = sized(10, 2);
/** Bookings per client before measuring (beyond PostgreSQL's five custom plans per statement). */
const WARM_UP = sized(8, 2);
const HOUR = 3_600_000;
const DURATION_MIN = 50;

interface Client {
  employeeId: string;
  userId: string;
  companyId: string;
}

/** One company, CLIENTS consenting employees and CLIENTS practitioners open all day (UTC, hourly slots). */
async function populate({ db }: BenchDatabase) {
  await db.owner.query(`
    with c as (
      insert into companies (name, slug, email_domains, is_active)
      values ('Booking bench', 'booking-bench', '{@booking-bench.test}', true) returning id
    ), eu as (
      insert into users (email, password_hash, role, company_id, approved_at)
      select 'be' || g || '@booking-bench.test', 'x', 'EMPLOYEE', c.id, now()
        from c, generate_series(1, ${CLIENTS}) g
      returning id, company_id
    )
    insert into employees (user_id, company_id, first_name, last_name, consent_given_at, consent_version)
    select id, company_id, 'E', 'Booking', now(), '${CURRENT_CONSENT_VERSION}' from eu`);
  await db.owner.query(`
    with pu as (
      insert into users (email, password_hash, role, approved_at)
      select 'bp' || g || '@booking-bench.test', 'x', 'PRACTITIONER', now() from generate_series(1, ${CLIENTS}) g
      returning id
    )
    insert into practitioners (user_id, first_name, last_name, title, specialty, bio, is_validated,
                               timezone, buffer_time, default_duration)
    select id, 'P', 'Booking', 'Dr.', 'PSYCHOLOGUE_CLINICIEN', 'bio', true, 'UTC', 10, ${DURATION_MIN} from pu`);
  // 50-minute slots + 10-minute buffer: a slot on every whole UTC hour, every day.
  await db.owner.query(`
    insert into availabilities (practitioner_id, type, day_of_week, start_time, end_time, slot_duration)
    select p.id, 'RECURRING', d, '00:00', '24:00', ${DURATION_MIN}
      from practitioners p join users u on u.id = p.user_id and u.email like '%@booking-bench.test'
      cross join generate_series(0, 6) d`);
  await db.owner.query('analyze');
  const clients = (
    await db.owner.query<{ id: string; user_id: string; company_id: string }>(
      `select e.id, e.user_id, e.company_id from employees e join users u on u.id = e.user_id
        where u.email like '%@booking-bench.test' order by u.email`,
    )
  ).rows.map((r): Client => ({ employeeId: r.id, userId: r.user_id, companyId: r.company_id }));
  const practitioners = (
    await db.owner.query<{ id: string }>(
      `select p.id from practitioners p join users u on u.id = p.user_id
        where u.email like '%@booking-bench.test' order by u.email`,
    )
  ).rows.map((r) => r.id);
  return { clients, practitioners };
}

/** The k-th booking of client c in a block of hours starting at `first`: no two clash. */
function bookingOf(first: Date, clients: Client[], practitioners: string[], c: number, k: number) {
  const client = clients[c]!;
  const scheduledAt = new Date(first.getTime() + k * HOUR);
  return { client, practitionerId: practitioners[(c + k) % practitioners.length]!, scheduledAt };
}

/** Runs CLIENTS clients at once, each doing its PER_CLIENT operations in turn; returns ops/s. */
async function concurrently(op: (c: number, k: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let k = 0; k < PER_CLIENT; k++) await op(c, k);
    }),
  );
  return (CLIENTS * PER_CLIENT) / ((performance.now() - start) / 1000);
}

/** Runs the benchmark and prints its ratios. */
export async function benchBooking(bench: BenchDatabase): Promise<void> {
  const { clients, practitioners } = await populate(bench);
  // Booking schedules its e-mails through Graphile Worker's queue: its schema must exist.
  await installJobsSchema(bench.url);
  // One connection per client for both sides, so neither waits on a pool the other does not.
  const db = createDatabase({ url: bench.url, maxConnections: CLIENTS });
  const owner = benchPool({ connectionString: bench.url, max: CLIENTS });
  const booking = createBookingService({
    db,
    cipher: FieldCipher.fromKeys(randomBytes(32)),
    publicUrl: 'http://localhost:3000',
  });
  const actorOf = (client: Client): RequestActor => ({
    role: 'EMPLOYEE',
    userId: client.userId,
    email: `${client.userId}@booking-bench.test`,
    companyId: client.companyId,
    employeeId: client.employeeId,
    sessionId: randomUUID(),
    mfa: 'ok',
    ip: '203.0.113.9',
    userAgent: 'HuntZen bench',
  });
  // Blocks of PER_CLIENT hours, past the 2-hour minimum notice, one per measurement.
  const nextHour = Math.ceil(Date.now() / HOUR) * HOUR;
  const block = (n: number) => new Date(nextHour + (3 + n * (PER_CLIENT + 4)) * HOUR);
  const book = (first: Date, idempotent: boolean) => async (c: number, k: number) => {
    const b = bookingOf(first, clients, practitioners, c, k);
    const answer = await booking.book(
      actorOf(b.client),
      { practitionerId: b.practitionerId, scheduledAt: b.scheduledAt.toISOString(), format: 'VIDEO' },
      idempotent ? randomUUID() : undefined,
    );
    if (answer.status !== 201) throw new Error(`booking answered ${answer.status}`);
  };
  const insertPlain = (first: Date) => (c: number, k: number) => {
    const b = bookingOf(first, clients, practitioners, c, k);
    return owner.query(
      `insert into consultations (id, company_id, employee_id, practitioner_id, scheduled_at,
                                  scheduled_end_at, duration, format, status, room_name)
       values ($1, $2, $3, $4, $5, $6, $7, 'VIDEO', 'SCHEDULED', $8)`,
      [
        randomUUID(),
        b.client.companyId,
        b.client.employeeId,
        b.practitionerId,
        b.scheduledAt,
        new Date(b.scheduledAt.getTime() + DURATION_MIN * 60_000),
        DURATION_MIN,
        `hz-${randomBytes(16).toString('hex')}`,
      ],
    );
  };

  try {
    // Warm-up (connections, module code, plans) on the last block, as long as it needs. PostgreSQL's
    // plan cache plans a prepared statement afresh for its first five runs on a connection before it
    // may keep a generic plan: each client books WARM_UP times first, with and without a key, so
    // that the measurement is a running server's steady state, not its pool's first minutes.
    const warm = block(3);
    let warmHour = 0;
    const warmUp = async () => {
      for (let round = 0; round < WARM_UP; round++, warmHour++) {
        const k = warmHour;
        await Promise.all(clients.map((_, c) => book(warm, k % 2 === 0)(c, k)));
      }
    };
    await warmUp();
    // BOOKING_BENCH_SQL=1: the statements of one booking (the warm block's next hour, alone).
    if (process.env.BOOKING_BENCH_SQL) {
      const statements = await recordStatements(() => book(warm, true)(0, warmHour++));
      console.info(`\nOne booking: ${statements.length} statements`);
      for (const s of statements) console.info(`--- ${s.text.replace(/\s+/g, ' ').trim()}`);
    }

    // Baseline: the same rows as the measured bookings, inserted by the owner, then removed.
    const measured = block(0);
    const cpu = await cpuMeter(owner);
    const plain = await cpu.measure(() => concurrently(insertPlain(measured)));
    await owner.query(
      `delete from consultations where practitioner_id = any($1::uuid[]) and scheduled_at >= $2 and scheduled_at < $3`,
      [practitioners, measured, new Date(measured.getTime() + PER_CLIENT * HOUR)],
    );
    await owner.query('vacuum analyze consultations');
    // The analyze invalidated every connection's plans on consultations: plan them again first, or
    // the first measurement pays for it.
    await warmUp();

    const service = await cpu.measure(() => concurrently(book(measured, true)));
    const withoutKey = await cpu.measure(() => concurrently(book(block(1), false)));

    console.info(
      `\nBooking: ${CLIENTS} concurrent clients × ${PER_CLIENT} bookings, ${CLIENTS} practitioners, no conflicts`,
    );
    report('booking service + Idempotency-Key', 'plain owner INSERT', plain.rate, service.rate);
    report('booking service, no Idempotency-Key', 'plain owner INSERT', plain.rate, withoutKey.rate);
    // On a busy machine the rates follow the other processes; the CPU each operation costs much less.
    if (plain.cpu) {
      for (const [name, m] of [
        ['plain owner INSERT', plain],
        ['booking service + Idempotency-Key', service],
        ['booking service, no Idempotency-Key', withoutKey],
      ] as const) {
        const { node, postgres } = m.cpu!;
        console.info(
          `${`  CPU, ${name}`.padEnd(48)} ${(node + postgres).toFixed(2).padStart(6)} ms/op (node ${node.toFixed(2)}, postgres ${postgres.toFixed(2)}): ${((plain.cpu.node + plain.cpu.postgres) / (node + postgres)).toFixed(2)}× plain's`,
        );
      }
    }
  } finally {
    await owner.end();
    await db.close();
  }
}

interface Measured {
  rate: number;
  /** CPU ms per operation of this process and of the PostgreSQL server, if this machine runs it. */
  cpu: { node: number; postgres: number } | null;
}

/** Measures ops/s and the CPU time per operation of this process and of the server (cpuClock). */
async function cpuMeter(owner: pg.Pool) {
  const clock = await cpuClock(owner);
  return {
    async measure(run: () => Promise<number>): Promise<Measured> {
      const before = clock();
      const start = performance.now();
      const rate = await run();
      const ops = (rate * (performance.now() - start)) / 1000;
      const { node, postgres } = cpuPerOperation(before, clock(), ops);
      return { rate, cpu: postgres === null ? null : { node, postgres } };
    },
  };
}
