// SQL of the proof of control of company email domains (migration 0023). Functions of (tx, params);
// row-level security lets HR see its own company's domains and links, the platform every one, and
// only the system (a link opened signed out) or the platform mark a domain verified.
import { companies, companyDomainVerifications, companyEmailDomains, type Tx } from '@huntzen/db';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';

/** The company's claimed domains with their state and the last live link of each pending one. */
export async function companyDomains(tx: Tx, companyId: string) {
  const rows = await tx
    .select({
      domain: companyEmailDomains.domain,
      verifiedAt: companyEmailDomains.verifiedAt,
      verificationMethod: companyEmailDomains.verificationMethod,
    })
    .from(companyEmailDomains)
    .where(eq(companyEmailDomains.companyId, companyId))
    .orderBy(asc(companyEmailDomains.domain));
  const links = await tx
    .select({
      domain: companyDomainVerifications.domain,
      email: companyDomainVerifications.email,
      createdAt: companyDomainVerifications.createdAt,
    })
    .from(companyDomainVerifications)
    .where(
      and(
        eq(companyDomainVerifications.companyId, companyId),
        isNull(companyDomainVerifications.usedAt),
        gt(companyDomainVerifications.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(companyDomainVerifications.createdAt));
  return rows.map((row) => ({ ...row, link: links.find((l) => l.domain === row.domain) ?? null }));
}

/**
 * One claimed domain of the company. Callers lock the company row first (HR cannot lock the
 * register's rows: it may not update them), which serialises it with a removal of the domain.
 */
export async function findCompanyDomain(tx: Tx, companyId: string, domain: string) {
  const [row] = await tx
    .select()
    .from(companyEmailDomains)
    .where(and(eq(companyEmailDomains.companyId, companyId), eq(companyEmailDomains.domain, domain)));
  return row ?? null;
}

/** Replaces the domain's unused links by a new one (its token's SHA-256 only). */
export async function createVerificationLink(
  tx: Tx,
  link: {
    companyId: string;
    domain: string;
    email: string;
    tokenHash: string;
    requestedBy: string;
    ttlHours: number;
  },
) {
  await tx
    .delete(companyDomainVerifications)
    .where(
      and(
        eq(companyDomainVerifications.companyId, link.companyId),
        eq(companyDomainVerifications.domain, link.domain),
        isNull(companyDomainVerifications.usedAt),
      ),
    );
  await tx.insert(companyDomainVerifications).values({
    companyId: link.companyId,
    domain: link.domain,
    email: link.email,
    tokenHash: link.tokenHash,
    requestedBy: link.requestedBy,
    expiresAt: sql`now() + make_interval(hours => ${link.ttlHours})`,
  });
}

/** Spends a live link (SYSTEM); its domain and company, or null when invalid, used or expired. */
export async function consumeVerificationLink(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .update(companyDomainVerifications)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(companyDomainVerifications.tokenHash, tokenHash),
        isNull(companyDomainVerifications.usedAt),
        gt(companyDomainVerifications.expiresAt, sql`now()`),
      ),
    )
    .returning({
      domain: companyDomainVerifications.domain,
      companyId: companyDomainVerifications.companyId,
    });
  return row ?? null;
}

/** Marks a pending domain of the company verified; false when it is not (or no longer) pending. */
export async function markDomainVerified(
  tx: Tx,
  params: { companyId: string; domain: string; method: 'EMAIL_LINK' | 'ADMIN'; by: string | null },
) {
  const rows = await tx
    .update(companyEmailDomains)
    .set({ verifiedAt: new Date(), verificationMethod: params.method, verifiedBy: params.by })
    .where(
      and(
        eq(companyEmailDomains.companyId, params.companyId),
        eq(companyEmailDomains.domain, params.domain),
        isNull(companyEmailDomains.verifiedAt),
      ),
    )
    .returning({ domain: companyEmailDomains.domain });
  return rows.length > 0;
}

/** The company's name and language (for the verification email and the answer). */
export async function companyForMail(tx: Tx, companyId: string) {
  const [row] = await tx
    .select({
      id: companies.id,
      name: companies.name,
      preferredLanguage: companies.preferredLanguage,
      primaryColor: companies.primaryColor,
    })
    .from(companies)
    .where(eq(companies.id, companyId));
  return row ?? null;
}
