// What HR may do before HuntZen validates its company (issue 17): set the company up (settings,
// branding, domains), nothing that acts on employees or money. Employees and billing ask this.
import { companies, type Tx } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { AppError } from '../../platform/errors';
import { companyStatus } from './companies.policy';

/**
 * Refuses (403 FORBIDDEN, `currentState`: the company's status) unless the company is ACTIVE. Run
 * inside the HR actor's transaction; a company the actor cannot see counts as not validated.
 */
export async function assertCompanyValidatedForHr(tx: Tx, companyId: string): Promise<void> {
  const [row] = await tx
    .select({
      isActive: companies.isActive,
      validatedAt: companies.validatedAt,
      rejectedAt: companies.rejectedAt,
    })
    .from(companies)
    .where(eq(companies.id, companyId));
  const status = row ? companyStatus(row) : 'PENDING';
  if (status !== 'ACTIVE') {
    throw new AppError('FORBIDDEN', 'Your company is awaiting validation by HuntZen.', {
      currentState: status,
    });
  }
}
