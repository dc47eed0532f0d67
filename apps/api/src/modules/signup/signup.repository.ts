// Sign-up queries: companies by domain, seats left, uniqueness checks. Functions of (tx, params).
import { companies, companyEmailDomains, employees, practitioners, type Tx, users } from '@huntzen/db';
import { and, count, eq, sql } from 'drizzle-orm';

/**
 * The active company holding `domain` (e.g. "@techcorp.com") as a *verified* domain, locked. A domain
 * HR added and nobody proved control of yet (migration 0023) admits no one: it answers like an
 * unknown domain.
 */
export async function findActiveCompanyByDomainForUpdate(tx: Tx, domain: string) {
  const [company] = await tx
    .select()
    .from(companies)
    .where(
      and(
        eq(companies.isActive, true),
        sql`exists (select 1 from unnest(${companies.emailDomains}) d where lower(d) = ${domain.toLowerCase()})`,
        sql`exists (select 1 from ${companyEmailDomains} v where v.company_id = ${companies.id}
                      and v.domain = ${domain.toLowerCase()} and v.verified_at is not null)`,
      ),
    )
    // Serialises sign-ups of one company, so maxEmployees holds under concurrency.
    .for('update');
  return company ?? null;
}

export async function countEmployees(tx: Tx, companyId: string) {
  const [row] = await tx.select({ n: count() }).from(employees).where(eq(employees.companyId, companyId));
  return row?.n ?? 0;
}

export async function emailTaken(tx: Tx, email: string) {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  return Boolean(row);
}

/** Domains among `domains` already claimed by another company (any state). */
export async function claimedDomains(tx: Tx, domains: string[]) {
  const rows = await tx.execute<{ domain: string }>(
    sql`select distinct lower(d) as domain from companies, unnest(email_domains) d
        where lower(d) in (${sql.join(
          domains.map((x) => sql`${x.toLowerCase()}`),
          sql`, `,
        )})`,
  );
  return rows.rows.map((r) => r.domain);
}

export async function siretTaken(tx: Tx, siret: string) {
  const [row] = await tx.select({ id: companies.id }).from(companies).where(eq(companies.siret, siret));
  return Boolean(row);
}

export async function slugTaken(tx: Tx, slug: string) {
  const [row] = await tx.select({ id: companies.id }).from(companies).where(eq(companies.slug, slug));
  return Boolean(row);
}

export async function professionalIdTaken(tx: Tx, professionalId: string) {
  const [row] = await tx
    .select({ id: practitioners.id })
    .from(practitioners)
    .where(eq(practitioners.professionalId, professionalId));
  return Boolean(row);
}
