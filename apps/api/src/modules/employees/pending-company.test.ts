// The HR admin of a company HuntZen has not validated yet: /auth/me says so, the employee routes
// refuse with FORBIDDEN (currentState PENDING), the company settings stay open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createAccount, createCompany, signedIn } from '../../../test/identity';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function hrOfPending() {
  const company = await createCompany(t.db, { isActive: false });
  return signedIn(t.app, t.db, 'ADMIN_RH', { companyId: company.id });
}

describe('HR of a company awaiting validation', () => {
  it('is told by /auth/me that the company is PENDING, and ACTIVE once validated', async () => {
    const pending = await hrOfPending();
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: pending.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json().company.status).toBe('PENDING');

    const active = await signedIn(t.app, t.db, 'ADMIN_RH');
    const activeMe = await t.app.inject({ url: '/api/v1/auth/me', headers: active.headers });
    expect(activeMe.json().company.status).toBe('ACTIVE');
  });

  it('may not list, approve or deactivate employees', async () => {
    const hr = await hrOfPending();
    const employee = await createAccount(t.db, 'EMPLOYEE', { companyId: hr.companyId! });
    const requests = [
      { method: 'GET', url: '/api/v1/employees' },
      { method: 'GET', url: '/api/v1/employees/pending' },
      { method: 'GET', url: '/api/v1/employees/departments' },
      { method: 'POST', url: `/api/v1/employees/${employee.employeeId}/approve` },
      { method: 'POST', url: `/api/v1/employees/${employee.employeeId}/deactivate`, payload: {} },
    ] as const;
    for (const request of requests) {
      const response = await t.app.inject({ ...request, headers: hr.headers });
      expect(response.statusCode, request.url).toBe(403);
      expect(response.json()).toMatchObject({ code: 'FORBIDDEN', currentState: 'PENDING' });
    }
  });

  it('may still read and change its company settings', async () => {
    const hr = await hrOfPending();
    const read = await t.app.inject({ url: '/api/v1/me/company', headers: hr.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().status).toBe('PENDING');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/company',
      headers: hr.headers,
      payload: { primaryColor: '#224466' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().primaryColor).toBe('#224466');
  });

  it('of a validated company still lists its employees', async () => {
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH');
    const response = await t.app.inject({ url: '/api/v1/employees', headers: hr.headers });
    expect(response.statusCode).toBe(200);
  });
});
