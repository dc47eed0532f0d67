// Free slots: one practitioner over the 60-day horizon (the pure engine, and slotsFor — one
// statement + engine — against the two queries the directory's batch reads for one practitioner,
// loadSchedules and loadBusy, alone), and the directory's "next free slot" of 500
// practitioners (sort by next free slot over 60 days; available within 7 days) in one batch against
// a loop of one call per practitioner. One practitioner in five is fully booked for the next 10
// days, the others have two consultations a day.
import { type Actor, withActor } from '@huntzen/db';
import { computeFreeSlots } from '../apps/api/src/modules/availability/slots/slot-engine';
import {
  loadBusy,
  loadSchedules,
  nextFreeSlots,
  slotsFor,
} from '../apps/api/src/modules/availability/slots/slots.repository';
import { type BenchDatabase, opsPerSecond, report, sized } from './harness';

const PRACTITIONERS = sized(500, 40);
const ITERATIONS = sized(100, 5);
const BOOKED_DAYS = 10;
const HORIZON_DAYS = 60;
const ZONES = ['Europe/Paris', 'Europe/London', 'America/Toronto', 'Europe/Brussels', 'Africa/Casablanca'];

// Other benchmarks of the run share the database: this one works on its own rows only.
const OWN_PRACTITIONERS =
  "(select p.* from practitioners p join users u on u.id = p.user_id where u.email like '%@slots-bench.test')";
const OWN_EMPLOYEES =
  "(select e.* from employees e join users u on u.id = e.user_id where u.email like '%@slots-bench.test')";

/** The benchmark's data: 500 practitioners, their weekly hours, exceptions and consultations. */
export async function populate({ db }: BenchDatabase) {
  await db.owner.query(`
    with c as (
      insert into companies (name, slug, email_domains, is_active)
      values ('Slots bench', 'slots-bench', '{@slots-bench.test}', true) returning id
    ), eu as (
      insert into users (email, password_hash, role, company_id)
      select 'se' || g || '@slots-bench.test', 'x', 'EMPLOYEE', c.id from c, generate_series(1, ${PRACTITIONERS}) g
      returning id, company_id
    )
    insert into employees (user_id, company_id, first_name, last_name)
    select id, company_id, 'E', 'Slots' from eu`);
  await db.owner.query(`
    with pu as (
      insert into users (email, password_hash, role)
      select 'sp' || g || '@slots-bench.test', 'x', 'PRACTITIONER' from generate_series(1, ${PRACTITIONERS}) g
      returning id
    )
    insert into practitioners (user_id, first_name, last_name, title, specialty, bio, is_validated, timezone)
    select id, 'P', 'Slots', 'Dr.', 'PSYCHOLOGUE_CLINICIEN', 'bio', true,
           (array['${ZONES.join("','")}'])[1 + (row_number() over ()) % ${ZONES.length}]
      from pu`);
  // Monday to Friday 09:00-12:00 and 13:00-18:00, 50-minute slots; a day off and blocked hours.
  await db.owner.query(`
    insert into availabilities (practitioner_id, type, day_of_week, start_time, end_time, slot_duration)
    select p.id, 'RECURRING', d, w.s, w.e, 50
      from ${OWN_PRACTITIONERS} p cross join generate_series(1, 5) d
      cross join (values ('09:00', '12:00'), ('13:00', '18:00')) w(s, e)`);
  await db.owner.query(`
    insert into availabilities (practitioner_id, type, date, is_available, start_time, end_time)
    select p.id, 'EXCEPTION'::availability_type, date_trunc('day', now() + interval '20 days', 'UTC'), false, null, null from ${OWN_PRACTITIONERS} p
    union all
    select p.id, 'EXCEPTION'::availability_type, date_trunc('day', now() + interval '21 days', 'UTC'), false, '09:00', '12:00' from ${OWN_PRACTITIONERS} p`);
  // One in five: every hour of the next 10 days booked (every slot of those days taken), then one
  // consultation a day. The others: two a day. About 77,000 consultations.
  // Never two at once for a practitioner or an employee (0013's exclusion constraints), whatever
  // the time of the run: each practitioner n has its own employee n; the hourly series is 50-minute
  // rows on whole hours (from this hour on), the daily ones start the day after it ends (11 days +
  // 9 h on), and the two-a-day ones sit 4 hours apart on whole hours of their UTC day. Timestamps
  // are built in UTC, so a DST change in the session's zone cannot shift two rows onto each other.
  await db.owner.query(`
    begin;
    set local time zone 'UTC';
    with p as (select id, row_number() over () as n from ${OWN_PRACTITIONERS} own),
         e as (select id, company_id, row_number() over () as n from ${OWN_EMPLOYEES} own),
         busy as (
           select date_trunc('hour', now()) + k * interval '1 hour' as s from generate_series(0, ${BOOKED_DAYS * 24}) k
           union all
           select date_trunc('hour', now()) + interval '${BOOKED_DAYS} days' + k * interval '1 day' + interval '9 hours'
             from generate_series(1, ${HORIZON_DAYS - BOOKED_DAYS}) k
         ),
         t as (
           select p.n, busy.s from p cross join busy where p.n % 5 = 0
           union all
           select p.n, date_trunc('day', now()) + k * interval '1 day' + (8 + p.n % 6 + h) * interval '1 hour'
             from p cross join generate_series(0, ${HORIZON_DAYS - 1}) k cross join (values (0), (4)) hours(h)
            where p.n % 5 <> 0
         )
    insert into consultations (company_id, employee_id, practitioner_id, scheduled_at, scheduled_end_at, duration, format)
    select e.company_id, e.id, p.id, t.s, t.s + interval '50 minutes', 50, 'VIDEO'
      from t join p on p.n = t.n join e on e.n = t.n;
    commit`);
  await db.owner.query('analyze');
}

/** Runs the benchmark and prints its ratios. */
export async function benchSlots(bench: BenchDatabase): Promise<void> {
  await populate(bench);
  const { db } = bench;
  const [employee] = (
    await db.owner.query<{ id: string; user_id: string; company_id: string }>(
      `select id, user_id, company_id from ${OWN_EMPLOYEES} own limit 1`,
    )
  ).rows;
  const actor: Actor = {
    role: 'EMPLOYEE',
    userId: employee!.user_id,
    companyId: employee!.company_id,
    employeeId: employee!.id,
  };
  const ids = (
    await db.owner.query<{ id: string }>(`select id from ${OWN_PRACTITIONERS} own order by id`)
  ).rows.map((r) => r.id);
  const now = new Date();
  const range = { from: now, to: new Date(now.getTime() + HORIZON_DAYS * 86_400_000) };
  const pick = (i: number) => ids[i % ids.length]!;

  // One practitioner, 60 days.
  const queriesOnly = await opsPerSecond(ITERATIONS, (i) =>
    withActor(db, actor, async (tx) => {
      await loadSchedules(tx, [pick(i)], range);
      return loadBusy(tx, [pick(i)], range, 10);
    }),
  );
  const repository = await opsPerSecond(ITERATIONS, (i) =>
    withActor(db, actor, (tx) => slotsFor(tx, pick(i), range, { now })),
  );
  const loaded = await withActor(db, actor, async (tx) => {
    const schedules = await loadSchedules(tx, [ids[0]!], range);
    const busy = await loadBusy(tx, [ids[0]!], range, 10);
    return { schedule: schedules.get(ids[0]!)!, busy: busy.get(ids[0]!) ?? [] };
  });
  const engineOnly = await opsPerSecond(ITERATIONS, () =>
    Promise.resolve(
      computeFreeSlots({
        timezone: loaded.schedule.timezone,
        windows: loaded.schedule.windows,
        exceptions: loaded.schedule.exceptions,
        busy: loaded.busy,
        bufferMinutes: loaded.schedule.bufferMinutes,
        now,
        from: range.from,
        to: range.to,
      }),
    ),
  );
  const sample = await withActor(db, actor, (tx) => slotsFor(tx, ids[0]!, range, { now }));
  console.info(
    `\nSlots: one practitioner over ${HORIZON_DAYS} days (${loaded.busy.length} consultations, ` +
      `${sample!.slots.length} free slots)`,
  );
  report('slotsFor (1 statement + engine)', 'loadSchedules + loadBusy alone', queriesOnly, repository);
  report('engine alone (no I/O)', 'loadSchedules + loadBusy alone', queriesOnly, engineOnly);

  // Next free slot of 500 practitioners: one batch against one call per practitioner (the loop
  // over the first 100 only, to keep the run short: both rates are per practitioner).
  const LOOPED = Math.min(100, PRACTITIONERS);
  for (const [label, days] of [
    ['sort by next free slot', HORIZON_DAYS],
    ['available within 7 days', 7],
  ] as const) {
    const within = { from: now, to: new Date(now.getTime() + days * 86_400_000) };
    const loop = await opsPerSecond(1, () =>
      withActor(db, actor, async (tx) => {
        for (const id of ids.slice(0, LOOPED)) await nextFreeSlots(tx, [id], within, { now });
      }),
    );
    const batch = await opsPerSecond(sized(3, 1), () =>
      withActor(db, actor, (tx) => nextFreeSlots(tx, ids, within, { now })),
    );
    const found = await withActor(db, actor, (tx) => nextFreeSlots(tx, ids, within, { now }));
    const withSlot = [...found.values()].filter(Boolean).length;
    console.info(
      `\nSlots: ${label} (${days} days), ${PRACTITIONERS} practitioners, ${withSlot} with a free slot`,
    );
    report(
      'batch nextFreeSlots, practitioners/s',
      'one call per practitioner',
      loop * LOOPED,
      batch * PRACTITIONERS,
    );
  }
}
