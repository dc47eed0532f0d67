// Issue 16 (hardening), parts 3 and 5: no account enumeration by sign-in answers or timing, refresh
// grace period, strict JWT claims, single-use 2FA challenges, cookie-only refresh, database down →
// 503, and who may read the API documentation.
import { connect, createServer, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createDatabase, recoveryCodes, refreshTokens, users } from '@huntzen/db';
import bcrypt from 'bcrypt';
import { eq, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, TEST_JWT_SECRET, type TestApp } from '../../../test/build-test-app';
import { clientIp, createAccount, enableTwoFactor, login, PASSWORD, signedIn } from '../../../test/identity';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { currentTotp } from '../../platform/auth';
import { isDatabaseUnavailable } from '../../platform/errors';
import { createLogger } from '../../platform/logging';
import { digest, normalizeCode } from './auth.repository';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const post = (url: string, payload?: unknown, cookies?: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
    cookies,
    remoteAddress: clientIp(),
  });
const refreshCookie = (response: { cookies: { name: string; value: string }[] }) =>
  response.cookies.find((c) => c.name === 'hz_refresh')?.value;
const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

describe('no account enumeration at sign-in', () => {
  let slow: TestApp;
  beforeAll(async () => {
    // The configured cost above the test accounts' own (10): what a raised BCRYPT_COST leaves.
    slow = await buildTestApp({ env: { BCRYPT_COST: '12' } });
  });
  afterAll(async () => {
    await slow?.close();
  });

  it('takes the time of an unknown email for a wrong password, whatever the cost of the hash', async () => {
    const accounts = await Promise.all(
      [10, 11, 12].map(async (cost) =>
        createAccount(slow.db, 'EMPLOYEE', {
          values: { passwordHash: await bcrypt.hash(PASSWORD, cost) },
        }),
      ),
    );
    const timed = async (email: string) => {
      const started = performance.now();
      const { response } = await login(slow.app, email, 'Wrong-Password-Entirely-1');
      expect(response.statusCode).toBe(401);
      return performance.now() - started;
    };
    const unknown = 'nobody-at-all@example.test';
    await timed(unknown); // warm-up: the dummy hashes, the first queries
    const times = { unknown: [] as number[], 10: [] as number[], 11: [] as number[], 12: [] as number[] };
    for (let round = 0; round < 5; round++) {
      times.unknown.push(await timed(unknown));
      for (const [i, cost] of ([10, 11, 12] as const).entries())
        times[cost].push(await timed(accounts[i]!.email));
    }
    for (const cost of [10, 11, 12] as const) {
      const ratio = median(times.unknown) / median(times[cost]);
      expect(ratio, `unknown / cost ${cost}: ${JSON.stringify(times)}`).toBeGreaterThan(0.5);
      expect(ratio, `unknown / cost ${cost}: ${JSON.stringify(times)}`).toBeLessThan(2);
    }
  }, 180_000); // ~20 checks at cost 12 on two shared cores

  it('rehashes at the configured cost once the password is right', async () => {
    const account = await createAccount(slow.db, 'EMPLOYEE');
    expect(account.user.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    expect((await login(slow.app, account.email)).response.statusCode).toBe(200);
    const [row] = await slow.db.ownerDb.select().from(users).where(eq(users.id, account.user.id));
    expect(row!.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(await bcrypt.compare(PASSWORD, row!.passwordHash)).toBe(true);
    expect((await login(slow.app, account.email)).response.statusCode).toBe(200);
  });

  it('answers a locked account like an unknown email until the password is right', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE', {
      values: { lockedUntil: new Date(Date.now() + 10 * 60_000) },
    });
    const wrong = await login(t.app, account.email, 'Wrong-Password-Entirely-1');
    const unknown = await login(t.app, 'nobody-locked@example.test', 'Wrong-Password-Entirely-1');
    expect(wrong.response.statusCode).toBe(401);
    expect(withoutInstance(wrong.body)).toEqual(withoutInstance(unknown.body));
    expect(wrong.response.headers['www-authenticate']).toBe(unknown.response.headers['www-authenticate']);
    // A wrong password does not prolong the lock.
    const [row] = await t.db.ownerDb.select().from(users).where(eq(users.id, account.user.id));
    expect(row!.lockedUntil!.getTime()).toBe(account.user.lockedUntil!.getTime());
    const right = await login(t.app, account.email);
    expect(right.response.statusCode).toBe(423);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
  });
});

describe('refresh token grace period', () => {
  it('gives two refreshes of the same token at once the same new pair', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const { refreshCookie: token } = await login(t.app, account.email);
    const [a, b] = await Promise.all([
      post('/api/v1/auth/refresh', {}, { hz_refresh: token! }),
      post('/api/v1/auth/refresh', {}, { hz_refresh: token! }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(refreshCookie(a)).toBe(refreshCookie(b));
    expect(refreshCookie(a)).not.toBe(token);
    expect(a.json().accessToken).toBe(b.json().accessToken);
    // A retry a moment later, with the token in the body, gets it too.
    const retry = await post('/api/v1/auth/refresh', { refreshToken: token, tokenDelivery: 'body' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().refreshToken).toBe(refreshCookie(a));
    // One session, one live token.
    const live = await t.db.ownerDb
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, account.user.id));
    expect(live.filter((r) => !r.rotatedAt && !r.revokedAt)).toHaveLength(1);
    // The new pair works.
    const me = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${a.json().accessToken}` },
    });
    expect(me.statusCode).toBe(200);
    const next = await post('/api/v1/auth/refresh', {}, { hz_refresh: refreshCookie(a)! });
    expect(next.statusCode).toBe(200);
  });

  it('still ends every session when a rotated token comes back after the grace period', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const { refreshCookie: token } = await login(t.app, account.email);
    const other = await login(t.app, account.email);
    const first = await post('/api/v1/auth/refresh', {}, { hz_refresh: token! });
    expect(first.statusCode).toBe(200);
    await t.db.ownerDb.execute(
      sql`update refresh_tokens set rotated_at = now() - interval '11 seconds'
          where user_id = ${account.user.id} and rotated_at is not null`,
    );
    const late = await post('/api/v1/auth/refresh', {}, { hz_refresh: token! });
    expect(late.statusCode).toBe(401);
    expect((await post('/api/v1/auth/refresh', {}, { hz_refresh: refreshCookie(first)! })).statusCode).toBe(
      401,
    );
    expect((await post('/api/v1/auth/refresh', {}, { hz_refresh: other.refreshCookie! })).statusCode).toBe(
      401,
    );
  });

  it('ends every session when the old token comes back after its successor was used, even within the grace period', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const { refreshCookie: token } = await login(t.app, account.email);
    const first = await post('/api/v1/auth/refresh', {}, { hz_refresh: token! });
    const second = await post('/api/v1/auth/refresh', {}, { hz_refresh: refreshCookie(first)! });
    expect(second.statusCode).toBe(200);
    expect((await post('/api/v1/auth/refresh', {}, { hz_refresh: token! })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/refresh', {}, { hz_refresh: refreshCookie(second)! })).statusCode).toBe(
      401,
    );
  });

  it('takes the refresh cookie alone: no body, or an empty JSON body', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const { refreshCookie: token } = await login(t.app, account.email);
    const bare = await post('/api/v1/auth/refresh', undefined, { hz_refresh: token! });
    expect(bare.statusCode, bare.body).toBe(200);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { 'content-type': 'application/json' },
      cookies: { hz_refresh: refreshCookie(bare)! },
      remoteAddress: clientIp(),
    });
    expect(empty.statusCode).toBe(200);
    // Still a JSON body when there is one: malformed JSON is a 400.
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { 'content-type': 'application/json' },
      payload: '{"refreshToken":',
      remoteAddress: clientIp(),
    });
    expect(malformed.statusCode).toBe(400);
  });
});

describe('access tokens', () => {
  it('refuses a well-signed token without exp, iat, aud or iss', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const { body } = await login(t.app, account.email);
    const [session] = await t.db.ownerDb
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, account.user.id));
    const secret = Buffer.from(TEST_JWT_SECRET, 'base64');
    const token = async (omit: 'exp' | 'iat' | 'aud' | 'iss' | 'none') => {
      let jwt = new SignJWT({ role: 'EMPLOYEE', email: account.email, sid: session!.familyId, mfa: 'ok' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(account.user.id);
      if (omit !== 'iss') jwt = jwt.setIssuer('huntzen');
      if (omit !== 'aud') jwt = jwt.setAudience('huntzen:access');
      if (omit !== 'iat') jwt = jwt.setIssuedAt();
      if (omit !== 'exp') jwt = jwt.setExpirationTime('5m');
      return jwt.sign(secret);
    };
    const me = async (jwt: string) =>
      (await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${jwt}` } }))
        .statusCode;
    expect(body.status).toBe('OK');
    expect(await me(await token('none'))).toBe(200);
    for (const claim of ['exp', 'iat', 'aud', 'iss'] as const)
      expect(await me(await token(claim)), claim).toBe(401);
  });
});

describe('2FA challenges', () => {
  it('makes one session of one challenge, even with two valid codes at once', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const secret = await enableTwoFactor(t.app, t.db, account.user.id);
    const code = await currentTotp(secret);
    const { body } = await login(t.app, account.email);
    expect(body.status).toBe('TWO_FACTOR_REQUIRED');
    const ok = await post('/api/v1/auth/2fa/verify', { challengeToken: body.challengeToken, code });
    expect(ok.statusCode).toBe(200);
    const again = await post('/api/v1/auth/2fa/verify', {
      challengeToken: body.challengeToken,
      code: await currentTotp(secret, Date.now() + 30_000),
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('UNAUTHENTICATED');

    // Racing: a TOTP code and a recovery code, both valid, with one challenge.
    const racer = await createAccount(t.db, 'EMPLOYEE');
    const racerSecret = await enableTwoFactor(t.app, t.db, racer.user.id);
    await t.db.ownerDb
      .insert(recoveryCodes)
      .values({ userId: racer.user.id, codeHash: digest(normalizeCode('abcd-efgh-jk')) });
    const challenge = (await login(t.app, racer.email)).body.challengeToken;
    const racing = await Promise.all([
      post('/api/v1/auth/2fa/verify', { challengeToken: challenge, code: await currentTotp(racerSecret) }),
      post('/api/v1/auth/2fa/verify', { challengeToken: challenge, recoveryCode: 'abcd-efgh-jk' }),
    ]);
    expect(racing.map((r) => r.statusCode).sort(), racing.map((r) => r.body).join()).toEqual([200, 401]);
    expect(racing.find((r) => r.statusCode === 401)!.json().code).toBe('UNAUTHENTICATED');
    const sessions = await t.db.ownerDb
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, racer.user.id));
    expect(sessions).toHaveLength(1);
  });

  it('does not spend the challenge on a mistyped code', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const secret = await enableTwoFactor(t.app, t.db, account.user.id);
    const { body } = await login(t.app, account.email);
    const wrong = await post('/api/v1/auth/2fa/verify', {
      challengeToken: body.challengeToken,
      code: '000000',
    });
    expect(wrong.json().code).toBe('TWO_FACTOR_INVALID');
    const right = await post('/api/v1/auth/2fa/verify', {
      challengeToken: body.challengeToken,
      code: await currentTotp(secret),
    });
    expect(right.statusCode).toBe(200);
  });
});

describe('database unavailable', () => {
  /** A TCP relay to the test database that can be cut: the database "goes down" under a running app. */
  async function relayTo(databaseUrl: string) {
    const target = new URL(databaseUrl);
    const sockets = new Set<Socket>();
    const server = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => socket.destroy());
        socket.on('close', () => sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const relayed = new URL(databaseUrl);
    relayed.hostname = '127.0.0.1';
    relayed.port = String((server.address() as { port: number }).port);
    return {
      url: relayed.toString(),
      async cut() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
      },
    };
  }

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, on public and authenticated routes', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const { body } = await login(t.app, account.email);
    const relay = await relayTo(t.config.databaseUrl!);
    const config = { ...t.config, databaseUrl: relay.url };
    const db = createDatabase({ url: relay.url });
    const app = await buildApp({ config, db, logger: createLogger(config) });
    const signIn = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'someone@example.test', password: 'Whatever-Password-1' },
        remoteAddress: clientIp(),
      });
    const me = () =>
      app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${body.accessToken}` } });
    try {
      await app.ready();
      expect((await signIn()).statusCode).toBe(401);
      expect((await me()).statusCode).toBe(200);
      await relay.cut();
      // The pools notice their connections are gone (as when PostgreSQL stops), then every new
      // connection is refused.
      await vi.waitFor(() => expect(db.app.totalCount + db.owner.totalCount).toBe(0));
      const down = await signIn();
      expect(down.statusCode).toBe(503);
      expect(down.headers['retry-after']).toBe('5');
      expect(down.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(down.json().detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      // The guard asks the database whether the session is live.
      const guarded = await me();
      expect(guarded.statusCode).toBe(503);
      expect(guarded.headers['retry-after']).toBe('5');
    } finally {
      await app.close();
      await db.close();
    }
  });

  it('recognises the server shutting down or refusing connections, not other failures', () => {
    const pgError = (code: string) => Object.assign(new Error('terminating connection'), { code });
    expect(isDatabaseUnavailable(pgError('57P01'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('57P03'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('08006'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('query failed', { cause: pgError('57P01') }))).toBe(true);
    expect(isDatabaseUnavailable(pgError('23505'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });
});

describe('API documentation (API_DOCS)', () => {
  const docsApp = async (apiDocs: 'public' | 'admins' | 'off') => {
    const config = { ...t.config, apiDocs };
    return buildApp({ config, db: t.db, logger: createLogger(config) });
  };

  it('is off by default in production, public elsewhere unless told', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    const production = { NODE_ENV: 'production', ENCRYPTION_KEY: key, JWT_SECRET: key };
    expect(loadConfig(production).apiDocs).toBe('off');
    expect(loadConfig({ ...production, API_DOCS: 'admins' }).apiDocs).toBe('admins');
    expect(loadConfig({ NODE_ENV: 'development' }).apiDocs).toBe('public');
    expect(() => loadConfig({ API_DOCS: 'everyone' })).toThrow(/API_DOCS: must be public, admins or off/);
  });

  it('serves nothing when off', async () => {
    const app = await docsApp('off');
    try {
      expect((await app.inject({ url: '/api/docs' })).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/docs/json' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('requires a HuntZen admin bearer when admins', async () => {
    const app = await docsApp('admins');
    try {
      const employee = await signedIn(t.app, t.db, 'EMPLOYEE');
      const admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
      expect((await app.inject({ url: '/api/docs/json' })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/docs/json', headers: employee.headers })).statusCode).toBe(403);
      const json = await app.inject({ url: '/api/docs/json', headers: admin.headers });
      expect(json.statusCode).toBe(200);
      expect(json.json().info.title).toBe('HuntZen API');
      expect((await app.inject({ url: '/api/docs', headers: admin.headers })).statusCode).toBeLessThan(400);
    } finally {
      await app.close();
    }
  });

  it('is open to anyone when public', async () => {
    expect((await t.app.inject({ url: '/api/docs/json' })).statusCode).toBe(200);
  });
});
