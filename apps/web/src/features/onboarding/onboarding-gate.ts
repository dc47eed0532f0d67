// Where an employee must go before the rest of the app: the onboarding wizard until it is done,
// then the consent page whenever a new consent version awaits. Pages outside /app (account
// security) stay open; the emergency button is in the header of every page.
import type { Me } from '@huntzen/contracts';

export const WELCOME_PATH = '/app/welcome';
export const CONSENT_PATH = '/app/consent';

/** The page `user` must see instead of `pathname`, or null to let them through. */
export function onboardingDetour(user: Me, pathname: string): string | null {
  if (user.role !== 'EMPLOYEE' || !user.employee) return null;
  if (pathname !== '/app' && !pathname.startsWith('/app/')) return null;
  if (!user.employee.onboardingCompleted) return pathname === WELCOME_PATH ? null : WELCOME_PATH;
  if (!user.employee.consentUpToDate) return pathname === CONSENT_PATH ? null : CONSENT_PATH;
  return null;
}
