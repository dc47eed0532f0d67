// Issue 17, item 1: proof of control of a company email domain. A domain HR adds stays PENDING (no
// sign-up matches it) until someone opens the link sent to an address at that domain, or a HuntZen
// admin validates it; the domains of a company's sign-up are verified by the company's validation.
import { companyEmailDomains, users, withActor } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { clientIp, createCompany, signedIn, tokenFromEmail } from '../../../test/identity';
import type { RequestActor } from '../../platform/auth';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Account = Awaited<ReturnType<typeof signedIn>>;
const STRONG = 'Gentle-Tide-Compass-88';
const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers, remoteAddress: clientIp() });
const settings = async (hr: Account) =>
  (await t.app.inject({ url: '/api/v1/me/company', headers: hr.headers })).json();
const domainState = async (hr: Account, domain: string) =>
  (await settings(hr)).domains.find((d: { domain: string }) => d.domain === domain);
const signUp = (email: string) =>
  post('/api/v1/signup/employee', { email, password: STRONG, firstName: 'Paul', lastName: 'Inconnu' });
const accountExists = async (email: string) =>
  (await t.db.ownerDb.select({ id: users.id }).from(users).where(eq(users.email, email))).length > 0;

/** HR of a validated company holding `@<name>.test`, which then adds `@new-<name>.test`. */
async function companyAddingDomain(name: string) {
  const company = await createCompany(t.db, { emailDomains: [`@${name}.test`], autoApproveEmployees: true });
  const hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: company.id });
  const added = await t.app.inject({
    method: 'PATCH',
    url: '/api/v1/me/company',
    headers: hr.headers,
    payload: { emailDomains: [`@${name}.test`, `@new-${name}.test`] },
  });
  expect(added.statusCode, added.body).toBe(200);
  return { company, hr, added: `@new-${name}.test` };
}

describe('a domain added by HR', () => {
  it('stays pending and admits no one until proven', async () => {
    const { hr, added } = await companyAddingDomain('pending-corp');
    expect(await domainState(hr, '@pending-corp.test')).toMatchObject({
      state: 'VERIFIED',
      verificationMethod: 'COMPANY_VALIDATION',
    });
    expect(await domainState(hr, added)).toEqual({
      domain: added,
      state: 'PENDING',
      verifiedAt: null,
      verificationMethod: null,
      linkSentTo: null,
      linkSentAt: null,
    });
    // Answered like an unknown domain (nothing tells the domain is claimed), and nobody joins.
    const signup = await signUp(`paul@${added.slice(1)}`);
    expect(signup.statusCode).toBe(201);
    expect(signup.json()).toEqual({ status: 'VERIFY_EMAIL' });
    expect(await accountExists(`paul@${added.slice(1)}`)).toBe(false);
  });

  it('is verified by the link sent to an address at that domain, once', async () => {
    const { company, hr, added } = await companyAddingDomain('link-corp');
    const wrong = await post(
      '/api/v1/me/company/domains/verification',
      { domain: added, email: 'boss@gmail.com' },
      hr.headers,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ path: 'body.email', message: `an address ending in ${added}` }]);

    const address = `it@${added.slice(1)}`;
    const sent = await post(
      '/api/v1/me/company/domains/verification',
      { domain: added, email: address },
      hr.headers,
    );
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().domains.find((d: { domain: string }) => d.domain === added)).toMatchObject({
      state: 'PENDING',
      linkSentTo: address,
      linkSentAt: expect.any(String),
    });

    const token = await tokenFromEmail(t.db, address, '/verify-domain');
    const confirmed = await post('/api/v1/company-domains/verify', { token });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ domain: added, companyName: company.name });
    expect((await post('/api/v1/company-domains/verify', { token })).json().code).toBe('TOKEN_INVALID');
    expect(await domainState(hr, added)).toMatchObject({
      state: 'VERIFIED',
      verificationMethod: 'EMAIL_LINK',
      linkSentTo: null,
    });

    const signup = await signUp(`lea@${added.slice(1)}`);
    expect(signup.json()).toEqual({ status: 'VERIFY_EMAIL' });
    expect(await accountExists(`lea@${added.slice(1)}`)).toBe(true);

    const again = await post(
      '/api/v1/me/company/domains/verification',
      { domain: added, email: address },
      hr.headers,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ILLEGAL_TRANSITION');
  });

  it('forgets the links of a domain HR removes: opened later, they verify nothing', async () => {
    const { hr, added } = await companyAddingDomain('removed-corp');
    const address = `it@${added.slice(1)}`;
    const sent = await post(
      '/api/v1/me/company/domains/verification',
      { domain: added, email: address },
      hr.headers,
    );
    expect(sent.statusCode, sent.body).toBe(200);
    const token = await tokenFromEmail(t.db, address, '/verify-domain');
    const removed = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/company',
      headers: hr.headers,
      payload: { emailDomains: ['@removed-corp.test'] },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    const late = await post('/api/v1/company-domains/verify', { token });
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('TOKEN_INVALID');
  });

  it('answers 404 for a domain that is not the company’s, and 400 for a forged link', async () => {
    const { hr } = await companyAddingDomain('other-corp');
    const notOurs = await post(
      '/api/v1/me/company/domains/verification',
      { domain: '@someone-else.test', email: 'a@someone-else.test' },
      hr.headers,
    );
    expect(notOurs.statusCode).toBe(404);
    const forged = await post('/api/v1/company-domains/verify', { token: 'x'.repeat(43) });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('TOKEN_INVALID');
  });

  it('is validated by a HuntZen admin, not by HR writing to the register', async () => {
    const { company, hr, added } = await companyAddingDomain('admin-corp');
    // HR cannot mark it verified itself, whatever SQL it runs: no row is visible for an update.
    const actor: RequestActor = {
      role: 'ADMIN_RH',
      userId: hr.user.id,
      email: hr.email,
      companyId: company.id,
      sessionId: '00000000-0000-4000-8000-000000000000',
      mfa: 'ok',
    };
    await withActor(t.db, actor, (tx) =>
      tx
        .update(companyEmailDomains)
        .set({ verifiedAt: new Date(), verificationMethod: 'ADMIN' })
        .where(eq(companyEmailDomains.domain, added)),
    );
    expect((await domainState(hr, added)).state).toBe('PENDING');

    const admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
    const url = `/api/v1/companies/${company.id}/domains/verify`;
    const verified = await post(url, { domain: added }, admin.headers);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().domains.find((d: { domain: string }) => d.domain === added)).toMatchObject({
      state: 'VERIFIED',
      verificationMethod: 'ADMIN',
    });
    expect((await post(url, { domain: added }, admin.headers)).statusCode).toBe(409);
    expect((await post(url, { domain: '@nope.test' }, admin.headers)).statusCode).toBe(404);
  });
});

describe('the domains of a company sign-up', () => {
  it('are pending until HuntZen validates the company', async () => {
    const company = await createCompany(t.db, { emailDomains: ['@fresh-corp.test'], isActive: false });
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: company.id });
    expect((await domainState(hr, '@fresh-corp.test')).state).toBe('PENDING');
    const admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
    const validated = await post(`/api/v1/companies/${company.id}/validate`, {}, admin.headers);
    expect(validated.statusCode, validated.body).toBe(200);
    expect(validated.json().domains).toEqual([
      expect.objectContaining({
        domain: '@fresh-corp.test',
        state: 'VERIFIED',
        verificationMethod: 'COMPANY_VALIDATION',
      }),
    ]);
  });
});
