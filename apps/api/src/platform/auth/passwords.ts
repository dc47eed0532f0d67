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

/** The cost a bcrypt hash was made with (`$2b$12$…` → 12), or null if it is not a bcrypt hash. */
export function bcryptCostOf(hash: string): number | null {
  const match = /^\$2[abxy]\$(\d{2})\$/.exec(hash);
  return match ? Number(match[1]) : null;
}

// Hashes nobody's password matches, one per cost, made on first use: compared against when there is
// no account, or to pad the check of an account hashed at a lower cost than the configured one.
const dummyHashes = new Map<number, Promise<string>>();
function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = bcrypt.hash('huntzen-no-such-account', cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}

/** Makes the dummy hashes of costs 10 … `cost` now, so that the first checks are not slower. */
export function warmPasswordChecks(cost: number): void {
  for (let c = 10; c <= cost; c++) void dummyHash(c);
}

/** Spends the time of one password check at `cost` without an account (no enumeration by timing). */
export async function spendPasswordCheckTime(password: string, cost = DEFAULT_BCRYPT_COST): Promise<void> {
  await verifyPassword(password, await dummyHash(Math.max(10, cost)));
}

/**
 * Compares a password with an account's hash in the time of a check at `cost` (at least): a hash of
 * a lower cost (seeded, or made before BCRYPT_COST was raised) is padded with dummy checks of costs
 * hashCost … cost-1, whose times add up to the difference (bcrypt's time doubles with each step).
 * So a wrong password costs what an unknown email costs.
 */
export async function verifyPasswordInTime(password: string, hash: string, cost: number): Promise<boolean> {
  const ok = await verifyPassword(password, hash);
  const own = bcryptCostOf(hash) ?? cost;
  for (let c = Math.max(10, own); c < cost; c++) await spendPasswordCheckTime(password, c);
  return ok;
}

/** True when a hash should be remade at the configured cost (done after a successful sign-in). */
export function needsRehash(hash: string, cost: number): boolean {
  return bcryptCostOf(hash) !== Math.max(10, cost);
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
