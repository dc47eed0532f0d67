// HR's company settings through the API: colours, email domains (one company per domain, even
// under concurrency), onboarding settings, the employee limit; every bad input answered with the
// field at fault, audited changes, no way to another company's settings.
import { auditLogs, companies, type Tx, withActor } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createAccount, createCompany, signedIn } from '../../../test/identity';
import type { RequestActor } from '../../platform/auth';
import { pgErrorOf } from './company-conflicts';

type Account = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const patch = (account: Account, payload: object) =>
  t.app.inject({ method: 'PATCH', url: '/api/v1/me/company', headers: account.headers, payload });
const companyRow = async (id: string) =>
  (await t.db.ownerDb.select().from(companies).where(eq(companies.id, id)))[0]!;

/** An HR admin of a fresh company with the given domains. */
async function hrOf(domains: string[], values: Partial<typeof companies.$inferInsert> = {}) {
  const company = await createCompany(t.db, { emailDomains: domains, ...values });
  return signedIn(t.app, t.db, 'ADMIN_RH', { companyId: company.id });
}

const paths = (response: { json(): { errors?: { path: string }[] } }) =>
  (response.json().errors ?? []).map((e) => e.path).sort();

describe('reading', () => {
  it('gives HR its own company settings', async () => {
    const hr = await hrOf(['@read.test'], { maxEmployees: 50, primaryColor: '#123456' });
    await createAccount(t.db, 'EMPLOYEE', { companyId: hr.companyId! });
    const response = await t.app.inject({ url: '/api/v1/me/company', headers: hr.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: hr.companyId,
      name: expect.any(String),
      status: 'ACTIVE',
      emailDomains: ['@read.test'],
      primaryColor: '#123456',
      secondaryColor: '#5BC0DE',
      logoUrl: null,
      coverUrl: null,
      requireEmailVerification: true,
      autoApproveEmployees: false,
      allowInternalNews: true,
      maxEmployees: 50,
      employeeCount: 1,
      domains: [
        {
          domain: '@read.test',
          state: 'VERIFIED',
          verifiedAt: expect.any(String),
          verificationMethod: 'COMPANY_VALIDATION',
          linkSentTo: null,
          linkSentAt: null,
        },
      ],
    });
  });
});

describe('colours', () => {
  it('stores #RRGGBB colours upper-case, resets with null, and employees get them in their profile', async () => {
    const hr = await hrOf(['@colours.test']);
    const ok = await patch(hr, { primaryColor: '#1e5aa8', secondaryColor: '#F2A33A' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ primaryColor: '#1E5AA8', secondaryColor: '#F2A33A' });

    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: hr.companyId! });
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: employee.headers });
    expect(me.json().company).toMatchObject({ primaryColor: '#1E5AA8', secondaryColor: '#F2A33A' });

    const reset = await patch(hr, { secondaryColor: null });
    expect(reset.json()).toMatchObject({ primaryColor: '#1E5AA8', secondaryColor: null });
  });

  it('refuses anything that is not #RRGGBB', async () => {
    const hr = await hrOf(['@bad-colours.test']);
    for (const colour of ['#12345', 'red', '#GGGGGG', '1E5AA8', '#1e5aa8ff', 'rgb(1,2,3)', '', 42]) {
      const response = await patch(hr, { primaryColor: colour });
      expect(response.statusCode, String(colour)).toBe(400);
      expect(paths(response)).toEqual(['body.primaryColor']);
    }
    expect((await companyRow(hr.companyId!)).primaryColor).toBe('#4A90E2');
  });
});

describe('email domains', () => {
  it('stores domains lower-case with their @, and refuses malformed ones', async () => {
    const hr = await hrOf(['@domains.test']);
    const ok = await patch(hr, { emailDomains: ['Domains.TEST', '@New-Domain.test', 'new-domain.test'] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().emailDomains).toEqual(['@domains.test', '@new-domain.test']);

    for (const emailDomains of [['not a domain'], ['@'], ['-bad.test'], ['nodot'], []]) {
      const response = await patch(hr, { emailDomains });
      expect(response.statusCode, JSON.stringify(emailDomains)).toBe(400);
      expect(paths(response)[0], JSON.stringify(emailDomains)).toMatch(/^body\.emailDomains/);
    }
    const eleven = Array.from({ length: 11 }, (_, i) => `d${i}.test`);
    expect(paths(await patch(hr, { emailDomains: eleven }))).toEqual(['body.emailDomains']);
  });

  it('answers DOMAIN_TAKEN for a domain of another company, whatever its case', async () => {
    await createCompany(t.db, { emailDomains: ['@owned.test'] });
    const hr = await hrOf(['@mine.test']);
    const response = await patch(hr, { emailDomains: ['@mine.test', '@OWNED.test'] });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'DOMAIN_TAKEN',
      errors: [{ path: 'body.emailDomains', message: 'already registered: @owned.test' }],
    });
    expect((await companyRow(hr.companyId!)).emailDomains).toEqual(['@mine.test']);
  });

  it('refuses public webmail and disposable domains, naming each one, and keeps the old domains', async () => {
    const hr = await hrOf(['@kept.test']);
    const response = await patch(hr, {
      emailDomains: ['@kept.test', 'Gmail.com', '@mailinator.com', '@orange.fr'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(paths(response)).toEqual(['body.emailDomains.1', 'body.emailDomains.2', 'body.emailDomains.3']);
    const messages = (response.json().errors as { message: string }[]).map((e) => e.message);
    expect(messages[0]).toMatch(/@gmail\.com is a public webmail domain/);
    expect(messages[1]).toMatch(/@mailinator\.com is a disposable email domain/);
    expect((await companyRow(hr.companyId!)).emailDomains).toEqual(['@kept.test']);
  });

  it('gives a domain to one company only when two claim it at the same moment', async () => {
    const [a, b] = await Promise.all([hrOf(['@a-side.test']), hrOf(['@b-side.test'])]);
    const answers = await Promise.all([
      patch(a!, { emailDomains: ['@a-side.test', '@contested.test'] }),
      patch(b!, { emailDomains: ['@b-side.test', '@contested.test'] }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.statusCode === 409)!.json().code).toBe('DOMAIN_TAKEN');
    const holders = await t.db.owner.query(
      `select count(*)::int as n from companies where '@contested.test' = any(email_domains)`,
    );
    expect(holders.rows[0].n).toBe(1);
  });

  it('is enforced by the database itself, even for concurrent transactions outside the API', async () => {
    await createCompany(t.db, { emailDomains: ['@db-owned.test'] });
    const error = await createCompany(t.db, { emailDomains: ['@DB-Owned.test'] }).catch((e: unknown) => e);
    expect(pgErrorOf(error)).toMatchObject({ code: '23505', constraint: 'company_email_domains_pkey' });

    // Two sessions: the second waits for the first's commit, then fails.
    const first = await t.db.owner.connect();
    const second = await t.db.owner.connect();
    try {
      const insert = (name: string) =>
        `insert into companies (name, slug, email_domains) values ('${name}', '${name}', '{@raced.test}')`;
      await first.query('begin');
      await second.query('begin');
      await first.query(insert('raced-one'));
      const late = second.query(insert('raced-two')).then(
        () => null,
        (e: unknown) => e,
      );
      await first.query('commit');
      expect(pgErrorOf(await late)).toMatchObject({
        code: '23505',
        constraint: 'company_email_domains_pkey',
      });
      await second.query('rollback');
    } finally {
      first.release();
      second.release();
    }
  });
});

describe('onboarding settings and the employee limit', () => {
  it('changes the onboarding switches and audits each change with before and after', async () => {
    const hr = await hrOf(['@onboarding.test']);
    const response = await patch(hr, {
      requireEmailVerification: false,
      autoApproveEmployees: true,
      allowInternalNews: false,
    });
    expect(response.json()).toMatchObject({
      requireEmailVerification: false,
      autoApproveEmployees: true,
      allowInternalNews: false,
    });
    const audit = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, hr.companyId!), eq(auditLogs.action, 'UPDATE')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      userId: hr.user.id,
      resource: 'company',
      changesBefore: { requireEmailVerification: true, autoApproveEmployees: false, allowInternalNews: true },
      changesAfter: { requireEmailVerification: false, autoApproveEmployees: true, allowInternalNews: false },
    });
    // Sending the same values again changes nothing and audits nothing.
    await patch(hr, { autoApproveEmployees: true });
    const after = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, hr.companyId!), eq(auditLogs.action, 'UPDATE')));
    expect(after).toHaveLength(1);
  });

  it('refuses a limit below the current number of employees, accepts it equal, and removes it', async () => {
    const hr = await hrOf(['@limit.test']);
    for (let i = 0; i < 3; i++) await createAccount(t.db, 'EMPLOYEE', { companyId: hr.companyId! });
    const below = await patch(hr, { maxEmployees: 2 });
    expect(below.statusCode).toBe(409);
    expect(below.json()).toMatchObject({
      code: 'CONFLICT',
      errors: [{ path: 'body.maxEmployees', message: 'at least 3 (current employees)' }],
    });
    expect(below.json().detail).toMatch(/already has 3 employee accounts/);
    expect((await patch(hr, { maxEmployees: 3 })).json().maxEmployees).toBe(3);
    expect((await patch(hr, { maxEmployees: null })).json().maxEmployees).toBeNull();
    for (const maxEmployees of [0, -1, 2.5, '10', 1_000_001]) {
      expect(paths(await patch(hr, { maxEmployees })), String(maxEmployees)).toEqual(['body.maxEmployees']);
    }
  });
});

describe('boundaries', () => {
  it('refuses fields HR may not change', async () => {
    const hr = await hrOf(['@fields.test']);
    for (const payload of [{ isActive: false }, { siret: '12345678901234' }, { name: 'Renamed' }]) {
      const response = await patch(hr, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(await companyRow(hr.companyId!)).toMatchObject({ isActive: true, siret: null });
  });

  it('keeps HR to its own company, down to the database', async () => {
    const mine = await hrOf(['@mine-only.test']);
    const other = await createCompany(t.db, { emailDomains: ['@other-only.test'] });
    const actor: RequestActor = {
      role: 'ADMIN_RH',
      userId: mine.user.id,
      email: mine.email,
      companyId: mine.companyId,
      sessionId: '00000000-0000-4000-8000-000000000000',
      mfa: 'ok',
    };
    const asHr = <T>(fn: (tx: Tx) => Promise<T>) => withActor(t.db, actor, fn);
    // Another company is invisible and cannot be updated.
    expect(await asHr((tx) => tx.select().from(companies).where(eq(companies.id, other.id)))).toEqual([]);
    const updated = await asHr((tx) =>
      tx.update(companies).set({ primaryColor: '#000000' }).where(eq(companies.id, other.id)).returning(),
    );
    expect(updated).toEqual([]);
    // Its own validation state and legal identity are HuntZen's to change.
    for (const values of [{ isActive: false }, { validatedAt: new Date() }, { siret: '11111111111111' }]) {
      const error = await asHr((tx) =>
        tx.update(companies).set(values).where(eq(companies.id, mine.companyId!)),
      ).catch((e: unknown) => e);
      expect(pgErrorOf(error)?.code, JSON.stringify(values)).toBe('42501');
    }
    // The company register is not readable by HR, but for its own company's domains (migration 0023).
    const register = await asHr((tx) => tx.execute('select domain from company_email_domains'));
    expect(register.rows).toEqual([{ domain: '@mine-only.test' }]);
  });

  it('is for HR only', async () => {
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE');
    expect((await t.app.inject({ url: '/api/v1/me/company', headers: employee.headers })).statusCode).toBe(
      403,
    );
    expect((await patch(employee, { primaryColor: '#000000' })).statusCode).toBe(403);
  });
});
