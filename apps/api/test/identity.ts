// Test helpers for identity: real accounts (bcrypt hashes), sign-in through the API, links read
// back from the email queue.

import { randomBytes } from 'node:crypto';
import { ROLES_REQUIRING_2FA } from '@huntzen/contracts';
import type { Database, UserRole } from '@huntzen/db';
import { type companies, type User, users } from '@huntzen/db';
import * as factories from '@huntzen/db/testing/factories';
import bcrypt from 'bcrypt';
import type { App } from '../src/app';

export const PASSWORD = 'Quiet-Harbor-Lantern-42';
const unique = () => randomBytes(4).toString('hex');

/** A company, active but not yet validated unless told otherwise, with its own domain (the factory's). */
export async function createCompany(db: Database, values: Partial<typeof companies.$inferInsert> = {}) {
  return factories.createCompany(db.ownerDb, { validatedAt: null, ...values });
}

/**
 * An active, verified account of `role` that signs in with PASSWORD (a real bcrypt hash);
 * employees and practitioners get their profile. Rows come from the one factory module.
 */
export async function createAccount(
  db: Database,
  role: UserRole,
  options: { companyId?: string; email?: string; values?: Partial<typeof users.$inferInsert> } = {},
) {
  const companyId =
    options.companyId ??
    (role === 'EMPLOYEE' || role === 'ADMIN_RH' ? (await createCompany(db)).id : undefined);
  const user: Partial<typeof users.$inferInsert> = {
    email: options.email ?? `${role.toLowerCase()}-${unique()}@example.test`,
    passwordHash: await bcrypt.hash(PASSWORD, 10),
    role,
    companyId: companyId ?? null,
    emailVerified: true,
    approvedAt: new Date(),
    ...options.values,
  };
  let created: { user: User; employeeId: string | null; practitionerId: string | null };
  if (role === 'EMPLOYEE') {
    const { user: u, employee } = await factories.createEmployee(db.ownerDb, {
      companyId: companyId!,
      user,
      employee: { firstName: 'Camille', lastName: `Test ${unique()}` },
    });
    created = { user: u, employeeId: employee.id, practitionerId: null };
  } else if (role === 'PRACTITIONER') {
    const { user: u, practitioner } = await factories.createPractitioner(
      db.ownerDb,
      { firstName: 'Alex', lastName: 'Test', specialty: 'PSYCHIATRE' },
      user,
    );
    created = { user: u, employeeId: null, practitionerId: practitioner.id };
  } else {
    created = { user: await factories.createUser(db.ownerDb, user), employeeId: null, practitionerId: null };
  }
  return { ...created, email: created.user.email, companyId: companyId ?? null };
}

let address = 0;
/** A distinct client address per call, so per-IP rate limits of one test do not leak into another. */
export function clientIp(): string {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
}

/** Signs in through the API; returns the response (session or challenge) and the refresh cookie. */
export async function login(app: App, email: string, password = PASSWORD, ip = clientIp()) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: ip,
  });
  const cookie = response.cookies.find((c) => c.name === 'hz_refresh');
  return { response, body: response.json(), refreshCookie: cookie?.value };
}

/** Signs in an account without 2FA and returns its bearer header. */
export async function bearer(app: App, email: string, password = PASSWORD) {
  const { body } = await login(app, email, password);
  if (body.status !== 'OK')
    throw new Error(`sign-in of ${email} did not give a session: ${JSON.stringify(body)}`);
  return { authorization: `Bearer ${body.accessToken}` };
}

/** The token of the newest link of `path` (e.g. /verify-email) emailed to `to`. */
export async function tokenFromEmail(db: Database, to: string, path: string): Promise<string> {
  const { rows } = await db.owner.query<{ text_body: string; html_body: string }>(
    `select text_body, html_body from email_queue where "to" = $1 order by created_at desc`,
    [to],
  );
  for (const row of rows) {
    const match = `${row.text_body}\n${row.html_body}`.match(new RegExp(`${path}\\?token=([A-Za-z0-9_%-]+)`));
    if (match) return decodeURIComponent(match[1]!);
  }
  throw new Error(`no ${path} link emailed to ${to}`);
}

/** Turns 2FA on for an account directly (as enrolment would) and returns its TOTP secret. */
export async function enableTwoFactor(app: App, db: Database, userId: string) {
  const { newTotpSecret } = await import('../src/platform/auth');
  const { eq } = await import('drizzle-orm');
  const secret = newTotpSecret();
  const stored = app.cipher.encrypt(secret, { table: 'users', column: 'two_factor_secret', rowId: userId });
  await db.ownerDb
    .update(users)
    .set({ twoFactorEnabled: true, twoFactorSecret: JSON.stringify(stored) })
    .where(eq(users.id, userId));
  return secret;
}

/** Signs in with password and TOTP; returns the bearer header. */
export async function bearerWithTotp(app: App, email: string, secret: string) {
  const { currentTotp } = await import('../src/platform/auth');
  const ip = clientIp();
  const first = await login(app, email, PASSWORD, ip);
  if (first.body.status !== 'TWO_FACTOR_REQUIRED')
    throw new Error(`expected a 2FA challenge: ${first.response.body}`);
  const second = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/2fa/verify',
    payload: { challengeToken: first.body.challengeToken, code: await currentTotp(secret) },
    remoteAddress: ip,
  });
  if (second.statusCode !== 200) throw new Error(`2FA failed: ${second.body}`);
  return { authorization: `Bearer ${second.json().accessToken}` };
}

/** A signed-in account of any role (2FA enabled first for the roles that require it). */
export async function signedIn(
  app: App,
  db: Database,
  role: UserRole,
  options: Parameters<typeof createAccount>[2] = {},
) {
  const account = await createAccount(db, role, options);
  const needs2fa = ROLES_REQUIRING_2FA.includes(role);
  const headers = needs2fa
    ? await bearerWithTotp(app, account.email, await enableTwoFactor(app, db, account.user.id))
    : await bearer(app, account.email);
  return { ...account, headers };
}
