// HR's employee management through the API: the list (search, department, status, pages) without
// any health data, deactivation that ends every session at once (HTTP and sockets), reactivation,
// illegal transitions, and another company's employees out of reach (404).
import type { AddressInfo } from 'node:net';
import { auditLogs, employees, users } from '@huntzen/db';
import { createConsultation, createPractitioner } from '@huntzen/db/testing/factories';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { clientIp, createAccount, createCompany, login, signedIn } from '../../../test/identity';
import { connectTestClient, waitUntil } from '../../platform/realtime/socket-test-client';

type Account = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let origin: string;
let companyId: string;
let hr: Account;
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  companyId = (await createCompany(t.db)).id;
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers = hr.headers) => t.app.inject({ url, headers });
const post = (url: string, payload: object = {}, headers = hr.headers) =>
  t.app.inject({ method: 'POST', url, payload, headers, remoteAddress: clientIp() });

/** An employee of `company` with the given names and account state. */
async function employee(
  firstName: string,
  lastName: string,
  options: {
    company?: string;
    department?: string;
    position?: string;
    state?: 'ACTIVE' | 'PENDING' | 'DEACTIVATED';
    email?: string;
  } = {},
) {
  const state = options.state ?? 'ACTIVE';
  const account = await createAccount(t.db, 'EMPLOYEE', {
    companyId: options.company ?? companyId,
    ...(options.email ? { email: options.email } : {}),
    values: { isActive: state === 'ACTIVE', approvedAt: state === 'PENDING' ? null : new Date() },
  });
  await t.db.ownerDb
    .update(employees)
    .set({ firstName, lastName, department: options.department ?? null, position: options.position ?? null })
    .where(eq(employees.id, account.employeeId!));
  return account;
}

const names = (response: { json(): { items: { firstName: string; lastName: string }[] } }) =>
  response.json().items.map((e) => `${e.firstName} ${e.lastName}`);

describe('the employee list', () => {
  it('lists the company by name, searches, filters, pages, and shows no health data', async () => {
    const eloise = await employee('Éloïse', 'Bérard', {
      department: 'Marketing',
      position: 'Cheffe de produit',
      email: 'eloise.berard@list.test',
    });
    await employee('Adam', 'Zeller', { department: 'Développement', state: 'PENDING' });
    await employee('Chloé', 'Martin', { department: 'marketing', state: 'DEACTIVATED' });
    await employee('Bruno', 'Aubry');
    // Somebody else's employee, and a practitioner who sees Éloïse: neither may show up.
    await employee('Outsider', 'Other', { company: (await createCompany(t.db)).id });
    const [row] = await t.db.ownerDb.select().from(employees).where(eq(employees.id, eloise.employeeId!));
    const { practitioner } = await createPractitioner(t.db.ownerDb, { lastName: 'Freud-Secret' });
    await createConsultation(t.db.ownerDb, { employee: row!, practitionerId: practitioner.id });

    const all = await get('/api/v1/employees');
    expect(all.statusCode, all.body).toBe(200);
    expect(names(all)).toEqual(['Bruno Aubry', 'Éloïse Bérard', 'Chloé Martin', 'Adam Zeller']);
    const first = all.json().items[1];
    expect(first).toEqual({
      id: eloise.employeeId,
      firstName: 'Éloïse',
      lastName: 'Bérard',
      email: 'eloise.berard@list.test',
      department: 'Marketing',
      position: 'Cheffe de produit',
      status: 'ACTIVE',
      emailVerified: true,
      createdAt: expect.any(String),
      approvedAt: expect.any(String),
      // @list.test is not among the company's domains (the factory gives it @acme-….test).
      domainRemoved: true,
    });
    expect(all.body).not.toMatch(/Freud|consultation|practitioner|lastLogin/i);

    expect(names(await get('/api/v1/employees?q=eloise'))).toEqual(['Éloïse Bérard']);
    expect(names(await get('/api/v1/employees?q=BERARD%20ELO'))).toEqual(['Éloïse Bérard']);
    expect(names(await get('/api/v1/employees?q=berard@list'))).toEqual(['Éloïse Bérard']);
    expect(names(await get('/api/v1/employees?q=%25'))).toEqual([]);
    expect(names(await get('/api/v1/employees?department=MARKETING'))).toEqual([
      'Éloïse Bérard',
      'Chloé Martin',
    ]);
    expect(names(await get('/api/v1/employees?status=PENDING'))).toEqual(['Adam Zeller']);
    expect(names(await get('/api/v1/employees?status=DEACTIVATED'))).toEqual(['Chloé Martin']);
    expect(names(await get('/api/v1/employees?status=ACTIVE&department=Marketing'))).toEqual([
      'Éloïse Bérard',
    ]);

    // Page by page: every employee once, in order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/api/v1/employees?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...names(page));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(names(all));
    expect((await get('/api/v1/employees?cursor=bm9wZQ')).statusCode).toBe(400);
    expect((await get('/api/v1/employees?status=GONE')).statusCode).toBe(400);

    const departments = await get('/api/v1/employees/departments');
    expect(departments.json().items).toEqual(
      expect.arrayContaining(['Développement', 'Marketing', 'marketing']),
    );
    expect(departments.body).not.toContain('Outsider');
  });
});

describe('employees of a removed domain', () => {
  it('are flagged domainRemoved once HR removes the domain they joined through, and no longer after it is back', async () => {
    const id = Math.random().toString(36).slice(2, 8);
    const [kept, gone] = [`@kept-${id}.test`, `@gone-${id}.test`];
    const company = (await createCompany(t.db, { emailDomains: [kept, gone] })).id;
    const admin = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: company });
    const stays = await employee('Anne', 'Reste', { company, email: `anne${kept}` });
    const joined = await employee('Paul', 'Inconnu', { company, email: `Paul.Inconnu${gone.toUpperCase()}` });
    const flags = async () =>
      Object.fromEntries(
        (await get('/api/v1/employees', admin.headers))
          .json()
          .items.map((e: { lastName: string; domainRemoved: boolean }) => [e.lastName, e.domainRemoved]),
      );
    const setDomains = (emailDomains: string[]) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me/company',
        headers: admin.headers,
        payload: { emailDomains },
      });

    expect(await flags()).toEqual({ Inconnu: false, Reste: false });
    expect((await setDomains([kept])).statusCode).toBe(200);
    expect(await flags()).toEqual({ Inconnu: true, Reste: false });
    // The answer to a status change carries the flag too.
    const deactivated = await post(`/api/v1/employees/${joined.employeeId}/deactivate`, {}, admin.headers);
    expect(deactivated.json()).toMatchObject({ status: 'DEACTIVATED', domainRemoved: true });
    expect((await setDomains([kept, gone])).statusCode).toBe(200);
    expect(await flags()).toEqual({ Inconnu: false, Reste: false });
    expect(stays.employeeId).toBeTruthy();
  });
});

describe('deactivation and reactivation', () => {
  it('ends every session of the employee at once, then gives access back', async () => {
    const marc = await employee('Marc', 'Dupuis', { email: 'marc.dupuis@deact.test' });
    const session = await login(t.app, marc.email);
    const headers = { authorization: `Bearer ${session.body.accessToken}` };
    expect((await get('/api/v1/auth/me', headers)).statusCode).toBe(200);
    const socket = await connectTestClient(origin, session.body.accessToken);
    const closed = { reason: '' };
    socket.socket.on('disconnect', (why) => {
      closed.reason = why;
    });

    const reason = 'Départ de l’entreprise';
    const off = await post(`/api/v1/employees/${marc.employeeId}/deactivate`, { reason });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ id: marc.employeeId, status: 'DEACTIVATED' });

    // The very next request with the old access token fails, and so does its refresh token.
    expect((await get('/api/v1/auth/me', headers)).statusCode).toBe(401);
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: { hz_refresh: session.refreshCookie! },
      payload: {},
      remoteAddress: clientIp(),
    });
    expect(refresh.statusCode).toBe(401);
    await waitUntil('the socket to close', () => closed.reason);
    expect(closed.reason).toBe('io server disconnect');
    socket.close();
    expect((await login(t.app, marc.email)).body.code).toBe('ACCOUNT_DISABLED');

    const audit = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, marc.employeeId!), eq(auditLogs.action, 'DEACTIVATE')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: hr.user.id, resource: 'employee', details: { reason } });

    const again = await post(`/api/v1/employees/${marc.employeeId}/deactivate`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'DEACTIVATED' });
    expect((await post(`/api/v1/employees/${marc.employeeId}/approve`)).json().currentState).toBe(
      'DEACTIVATED',
    );

    const on = await post(`/api/v1/employees/${marc.employeeId}/reactivate`);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().status).toBe('ACTIVE');
    expect((await login(t.app, marc.email)).body.status).toBe('OK');
    const reactivated = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, marc.employeeId!), eq(auditLogs.action, 'ACTIVATE')));
    expect(reactivated).toHaveLength(1);
    const twice = await post(`/api/v1/employees/${marc.employeeId}/reactivate`, { reason: 'encore' });
    expect(twice.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'ACTIVE' });
  });

  it('deactivates an active account that has no approval date (made by the seed) as deactivated', async () => {
    const seeded = await employee('Seeded', 'Account');
    await t.db.ownerDb.update(users).set({ approvedAt: null }).where(eq(users.id, seeded.user.id));
    const off = await post(`/api/v1/employees/${seeded.employeeId}/deactivate`);
    expect(off.json()).toMatchObject({ status: 'DEACTIVATED', approvedAt: expect.any(String) });
    expect((await login(t.app, seeded.email)).body.code).toBe('ACCOUNT_DISABLED');
    expect(names(await get('/api/v1/employees?status=PENDING&q=seeded'))).toEqual([]);
  });

  it('does not deactivate or reactivate an account still waiting for approval', async () => {
    const waiting = await employee('Paul', 'Attente', { state: 'PENDING' });
    for (const action of ['deactivate', 'reactivate']) {
      const response = await post(`/api/v1/employees/${waiting.employeeId}/${action}`);
      expect(response.statusCode, action).toBe(409);
      expect(response.json().currentState).toBe('PENDING');
    }
    expect((await post(`/api/v1/employees/${waiting.employeeId}/approve`)).statusCode).toBe(204);
    const [user] = await t.db.ownerDb.select().from(users).where(eq(users.id, waiting.user.id));
    expect(user!.isActive).toBe(true);
  });

  it('refuses a reason over 500 characters', async () => {
    const someone = await employee('Long', 'Reason');
    const response = await post(`/api/v1/employees/${someone.employeeId}/deactivate`, {
      reason: 'x'.repeat(501),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.reason');
  });
});

describe("another company's employees", () => {
  it('are not found: not listed, not approved, deactivated or reactivated', async () => {
    const otherCompany = (await createCompany(t.db)).id;
    const active = await employee('Foreign', 'Active', { company: otherCompany });
    const waiting = await employee('Foreign', 'Waiting', { company: otherCompany, state: 'PENDING' });
    const off = await employee('Foreign', 'Off', { company: otherCompany, state: 'DEACTIVATED' });
    expect(names(await get('/api/v1/employees?q=foreign'))).toEqual([]);
    for (const [who, action] of [
      [active, 'deactivate'],
      [waiting, 'approve'],
      [off, 'reactivate'],
    ] as const) {
      const response = await post(`/api/v1/employees/${who.employeeId}/${action}`);
      expect(response.statusCode, action).toBe(404);
    }
    const [still] = await t.db.ownerDb.select().from(users).where(eq(users.id, active.user.id));
    expect(still!.isActive).toBe(true);
  });

  it('an employee cannot use the HR routes', async () => {
    const someone = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    expect((await get('/api/v1/employees', someone.headers)).statusCode).toBe(403);
    expect(
      (await post(`/api/v1/employees/${someone.employeeId}/deactivate`, {}, someone.headers)).statusCode,
    ).toBe(403);
  });
});
