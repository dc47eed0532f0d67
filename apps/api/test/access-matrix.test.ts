// Every /api route × every role (and anonymous): the status each gets. The table below is the
// access policy in one place; a new route fails this test until it is added here.
import { randomUUID } from 'node:crypto';
import type { UserRole } from '@huntzen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app';
import { clientIp, createCompany, signedIn } from './identity';

type Rule = 'public' | 'authenticated' | UserRole[];
const EVERYONE: UserRole[] = ['SUPER_ADMIN', 'ADMIN_HUNTZEN', 'ADMIN_RH', 'PRACTITIONER', 'EMPLOYEE'];

const MATRIX: Record<string, Rule> = {
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/2fa/verify': 'public',
  'POST /api/v1/auth/refresh': 'public',
  'POST /api/v1/auth/logout': 'public',
  'POST /api/v1/auth/logout-all': 'authenticated',
  'GET /api/v1/auth/me': 'authenticated',
  'POST /api/v1/auth/password': 'authenticated',
  'POST /api/v1/auth/password-reset': 'public',
  'POST /api/v1/auth/password-reset/confirm': 'public',
  'POST /api/v1/auth/verify-email': 'public',
  'POST /api/v1/auth/verify-email/resend': 'public',
  'POST /api/v1/auth/2fa/setup': 'authenticated',
  'POST /api/v1/auth/2fa/confirm': 'authenticated',
  'POST /api/v1/auth/2fa/disable': 'authenticated',
  'POST /api/v1/auth/2fa/recovery-codes': 'authenticated',
  'POST /api/v1/signup/company': 'public',
  'POST /api/v1/signup/employee': 'public',
  'POST /api/v1/signup/practitioner': 'public',
  'GET /api/v1/admins': ['SUPER_ADMIN'],
  'POST /api/v1/admins': ['SUPER_ADMIN'],
  'POST /api/v1/admins/:id/deactivate': ['SUPER_ADMIN'],
  'POST /api/v1/admins/:id/reactivate': ['SUPER_ADMIN'],
  'GET /api/v1/employees/pending': ['ADMIN_RH'],
  'POST /api/v1/employees/:id/approve': ['ADMIN_RH'],
  'POST /api/v1/files': 'authenticated',
  'GET /api/v1/files/:id': 'authenticated',
  'GET /api/v1/files/:id/content': 'public',
  'DELETE /api/v1/files/:id': 'authenticated',
  'GET /api/v1/me/media': ['EMPLOYEE', 'PRACTITIONER'],
  'PUT /api/v1/me/media/avatar': ['EMPLOYEE', 'PRACTITIONER'],
  'DELETE /api/v1/me/media/avatar': ['EMPLOYEE', 'PRACTITIONER'],
  'PUT /api/v1/me/media/cover': ['EMPLOYEE', 'PRACTITIONER'],
  'DELETE /api/v1/me/media/cover': ['EMPLOYEE', 'PRACTITIONER'],
  'GET /api/v1/me/company/media': ['ADMIN_RH', 'EMPLOYEE'],
  'PUT /api/v1/me/company/media/logo': ['ADMIN_RH'],
  'DELETE /api/v1/me/company/media/logo': ['ADMIN_RH'],
  'PUT /api/v1/me/company/media/cover': ['ADMIN_RH'],
  'DELETE /api/v1/me/company/media/cover': ['ADMIN_RH'],
  'GET /api/v1/notifications': 'authenticated',
  'GET /api/v1/notifications/unread-count': 'authenticated',
  'POST /api/v1/notifications/:id/read': 'authenticated',
  'POST /api/v1/notifications/read-all': 'authenticated',
  'GET /api/v1/audit-logs': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'GET /api/v1/audit-logs/export.csv': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  // companies and HR's employee management
  // employee onboarding, consent and profile
  // practitioner applications and profiles
  // directory and reviews
  // availability and slots
};

let t: TestApp;
let companyId: string;
beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
});
afterAll(async () => {
  await t?.close();
});

const allowed = (rule: Rule, role: UserRole) =>
  rule === 'authenticated' || (Array.isArray(rule) && rule.includes(role));

async function call(key: string, headers: Record<string, string>) {
  const [method, url] = key.split(' ') as [string, string];
  return t.app.inject({
    method: method as 'GET' | 'POST',
    url: url.replace(':id', randomUUID()),
    headers,
    remoteAddress: clientIp(),
    ...(method === 'GET' ? {} : { payload: {} }),
  });
}

describe('route × role access matrix', () => {
  it('lists every /api route with the rule the route itself declares', () => {
    const declared = Object.fromEntries(
      t.app.accessRules
        .filter((r) => !r.url.startsWith('/api/docs'))
        .map((r) => [
          `${r.method} ${r.url}`,
          r.access === 'public' || r.access === 'authenticated' ? r.access : [...r.access],
        ]),
    );
    expect(declared).toEqual(MATRIX);
  });

  it('answers anonymous callers 401 on every non-public route, and lets them through public ones', async () => {
    for (const [key, rule] of Object.entries(MATRIX)) {
      const response = await call(key, {});
      if (rule !== 'public') expect(response.statusCode, key).toBe(401);
      // Only /refresh answers 401 itself when there is no session cookie.
      else if (!key.endsWith('/refresh')) expect([401, 403], key).not.toContain(response.statusCode);
    }
  });

  for (const role of EVERYONE) {
    it(`gives ${role} exactly the routes the table allows (403 elsewhere)`, async () => {
      for (const [key, rule] of Object.entries(MATRIX)) {
        if (rule === 'public') continue;
        // A fresh session per call: some allowed calls (logout-all, password) end sessions.
        const { headers } = await signedIn(
          t.app,
          t.db,
          role,
          role === 'ADMIN_RH' || role === 'EMPLOYEE' ? { companyId } : {},
        );
        const response = await call(key, headers);
        if (allowed(rule, role))
          expect([401, 403], `${role} ${key}: ${response.body}`).not.toContain(response.statusCode);
        else expect(response.statusCode, `${role} ${key}`).toBe(403);
      }
      // One bcrypt (and TOTP) sign-in per route: over 30 s for some roles on two busy cores.
    }, 120_000);
  }

  it('keeps a user who must enrol in 2FA to the enrolment routes', async () => {
    const enrolling = await (await import('./identity')).createAccount(t.db, 'PRACTITIONER');
    const { login } = await import('./identity');
    for (const [key, rule] of Object.entries(MATRIX)) {
      if (rule === 'public') continue;
      const { body } = await login(t.app, enrolling.email);
      const response = await call(key, { authorization: `Bearer ${body.accessToken}` });
      const open = t.app.accessRules.find((r) => `${r.method} ${r.url}` === key)!.allowDuringEnrollment;
      if (open) expect([401, 403], key).not.toContain(response.statusCode);
      else expect(response.statusCode, key).toBe(403);
    }
  });
});
