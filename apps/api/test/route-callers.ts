// Who may call a route, and how a test signs in as such a caller: shared by the access matrix
// (every route × every role) and the fuzz test (every route, called by a role it admits).
import { ROLES, ROLES_REQUIRING_2FA } from '@huntzen/contracts';
import type { UserRole } from '@huntzen/db';
import type { TestApp } from './build-test-app';
import { bearer, bearerWithTotp, createAccount, enableTwoFactor } from './identity';

/** A route's access rule as the tests write it. */
export type Rule = 'public' | 'authenticated' | UserRole[];

export const EVERYONE: UserRole[] = [...ROLES];

/** True when `role` may call a route of `rule` (public routes need no role). */
export const allowed = (rule: Rule, role: UserRole) =>
  rule === 'authenticated' || (Array.isArray(rule) && rule.includes(role));

/** Every /api route the application declares, with its rule (the documentation excepted). */
export function declaredRules(t: TestApp): { method: string; url: string; rule: Rule }[] {
  return t.app.accessRules
    .filter((r) => !r.url.startsWith('/api/docs'))
    .map((r) => ({
      method: r.method,
      url: r.url,
      rule: r.access === 'public' || r.access === 'authenticated' ? r.access : [...r.access],
    }));
}

/**
 * A new signed-in account of `role` (2FA enabled first for the roles that require it); HR and
 * employees belong to `companyId`. `signInAgain` opens a new session of the same account, for
 * callers whose session a route ended (logout-all).
 */
export async function signInAs(t: TestApp, role: UserRole, companyId: string) {
  const account = await createAccount(
    t.db,
    role,
    role === 'ADMIN_RH' || role === 'EMPLOYEE' ? { companyId } : {},
  );
  const secret = ROLES_REQUIRING_2FA.includes(role)
    ? await enableTwoFactor(t.app, t.db, account.user.id)
    : null;
  const signInAgain = () =>
    secret ? bearerWithTotp(t.app, account.email, secret) : bearer(t.app, account.email);
  return { ...account, headers: await signInAgain(), signInAgain };
}
