// Sign-up journeys through the API: company registration, employee sign-up with verification and
// HR approval, practitioner application; every bad input answered with the field at fault.

import { companies, employees, notifications, practitioners, users } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { bearer, clientIp, createCompany, login, signedIn, tokenFromEmail } from '../../../test/identity';
import { newRpps } from '../practitioners/applications.fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const STRONG = 'Gentle-Tide-Compass-88';
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers, remoteAddress: clientIp() });
const employee = (email: string, password = STRONG) => ({
  email,
  password,
  firstName: 'Léa',
  lastName: 'Martin',
});

describe('employee sign-up', () => {
  it('verify by link, wait for HR approval, then sign in', async () => {
    const company = await createCompany(t.db, {
      emailDomains: ['@Calm-Corp.test'],
      autoApproveEmployees: false,
    });
    const email = `lea.${Date.now()}@calm-corp.TEST`;
    const signup = await post('/api/v1/signup/employee', employee(email));
    expect(signup.statusCode).toBe(201);
    expect(signup.json()).toEqual({ status: 'VERIFY_EMAIL' });
    const stored = email.toLowerCase();
    expect((await login(t.app, stored, STRONG)).body.code).toBe('EMAIL_NOT_VERIFIED');

    const token = await tokenFromEmail(t.db, stored, '/verify-email');
    const verified = await post('/api/v1/auth/verify-email', { token });
    expect(verified.json()).toEqual({ status: 'PENDING_APPROVAL' });
    expect((await post('/api/v1/auth/verify-email', { token })).json().code).toBe('TOKEN_INVALID');
    expect((await login(t.app, stored, STRONG)).body.code).toBe('ACCOUNT_PENDING_APPROVAL');

    const hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: company.id });
    const queue = await t.app.inject({ url: '/api/v1/employees/pending', headers: hr.headers });
    expect(queue.statusCode).toBe(200);
    const [waiting] = queue.json().items;
    expect(waiting).toMatchObject({ email: stored, firstName: 'Léa', emailVerified: true });
    expect((await post(`/api/v1/employees/${waiting.id}/approve`, {}, hr.headers)).statusCode).toBe(204);
    expect((await post(`/api/v1/employees/${waiting.id}/approve`, {}, hr.headers)).statusCode).toBe(409);

    const session = await login(t.app, stored, STRONG);
    expect(session.body).toMatchObject({ status: 'OK', user: { role: 'EMPLOYEE', companyId: company.id } });
    const [user] = await t.db.ownerDb.select().from(users).where(eq(users.email, stored));
    const notes = await t.db.ownerDb.select().from(notifications).where(eq(notifications.userId, user!.id));
    expect(notes.map((n) => n.type)).toEqual(['ACCOUNT_ACTIVATED']);
    const activated = await t.db.owner.query(
      `select subject from email_queue where "to" = $1 and template_name = 'account-activated'`,
      [stored],
    );
    expect(activated.rowCount).toBe(1);
  });

  it('is ACTIVE at once when the company auto-approves and does not require verification', async () => {
    await createCompany(t.db, {
      emailDomains: ['@open-corp.test'],
      autoApproveEmployees: true,
      requireEmailVerification: false,
    });
    const signup = await post('/api/v1/signup/employee', employee(`sam.${Date.now()}@open-corp.test`));
    expect(signup.json()).toEqual({ status: 'ACTIVE' });
  });

  it('answers a domain of no active company like a company’s, and tells the address by email', async () => {
    await createCompany(t.db, { emailDomains: ['@known-corp.test'] });
    await createCompany(t.db, { emailDomains: ['@asleep-corp.test'], isActive: false });
    const known = await post('/api/v1/signup/employee', employee('x@known-corp.test'));
    const inactive = await post('/api/v1/signup/employee', employee('x@asleep-corp.test'));
    const unknown = await post('/api/v1/signup/employee', {
      ...employee('x@gmail.test'),
      preferredLanguage: 'en',
    });
    for (const answer of [known, inactive, unknown]) {
      expect(answer.statusCode).toBe(201);
      expect(answer.headers['content-type']).toBe(known.headers['content-type']);
      expect(answer.body).toBe(known.body);
    }
    expect(known.json()).toEqual({ status: 'VERIFY_EMAIL' });
    const mails = await t.db.owner.query<{
      to: string;
      template_name: string;
      subject: string;
      text_body: string;
    }>(
      `select "to", template_name, subject, text_body from email_queue
        where "to" in ('x@known-corp.test', 'x@asleep-corp.test', 'x@gmail.test') order by "to"`,
    );
    expect(mails.rows.map((r) => [r.to, r.template_name])).toEqual([
      ['x@asleep-corp.test', 'generic-notification'],
      ['x@gmail.test', 'generic-notification'],
      ['x@known-corp.test', 'verify-email'],
    ]);
    expect(mails.rows[1]!.text_body).toContain('no company on HuntZen uses the domain gmail.test');
    const created = await t.db.ownerDb.select().from(users).where(eq(users.email, 'x@gmail.test'));
    expect(created).toEqual([]);
  });

  it('refuses a common password and a full company', async () => {
    await createCompany(t.db, {
      emailDomains: ['@tiny-corp.test'],
      maxEmployees: 1,
      requireEmailVerification: false,
    });
    const common = await post('/api/v1/signup/employee', employee('a@tiny-corp.test', 'password123456'));
    expect(common.json().errors).toEqual([{ path: 'body.password', message: 'this password is too common' }]);
    const short = await post('/api/v1/signup/employee', employee('a@tiny-corp.test', 'short'));
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].path).toBe('body.password');
    expect((await post('/api/v1/signup/employee', employee('a@tiny-corp.test'))).statusCode).toBe(201);
    const full = await post('/api/v1/signup/employee', employee('b@tiny-corp.test'));
    expect(full.statusCode).toBe(409);
  });

  it('answers an existing email like a new one, and tells its owner by email', async () => {
    await createCompany(t.db, { emailDomains: ['@twice-corp.test'] });
    expect((await post('/api/v1/signup/employee', employee('same@twice-corp.test'))).json().status).toBe(
      'VERIFY_EMAIL',
    );
    expect((await post('/api/v1/signup/employee', employee('same@twice-corp.test'))).json().status).toBe(
      'VERIFY_EMAIL',
    );
    const rows = await t.db.ownerDb.select().from(users).where(eq(users.email, 'same@twice-corp.test'));
    expect(rows).toHaveLength(1);
    const mails = await t.db.owner.query(
      `select template_name from email_queue where "to" = 'same@twice-corp.test' order by created_at`,
    );
    expect(mails.rows.map((r) => r.template_name)).toEqual(['verify-email', 'generic-notification']);
  });

  it('approving an employee of another company answers 404', async () => {
    await createCompany(t.db, { emailDomains: ['@other-corp.test'], requireEmailVerification: false });
    await post('/api/v1/signup/employee', employee('waiting@other-corp.test'));
    const [waiting] = await t.db.ownerDb
      .select({ id: employees.id })
      .from(employees)
      .innerJoin(users, eq(users.id, employees.userId))
      .where(eq(users.email, 'waiting@other-corp.test'));
    const foreignHr = await signedIn(t.app, t.db, 'ADMIN_RH');
    expect((await post(`/api/v1/employees/${waiting!.id}/approve`, {}, foreignHr.headers)).statusCode).toBe(
      404,
    );
    const queue = await t.app.inject({ url: '/api/v1/employees/pending', headers: foreignHr.headers });
    expect(queue.json().items).toEqual([]);
  });
});

describe('company registration', () => {
  const form = (domain: string, siret?: string) => ({
    company: { name: 'Zénith Conseil', emailDomains: [domain], ...(siret ? { siret } : {}) },
    admin: { email: `rh@${domain.replace('@', '')}`, password: STRONG, preferredLanguage: 'en' },
  });

  it('creates an inactive company and its HR admin, who waits for HuntZen validation', async () => {
    const response = await post('/api/v1/signup/company', form('zenith.test', '12345678901234'));
    expect(response.statusCode).toBe(201);
    const [company] = await t.db.ownerDb
      .select()
      .from(companies)
      .where(eq(companies.siret, '12345678901234'));
    expect(company).toMatchObject({
      isActive: false,
      slug: 'zenith-conseil',
      emailDomains: ['@zenith.test'],
    });
    const mail = await t.db.owner.query(`select subject from email_queue where "to" = 'rh@zenith.test'`);
    expect(mail.rows[0].subject).toMatch(/confirm/i); // English, as asked
    const token = await tokenFromEmail(t.db, 'rh@zenith.test', '/verify-email');
    expect((await post('/api/v1/auth/verify-email', { token })).json()).toEqual({
      status: 'PENDING_COMPANY_VALIDATION',
    });
    // The HR admin can sign in and see the company is not validated yet.
    const me = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: await bearer(t.app, 'rh@zenith.test', STRONG),
    });
    expect(me.json()).toMatchObject({ role: 'ADMIN_RH', company: { name: 'Zénith Conseil' } });
  });

  it('refuses a domain or SIRET already registered, with the field at fault', async () => {
    await createCompany(t.db, { emailDomains: ['@taken.test'], siret: '99999999999999' });
    const domain = await post('/api/v1/signup/company', form('TAKEN.test'));
    expect(domain.statusCode).toBe(409);
    expect(domain.json().errors[0].path).toBe('body.company.emailDomains');
    const siret = await post('/api/v1/signup/company', form('fresh.test', '99999999999999'));
    expect(siret.json().errors[0].path).toBe('body.company.siret');
    const malformed = await post('/api/v1/signup/company', form('not a domain', '123'));
    expect(malformed.statusCode).toBe(400);
    expect(
      malformed
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.admin.email', 'body.company.emailDomains.0', 'body.company.siret']);
  });
});

describe('practitioner application', () => {
  it('creates an unvalidated practitioner who must verify their email', async () => {
    const response = await post('/api/v1/signup/practitioner', {
      email: 'jeanne.roux@cabinet.test',
      password: STRONG,
      firstName: 'Jeanne',
      lastName: 'Roux',
      title: 'Mme.',
      specialty: 'PSYCHOLOGUE_TRAVAIL',
      professionalId: '759312345',
      bio: 'Psychologue du travail, quinze ans en entreprise.',
      languages: ['fr', 'en'],
      subSpecialties: ['Burn-out'],
    });
    expect(response.statusCode).toBe(201);
    const [p] = await t.db.ownerDb
      .select()
      .from(practitioners)
      .where(eq(practitioners.professionalId, '759312345'));
    expect(p).toMatchObject({
      isValidated: false,
      specialty: 'PSYCHOLOGUE_TRAVAIL',
      subSpecialties: ['Burn-out'],
    });
    const again = await post('/api/v1/signup/practitioner', {
      email: 'autre@cabinet.test',
      password: STRONG,
      firstName: 'A',
      lastName: 'B',
      title: 'M.',
      specialty: 'PSYCHIATRE',
      professionalId: '759312345',
      bio: 'Une autre biographie assez longue.',
      languages: ['fr'],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].path).toBe('body.professionalId');
  });

  it('refuses the professional numbers the profile refuses, with the same message', async () => {
    const rpps = newRpps();
    const wrongKey = rpps.slice(0, 10) + String((Number(rpps[10]) + 1) % 10);
    const apply = (professionalId: string) =>
      post('/api/v1/signup/practitioner', {
        email: `rpps.${crypto.randomUUID()}@cabinet.test`,
        password: STRONG,
        firstName: 'Claire',
        lastName: 'Morel',
        title: 'Dr',
        specialty: 'PSYCHIATRE',
        professionalId,
        bio: 'Psychiatre, consultations en visio depuis dix ans.',
        languages: ['fr'],
      });
    for (const [id, message] of <[string, string][]>[
      [wrongKey, 'the check digit of this RPPS number is wrong'],
      ['1000123456', 'an RPPS number has 11 digits and starts with 1'],
      ['ABC-123', 'an RPPS number has 11 digits and starts with 1'],
    ]) {
      const response = await apply(id);
      expect(response.statusCode, id).toBe(400);
      expect(response.json().errors).toContainEqual({ path: 'body.professionalId', message });
    }
    // Spaces are typing help, as on the profile: the number is stored without them.
    const spaced = newRpps();
    expect((await apply(`${spaced.slice(0, 2)} ${spaced.slice(2)}`)).statusCode).toBe(201);
    const [stored] = await t.db.ownerDb
      .select()
      .from(practitioners)
      .where(eq(practitioners.professionalId, spaced));
    expect(stored).toBeDefined();
  });

  it('keeps the language chosen at sign-up for the emails and the interface', async () => {
    const response = await post('/api/v1/signup/practitioner', {
      email: 'amy.stone@cabinet.test',
      password: STRONG,
      firstName: 'Amy',
      lastName: 'Stone',
      title: 'Dr.',
      specialty: 'PSYCHIATRE',
      bio: 'Psychiatrist working with adults, English and French.',
      languages: ['en', 'fr'],
      preferredLanguage: 'en',
    });
    expect(response.statusCode).toBe(201);
    const [p] = await t.db.ownerDb.select().from(practitioners).where(eq(practitioners.lastName, 'Stone'));
    expect(p!.preferredLanguage).toBe('en');
    const { rows } = await t.db.owner.query(
      `select template_name, subject from email_queue where "to" = 'amy.stone@cabinet.test'`,
    );
    expect(rows).toEqual([{ template_name: 'verify-email', subject: 'Confirm your email address' }]);
  });
});

describe('HuntZen admin accounts', () => {
  it('SUPER_ADMIN invites, deactivates (sessions end at once) and reactivates an admin', async () => {
    const boss = await signedIn(t.app, t.db, 'SUPER_ADMIN');
    const created = await post(
      '/api/v1/admins',
      { email: 'new.admin@huntzen.test', preferredLanguage: 'fr' },
      boss.headers,
    );
    expect(created.statusCode).toBe(201);
    const admin = created.json();
    expect(admin).toMatchObject({ role: 'ADMIN_HUNTZEN', isActive: true });
    expect((await post('/api/v1/admins', { email: 'new.admin@huntzen.test' }, boss.headers)).statusCode).toBe(
      409,
    );

    const token = await tokenFromEmail(t.db, 'new.admin@huntzen.test', '/reset-password');
    expect(
      (await post('/api/v1/auth/password-reset/confirm', { token, newPassword: STRONG })).statusCode,
    ).toBe(204);
    const first = await login(t.app, 'new.admin@huntzen.test', STRONG);
    expect(first.body.user.twoFactorEnrollmentRequired).toBe(true);
    const adminHeaders = { authorization: `Bearer ${first.body.accessToken}` };
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: adminHeaders })).statusCode).toBe(200);

    expect((await post(`/api/v1/admins/${admin.id}/deactivate`, {}, boss.headers)).json().isActive).toBe(
      false,
    );
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: adminHeaders })).statusCode).toBe(401);
    expect((await login(t.app, 'new.admin@huntzen.test', STRONG)).body.code).toBe('ACCOUNT_DISABLED');
    expect((await post(`/api/v1/admins/${admin.id}/reactivate`, {}, boss.headers)).json().isActive).toBe(
      true,
    );
    expect((await login(t.app, 'new.admin@huntzen.test', STRONG)).body.status).toBe('OK');

    const list = await t.app.inject({ url: '/api/v1/admins?limit=1', headers: boss.headers });
    expect(list.json().items).toHaveLength(1);
    const missing = await post(`/api/v1/admins/${boss.user.id}/deactivate`, {}, boss.headers);
    expect(missing.statusCode).toBe(404);
  });
});
