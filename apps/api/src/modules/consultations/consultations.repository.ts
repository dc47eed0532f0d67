// SQL of consultations; every function runs in the caller's transaction, under its row-level
// security (a consultation the actor may not see does not exist here).

import { CONSULTATION_LISTING, type ConsultationStatus } from '@huntzen/contracts';
import {
  builtOnce,
  builtOnceSql,
  type Consultation,
  type ConsultationEventType,
  companies,
  consultationEvents,
  consultations,
  employees,
  type NewConsultation,
  practitioners,
  type Tx,
  type UserRole,
  users,
} from '@huntzen/db';
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gt,
  lt,
  ne,
  not,
  or,
  type Placeholder,
  type SQL,
  sql,
} from 'drizzle-orm';
import { type KeyClaimValues, keyClaim } from './idempotency.repository';

// The application role reads every column but the two reasons, which may speak of health
// (migration 0018): the consultation's own reason (`notes`) and the cancellation's. Participants
// read the latter through `consultation_private_fields`, which shows it to them alone.
const { notes: _notes, cancelReason: _cancelReason, ...readable } = getTableColumns(consultations);
/** The consultation columns the application role may select. */
export const consultationColumns = readable;
/** A consultation as the application role reads it (without the reasons). */
export type ConsultationRecord = Omit<Consultation, 'notes' | 'cancelReason'>;

// ---------------------------------------------------------------- booking

/**
 * What a booking checks before the slot, in one statement (issue #13): the booking employee with
 * what must be active (their account, their company) and their consent; the practitioner, if the
 * actor may see them (employees see validated, active ones; null otherwise); and whether the
 * employee already has a consultation (not cancelled) with them. Undefined: no such employee.
 * With `claim`, the same statement claims the Idempotency-Key (`claimed`; null without).
 */
export async function findBookingParties(
  tx: Tx,
  employeeId: string,
  practitionerId: string,
  claim?: KeyClaimValues,
) {
  // Built once per connection and shape (issue #13: building it was about a sixth of a booking's
  // Node CPU), its values in placeholders.
  const [row] = await builtOnce(tx, claim ? 'booking.parties+claim' : 'booking.parties', () =>
    bookingPartiesQuery(tx, claim !== undefined),
  ).execute({ employeeId, practitionerId, ...claim });
  return row;
}

function bookingPartiesQuery(tx: Tx, claiming: boolean) {
  const claim = claiming ? keyClaim(tx) : undefined;
  return tx
    .with(...(claim?.queries ?? []))
    .select({
      claimed: claim?.claimed ?? sql<boolean | null>`null`,
      employee: {
        id: employees.id,
        userId: employees.userId,
        companyId: employees.companyId,
        firstName: employees.firstName,
        lastName: employees.lastName,
        consentGivenAt: employees.consentGivenAt,
        consentVersion: employees.consentVersion,
        userActive: users.isActive,
        companyActive: companies.isActive,
      },
      practitioner: getTableColumns(practitioners),
      existingClient: sql<boolean>`exists (
        select 1 from ${consultations}
         where ${consultations.employeeId} = ${employees.id}
           and ${consultations.practitionerId} = ${practitioners.id}
           and ${consultations.status} <> 'CANCELLED')`,
    })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .innerJoin(companies, eq(companies.id, employees.companyId))
    .leftJoin(practitioners, eq(practitioners.id, sql.placeholder('practitionerId')))
    .where(eq(employees.id, sql.placeholder('employeeId')));
}

/** The practitioner `id`, if the actor may see them (employees see validated, active ones). */
export async function findPractitioner(tx: Tx, id: string) {
  const [row] = await tx.select().from(practitioners).where(eq(practitioners.id, id));
  return row;
}

const overlapping = (start: Date, end: Date) =>
  and(
    ne(consultations.status, 'CANCELLED'),
    sql`tstzrange(${consultations.scheduledAt}, ${consultations.scheduledEndAt}, '[)') && tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`,
  );

/** The employee's own consultation (not cancelled) with this practitioner overlapping [start, end), if any. */
export async function ownConsultationWith(
  tx: Tx,
  employeeId: string,
  practitionerId: string,
  start: Date,
  end: Date,
): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: consultations.id })
    .from(consultations)
    .where(
      and(
        eq(consultations.employeeId, employeeId),
        eq(consultations.practitionerId, practitionerId),
        overlapping(start, end),
      ),
    )
    .limit(1);
  return row?.id;
}

/**
 * Whether anyone's consultation (not cancelled) holds the practitioner during [start, end): through
 * practitioner_busy_times (0012), which shows times only, since an employee sees only their own rows.
 */
export async function practitionerBusy(
  tx: Tx,
  practitionerId: string,
  start: Date,
  end: Date,
): Promise<boolean> {
  const result = await tx.execute(
    sql`select 1 from practitioner_busy_times(array[${practitionerId}]::uuid[], ${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz) limit 1`,
  );
  return result.rows.length > 0;
}

/** Which exclusion constraint of 0013_booking.sql refused a write, if one did (SQLSTATE 23P01). */
export function overlapConflict(error: unknown): 'practitioner' | 'employee' | null {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint?: unknown };
    if (pg.code !== '23P01') continue;
    if (pg.constraint === 'consultations_practitioner_no_overlap') return 'practitioner';
    if (pg.constraint === 'consultations_employee_no_overlap') return 'employee';
  }
  return null;
}

/** Advisory-lock namespaces (pg_advisory_xact_lock(int4, int4)): one per calendar kind. */
export const PRACTITIONER_CALENDAR = 0x487a_0001;
export const EMPLOYEE_CALENDAR = 0x487a_0002;

/**
 * Takes turns on the practitioner's and the employee's calendars until the end of the transaction,
 * always in that order. Two writers of overlapping rows otherwise both add their index entry and
 * then wait for each other in the exclusion check: PostgreSQL breaks that deadlock by failing one
 * of them with 40P01 a second later, which is no answer to give. In turns, the second writer meets
 * the first one's committed row and gets the exclusion violation (23P01, see `overlapConflict`).
 *
 * A FROM item for the write itself (issue #13: no round trip of its own): its one row is produced,
 * so both locks taken, before the statement writes anything. Its select list has volatile calls,
 * which PostgreSQL neither pulls up nor drops although nothing reads them. The exclusion check
 * reads committed rows, not the statement's snapshot: a row committed while this statement waited
 * for the lock is seen.
 */
const calendarLocks = (practitionerId: string | Placeholder, employeeId: string | Placeholder) =>
  sql`(select pg_advisory_xact_lock(${PRACTITIONER_CALENDAR}, hashtext(${practitionerId})),
              pg_advisory_xact_lock(${EMPLOYEE_CALENDAR}, hashtext(${employeeId}))) as calendar_locks`;

type ConsultationKey = keyof typeof consultations._.columns;

// The insert below is written by hand (its FROM item takes the locks) and sends the values given,
// nothing else. Drizzle would also fill a column with a client-side default on insert ($defaultFn,
// or $onUpdate without a database default); there must be none, or it would be skipped unseen.
if (
  Object.values(getTableColumns(consultations)).some(
    (column) =>
      column.defaultFn !== undefined || (column.onUpdateFn !== undefined && column.default === undefined),
  )
) {
  throw new Error('consultations has client-side defaults: insertConsultation would not apply them');
}

/**
 * Inserts a consultation, once its calendars are locked (see `calendarLocks`), in one statement;
 * an overlap surfaces as the database error (see `overlapConflict`). The columns left undefined
 * take their defaults, as with drizzle's insert (the table has no client-side defaults).
 */
export async function insertConsultation(tx: Tx, values: NewConsultation): Promise<ConsultationRecord> {
  const given = (Object.keys(values) as ConsultationKey[]).filter((key) => values[key] !== undefined);
  // Built once per connection and set of given columns (issue #13), each value in the placeholder
  // named after its column's key and encoded by that column when bound.
  const result = await builtOnceSql<Record<string, unknown>>(
    tx,
    `consultations.insert:${given.join(',')}`,
    () => insertStatement(given),
  ).execute(values);
  // The row as drizzle's returning() maps it: each column's own decoding.
  const row = result.rows[0]!;
  return Object.fromEntries(
    readableColumns.map(([key, column]) => {
      const value = row[column.name];
      return [key, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
    }),
  ) as ConsultationRecord;
}

const readableColumns = Object.entries(consultationColumns);

/** The insert of `given` columns, after the calendars' locks, returning the readable columns. */
function insertStatement(given: ConsultationKey[]): SQL {
  const columns = getTableColumns(consultations);
  return sql`
    insert into ${consultations} (${sql.join(
      given.map((key) => sql.identifier(columns[key].name)),
      sql`, `,
    )})
    select ${sql.join(
      given.map((key) => sql.param(sql.placeholder(key), columns[key])),
      sql`, `,
    )}
      from ${calendarLocks(sql.placeholder('practitionerId'), sql.placeholder('employeeId'))}
    returning ${sql.join(
      readableColumns.map(([, column]) => sql.identifier(column.name)),
      sql`, `,
    )}`;
}

// ---------------------------------------------------------------- lifecycle

/** The consultation `id`, locked until the end of the transaction: transitions take turns. */
export async function lockConsultation(tx: Tx, id: string): Promise<ConsultationRecord | undefined> {
  const [row] = await tx
    .select(consultationColumns)
    .from(consultations)
    .where(eq(consultations.id, id))
    .for('update');
  return row;
}

/** Applies `changes` to consultation `id`; returns the row as stored (trigger-computed columns too). */
export async function updateConsultation(
  tx: Tx,
  id: string,
  changes: Partial<NewConsultation>,
): Promise<ConsultationRecord> {
  const [row] = await tx
    .update(consultations)
    .set(changes)
    .where(eq(consultations.id, id))
    .returning(consultationColumns);
  return row!;
}

/**
 * Moves consultation `id` to start at `start` (same duration) through reschedule_consultation
 * (migration 0028), which repeats the rules; an overlap surfaces as 23P01 (see `overlapConflict`).
 */
export async function moveConsultation(
  tx: Tx,
  consultation: Pick<ConsultationRecord, 'id' | 'practitionerId' | 'employeeId'>,
  start: Date,
): Promise<void> {
  const { id } = consultation;
  // The locks first (the FROM item's row), then the move: one statement. The function's own
  // queries (VOLATILE) take their snapshots after the locks.
  await tx.execute(
    sql`select reschedule_consultation(${id}::uuid, ${start.toISOString()}::timestamptz)
          from ${calendarLocks(consultation.practitionerId, consultation.employeeId)}`,
  );
}

/** The practitioner's `totalConsultations` + 1 (a consultation was completed). */
export async function countCompleted(tx: Tx, practitionerId: string): Promise<void> {
  await tx
    .update(practitioners)
    .set({ totalConsultations: sql`${practitioners.totalConsultations} + 1` })
    .where(eq(practitioners.id, practitionerId));
}

export interface EventInput {
  consultationId: string;
  eventType: ConsultationEventType;
  actorId: string;
  actorRole: UserRole;
  metadata?: Record<string, unknown> | null;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** Records a ConsultationEvent; returns its id. */
export async function insertEvent(tx: Tx, event: EventInput): Promise<string> {
  const [row] = await eventInsert(tx, event).returning({ id: consultationEvents.id });
  return row!.id;
}

/** The INSERT of `insertEvent`, not sent: for a statement that writes it with other rows. */
export function eventInsert(tx: Tx, event: EventInput & { id?: string }) {
  return tx.insert(consultationEvents).values({ ...event, timestamp: sql`clock_timestamp()` });
}

/** How many events the consultation has: the SEQUENCE of its calendar entry. */
export async function countEvents(tx: Tx, consultationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(consultationEvents)
    .where(eq(consultationEvents.consultationId, consultationId));
  return row?.n ?? 0;
}

/** The two participants, for notifications: user, names, language and time zone. */
export async function findParties(tx: Tx, employeeId: string, practitionerId: string) {
  const [employee] = await tx
    .select({
      userId: employees.userId,
      firstName: employees.firstName,
      lastName: employees.lastName,
      language: employees.preferredLanguage,
      timezone: employees.timezone,
    })
    .from(employees)
    .where(eq(employees.id, employeeId));
  const [practitioner] = await tx
    .select({
      userId: practitioners.userId,
      title: practitioners.title,
      firstName: practitioners.firstName,
      lastName: practitioners.lastName,
      language: practitioners.preferredLanguage,
      timezone: practitioners.timezone,
    })
    .from(practitioners)
    .where(eq(practitioners.id, practitionerId));
  return employee && practitioner ? { employee, practitioner } : undefined;
}

// ---------------------------------------------------------------- reading

const viewColumns = {
  consultation: {
    ...consultationColumns,
    cancelReason: sql<
      string | null
    >`(select pf.cancel_reason from consultation_private_fields pf where pf.id = ${consultations.id})`,
  },
  employee: {
    id: employees.id,
    userId: employees.userId,
    firstName: employees.firstName,
    lastName: employees.lastName,
  },
  practitioner: {
    id: practitioners.id,
    userId: practitioners.userId,
    title: practitioners.title,
    firstName: practitioners.firstName,
    lastName: practitioners.lastName,
    avatarUrl: practitioners.avatarUrl,
    timezone: practitioners.timezone,
  },
};

/** A consultation with its two participants. */
export type ConsultationRow = Awaited<ReturnType<typeof findConsultation>> & {};

/** The consultation `id` with its participants, if the actor may see it (built once: `builtOnce`). */
export async function findConsultation(tx: Tx, id: string) {
  const [row] = await builtOnce(tx, 'consultations.find', () =>
    tx
      .select(viewColumns)
      .from(consultations)
      .innerJoin(employees, eq(employees.id, consultations.employeeId))
      .innerJoin(practitioners, eq(practitioners.id, consultations.practitionerId))
      .where(eq(consultations.id, sql.placeholder('id'))),
  ).execute({ id });
  return row;
}

/** Whose consultations a list shows. */
export type ListScope =
  | { kind: 'employee'; employeeId: string }
  | { kind: 'practitioner'; practitionerId: string }
  | { kind: 'all'; flagged: boolean };

export interface ListFilter {
  scope: ListScope;
  when: 'upcoming' | 'past' | 'all';
  /** Only consultations overlapping [from, to). */
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  after?: { scheduledAt: Date; id: string };
}

/**
 * SQL of `isUpcomingConsultation` (@huntzen/contracts): by status, then by planned end. Written as
 * "one of the open statuses, and (always upcoming or not yet over)" — the same rows — so the
 * status list is a plain condition that the open-consultation indexes of migration 0032 serve.
 * "Not yet over" at the transaction's time, `now()`, not at a parameter's: PostgreSQL estimates a
 * parameter's `>` blindly in the generic plan of a prepared statement and by its value in a custom
 * one, so the practitioner's list looked dearer generic and was planned anew on every request
 * (under row-level security, planning cost more than the run: issue #13). It estimates `now()`
 * alike in both, and keeps the generic plan (tested).
 */
const upcoming = () =>
  and(
    statusIn([...CONSULTATION_LISTING.upcomingAlways, ...CONSULTATION_LISTING.upcomingUntilEnd]),
    or(statusIn(CONSULTATION_LISTING.upcomingAlways), sql`${consultations.scheduledEndAt} > now()`),
  );

/**
 * `status IN ('…', …)` with the statuses as literals, not parameters: the application pool prepares
 * its statements (ADR 0004), and only a list PostgreSQL can read when it plans lets a generic plan
 * use those partial indexes (`WHERE status IN (…)`); with parameters the practitioner's list walked
 * every past consultation of the practitioner. Constants of the contracts, never input.
 */
const statusIn = (statuses: readonly ConsultationStatus[]) =>
  sql`${consultations.status} in (${sql.raw(statuses.map((s) => `'${s}'`).join(', '))})`;

const placeholder = (name: keyof ListValues) => sql.placeholder(name);

/** The values of a list statement's placeholders. */
type ListValues = {
  from: string | undefined;
  to: string | undefined;
  employeeId: string | undefined;
  practitionerId: string | undefined;
  afterAt: string | undefined;
  afterId: string | undefined;
  limit: number;
};

/**
 * A page of consultations (limit + 1 rows, to tell whether there is more): upcoming ones (still to
 * come or under way) soonest first, past ones latest first, all of them by planned start; keyed on
 * (scheduled_at, id). Its statement is built once per connection and shape (`builtOnce`).
 */
export async function listConsultations(tx: Tx, filter: ListFilter) {
  return builtOnce(tx, listKey(filter), () => listQuery(tx, filter)).execute(listValues(filter));
}

/** The choices that make a list statement's text (every one `listQuery` makes). */
function listKey({ scope, when, from, to, after }: ListFilter): string {
  const flagged = scope.kind === 'all' && scope.flagged;
  const flag = (on: unknown) => (on ? 1 : 0);
  return `consultations.list:${scope.kind}:${flag(flagged)}:${when}:${flag(from)}:${flag(to)}:${flag(after)}`;
}

/** The values of `filter` for its statement's placeholders. */
export function listValues(filter: ListFilter): ListValues {
  const { scope, after } = filter;
  return {
    from: filter.from?.toISOString(),
    to: filter.to?.toISOString(),
    employeeId: scope.kind === 'employee' ? scope.employeeId : undefined,
    practitionerId: scope.kind === 'practitioner' ? scope.practitionerId : undefined,
    afterAt: after?.scheduledAt.toISOString(),
    afterId: after?.id,
    limit: filter.limit + 1,
  };
}

/** The statement of `listConsultations` for the shape of `filter`, its values as placeholders (its plan is tested). */
export function listQuery(tx: Tx, filter: ListFilter) {
  const { scope, when, after } = filter;
  const ascending = when !== 'past';
  const conditions = [
    when === 'upcoming' ? upcoming() : when === 'past' ? not(upcoming()!) : undefined,
    filter.from ? gt(consultations.scheduledEndAt, placeholder('from')) : undefined,
    filter.to ? lt(consultations.scheduledAt, placeholder('to')) : undefined,
    scope.kind === 'employee' ? eq(consultations.employeeId, placeholder('employeeId')) : undefined,
    scope.kind === 'practitioner'
      ? eq(consultations.practitionerId, placeholder('practitionerId'))
      : undefined,
    scope.kind === 'all' && scope.flagged ? eq(consultations.noShowBy, 'practitioner') : undefined,
  ];
  if (after) {
    const key = sql`(${placeholder('afterAt')}::timestamptz, ${placeholder('afterId')}::uuid)`;
    conditions.push(
      ascending
        ? sql`(${consultations.scheduledAt}, ${consultations.id}) > ${key}`
        : sql`(${consultations.scheduledAt}, ${consultations.id}) < ${key}`,
    );
  }
  const order = ascending
    ? [asc(consultations.scheduledAt), asc(consultations.id)]
    : [desc(consultations.scheduledAt), desc(consultations.id)];
  return tx
    .select(viewColumns)
    .from(consultations)
    .innerJoin(employees, eq(employees.id, consultations.employeeId))
    .innerJoin(practitioners, eq(practitioners.id, consultations.practitionerId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(placeholder('limit'));
}
