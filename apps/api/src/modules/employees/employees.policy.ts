// An employee account's status as HR sees it, and the changes HR may make from each status. Pure
// rules; the service applies them under a row lock.
import type { CompanyStatus, EmployeeStatus } from '@huntzen/contracts';

export interface EmployeeAccountState {
  isActive: boolean;
  /** Set when HR approved the account (or at sign-up when the company auto-approves). */
  approvedAt: Date | null;
}

/** ACTIVE, PENDING (never approved) or DEACTIVATED (approved once, switched off since). */
export function employeeStatus(account: EmployeeAccountState): EmployeeStatus {
  if (account.isActive) return 'ACTIVE';
  return account.approvedAt ? 'DEACTIVATED' : 'PENDING';
}

export type EmployeeAction = 'APPROVE' | 'DEACTIVATE' | 'REACTIVATE';

/** The status each action starts from. */
const FROM: Record<EmployeeAction, EmployeeStatus> = {
  APPROVE: 'PENDING',
  DEACTIVATE: 'ACTIVE',
  REACTIVATE: 'DEACTIVATED',
};

/** True when HR may take `action` on an account in `status`. */
export function canChange(status: EmployeeStatus, action: EmployeeAction): boolean {
  return FROM[action] === status;
}

/**
 * HR manages employees only once HuntZen validated the company: before that nobody can have joined
 * it (sign-ups of a pending company's employees are refused), and approving would open the platform
 * to a company HuntZen may still reject. Company settings stay open meanwhile.
 */
export function employeesOpen(companyStatus: CompanyStatus): boolean {
  return companyStatus === 'ACTIVE';
}
