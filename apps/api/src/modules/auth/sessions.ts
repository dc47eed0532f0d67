// Issuing a session: a refresh token (stored as a digest, rotated at every use) and a 15-minute
// access token, plus the `Me` view of the account that the web app keeps in memory.
import { type Me, ROLES_REQUIRING_2FA, type Session } from '@huntzen/contracts';
import type { Tx } from '@huntzen/db';
import { signAccessToken } from '../../platform/auth';
import { companyStatus } from '../companies';
import { consentUpToDate } from '../onboarding';
import { findProfile, insertRefreshToken, type Profile } from './auth.repository';

export const REFRESH_TOKEN_TTL_DAYS = 30;

/** True when the account's role needs 2FA and it has not been enabled yet. */
export function needsEnrollment(user: Profile['user']): boolean {
  return ROLES_REQUIRING_2FA.includes(user.role) && !user.twoFactorEnabled;
}

/** The `Me` document of an account. */
export function toMe(profile: Profile): Me {
  const { user, employee, practitioner, company } = profile;
  const names = employee ?? practitioner;
  const lang = (employee ?? practitioner)?.lang === 'en' ? 'en' : 'fr';
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    firstName: names?.firstName ?? null,
    lastName: names?.lastName ?? null,
    displayName: user.displayName ?? null,
    preferredLanguage: lang,
    emailVerified: user.emailVerified,
    twoFactorEnabled: user.twoFactorEnabled,
    twoFactorEnrollmentRequired: needsEnrollment(user),
    companyId: user.companyId,
    employeeId: employee?.id ?? null,
    practitionerId: practitioner?.id ?? null,
    avatarUrl: names?.avatarUrl ?? null,
    employee: employee
      ? {
          onboardingCompleted: employee.onboardingCompletedAt !== null,
          consentUpToDate: consentUpToDate(employee),
        }
      : null,
    company: company
      ? {
          id: company.id,
          name: company.name,
          logoUrl: company.logoUrl,
          primaryColor: company.primaryColor,
          secondaryColor: company.secondaryColor,
          status: companyStatus(company),
        }
      : null,
  };
}

export interface IssuedSession {
  session: Session;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** Creates (or continues, with `familyId`) a session for `userId`. */
export async function issueSession(
  tx: Tx,
  params: {
    userId: string;
    jwtSecret: Buffer;
    familyId?: string;
    /** The refresh token to store (a rotation's successor); a random one otherwise. */
    refreshToken?: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<IssuedSession> {
  const refresh = await insertRefreshToken(tx, {
    userId: params.userId,
    familyId: params.familyId,
    token: params.refreshToken,
    ttlDays: REFRESH_TOKEN_TTL_DAYS,
    ip: params.ip,
    userAgent: params.userAgent,
  });
  return sessionOf(tx, { ...params, ...refresh, familyId: refresh.familyId });
}

/**
 * The session of a stored refresh token: its access token is signed as of the refresh token's
 * creation, so asking twice gives the very same pair (the grace period of a rotation).
 */
export async function sessionOf(
  tx: Tx,
  params: {
    userId: string;
    jwtSecret: Buffer;
    familyId: string;
    token: string;
    expiresAt: Date;
    createdAt: Date;
  },
): Promise<IssuedSession> {
  const profile = await findProfile(tx, params.userId);
  if (!profile) throw new Error(`no account ${params.userId}`);
  const me = toMe(profile);
  const access = await signAccessToken(
    params.jwtSecret,
    {
      userId: me.id,
      role: me.role,
      email: me.email,
      companyId: me.companyId,
      employeeId: me.employeeId,
      practitionerId: me.practitionerId,
      sessionId: params.familyId,
      mfa: me.twoFactorEnrollmentRequired ? 'enrol' : 'ok',
    },
    params.createdAt,
  );
  return {
    session: {
      status: 'OK',
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      user: me,
    },
    refreshToken: params.token,
    refreshExpiresAt: params.expiresAt,
  };
}
