// HuntZen's review of companies through the API: the validation queue, the searchable list, the
// detail, validation (notification + email in the company's language) and rejection (reason
// emailed, domains released); illegal transitions answer 409 with the current state.
import { auditLogs, companies, notifications, users } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { bearer, clientIp, createAccount, createCompany, signedIn } from '../../../test/identity';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
});
afterAll(async () => {
  await t?.close();
});

const STRONG = 'Gentle-Tide-Compass-88';
const post = (url: string, payload: object, headers: Record<string, string> = admin.headers) =>
  t.app.inject({ method: 'POST', url, payload, headers, remoteAddress: clientIp() });
const get = (url: string, headers: Record<string, string> = admin.headers) => t.app.inject({ url, headers });

/** A company registered through the public form (pending), with its HR admin. */
async function register(
  name: string,
  domain: string,
  options: { siret?: string; language?: 'fr' | 'en' } = {},
) {
  const hrEmail = `rh@${domain}`;
  const response = await post(
    '/api/v1/signup/company',
    {
      company: { name, emailDomains: [domain], ...(options.siret ? { siret: options.siret } : {}) },
      admin: { email: hrEmail, password: STRONG, preferredLanguage: options.language ?? 'fr' },
    },
    {},
  );
  expect(response.statusCode, response.body).toBe(201);
  const [company] = await t.db.ownerDb.select().from(companies).where(eq(companies.contactEmail, hrEmail));
  return { ...company!, hrEmail };
}

async function emailsTo(to: string, template: string) {
  const { rows } = await t.db.owner.query<{ subject: string; text_body: string; template_data: object }>(
    `select subject, text_body, template_data from email_queue where "to" = $1 and template_name = $2`,
    [to, template],
  );
  return rows;
}

describe('the validation queue and the list', () => {
  it('lists waiting companies oldest first, pages through them, and searches every company', async () => {
    const first = await register('Zénith Conseil', 'zenith.test', { siret: '12345678901234' });
    const second = await register('Atelier Été', 'atelier-ete.test');
    const active = await createCompany(t.db, { name: 'Déjà Active', siret: '55555555555555' });

    const queue = await get('/api/v1/companies?status=PENDING');
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((c: { id: string }) => c.id)).toEqual([first.id, second.id]);
    expect(queue.json().items[0]).toMatchObject({
      name: 'Zénith Conseil',
      slug: 'zenith-conseil',
      siret: '12345678901234',
      emailDomains: ['@zenith.test'],
      status: 'PENDING',
      employeeCount: 0,
      validatedAt: null,
      rejectedAt: null,
    });

    // One at a time: the cursor walks the queue without repeating or skipping.
    const page1 = (await get('/api/v1/companies?status=PENDING&limit=1')).json();
    const page2 = (await get(`/api/v1/companies?status=PENDING&limit=1&cursor=${page1.nextCursor}`)).json();
    expect([...page1.items, ...page2.items].map((c: { id: string }) => c.id)).toEqual([first.id, second.id]);
    expect(page2.nextCursor).toBeNull();
    const bad = await get('/api/v1/companies?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.cursor');

    const search = async (q: string, status = '') =>
      (await get(`/api/v1/companies?q=${encodeURIComponent(q)}${status}`))
        .json()
        .items.map((c: { name: string }) => c.name);
    expect(await search('ZENITH')).toEqual(['Zénith Conseil']); // case and accents ignored
    expect(await search('été')).toEqual(['Atelier Été']);
    expect(await search('1234 5678 901')).toEqual(['Zénith Conseil']); // SIRET, spaces ignored
    expect(await search('atelier-ete.test')).toEqual(['Atelier Été']); // domain
    expect(await search('deja')).toEqual(['Déjà Active']);
    expect(await search('deja', '&status=PENDING')).toEqual([]);
    expect(await search('100%_')).toEqual([]); // LIKE wildcards are plain characters
    const all = (await get('/api/v1/companies?status=ACTIVE')).json().items;
    expect(all.map((c: { id: string }) => c.id)).toContain(active.id);
    expect(all.every((c: { status: string }) => c.status === 'ACTIVE')).toBe(true);
  });

  it('shows one company with its HR admins and account counts; an unknown id is 404', async () => {
    const company = await register('Détail SA', 'detail.test');
    const response = await get(`/api/v1/companies/${company.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: company.id,
      status: 'PENDING',
      contactEmail: company.hrEmail,
      hrAdmins: [{ email: company.hrEmail, emailVerified: false }],
      employees: { active: 0, pending: 0, deactivated: 0 },
      validatedBy: null,
      rejectionReason: null,
    });
    expect((await get('/api/v1/companies/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('is for HuntZen only: HR and employees are refused', async () => {
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH');
    expect((await get('/api/v1/companies', hr.headers)).statusCode).toBe(403);
    expect((await get(`/api/v1/companies/${hr.companyId}`, hr.headers)).statusCode).toBe(403);
    expect((await post(`/api/v1/companies/${hr.companyId}/validate`, {}, hr.headers)).statusCode).toBe(403);
  });
});

describe('validation', () => {
  it('activates the company, tells its HR admins in their language, and opens employee sign-up', async () => {
    const company = await register('Northwind Ltd', 'northwind.test', { language: 'en' });
    // Not validated yet: the answer is the one any address gets (no enumeration), but no account.
    const early = await post(
      '/api/v1/signup/employee',
      { email: 'early@northwind.test', password: STRONG, firstName: 'Early', lastName: 'Bird' },
      {},
    );
    expect(early.statusCode, early.body).toBe(201);
    expect(
      await t.db.ownerDb.select({ id: users.id }).from(users).where(eq(users.email, 'early@northwind.test')),
    ).toEqual([]);

    const response = await post(`/api/v1/companies/${company.id}/validate`, {});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ACTIVE',
      validatedBy: { id: admin.user.id, email: admin.email },
    });
    const [row] = await t.db.ownerDb.select().from(companies).where(eq(companies.id, company.id));
    expect(row).toMatchObject({ isActive: true, validatedBy: admin.user.id });
    expect(row!.validatedAt).toBeInstanceOf(Date);

    const hrId = response.json().hrAdmins[0].id;
    const notes = await t.db.ownerDb.select().from(notifications).where(eq(notifications.userId, hrId));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      type: 'COMPANY_VALIDATED',
      title: 'Your company is validated',
      linkUrl: '/app/company',
    });
    const [mail] = await emailsTo(company.hrEmail, 'company-validated');
    expect(mail?.subject).toBe("Northwind Ltd's space is validated"); // English, as chosen at sign-up
    expect(mail?.text_body).toContain('/app/company');

    const audit = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, company.id), eq(auditLogs.action, 'VALIDATE')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      userId: admin.user.id,
      resource: 'company',
      details: { decision: 'VALIDATED' },
    });

    const signup = await post(
      '/api/v1/signup/employee',
      { email: 'first@northwind.test', password: STRONG, firstName: 'First', lastName: 'Hire' },
      {},
    );
    expect(signup.statusCode).toBe(201);
    const after = (await get(`/api/v1/companies/${company.id}`)).json();
    expect(after).toMatchObject({ employeeCount: 1, employees: { active: 0, pending: 1, deactivated: 0 } });
    const listed = (await get('/api/v1/companies?q=northwind')).json().items;
    expect(listed).toMatchObject([{ id: company.id, employeeCount: 1 }]);
  });

  it('answers 409 with the current state for an active company, and leaves it unchanged', async () => {
    const company = await register('Twice Validated', 'twice.test');
    expect((await post(`/api/v1/companies/${company.id}/validate`, {})).statusCode).toBe(200);
    const again = await post(`/api/v1/companies/${company.id}/validate`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'ACTIVE' });
    const reject = await post(`/api/v1/companies/${company.id}/reject`, {
      reason: 'Changed our mind entirely.',
    });
    expect(reject.statusCode).toBe(409);
    expect(reject.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'ACTIVE' });
    const [row] = await t.db.ownerDb.select().from(companies).where(eq(companies.id, company.id));
    expect(row).toMatchObject({ isActive: true, rejectedAt: null, rejectionReason: null });
    // One notification, not two.
    const hrId = (await get(`/api/v1/companies/${company.id}`)).json().hrAdmins[0].id;
    expect(
      await t.db.ownerDb.select().from(notifications).where(eq(notifications.userId, hrId)),
    ).toHaveLength(1);
  });

  it('validates a company once when two admins decide at the same moment', async () => {
    const company = await register('Race Corp', 'race.test');
    const other = await signedIn(t.app, t.db, 'SUPER_ADMIN');
    const answers = await Promise.all([
      post(`/api/v1/companies/${company.id}/validate`, {}),
      post(`/api/v1/companies/${company.id}/validate`, {}, other.headers),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await emailsTo(company.hrEmail, 'company-validated')).toHaveLength(1);
  });
});

describe('rejection', () => {
  it('needs a reason', async () => {
    const company = await register('No Reason', 'no-reason.test');
    for (const payload of [{}, { reason: '' }, { reason: '   too short ' }]) {
      const response = await post(`/api/v1/companies/${company.id}/reject`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.reason']);
    }
    const [row] = await t.db.ownerDb.select().from(companies).where(eq(companies.id, company.id));
    expect(row!.rejectedAt).toBeNull();
  });

  it('takes the company out of the queue, emails the reason, and frees its domains', async () => {
    const company = await register('Refusée SARL', 'refusee.test', { siret: '98765432109876' });
    const reason = 'Le SIRET ne correspond à aucune entreprise active.';
    const response = await post(`/api/v1/companies/${company.id}/reject`, { reason });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'REJECTED', rejectionReason: reason });

    const queue = (await get('/api/v1/companies?status=PENDING')).json().items;
    expect(queue.map((c: { id: string }) => c.id)).not.toContain(company.id);
    const rejected = (await get('/api/v1/companies?status=REJECTED')).json().items;
    expect(rejected.map((c: { id: string }) => c.id)).toContain(company.id);

    const [mail] = await emailsTo(company.hrEmail, 'company-rejected');
    expect(mail?.subject).toMatch(/Refusée SARL/);
    expect(mail?.text_body).toContain(reason);
    expect(mail?.text_body).toContain('/signup/company');
    // The reason is in the body only, not in the stored template data.
    expect(JSON.stringify(mail?.template_data)).not.toContain('SIRET ne correspond');

    const [audit] = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, company.id), eq(auditLogs.action, 'VALIDATE')));
    expect(audit).toMatchObject({ details: { decision: 'REJECTED', reason } });

    const again = await post(`/api/v1/companies/${company.id}/validate`, {});
    expect(again.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'REJECTED' });
    expect((await post(`/api/v1/companies/${company.id}/reject`, { reason })).statusCode).toBe(409);

    // The company may register again with the same domain (the SIRET stays taken: it is the
    // rejected row's, kept for the record).
    const retry = await post(
      '/api/v1/signup/company',
      {
        company: { name: 'Refusée SARL', emailDomains: ['refusee.test'] },
        admin: { email: 'rh2@refusee.test', password: STRONG },
      },
      {},
    );
    expect(retry.statusCode, retry.body).toBe(201);
  });

  it('answers 404 for an unknown company', async () => {
    const response = await post('/api/v1/companies/00000000-0000-4000-8000-000000000000/reject', {
      reason: 'No such company anyway.',
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('an HR admin of a company being reviewed', () => {
  it('can sign in and read its settings, and sees the status', async () => {
    const company = await register('Waiting Co', 'waiting.test');
    const hr = await createAccount(t.db, 'ADMIN_RH', { companyId: company.id });
    const settings = await get('/api/v1/me/company', await bearer(t.app, hr.email));
    expect(settings.json()).toMatchObject({ id: company.id, status: 'PENDING' });
  });
});
