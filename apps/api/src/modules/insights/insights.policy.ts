// Who reads usage insights: HR, for its own company only (the database functions check the same
// and take the company from the transaction, never from the request). The per-employee sharing
// switch and "what my HR sees" are the employee's own.
import type { UserRole } from '@huntzen/db';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';

export const INSIGHTS_ROLES: readonly UserRole[] = ['ADMIN_RH'];
export const HR_SHARING_ROLES: readonly UserRole[] = ['EMPLOYEE'];

/** HR's company, or FORBIDDEN. */
export function insightsCompanyOf(actor: RequestActor): string {
  if (actor.role !== 'ADMIN_RH' || !actor.companyId) {
    throw new AppError('FORBIDDEN', 'Usage insights are for HR.');
  }
  return actor.companyId;
}

/** The employee id whose sharing `actor` manages, or FORBIDDEN. */
export function sharingOwnerOf(actor: RequestActor): string {
  if (actor.role !== 'EMPLOYEE' || !actor.employeeId) {
    throw new AppError('FORBIDDEN', 'Only an employee shares their own counters.');
  }
  return actor.employeeId;
}
