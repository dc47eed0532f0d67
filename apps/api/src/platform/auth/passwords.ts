// Password hashing (bcrypt) and the password policy: at least 12 characters, not a common password,
// not built from the user's own email.

import { PASSWORD_MIN_LENGTH } from '@huntzen/contracts';
import { dictionary } from '@zxcvbn-ts/language-common';
import bcrypt from 'bcrypt';
import { AppError } from '../errors';

/** bcrypt cost: ≥ 10 by policy; 12 by default (≈ 250 ms on our machines). */
export const DEFAULT_BCRYPT_COST = 12;

const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** Hashes a password with bcrypt. */
export function hashPassword(password: string, cost = DEFAULT_BCRYPT_COST): Promise<string> {
  return bcrypt.hash(password, Math.max(10, cost));
}

/** Compares a password with a bcrypt hash. */
export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash).catch(() => false);
}

// Compared against when the account does not exist, so an unknown email costs the same time as a
// wrong password (no user enumeration by timing).
const DUMMY_HASH = bcrypt.hashSync('huntzen-no-such-account', DEFAULT_BCRYPT_COST);

/** Spends the time of one password check without an account. */
export async function spendPasswordCheckTime(password: string): Promise<void> {
  await verifyPassword(password, DUMMY_HASH);
}

/** Why a password is refused, or null when it is acceptable. */
export function passwordWeakness(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  const lower = password.toLowerCase();
  // Common passwords, also with the usual trailing digits/symbols ("password2024!").
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (common.has(lower) || (stem.length >= 4 && common.has(stem))) return 'this password is too common';
  if (/^(.)\1+$/u.test(password)) return 'this password is too simple';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'the password must not contain your email';
  return null;
}

/** Throws VALIDATION_FAILED on `path` when the password is refused. */
export function assertStrongPassword(password: string, email: string | undefined, path: string): void {
  const weakness = passwordWeakness(password, email);
  if (weakness) {
    throw new AppError('VALIDATION_FAILED', 'The password is not strong enough.', {
      errors: [{ path, message: weakness }],
    });
  }
}
