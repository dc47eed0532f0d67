// Issue 17: HR and HuntZen's admins, who have no profile, are greeted by a display name: given at
// company sign-up or at an admin's invitation, changed by the account itself, in `Me`.
import { users } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { clientIp, signedIn } from '../../../test/identity';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const STRONG = 'Gentle-Tide-Compass-88';
type Account = Awaited<ReturnType<typeof signedIn>>;
const rename = (account: Account, payload: unknown) =>
  t.app.inject({
    method: 'PATCH',
    url: '/api/v1/auth/me/display-name',
    headers: account.headers,
    payload: payload as object,
  });
const storedName = async (email: string) =>
  (await t.db.ownerDb.select({ name: users.displayName }).from(users).where(eq(users.email, email)))[0]?.name;

describe('display name', () => {
  it('is set by HR itself and comes back in Me', async () => {
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH');
    const before = await t.app.inject({ url: '/api/v1/auth/me', headers: hr.headers });
    expect(before.json().displayName).toBeNull();
    const renamed = await rename(hr, { displayName: '  Claire Rousseau ' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ displayName: 'Claire Rousseau', role: 'ADMIN_RH' });
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: hr.headers });
    expect(me.json().displayName).toBe('Claire Rousseau');
  });

  it('is refused empty, too long, with control characters or another type, field by field', async () => {
    const admin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
    for (const displayName of ['', '   ', 'x'.repeat(101), 'Nul\u0000byte', 'Line\nbreak', 42, null]) {
      const response = await rename(admin, { displayName });
      expect(response.statusCode, JSON.stringify(displayName)).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.displayName']);
    }
    expect((await rename(admin, { displayName: 'A', extra: 1 })).statusCode).toBe(400);
  });

  it('is for HR and HuntZen admins only (the others are named by their profile)', async () => {
    for (const role of ['EMPLOYEE', 'PRACTITIONER'] as const) {
      const account = await signedIn(t.app, t.db, role);
      expect((await rename(account, { displayName: 'Nope' })).statusCode).toBe(403);
    }
  });

  it('is given at company sign-up and at an admin invitation', async () => {
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup/company',
      remoteAddress: clientIp(),
      payload: {
        company: { name: 'Nommée SA', emailDomains: ['@nommee.test'] },
        admin: { email: 'rh@nommee.test', password: STRONG, displayName: 'Inès Garnier' },
      },
    });
    expect(signup.statusCode, signup.body).toBe(201);
    expect(await storedName('rh@nommee.test')).toBe('Inès Garnier');

    const superAdmin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admins',
      headers: superAdmin.headers,
      payload: { email: 'julien.morel@huntzen.test', displayName: 'Julien Morel' },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(await storedName('julien.morel@huntzen.test')).toBe('Julien Morel');
  });
});
