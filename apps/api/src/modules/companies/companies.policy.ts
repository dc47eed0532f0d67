// The life of a company on HuntZen, as pure rules: its status from its columns, and which decisions
// HuntZen may take from each status. The service applies them under a row lock.
import type { CompanyStatus } from '@huntzen/contracts';

export interface CompanyState {
  isActive: boolean;
  validatedAt: Date | null;
  rejectedAt: Date | null;
}

/** The status shown for a company's columns. */
export function companyStatus(company: CompanyState): CompanyStatus {
  if (company.isActive) return 'ACTIVE';
  if (company.rejectedAt) return 'REJECTED';
  return company.validatedAt ? 'INACTIVE' : 'PENDING';
}

export type CompanyDecision = 'VALIDATE' | 'REJECT';

/**
 * Only a company waiting for validation may be validated or rejected: an active company is already
 * validated, a rejected one signs up again (its domains were released), and an inactive one was
 * validated before (switching it back on is another decision, not a validation).
 */
export function canDecide(status: CompanyStatus, _decision: CompanyDecision): boolean {
  return status === 'PENDING';
}
