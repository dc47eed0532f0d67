// Who may do what with company news. HR (ADMIN_RH) writes its company's items; employees read
// their company's items for everyone or for their department; any other role reads nothing (its
// list is empty, any item "not found"). The database says the same (0001 and 0025_news.sql).
import type { Actor, UserRole } from '@huntzen/db';
import { AppError } from '../../platform/errors';

/** The only role that writes news. */
export const NEWS_WRITERS: readonly UserRole[] = ['ADMIN_RH'];

/** Whose news an actor reads: HR its company's, an employee theirs; null for every other role. */
export type NewsAudience =
  | { kind: 'hr'; companyId: string }
  | { kind: 'employee'; companyId: string; employeeId: string }
  | null;

/** The audience `actor` belongs to. */
export function newsAudienceOf(actor: Actor): NewsAudience {
  if (actor.role === 'ADMIN_RH' && actor.companyId) return { kind: 'hr', companyId: actor.companyId };
  if (actor.role === 'EMPLOYEE' && actor.companyId && actor.employeeId) {
    return { kind: 'employee', companyId: actor.companyId, employeeId: actor.employeeId };
  }
  return null;
}

/** The company whose news `actor` writes, or FORBIDDEN. */
export function newsWriterCompany(actor: Actor): string {
  if (actor.role !== 'ADMIN_RH' || !actor.companyId) {
    throw new AppError('FORBIDDEN', 'Only a company’s HR writes its news.');
  }
  return actor.companyId;
}

/** NEWS_DISABLED unless the company allows internal news. */
export function assertNewsEnabled(company: { allowInternalNews: boolean }): void {
  if (!company.allowInternalNews) {
    throw new AppError('NEWS_DISABLED', 'Internal news is turned off for this company.');
  }
}
