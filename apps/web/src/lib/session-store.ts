// The session lives in memory only: the access token never touches localStorage (XSS could read
// it); the refresh token is an httpOnly cookie the browser sends to /api/v1/auth/refresh.
import type { Me, Session } from '@huntzen/contracts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason: 'expired' | 'logout' | 'none' }
  | { status: 'authenticated'; user: Me };

let state: SessionState = { status: 'loading' };
let accessToken: string | null = null;
const listeners = new Set<() => void>();

function publish(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** The current session state (stable object between changes, for useSyncExternalStore). */
export function getSessionState(): SessionState {
  return state;
}

/** Subscribes to session changes; returns the unsubscribe function. */
export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The bearer token for API calls, or null when anonymous. */
export function getAccessToken(): string | null {
  return accessToken;
}

/** Stores a fresh session (login, 2FA verification, refresh, 2FA enrolment). */
export function applySession(session: Session): void {
  accessToken = session.accessToken;
  publish({ status: 'authenticated', user: session.user });
}

/** Replaces the signed-in user's profile (after GET /auth/me). */
export function updateUser(user: Me): void {
  if (state.status === 'authenticated') publish({ status: 'authenticated', user });
}

/** Forgets the session; `reason` lets the UI tell an expiry from a deliberate logout. */
export function clearSession(reason: 'expired' | 'logout' | 'none'): void {
  accessToken = null;
  publish({ status: 'anonymous', reason });
}
