// Sign-in, sessions, lockout, 2FA and email links, end to end through the API on real PostgreSQL.

import { SESSION_HINT_COOKIE } from '@huntzen/contracts';
import { auditLogs, refreshTokens, users } from '@huntzen/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import {
  bearer,
  clientIp,
  createAccount,
  enableTwoFactor,
  login,
  PASSWORD,
  tokenFromEmail,
} from '../../../test/identity';
import { currentTotp } from '../../platform/auth';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const post = (
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
  cookies?: Record<string, string>,
) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers,
    cookies,
    remoteAddress: clientIp(),
  });

describe('sign-in', () => {
  it('gives a session: access token, httpOnly refresh cookie, and the account', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const { response, body } = await login(t.app, account.email.toUpperCase());
    expect(response.statusCode).toBe(200);
    expect(body).toMatchObject({
      status: 'OK',
      user: { email: account.email, role: 'EMPLOYEE', employeeId: account.employeeId },
    });
    const cookie = response.cookies.find((c) => c.name === 'hz_refresh')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth', secure: true });
    // Beside it, for the page to read: a session exists (no secret, the same lifetime).
    const hint = response.cookies.find((c) => c.name === SESSION_HINT_COOKIE)!;
    expect(hint).toMatchObject({ value: '1', sameSite: 'Strict', path: '/', secure: true });
    expect(hint.httpOnly).toBeFalsy();
    expect(hint.expires).toEqual(cookie.expires);
    expect(body.refreshToken).toBeUndefined();
    // Only a digest of the refresh token is stored.
    const stored = await t.db.ownerDb
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, account.user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token).not.toBe(cookie.value);
    expect(stored[0]!.token).toMatch(/^[0-9a-f]{64}$/);
    const me = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${body.accessToken}` },
    });
    expect(me.json()).toMatchObject({ id: account.user.id, twoFactorEnrollmentRequired: false });
  });

  it('answers an unknown email exactly like a wrong password, and audits both', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const wrong = await login(t.app, account.email, 'not-the-password-at-all');
    const unknown = await login(t.app, 'nobody-here@example.test', 'not-the-password-at-all');
    expect(wrong.response.statusCode).toBe(401);
    expect(unknown.response.statusCode).toBe(401);
    const strip = (b: { instance?: string }) => ({ ...b, instance: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    const audits = await t.db.ownerDb.select().from(auditLogs).where(eq(auditLogs.action, 'LOGIN'));
    expect(
      audits.some(
        (a) => a.userId === account.user.id && (a.details as { outcome: string }).outcome === 'failure',
      ),
    ).toBe(true);
    const unknowns = audits.filter((a) => (a.details as { reason?: string }).reason === 'unknown_account');
    expect(unknowns).toHaveLength(1);
    expect(unknowns[0]!.details).toMatchObject({
      emailDomain: 'example.test',
      emailDigest: expect.any(String),
    });
    expect(audits.every((a) => a.ipAddress)).toBe(true);
  });

  it('never keeps the address typed for no account, only its domain and a digest', async () => {
    const typed = ['Someone.Else@Example.test', 'someone.else@example.test', 'other.person@example.test'];
    for (const email of typed) await login(t.app, email, 'whatever-password-1');
    const rows = await t.db.owner.query<{ details: Record<string, unknown>; text: string }>(
      `select details, row_to_json(a)::text as text from audit_logs a
        where action = 'LOGIN' and details->>'reason' = 'unknown_account' order by created_at desc limit 3`,
    );
    for (const { text } of rows.rows) {
      expect(text.toLowerCase()).not.toContain('someone.else');
      expect(text.toLowerCase()).not.toContain('other.person');
    }
    const [other, lower, mixed] = rows.rows.map((r) => r.details);
    for (const details of [other, lower, mixed])
      expect(details).toMatchObject({ emailDomain: 'example.test' });
    // One address, however it was typed, gives one digest: repeated attempts correlate.
    expect(lower!.emailDigest).toBe(mixed!.emailDigest);
    expect(other!.emailDigest).not.toBe(mixed!.emailDigest);
  });

  it('locks the account for 15 minutes after 10 failures, even with the right password', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const ip = clientIp();
    for (let i = 0; i < 10; i++)
      expect((await login(t.app, account.email, 'wrong-password-x', ip)).response.statusCode).toBe(401);
    const locked = await login(t.app, account.email, PASSWORD, ip);
    expect(locked.response.statusCode).toBe(423);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    const [row] = await t.db.ownerDb.select().from(users).where(eq(users.id, account.user.id));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it('refuses unverified, pending and disabled accounts with their own codes', async () => {
    const unverified = await createAccount(t.db, 'EMPLOYEE', { values: { emailVerified: false } });
    const pending = await createAccount(t.db, 'EMPLOYEE', { values: { isActive: false, approvedAt: null } });
    const disabled = await createAccount(t.db, 'EMPLOYEE', { values: { isActive: false } });
    expect((await login(t.app, unverified.email)).body.code).toBe('EMAIL_NOT_VERIFIED');
    expect((await login(t.app, pending.email)).body.code).toBe('ACCOUNT_PENDING_APPROVAL');
    expect((await login(t.app, disabled.email)).body.code).toBe('ACCOUNT_DISABLED');
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const ip = clientIp();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (await login(t.app, `flood-${i}@example.test`, 'whatever-password', ip)).response.statusCode,
      );
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe('sessions', () => {
  it('rotates the refresh token at every use; reusing a rotated one ends every session', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const first = await login(t.app, account.email);
    const other = await login(t.app, account.email); // a second device
    const r1 = await post('/api/v1/auth/refresh', {}, {}, { hz_refresh: first.refreshCookie! });
    expect(r1.statusCode).toBe(200);
    const rotated = r1.cookies.find((c) => c.name === 'hz_refresh')!.value;
    expect(rotated).not.toBe(first.refreshCookie);
    const r2 = await post('/api/v1/auth/refresh', {}, {}, { hz_refresh: rotated });
    expect(r2.statusCode).toBe(200);
    expect(r1.cookies.find((c) => c.name === SESSION_HINT_COOKIE)).toMatchObject({ value: '1' });
    // The first token again: stolen copy → every session of the user ends.
    const replay = await post('/api/v1/auth/refresh', {}, {}, { hz_refresh: first.refreshCookie! });
    expect(replay.statusCode).toBe(401);
    expect(replay.cookies.find((c) => c.name === SESSION_HINT_COOKIE)).toMatchObject({ value: '' });
    const latest = r2.cookies.find((c) => c.name === 'hz_refresh')!.value;
    expect((await post('/api/v1/auth/refresh', {}, {}, { hz_refresh: latest })).statusCode).toBe(401);
    expect(
      (await post('/api/v1/auth/refresh', {}, {}, { hz_refresh: other.refreshCookie! })).statusCode,
    ).toBe(401);
    const me = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${other.body.accessToken}` },
    });
    expect(me.statusCode).toBe(401);
  });

  it('logout ends the session at once; logout-all ends them all; API clients may take the token in the body', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const a = await login(t.app, account.email);
    const headersA = { authorization: `Bearer ${a.body.accessToken}` };
    const logout = await post('/api/v1/auth/logout', {}, {}, { hz_refresh: a.refreshCookie! });
    expect(logout.statusCode).toBe(204);
    // Both cookies cleared: the page no longer asks for a refresh at its next load.
    for (const name of ['hz_refresh', SESSION_HINT_COOKIE]) {
      expect(logout.cookies.find((c) => c.name === name)).toMatchObject({ value: '' });
      expect(logout.cookies.find((c) => c.name === name)!.expires!.getTime()).toBeLessThan(Date.now());
    }
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: headersA })).statusCode).toBe(401);

    const api = await post('/api/v1/auth/login', {
      email: account.email,
      password: PASSWORD,
      tokenDelivery: 'body',
    });
    expect(api.json().refreshToken).toEqual(expect.any(String));
    const b = await bearer(t.app, account.email);
    expect((await post('/api/v1/auth/logout-all', {}, b)).statusCode).toBe(204);
    expect((await post('/api/v1/auth/refresh', { refreshToken: api.json().refreshToken })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: b })).statusCode).toBe(401);
  });

  it('a password change keeps this session and ends the others', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const mine = await bearer(t.app, account.email);
    const other = await bearer(t.app, account.email);
    const weak = await post(
      '/api/v1/auth/password',
      { currentPassword: PASSWORD, newPassword: 'password1234' },
      mine,
    );
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { path: 'body.newPassword', message: 'this password is too common' },
    ]);
    const bad = await post(
      '/api/v1/auth/password',
      { currentPassword: 'wrong-password-1', newPassword: 'Another-Calm-River-77' },
      mine,
    );
    expect(bad.json().errors[0].path).toBe('body.currentPassword');
    expect(
      (
        await post(
          '/api/v1/auth/password',
          { currentPassword: PASSWORD, newPassword: 'Another-Calm-River-77' },
          mine,
        )
      ).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: mine })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: other })).statusCode).toBe(401);
    expect((await login(t.app, account.email, 'Another-Calm-River-77')).response.statusCode).toBe(200);
  });

  it('refuses a forged or expired access token', async () => {
    const forged = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: 'Bearer e30.e30.c2ln' },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('UNAUTHENTICATED');
  });
});

describe('two-factor authentication', () => {
  it('walks a practitioner through enrolment, then asks for a code at every sign-in', async () => {
    const account = await createAccount(t.db, 'PRACTITIONER');
    const first = await login(t.app, account.email);
    expect(first.body.user.twoFactorEnrollmentRequired).toBe(true);
    const enrolling = { authorization: `Bearer ${first.body.accessToken}` };
    // Nothing but enrolment is open yet.
    expect(
      (
        await post(
          '/api/v1/auth/password',
          { currentPassword: PASSWORD, newPassword: 'Another-Calm-River-77' },
          enrolling,
        )
      ).statusCode,
    ).toBe(403);
    const setup = await post('/api/v1/auth/2fa/setup', {}, enrolling);
    expect(setup.statusCode).toBe(200);
    expect(setup.json().qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const { secret } = setup.json();
    const [stored] = await t.db.ownerDb.select().from(users).where(eq(users.id, account.user.id));
    expect(stored!.twoFactorSecret).not.toContain(secret); // encrypted at rest
    expect((await post('/api/v1/auth/2fa/confirm', { code: '000000' }, enrolling)).json().code).toBe(
      'TWO_FACTOR_INVALID',
    );
    // Codes of successive 30-second steps (previous, current, next): each is accepted once only.
    const [previous, current, next] = await Promise.all(
      [-30_000, 0, 30_000].map((offset) => currentTotp(secret, Date.now() + offset)),
    );
    const confirmed = await post('/api/v1/auth/2fa/confirm', { code: previous }, enrolling);
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes, session } = confirmed.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(session.user.twoFactorEnrollmentRequired).toBe(false);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: enrolling })).statusCode).toBe(401);

    const again = await login(t.app, account.email);
    expect(again.body).toEqual({ status: 'TWO_FACTOR_REQUIRED', challengeToken: expect.any(String) });
    expect(again.body.accessToken).toBeUndefined();
    const wrong = await post('/api/v1/auth/2fa/verify', {
      challengeToken: again.body.challengeToken,
      code: '123456',
    });
    expect(wrong.json().code).toBe('TWO_FACTOR_INVALID');
    const ok = await post('/api/v1/auth/2fa/verify', {
      challengeToken: again.body.challengeToken,
      code: current,
    });
    expect(ok.statusCode).toBe(200);
    // The same code again is refused (RFC 6238 §5.2); the next step's is accepted.
    const replayLogin = await login(t.app, account.email);
    const challengeToken = replayLogin.body.challengeToken;
    const replayed = await post('/api/v1/auth/2fa/verify', { challengeToken, code: current });
    expect(replayed.json().code).toBe('TWO_FACTOR_INVALID');
    expect((await post('/api/v1/auth/2fa/verify', { challengeToken, code: next })).statusCode).toBe(200);
    // A recovery code works once.
    const third = await login(t.app, account.email);
    const recovery = {
      challengeToken: third.body.challengeToken,
      recoveryCode: recoveryCodes[0].toUpperCase(),
    };
    expect((await post('/api/v1/auth/2fa/verify', recovery)).statusCode).toBe(200);
    expect((await post('/api/v1/auth/2fa/verify', recovery)).json().code).toBe('TWO_FACTOR_INVALID');
    // A code from two minutes ago is refused.
    const late = await login(t.app, account.email);
    const stale = await currentTotp(secret, Date.now() - 120_000);
    expect(
      (await post('/api/v1/auth/2fa/verify', { challengeToken: late.body.challengeToken, code: stale }))
        .statusCode,
    ).toBe(401);
    // Practitioners cannot turn it off.
    const headers = { authorization: `Bearer ${ok.json().accessToken}` };
    const disable = await post(
      '/api/v1/auth/2fa/disable',
      { password: PASSWORD, code: await currentTotp(secret) },
      headers,
    );
    expect(disable.statusCode).toBe(403);
  });

  it('lets an employee disable it with password and code', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const secret = await enableTwoFactor(t.app, t.db, account.user.id);
    const first = await login(t.app, account.email);
    const session = await post('/api/v1/auth/2fa/verify', {
      challengeToken: first.body.challengeToken,
      code: await currentTotp(secret),
    });
    const headers = { authorization: `Bearer ${session.json().accessToken}` };
    const bad = await post(
      '/api/v1/auth/2fa/disable',
      { password: 'wrong-password-1', code: '000000' },
      headers,
    );
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.code', 'body.password']);
    expect(
      (
        await post(
          '/api/v1/auth/2fa/disable',
          // The sign-in used this step's code: the next step's one.
          { password: PASSWORD, code: await currentTotp(secret, Date.now() + 30_000) },
          headers,
        )
      ).statusCode,
    ).toBe(204);
    expect((await login(t.app, account.email)).body.status).toBe('OK');
  });
});

describe('email links', () => {
  it('resets a password with a single-use link and ends every session', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const before = await bearer(t.app, account.email);
    expect(
      (await post('/api/v1/auth/password-reset', { email: 'nobody-else@example.test' })).statusCode,
    ).toBe(202);
    expect((await post('/api/v1/auth/password-reset', { email: account.email })).statusCode).toBe(202);
    const token = await tokenFromEmail(t.db, account.email, '/reset-password');
    const weak = await post('/api/v1/auth/password-reset/confirm', {
      token,
      newPassword: 'aaaaaaaaaaaaaaaa',
    });
    expect(weak.statusCode).toBe(400);
    const done = await post('/api/v1/auth/password-reset/confirm', {
      token,
      newPassword: 'Fresh-Meadow-Sparrow-19',
    });
    expect(done.statusCode).toBe(204);
    expect(
      (
        await post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'Fresh-Meadow-Sparrow-20' })
      ).json().code,
    ).toBe('TOKEN_INVALID');
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: before })).statusCode).toBe(401);
    expect((await login(t.app, account.email, 'Fresh-Meadow-Sparrow-19')).response.statusCode).toBe(200);
    const emails = await t.db.owner.query(
      `select count(*)::int as n from email_queue where "to" = 'nobody-else@example.test'`,
    );
    expect(emails.rows[0].n).toBe(0);
  });

  it('refuses an expired link', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    await post('/api/v1/auth/password-reset', { email: account.email });
    const token = await tokenFromEmail(t.db, account.email, '/reset-password');
    await t.db.ownerDb.execute(
      sql`update account_tokens set expires_at = now() - interval '1 minute' where user_id = ${account.user.id}`,
    );
    const expired = await post('/api/v1/auth/password-reset/confirm', {
      token,
      newPassword: 'Fresh-Meadow-Sparrow-19',
    });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().code).toBe('TOKEN_INVALID');
  });
});
