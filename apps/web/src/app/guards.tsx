// Route guards: anonymous-only pages, signed-in pages (with the mandatory 2FA enrolment detour and
// the employee's onboarding and consent detour) and role-restricted pages.
import type { Role } from '@huntzen/contracts';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageLoader } from '../components/FullPageLoader';
import { NotAllowed } from '../components/NotAllowed';
import { useAuth } from '../features/auth/auth-context';
import { onboardingDetour } from '../features/onboarding/onboarding-gate';

/** The in-app path a guard sent the user away from (never another origin). */
export function returnPath(locationState: unknown): string | null {
  const from = (locationState as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : null;
}

/**
 * Login, sign-up, forgot password: a signed-in user goes to their space instead. This is also
 * how a successful login leaves /login: back where RequireAuth found the user, or to /app.
 */
export function AnonymousOnly() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'authenticated') {
    const target = state.user.twoFactorEnrollmentRequired
      ? '/setup-2fa'
      : (returnPath(location.state) ?? '/app');
    return <Navigate to={target} replace />;
  }
  return <Outlet />;
}

/**
 * Signed-in pages. While 2FA enrolment is pending every other API call answers 403, so the user
 * is sent to /setup-2fa first (unless `enrollment` marks that very page). An employee who has not
 * finished onboarding, or not accepted the current consent, is sent to /app/welcome or /app/consent.
 */
export function RequireAuth({ enrollment = false }: { enrollment?: boolean }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'anonymous') {
    // A deliberate logout ends on the public home page; otherwise log in and come back here.
    if (state.reason === 'logout') return <Navigate to="/" replace />;
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (!enrollment && state.user.twoFactorEnrollmentRequired) return <Navigate to="/setup-2fa" replace />;
  // An employee finishes onboarding, and accepts a new consent version, before any other page.
  const detour = onboardingDetour(state.user, location.pathname);
  if (detour) {
    return <Navigate to={detour} replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <Outlet />;
}

/** Renders children (or the child route) for the given roles, "not allowed" for the others. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children?: ReactNode }) {
  const { role } = useAuth();
  if (!role || !roles.includes(role)) return <NotAllowed />;
  return children ?? <Outlet />;
}
