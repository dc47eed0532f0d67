// SQL of the admin analytics, in the caller's transaction. The counters come from
// `practitioner_billing`, the security-barrier view of 0001 over the materialized view
// `practitioner_billing_stats` (the application role cannot read the materialized view itself;
// platform admins see every row of the barrier view). The view's rows with no consultation (a
// practitioner never counted: NULL period and company) are left out everywhere. Columns are
// chosen one by one: the view carries no health content, and neither does anything here.
import type { Tx } from '@huntzen/db';
import { type SQL, sql } from 'drizzle-orm';

/** A UTC month as [from, to). */
export interface MonthRange {
  from: Date;
  to: Date;
}

export interface CounterFilter {
  month?: MonthRange;
  companyId?: string;
  practitionerId?: string;
}

/** The sort key of a detailed row: month (newest first), practitioner name, company name, ids. */
export type RowKey = [
  period: string,
  lastName: string,
  firstName: string,
  practitionerId: string,
  company: string,
  companyId: string,
];

const iso = (date: Date) => date.toISOString();

function counterWhere(f: CounterFilter, extra: SQL[] = []): SQL {
  const parts: SQL[] = [sql`s.period is not null`];
  if (f.month)
    parts.push(
      sql`s.period >= ${iso(f.month.from)}::timestamptz and s.period < ${iso(f.month.to)}::timestamptz`,
    );
  if (f.companyId) parts.push(sql`s.company_id = ${f.companyId}::uuid`);
  if (f.practitionerId) parts.push(sql`s.practitioner_id = ${f.practitionerId}::uuid`);
  parts.push(...extra);
  return sql.join(parts, sql` and `);
}

const MONTH = sql`to_char(s.period at time zone 'UTC', 'YYYY-MM')`;
const PERIOD_KEY = sql`to_char(s.period at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export interface CounterRow {
  month: string;
  practitionerId: string;
  firstName: string;
  lastName: string;
  specialty: string;
  companyId: string;
  companyName: string;
  consultations: number;
  minutes: number;
  average: number | null;
  key: RowKey;
}

/** Up to `limit` detailed rows (practitioner × company × month) after `after`, in the key's order. */
export async function findCounterRows(
  tx: Tx,
  f: CounterFilter,
  page: { limit: number; after: RowKey | null },
): Promise<CounterRow[]> {
  const after = page.after
    ? [
        sql`(s.period < ${page.after[0]}::timestamptz or (s.period = ${page.after[0]}::timestamptz and
          (s.last_name, s.first_name, s.practitioner_id, c.name, s.company_id) >
          (${page.after[1]}, ${page.after[2]}, ${page.after[3]}::uuid, ${page.after[4]}, ${page.after[5]}::uuid)))`,
      ]
    : [];
  const result = await tx.execute<{
    month: string;
    period_key: string;
    practitioner_id: string;
    first_name: string;
    last_name: string;
    specialty: string;
    company_id: string;
    company_name: string;
    consultations: number;
    minutes: number;
    average: number | null;
  }>(sql`
    select ${MONTH} as month, ${PERIOD_KEY} as period_key, s.practitioner_id, s.first_name, s.last_name,
           s.specialty::text as specialty, s.company_id, c.name as company_name,
           s.consultation_count::int as consultations, s.total_duration_minutes::int as minutes,
           round(s.avg_duration_minutes::numeric, 1)::float8 as average
    from practitioner_billing s
    join companies c on c.id = s.company_id
    where ${counterWhere(f, after)}
    order by s.period desc, s.last_name, s.first_name, s.practitioner_id, c.name, s.company_id
    limit ${page.limit}`);
  return result.rows.map((r) => ({
    month: r.month,
    practitionerId: r.practitioner_id,
    firstName: r.first_name,
    lastName: r.last_name,
    specialty: r.specialty,
    companyId: r.company_id,
    companyName: r.company_name,
    consultations: Number(r.consultations),
    minutes: Number(r.minutes),
    average: r.average === null ? null : Number(r.average),
    key: [r.period_key, r.last_name, r.first_name, r.practitioner_id, r.company_name, r.company_id],
  }));
}

/** Sums over every row matching `f`, with how many practitioners and companies they span. */
export async function counterTotals(tx: Tx, f: CounterFilter) {
  const result = await tx.execute<{
    consultations: number;
    minutes: number;
    practitioners: number;
    companies: number;
  }>(sql`
    select coalesce(sum(s.consultation_count), 0)::int as consultations,
           coalesce(sum(s.total_duration_minutes), 0)::int as minutes,
           count(distinct s.practitioner_id)::int as practitioners,
           count(distinct s.company_id)::int as companies
    from practitioner_billing s
    where ${counterWhere(f)}`);
  const row = result.rows[0]!;
  return {
    consultations: Number(row.consultations),
    minutes: Number(row.minutes),
    practitioners: Number(row.practitioners),
    companies: Number(row.companies),
  };
}

/** Sums per month over `window` (the filter's own month is ignored: the trend shows its context). */
export async function counterTrend(tx: Tx, f: CounterFilter, window: MonthRange) {
  const result = await tx.execute<{ month: string; consultations: number; minutes: number }>(sql`
    select ${MONTH} as month, sum(s.consultation_count)::int as consultations,
           sum(s.total_duration_minutes)::int as minutes
    from practitioner_billing s
    where ${counterWhere({ ...f, month: window })}
    group by 1`);
  return result.rows.map((r) => ({
    month: r.month,
    consultations: Number(r.consultations),
    minutes: Number(r.minutes),
  }));
}

/** The `limit` practitioners with the most counted consultations under `f`. */
export async function topPractitioners(tx: Tx, f: CounterFilter, limit: number) {
  const result = await tx.execute<{
    id: string;
    first_name: string;
    last_name: string;
    specialty: string;
    consultations: number;
    minutes: number;
  }>(sql`
    select s.practitioner_id as id, min(s.first_name) as first_name, min(s.last_name) as last_name,
           min(s.specialty::text) as specialty,
           sum(s.consultation_count)::int as consultations, sum(s.total_duration_minutes)::int as minutes
    from practitioner_billing s
    where ${counterWhere(f)}
    group by s.practitioner_id
    order by 5 desc, 3, 2, 1
    limit ${limit}`);
  return result.rows.map((r) => ({
    practitioner: { id: r.id, firstName: r.first_name, lastName: r.last_name, specialty: r.specialty },
    consultations: Number(r.consultations),
    minutes: Number(r.minutes),
  }));
}

/** The `limit` companies with the most counted consultations under `f`. */
export async function topCompanies(tx: Tx, f: CounterFilter, limit: number) {
  const result = await tx.execute<{ id: string; name: string; consultations: number; minutes: number }>(sql`
    select c.id, c.name, sum(s.consultation_count)::int as consultations,
           sum(s.total_duration_minutes)::int as minutes
    from practitioner_billing s
    join companies c on c.id = s.company_id
    where ${counterWhere(f)}
    group by c.id, c.name
    order by 3 desc, 2, 1
    limit ${limit}`);
  return result.rows.map((r) => ({
    company: { id: r.id, name: r.name },
    consultations: Number(r.consultations),
    minutes: Number(r.minutes),
  }));
}

/** The platform's size: companies (all, active), employee profiles, validated practitioners. */
export async function platformSize(tx: Tx) {
  const result = await tx.execute<{
    companies: number;
    active_companies: number;
    employees: number;
    validated_practitioners: number;
  }>(sql`
    select (select count(*) from companies)::int as companies,
           (select count(*) from companies where is_active)::int as active_companies,
           (select count(*) from employees)::int as employees,
           (select count(*) from practitioners where is_validated)::int as validated_practitioners`);
  const row = result.rows[0]!;
  return {
    companies: { total: Number(row.companies), active: Number(row.active_companies) },
    employees: Number(row.employees),
    validatedPractitioners: Number(row.validated_practitioners),
  };
}

/**
 * Every consultation of `window` (planned start, UTC months) by month and status, optionally of
 * one company or practitioner. Only the month and the status leave the query.
 */
export async function consultationsByStatus(
  tx: Tx,
  f: { companyId?: string; practitionerId?: string },
  window: MonthRange,
) {
  const parts: SQL[] = [
    sql`scheduled_at >= ${iso(window.from)}::timestamptz`,
    sql`scheduled_at < ${iso(window.to)}::timestamptz`,
  ];
  if (f.companyId) parts.push(sql`company_id = ${f.companyId}::uuid`);
  if (f.practitionerId) parts.push(sql`practitioner_id = ${f.practitionerId}::uuid`);
  // Grouped on the truncated instant and formatted after: formatting every row costs more than
  // the scan (see bench/insights-billing.bench.ts).
  const result = await tx.execute<{ month: string; status: string; n: number }>(sql`
    select to_char(m, 'YYYY-MM') as month, status, n
    from (
      select date_trunc('month', scheduled_at at time zone 'UTC') as m, status::text as status, count(*)::int as n
      from consultations
      where ${sql.join(parts, sql` and `)}
      group by 1, 2
    ) by_month`);
  return result.rows.map((r) => ({ month: r.month, status: r.status, count: Number(r.n) }));
}

/** The companies and practitioners that have counted consultations (for the filters), by name. */
export async function counterOptions(tx: Tx, limit: number) {
  const companies = await tx.execute<{ id: string; name: string }>(sql`
    select c.id, c.name
    from companies c
    where exists (select 1 from practitioner_billing s where s.company_id = c.id and s.period is not null)
    order by c.name, c.id
    limit ${limit}`);
  const practitioners = await tx.execute<{
    id: string;
    first_name: string;
    last_name: string;
    specialty: string;
  }>(sql`
    select s.practitioner_id as id, min(s.first_name) as first_name, min(s.last_name) as last_name,
           min(s.specialty::text) as specialty
    from practitioner_billing s
    where s.period is not null
    group by s.practitioner_id
    order by 3, 2, 1
    limit ${limit}`);
  return {
    companies: companies.rows.map((r) => ({ id: r.id, name: r.name })),
    practitioners: practitioners.rows.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      specialty: r.specialty,
    })),
  };
}
