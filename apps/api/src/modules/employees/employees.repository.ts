// SQL of HR's employee list. Functions of (tx, params); row-level security keeps ADMIN_RH to its
// own company, and every query also names the company so the intent reads in the code. Only
// identity and account columns are selected: nothing about consultations, practitioners or usage.
import type { EmployeeStatus } from '@huntzen/contracts';
import { companies, employees, type Tx, users } from '@huntzen/db';
import { and, eq, isNotNull, type SQL, sql } from 'drizzle-orm';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, '\\$&');

/** The sort key of a row: last and first names folded (case, accents), then id. */
export interface EmployeeKey {
  last: string;
  first: string;
  id: string;
}

const sortLast = sql<string>`lower(unaccent(${employees.lastName}))`;
const sortFirst = sql<string>`lower(unaccent(${employees.firstName}))`;

/**
 * True when the part of the e-mail from its "@" is no longer one of the company's domains: the
 * employee joined through a domain HR has since removed, so HR should check they still belong.
 */
const domainRemoved = sql<boolean>`not exists (
  select 1 from ${companies} c, unnest(c.email_domains) d
  where c.id = ${employees.companyId} and lower(d) = lower(substring(${users.email} from '@[^@]*$')))`;

/** The columns of a list row. */
export const itemColumns = {
  id: employees.id,
  userId: employees.userId,
  firstName: employees.firstName,
  lastName: employees.lastName,
  email: users.email,
  department: employees.department,
  position: employees.position,
  isActive: users.isActive,
  approvedAt: users.approvedAt,
  emailVerified: users.emailVerified,
  createdAt: users.createdAt,
  domainRemoved,
  sortLast,
  sortFirst,
};

function statusCondition(status: EmployeeStatus): SQL {
  switch (status) {
    case 'ACTIVE':
      return sql`${users.isActive}`;
    case 'PENDING':
      return sql`not ${users.isActive} and ${users.approvedAt} is null`;
    case 'DEACTIVATED':
      return sql`not ${users.isActive} and ${users.approvedAt} is not null`;
  }
}

export interface EmployeeFilters {
  q?: string | undefined;
  department?: string | undefined;
  status?: EmployeeStatus | undefined;
}

/** The company's employees matching the filters, by name, `limit` of them after `after`. */
export async function listEmployees(
  tx: Tx,
  companyId: string,
  filters: EmployeeFilters,
  page: { limit: number; after: EmployeeKey | null },
) {
  const pattern = filters.q ? `%${escapeLike(filters.q.toLowerCase())}%` : null;
  return tx
    .select(itemColumns)
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(
      and(
        eq(employees.companyId, companyId),
        filters.status ? statusCondition(filters.status) : undefined,
        filters.department
          ? sql`lower(${employees.department}) = ${filters.department.toLowerCase()}`
          : undefined,
        pattern
          ? sql`(unaccent(lower(${employees.firstName} || ' ' || ${employees.lastName})) like unaccent(${pattern})
              or unaccent(lower(${employees.lastName} || ' ' || ${employees.firstName})) like unaccent(${pattern})
              or lower(${users.email}) like ${pattern})`
          : undefined,
        page.after
          ? sql`(${sortLast}, ${sortFirst}, ${employees.id}) > (${page.after.last}, ${page.after.first}, ${page.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(sortLast, sortFirst, employees.id)
    .limit(page.limit);
}

/** One employee of the company with their account, locked for a status change; null if not seen. */
export async function lockEmployee(tx: Tx, companyId: string, employeeId: string) {
  const [row] = await tx
    .select(itemColumns)
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(and(eq(employees.id, employeeId), eq(employees.companyId, companyId), eq(users.role, 'EMPLOYEE')))
    .for('update', { of: users });
  return row ?? null;
}

/** The departments the company's employees gave, for the list's filter. */
export async function departments(tx: Tx, companyId: string) {
  const rows = await tx
    .selectDistinct({ department: employees.department })
    .from(employees)
    .where(and(eq(employees.companyId, companyId), isNotNull(employees.department)))
    .orderBy(employees.department);
  return rows.map((r) => r.department!).filter((d) => d.trim() !== '');
}

/** The validation columns of company `companyId`, or null. */
export async function companyState(tx: Tx, companyId: string) {
  const [row] = await tx
    .select({
      isActive: companies.isActive,
      validatedAt: companies.validatedAt,
      rejectedAt: companies.rejectedAt,
    })
    .from(companies)
    .where(eq(companies.id, companyId));
  return row ?? null;
}
