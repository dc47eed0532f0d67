// Calls of /api/v1/auth for the account's password and two-factor authentication.
import type { Session } from '@huntzen/contracts';
import { api } from '../../lib/api';

export interface TwoFactorSetup {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

/** POST /auth/password. */
export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return api.post('/auth/password', { currentPassword, newPassword });
}

/** POST /auth/2fa/setup: a new secret (not active until confirmed). */
export function setupTwoFactor(): Promise<TwoFactorSetup> {
  return api.post<TwoFactorSetup>('/auth/2fa/setup');
}

/** POST /auth/2fa/confirm: activates 2FA; the recovery codes are shown once. */
export function confirmTwoFactor(code: string): Promise<{ recoveryCodes: string[]; session: Session }> {
  return api.post('/auth/2fa/confirm', { code });
}

/** POST /auth/2fa/disable. */
export function disableTwoFactor(password: string, code: string): Promise<void> {
  return api.post('/auth/2fa/disable', { password, code });
}

/** POST /auth/2fa/recovery-codes: new codes, the old ones stop working. */
export function regenerateRecoveryCodes(
  password: string,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  return api.post('/auth/2fa/recovery-codes', { password, code });
}
