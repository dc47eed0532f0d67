// SQL of companies: HuntZen's list and detail, HR's own company, the domain register. Functions of
// (tx, params); row-level security decides what the actor sees (a company HR does not belong to is
// simply not found).
import type { CompanyStatus } from '@huntzen/contracts';
import { companies, companyEmailDomains, employees, type Tx, users } from '@huntzen/db';
import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, '\\$&');

/** The SQL condition of each status (see companies.policy.ts). */
export function statusCondition(status: CompanyStatus): SQL {
  switch (status) {
    case 'ACTIVE':
      return sql`${companies.isActive}`;
    case 'REJECTED':
      return sql`not ${companies.isActive} and ${companies.rejectedAt} is not null`;
    case 'PENDING':
      return sql`not ${companies.isActive} and ${companies.rejectedAt} is null and ${companies.validatedAt} is null`;
    case 'INACTIVE':
      return sql`not ${companies.isActive} and ${companies.rejectedAt} is null and ${companies.validatedAt} is not null`;
  }
}

/** Name or slug (accents and case ignored), SIRET (spaces ignored) or email domain containing `q`. */
function searchCondition(q: string): SQL {
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  const digits = q.replace(/\s+/g, '');
  return sql`(unaccent(lower(${companies.name})) like unaccent(${pattern})
    or ${companies.slug} like unaccent(${pattern})
    or (${digits} <> '' and ${companies.siret} like ${`%${escapeLike(digits)}%`})
    or exists (select 1 from unnest(${companies.emailDomains}) d where d like ${pattern}))`;
}

/** The sort key of a row: creation time at full precision (as text), then id. */
export interface CompanyKey {
  t: string;
  id: string;
}

const summaryColumns = {
  id: companies.id,
  name: companies.name,
  slug: companies.slug,
  siret: companies.siret,
  emailDomains: companies.emailDomains,
  city: companies.city,
  size: companies.size,
  isActive: companies.isActive,
  createdAt: companies.createdAt,
  validatedAt: companies.validatedAt,
  rejectedAt: companies.rejectedAt,
  // Spelled out: Drizzle leaves columns unqualified in a one-table select, and `id` would be e.id.
  employeeCount: sql<number>`(select count(*)::int from employees e where e.company_id = companies.id)`,
  sortTime: sql<string>`to_char(${companies.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

/**
 * Companies matching the filters, `limit` of them after `after`. `oldestFirst` for the validation
 * queue (first come, first served), newest first otherwise.
 */
export async function listCompanies(
  tx: Tx,
  filters: { q?: string | undefined; status?: CompanyStatus | undefined },
  page: { limit: number; after: CompanyKey | null; oldestFirst: boolean },
) {
  const { after, oldestFirst } = page;
  const keyset = after
    ? oldestFirst
      ? sql`(${companies.createdAt}, ${companies.id}) > (${after.t}::timestamptz, ${after.id}::uuid)`
      : sql`(${companies.createdAt}, ${companies.id}) < (${after.t}::timestamptz, ${after.id}::uuid)`
    : undefined;
  return tx
    .select(summaryColumns)
    .from(companies)
    .where(
      and(
        filters.status ? statusCondition(filters.status) : undefined,
        filters.q ? searchCondition(filters.q) : undefined,
        keyset,
      ),
    )
    .orderBy(
      oldestFirst
        ? sql`${companies.createdAt} asc, ${companies.id} asc`
        : sql`${companies.createdAt} desc, ${companies.id} desc`,
    )
    .limit(page.limit);
}

/** The company row, or null when the actor cannot see it. */
export async function findCompany(tx: Tx, id: string) {
  const [row] = await tx
    .select({ ...summaryColumns, company: companies })
    .from(companies)
    .where(eq(companies.id, id));
  return row ?? null;
}

/** Locks the company row for a decision or a settings change (serialises them and sign-ups). */
export async function lockCompany(tx: Tx, id: string) {
  const [row] = await tx.select().from(companies).where(eq(companies.id, id)).for('update');
  return row ?? null;
}

/** The company's HR admins (the recipients of its validation news). */
export async function hrAdminsOf(tx: Tx, companyId: string) {
  return tx
    .select({
      id: users.id,
      email: users.email,
      emailVerified: users.emailVerified,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.role, 'ADMIN_RH')))
    .orderBy(asc(users.createdAt));
}

/** Employee accounts of the company by state (active, waiting for approval, deactivated). */
export async function employeeCounts(tx: Tx, companyId: string) {
  const [row] = await tx
    .select({
      active: sql<number>`count(*) filter (where ${users.isActive})::int`,
      pending: sql<number>`count(*) filter (where not ${users.isActive} and ${users.approvedAt} is null)::int`,
      deactivated: sql<number>`count(*) filter (where not ${users.isActive} and ${users.approvedAt} is not null)::int`,
    })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(employees.companyId, companyId));
  return row ?? { active: 0, pending: 0, deactivated: 0 };
}

/** Every employee account of the company, whatever its state: what `maxEmployees` limits. */
export async function countEmployees(tx: Tx, companyId: string) {
  const [row] = await tx.select({ n: count() }).from(employees).where(eq(employees.companyId, companyId));
  return row?.n ?? 0;
}

/** The email of a user (the admin who validated a company), when the actor may read it. */
export async function userEmail(tx: Tx, id: string) {
  const [row] = await tx.select({ email: users.email }).from(users).where(eq(users.id, id));
  return row?.email ?? null;
}

/**
 * Domains among `domains` held by a company other than `exceptCompanyId`. Reads the register,
 * which only the system and the platform can: HR's changes rely on the database's refusal instead.
 */
export async function claimedDomains(tx: Tx, domains: string[], exceptCompanyId?: string) {
  if (domains.length === 0) return [];
  const rows = await tx
    .select({ domain: companyEmailDomains.domain, companyId: companyEmailDomains.companyId })
    .from(companyEmailDomains)
    .where(
      inArray(
        companyEmailDomains.domain,
        domains.map((d) => d.toLowerCase()),
      ),
    );
  return rows.filter((r) => r.companyId !== exceptCompanyId).map((r) => r.domain);
}
