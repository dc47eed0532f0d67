// A 12-occurrence weekly series (POST /consultations/series: the series service, which books each
// occurrence on its own through the booking service and records its membership) against the same
// 12 occurrences booked one by one through the booking service — in the same run, on the same
// database, CLIENTS employees at once, each with a practitioner of their own (no conflicts). A
// series reaches past the 60-day horizon of a single booking; the single bookings are given the
// same horizon (the booking service's `rules`), so both book all 12: occurrence for occurrence.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CURRENT_CONSENT_VERSION } from '@huntzen/contracts';
import { FieldCipher } from '@huntzen/crypto';
import { createDatabase } from '@huntzen/db';
import { createBookingService } from '../apps/api/src/modules/consultations/booking.service';
import { createLifecycleService } from '../apps/api/src/modules/consultations/lifecycle.service';
import { createSeriesService } from '../apps/api/src/modules/consultations/series.service';
import type { RequestActor } from '../apps/api/src/platform/auth';
import { AppError } from '../apps/api/src/platform/errors';
import { installJobsSchema } from '../apps/api/src/platform/jobs';
import { type BenchDatabase, report, sized } from './harness';

const CLIENTS = sized(8, 2);
const OCCURRENCES = 12;
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
/** The horizon a 12-week series stretches to (its last occurrence, 11 weeks and a few hours ahead). */
const SERIES_HORIZON_DAYS = OCCURRENCES * 7 + 1;

interface Client {
  employeeId: string;
  userId: string;
  companyId: string;
  practitionerId: string;
}

async function populate({ db }: BenchDatabase): Promise<Client[]> {
  await db.owner.query(`
    with c as (
      insert into companies (name, slug, email_domains, is_active)
      values ('Series bench', 'series-bench', '{@series-bench.test}', true) returning id
    ), eu as (
      insert into users (email, password_hash, role, company_id, approved_at)
      select 'se' || lpad(g::text, 3, '0') || '@series-bench.test', 'x', 'EMPLOYEE', c.id, now()
        from c, generate_series(1, ${CLIENTS}) g
      returning id, company_id
    )
    insert into employees (user_id, company_id, first_name, last_name, consent_given_at, consent_version)
    select id, company_id, 'E', 'Series', now(), '${CURRENT_CONSENT_VERSION}' from eu`);
  await db.owner.query(`
    with pu as (
      insert into users (email, password_hash, role, approved_at)
      select 'sp' || lpad(g::text, 3, '0') || '@series-bench.test', 'x', 'PRACTITIONER', now()
        from generate_series(1, ${CLIENTS}) g
      returning id
    )
    insert into practitioners (user_id, first_name, last_name, title, specialty, bio, is_validated,
                               timezone, buffer_time, default_duration)
    select id, 'P', 'Series', 'Dr.', 'PSYCHOLOGUE_CLINICIEN', 'bio', true, 'UTC', 10, 50 from pu`);
  await db.owner.query(`
    insert into availabilities (practitioner_id, type, day_of_week, start_time, end_time, slot_duration)
    select p.id, 'RECURRING', d, '00:00', '24:00', 50
      from practitioners p join users u on u.id = p.user_id and u.email like '%@series-bench.test'
      cross join generate_series(0, 6) d`);
  await db.owner.query('analyze');
  const { rows } = await db.owner.query<{ id: string; user_id: string; company_id: string; p: string }>(
    `select e.id, e.user_id, e.company_id,
            (select p.id from practitioners p join users pu on pu.id = p.user_id
              where pu.email = 'sp' || substr(u.email, 3)) as p
       from employees e join users u on u.id = e.user_id
      where u.email like 'se%@series-bench.test' order by u.email`,
  );
  return rows.map((r) => ({
    employeeId: r.id,
    userId: r.user_id,
    companyId: r.company_id,
    practitionerId: r.p,
  }));
}

/** Runs the benchmark and prints its ratio. */
export async function benchSeries(bench: BenchDatabase): Promise<void> {
  const clients = await populate(bench);
  await installJobsSchema(bench.url);
  const db = createDatabase({ url: bench.url, maxConnections: CLIENTS });
  const deps = {
    db,
    cipher: FieldCipher.fromKeys(randomBytes(32)),
    publicUrl: 'http://localhost:3000',
  };
  const booking = createBookingService(deps);
  const series = createSeriesService(deps, { booking, lifecycle: createLifecycleService(deps) });
  const actorOf = (c: Client): RequestActor => ({
    role: 'EMPLOYEE',
    userId: c.userId,
    email: `${c.userId}@series-bench.test`,
    companyId: c.companyId,
    employeeId: c.employeeId,
    sessionId: randomUUID(),
    mfa: 'ok',
    ip: '203.0.113.9',
    userAgent: 'HuntZen bench',
  });
  // Each measurement books at its own hour of the day: nothing of one run clashes with another.
  const nextHour = Math.ceil(Date.now() / HOUR) * HOUR;
  const first = (n: number) => new Date(nextHour + (3 + n * 2) * HOUR);

  /** Every client books its series at once; returns occurrences handled per second and how many booked. */
  async function run(op: (c: Client, start: Date) => Promise<number>, start: Date) {
    const t0 = performance.now();
    const booked = await Promise.all(clients.map((c) => op(c, start)));
    const seconds = (performance.now() - t0) / 1000;
    return { rate: (clients.length * OCCURRENCES) / seconds, booked: booked.reduce((a, b) => a + b, 0) };
  }
  const asSeries = async (c: Client, start: Date) =>
    (
      await series.book(actorOf(c), {
        practitionerId: c.practitionerId,
        scheduledAt: start.toISOString(),
        format: 'VIDEO',
        interval: 'WEEKLY',
        occurrences: OCCURRENCES,
      })
    ).booked;
  const oneByOne = async (c: Client, start: Date) => {
    let booked = 0;
    for (let k = 0; k < OCCURRENCES; k++) {
      try {
        await booking.book(
          actorOf(c),
          {
            practitionerId: c.practitionerId,
            scheduledAt: new Date(start.getTime() + k * WEEK).toISOString(),
            format: 'VIDEO',
          },
          undefined,
          { horizonDays: SERIES_HORIZON_DAYS },
        );
        booked += 1;
      } catch (error) {
        // Refused (it should not be: the comparison below says so).
        if (!(error instanceof AppError)) throw error;
      }
    }
    return booked;
  };

  try {
    await run(asSeries, first(0)); // warm-up
    const singles = await run(oneByOne, first(1));
    const seriesRun = await run(asSeries, first(2));
    if (singles.booked !== seriesRun.booked) {
      throw new Error(`series booked ${seriesRun.booked}, single bookings ${singles.booked}: not comparable`);
    }
    console.info(
      `\nSeries: ${CLIENTS} concurrent employees × ${OCCURRENCES} weekly occurrences (${seriesRun.booked / CLIENTS} booked each)`,
    );
    report('12-occurrence series (occurrences/s)', '12 single bookings', singles.rate, seriesRun.rate);
  } finally {
    await db.close();
  }
}
