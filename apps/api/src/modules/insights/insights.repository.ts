// SQL of usage insights. HR's figures come only from the SECURITY DEFINER functions of migration
// 0021 (thresholded aggregates of its own company); per-employee counters from the
// company_employee_usage view, which shows HR the rows of sharing employees only.
import { companies, employees, type Tx, users } from '@huntzen/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DepartmentSize } from './anonymity';

/** Head counts per department of HR's company (key '' for none). */
export async function departmentSizes(tx: Tx): Promise<DepartmentSize[]> {
  const result = await tx.execute<{ department: string; members: number; protected: number }>(
    sql`select department, members, protected from insights_department_sizes()`,
  );
  return result.rows.map((r) => ({ key: r.department, members: r.members, protected: r.protected }));
}

export interface UsageRow {
  kind: 'group' | 'total';
  key: string | null;
  reportable: boolean;
  employees: number | null;
  active_employees: number | null;
  consultations: string | number | null;
  minutes: string | number | null;
  first_consultations: number | null;
  median_days: string | number | null;
}

/** Thresholded figures of HR's company over months [from, to] (first days), `hidden` departments suppressed. */
export async function usageRows(
  tx: Tx,
  params: { from: string; to: string; groupBy: 'month' | 'department'; hidden: readonly string[] },
): Promise<UsageRow[]> {
  const hidden = `{${params.hidden.map((h) => `"${h.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
  const result = await tx.execute<Record<string, unknown>>(
    sql`select kind, key, reportable, employees, active_employees, consultations, minutes,
               first_consultations, median_days
          from insights_usage(${params.from}::date, ${params.to}::date, ${params.groupBy}, ${hidden}::text[])`,
  );
  return result.rows as unknown as UsageRow[];
}

/** The company's minimum group size. */
export async function minGroupSize(tx: Tx, companyId: string): Promise<number> {
  const [row] = await tx
    .select({ k: companies.minGroupSize })
    .from(companies)
    .where(eq(companies.id, companyId));
  return row?.k ?? 5;
}

/** Sets the company's minimum group size; returns the previous one (null: company not seen). */
export async function setMinGroupSize(tx: Tx, companyId: string, k: number): Promise<number | null> {
  const before = await tx
    .select({ k: companies.minGroupSize })
    .from(companies)
    .where(eq(companies.id, companyId))
    .for('update');
  if (!before[0]) return null;
  await tx.update(companies).set({ minGroupSize: k }).where(eq(companies.id, companyId));
  return before[0].k;
}

/** The employee's sharing choice and their account as HR's employee list shows it. */
export async function employeeAccount(tx: Tx, employeeId: string) {
  const [row] = await tx
    .select({
      id: employees.id,
      companyId: employees.companyId,
      firstName: employees.firstName,
      lastName: employees.lastName,
      department: employees.department,
      position: employees.position,
      email: users.email,
      isActive: users.isActive,
      approvedAt: users.approvedAt,
      emailVerified: users.emailVerified,
      createdAt: users.createdAt,
      // As HR's employee list computes it (employees.repository: domainRemoved).
      domainRemoved: sql<boolean>`not exists (
        select 1 from ${companies} c, unnest(c.email_domains) d
        where c.id = ${employees.companyId} and lower(d) = lower(substring(${users.email} from '@[^@]*$')))`,
      shareUsageWithHr: employees.shareUsageWithHr,
      usageSharingChangedAt: employees.usageSharingChangedAt,
    })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(employees.id, employeeId));
  return row ?? null;
}

/** Records the employee's choice. */
export async function setSharing(tx: Tx, employeeId: string, share: boolean, at: Date): Promise<void> {
  await tx
    .update(employees)
    .set({ shareUsageWithHr: share, usageSharingChangedAt: at })
    .where(eq(employees.id, employeeId));
}

export interface CounterRow {
  employee_id: string;
  first_name: string;
  last_name: string;
  department: string | null;
  month: string;
  consultations: number;
  minutes: number;
}

/**
 * Per-employee months (count and minutes) the view lets the actor read: HR its sharing employees',
 * an employee their own. `employeeId` narrows to one employee.
 */
export async function counters(
  tx: Tx,
  params: { companyId: string; employeeId?: string; from?: string; to?: string },
): Promise<CounterRow[]> {
  const result = await tx.execute<Record<string, unknown>>(sql`
    select u.employee_id, e.first_name, e.last_name, e.department,
           to_char(u.period, 'YYYY-MM') as month,
           u.consultation_count::int as consultations, u.total_duration_minutes::int as minutes
      from company_employee_usage u
      join employees e on e.id = u.employee_id
     where u.company_id = ${params.companyId} and u.period is not null
       ${params.employeeId ? sql`and u.employee_id = ${params.employeeId}` : sql``}
       ${params.from ? sql`and u.period >= ${params.from}::date` : sql``}
       ${params.to ? sql`and u.period <= ${params.to}::date` : sql``}
     order by lower(e.last_name), lower(e.first_name), e.id, u.period`);
  return result.rows as unknown as CounterRow[];
}

/** Employees of HR's company who share, even with no month yet (so HR sees them listed). */
export async function sharingEmployees(tx: Tx, companyId: string) {
  return tx
    .select({
      id: employees.id,
      firstName: employees.firstName,
      lastName: employees.lastName,
      department: employees.department,
    })
    .from(employees)
    .where(and(eq(employees.companyId, companyId), eq(employees.shareUsageWithHr, true)))
    .orderBy(sql`lower(${employees.lastName})`, sql`lower(${employees.firstName})`, asc(employees.id));
}
