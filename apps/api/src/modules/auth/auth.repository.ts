// Accounts, sessions and single-use links: SQL only, functions of (tx, params).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  accountTokens,
  companies,
  employees,
  practitioners,
  recoveryCodes,
  refreshTokens,
  type Tx,
  usedChallengeTokens,
  users,
} from '@huntzen/db';
import { and, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';

/** SHA-256 of a token or code: what the database keeps instead of the secret itself. */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new random URL-safe secret (256 bits). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The account with this email (emails are stored lower-case). */
export async function findUserByEmail(tx: Tx, email: string) {
  const [user] = await tx.select().from(users).where(eq(users.email, email.toLowerCase()));
  return user ?? null;
}

/** The account `id`; `lock`: held until the end of the transaction (FOR UPDATE). */
export async function findUserById(tx: Tx, id: string, options: { lock?: boolean } = {}) {
  const query = tx.select().from(users).where(eq(users.id, id));
  const [user] = options.lock ? await query.for('update') : await query;
  return user ?? null;
}

/** Everything `Me` shows: the account, its employee or practitioner profile and its company. */
export async function findProfile(tx: Tx, userId: string) {
  const [row] = await tx
    .select({
      user: users,
      employee: {
        id: employees.id,
        firstName: employees.firstName,
        lastName: employees.lastName,
        lang: employees.preferredLanguage,
        avatarUrl: employees.avatarUrl,
        onboardingCompletedAt: employees.onboardingCompletedAt,
        consentVersion: employees.consentVersion,
        consentGivenAt: employees.consentGivenAt,
      },
      practitioner: {
        id: practitioners.id,
        firstName: practitioners.firstName,
        lastName: practitioners.lastName,
        avatarUrl: practitioners.avatarUrl,
        lang: practitioners.preferredLanguage,
      },
      company: {
        id: companies.id,
        name: companies.name,
        isActive: companies.isActive,
        validatedAt: companies.validatedAt,
        rejectedAt: companies.rejectedAt,
        logoUrl: companies.logoUrl,
        primaryColor: companies.primaryColor,
        secondaryColor: companies.secondaryColor,
      },
    })
    .from(users)
    .leftJoin(employees, eq(employees.userId, users.id))
    .leftJoin(practitioners, eq(practitioners.userId, users.id))
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.id, userId));
  return row ?? null;
}
export type Profile = NonNullable<Awaited<ReturnType<typeof findProfile>>>;

export async function recordFailedLogin(tx: Tx, userId: string, lockAfter: number, lockMinutes: number) {
  const [row] = await tx
    .update(users)
    .set({
      failedLoginCount: sql`case when ${users.failedLoginCount} + 1 >= ${lockAfter} then 0
                                 else ${users.failedLoginCount} + 1 end`,
      lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${lockAfter}
                            then now() + make_interval(mins => ${lockMinutes}) else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ lockedUntil: users.lockedUntil });
  return row?.lockedUntil ?? null;
}

/** Replaces an account's password hash (rehash at the configured cost; not a password change). */
export async function updatePasswordHash(tx: Tx, userId: string, passwordHash: string) {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function recordSuccessfulLogin(tx: Tx, userId: string) {
  await tx
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() })
    .where(eq(users.id, userId));
}

// ------------------------------------------------------------------ refresh tokens

export interface NewRefreshToken {
  userId: string;
  familyId?: string | undefined;
  /** Defaults to a new random secret. */
  token?: string | undefined;
  ttlDays: number;
  ip: string | null;
  userAgent: string | null;
}

/** Stores a new refresh token (its digest) and returns the token and its family. */
export async function insertRefreshToken(tx: Tx, params: NewRefreshToken) {
  const token = params.token ?? newSecret();
  const [row] = await tx
    .insert(refreshTokens)
    .values({
      token: digest(token),
      userId: params.userId,
      ...(params.familyId ? { familyId: params.familyId } : {}),
      expiresAt: new Date(Date.now() + params.ttlDays * 86_400_000),
      ipAddress: params.ip,
      userAgent: params.userAgent,
    })
    .returning({
      familyId: refreshTokens.familyId,
      expiresAt: refreshTokens.expiresAt,
      createdAt: refreshTokens.createdAt,
    });
  return { token, familyId: row!.familyId, expiresAt: row!.expiresAt, createdAt: row!.createdAt };
}

/** The stored row of a presented refresh token, locked for rotation. */
export async function findRefreshTokenForUpdate(tx: Tx, token: string) {
  const [row] = await tx
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.token, digest(token)))
    .for('update');
  return row ?? null;
}

export async function markRotated(tx: Tx, id: string) {
  await tx
    .update(refreshTokens)
    .set({ rotatedAt: new Date(), lastUsedAt: new Date() })
    .where(eq(refreshTokens.id, id));
}

/** Ends one session (every token of its family). */
export async function revokeFamily(tx: Tx, familyId: string) {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** Ends every session of a user, except `keepFamilyId` when given. */
export async function revokeUserSessions(tx: Tx, userId: string, keepFamilyId?: string) {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(refreshTokens.userId, userId),
        isNull(refreshTokens.revokedAt),
        keepFamilyId ? ne(refreshTokens.familyId, keepFamilyId) : undefined,
      ),
    );
}

/** Ends every session of another account, if the actor may manage it (database-checked). */
export async function revokeAllSessions(tx: Tx, userId: string) {
  await tx.execute(sql`select revoke_user_sessions(${userId})`);
}

/**
 * The token that succeeds `token` at its rotation: HMAC-SHA-256 under a key derived from the JWT
 * secret. Deterministic, so the same token presented again within the grace period gets the same
 * successor back although only digests are stored; unpredictable without the server's secret.
 */
export function successorToken(jwtSecret: Buffer, token: string): string {
  const key = createHmac('sha256', jwtSecret).update('huntzen:refresh-token-successor').digest();
  return createHmac('sha256', key).update(token).digest('base64url');
}

/**
 * What an audit row keeps of an e-mail typed for no account: its domain when it reads as an address
 * (a stuffing run against one company shows), and a keyed digest (attempts on one address
 * correlate). Never the text itself: people type their password in the e-mail field.
 */
export function typedEmailTrace(
  jwtSecret: Buffer,
  email: string,
): { emailDomain: string | null; emailDigest: string } {
  const normalized = email.trim().toLowerCase();
  const at = normalized.lastIndexOf('@');
  const domain = at > 0 ? normalized.slice(at + 1) : '';
  const key = createHmac('sha256', jwtSecret).update('huntzen:audit-typed-email').digest();
  return {
    emailDomain: /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null,
    emailDigest: createHmac('sha256', key).update(normalized).digest('base64url').slice(0, 22),
  };
}

// ------------------------------------------------------------------ 2FA challenges

/**
 * Records a 2FA challenge as exchanged; false when it already was (a challenge makes one session).
 * Ids of challenges that have expired anyway are dropped on the way.
 */
export async function claimChallenge(tx: Tx, challenge: { id: string; userId: string; expiresAt: Date }) {
  await tx
    .delete(usedChallengeTokens)
    .where(lt(usedChallengeTokens.expiresAt, sql`now() - interval '1 minute'`));
  const rows = await tx
    .insert(usedChallengeTokens)
    .values(challenge)
    .onConflictDoNothing({ target: usedChallengeTokens.id })
    .returning({ id: usedChallengeTokens.id });
  return rows.length === 1;
}

// ------------------------------------------------------------------ single-use links

type Purpose = (typeof accountTokens.$inferInsert)['purpose'];

/** Creates a link token (replacing unused ones of the same purpose) and returns the secret. */
export async function createAccountToken(tx: Tx, userId: string, purpose: Purpose, ttlMinutes: number) {
  await tx
    .delete(accountTokens)
    .where(
      and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)),
    );
  const token = newSecret();
  await tx.insert(accountTokens).values({
    userId,
    purpose,
    tokenHash: digest(token),
    expiresAt: new Date(Date.now() + ttlMinutes * 60_000),
  });
  return token;
}

/** Consumes a valid, unused, unexpired link token; returns its user id or null. */
export async function consumeAccountToken(tx: Tx, token: string, purposes: Purpose[]) {
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(accountTokens.tokenHash, digest(token)),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, new Date()),
        sql`${accountTokens.purpose} in ${purposes}`,
      ),
    )
    .returning({ userId: accountTokens.userId, purpose: accountTokens.purpose });
  return row ?? null;
}

// ------------------------------------------------------------------ recovery codes

export async function replaceRecoveryCodes(tx: Tx, userId: string, codes: string[]) {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (codes.length) {
    await tx
      .insert(recoveryCodes)
      .values(codes.map((code) => ({ userId, codeHash: digest(normalizeCode(code)) })));
  }
}

/** Uses a recovery code once; true when it was valid and unused. */
export async function useRecoveryCode(tx: Tx, userId: string, code: string) {
  const rows = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, digest(normalizeCode(code))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
}

/** Recovery codes compare without case, spaces or dashes. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

/** Records `step` as the last TOTP step used, if it is newer; false when it was already used. */
export async function claimTotpStep(tx: Tx, userId: string, step: number) {
  const rows = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${step})`))
    .returning({ id: users.id });
  return rows.length === 1;
}
