// Calls of /api/v1/auth used by the session and the public auth pages.
import type { LoginResponse, Me, Session } from '@huntzen/contracts';
import { api } from '../../lib/api';

export type VerifyEmailStatus = 'VERIFIED' | 'PENDING_APPROVAL' | 'PENDING_COMPANY_VALIDATION';

/** POST /auth/login: a session, or a 2FA challenge to answer on /login/2fa. */
export function login(email: string, password: string): Promise<LoginResponse> {
  return api.post<LoginResponse>('/auth/login', { email, password });
}

/** POST /auth/2fa/verify with a TOTP code or a recovery code. */
export function verifyTwoFactor(
  challengeToken: string,
  answer: { code: string } | { recoveryCode: string },
): Promise<Session> {
  return api.post<Session>('/auth/2fa/verify', { challengeToken, ...answer });
}

/** POST /auth/logout: revokes this device's refresh token and clears the cookie. */
export function logout(): Promise<void> {
  return api.post('/auth/logout', {});
}

/** POST /auth/logout-all: revokes every session of the user. */
export function logoutAll(): Promise<void> {
  return api.post('/auth/logout-all', {});
}

/** GET /auth/me. */
export function fetchMe(): Promise<Me> {
  return api.get<Me>('/auth/me');
}

/** POST /auth/password-reset: always 202, whether or not the address exists. */
export function requestPasswordReset(email: string): Promise<void> {
  return api.post('/auth/password-reset', { email });
}

/** POST /auth/password-reset/confirm (also used to set the first password of an invited admin). */
export function confirmPasswordReset(token: string, newPassword: string): Promise<void> {
  return api.post('/auth/password-reset/confirm', { token, newPassword });
}

/** POST /auth/verify-email: the account's status once its address is confirmed. */
export function verifyEmail(token: string): Promise<{ status: VerifyEmailStatus }> {
  return api.post<{ status: VerifyEmailStatus }>('/auth/verify-email', { token });
}

/** POST /auth/verify-email/resend: always 202. */
export function resendVerification(email: string): Promise<void> {
  return api.post('/auth/verify-email/resend', { email });
}
