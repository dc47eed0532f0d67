// Every /api route × every role (and anonymous): the status each gets. The table below is the
// access policy in one place; a new route fails this test until it is added here.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app';
import { clientIp, createCompany } from './identity';
import { allowed, declaredRules, EVERYONE, type Rule, signInAs } from './route-callers';

const MATRIX: Record<string, Rule> = {
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/2fa/verify': 'public',
  'POST /api/v1/auth/refresh': 'public',
  'POST /api/v1/auth/logout': 'public',
  'POST /api/v1/auth/logout-all': 'authenticated',
  'GET /api/v1/auth/me': 'authenticated',
  'PATCH /api/v1/auth/me/display-name': ['ADMIN_RH', 'ADMIN_HUNTZEN', 'SUPER_ADMIN'],
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
  'GET /api/v1/employees': ['ADMIN_RH'],
  'GET /api/v1/employees/departments': ['ADMIN_RH'],
  'POST /api/v1/employees/:id/deactivate': ['ADMIN_RH'],
  'POST /api/v1/employees/:id/reactivate': ['ADMIN_RH'],
  'GET /api/v1/companies': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'GET /api/v1/companies/:id': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/companies/:id/validate': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/companies/:id/reject': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'GET /api/v1/me/company': ['ADMIN_RH'],
  'PATCH /api/v1/me/company': ['ADMIN_RH'],
  'POST /api/v1/me/company/domains/verification': ['ADMIN_RH'],
  'POST /api/v1/companies/:id/domains/verify': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/company-domains/verify': 'public',
  // employee onboarding, consent and profile
  'GET /api/v1/me/profile': ['EMPLOYEE'],
  'PATCH /api/v1/me/profile': ['EMPLOYEE'],
  'GET /api/v1/me/onboarding': ['EMPLOYEE'],
  'POST /api/v1/me/onboarding/complete': ['EMPLOYEE'],
  'GET /api/v1/me/consent': ['EMPLOYEE'],
  'POST /api/v1/me/consent': ['EMPLOYEE'],
  // practitioner applications and profiles
  'GET /api/v1/me/practitioner': ['PRACTITIONER'],
  'PATCH /api/v1/me/practitioner': ['PRACTITIONER'],
  'PATCH /api/v1/me/practitioner/listing': ['PRACTITIONER'],
  'POST /api/v1/me/practitioner/submit': ['PRACTITIONER'],
  'GET /api/v1/me/practitioner/documents': ['PRACTITIONER'],
  'DELETE /api/v1/me/practitioner/documents/:id': ['PRACTITIONER'],
  'GET /api/v1/practitioner-applications': ['ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  'GET /api/v1/practitioner-applications/:id': ['ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  'PUT /api/v1/practitioner-applications/:id/documents-verified': ['ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  'POST /api/v1/practitioner-applications/:id/validate': ['ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  'POST /api/v1/practitioner-applications/:id/reject': ['ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  // directory and reviews
  'GET /api/v1/practitioners': ['EMPLOYEE', 'ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  'GET /api/v1/practitioners/facets': ['EMPLOYEE', 'ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  'GET /api/v1/practitioners/:id': ['EMPLOYEE', 'ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  'POST /api/v1/reviews': ['EMPLOYEE'],
  'GET /api/v1/reviews': ['ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  'POST /api/v1/reviews/:id/publish': ['ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  'POST /api/v1/reviews/:id/reject': ['ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  'GET /api/v1/practitioners/:id/reviews': ['EMPLOYEE', 'ADMIN_HUNTZEN', 'SUPER_ADMIN'],
  'GET /api/v1/practitioners/:id/my-reviews': ['EMPLOYEE'],
  'GET /api/v1/me/reviews': ['PRACTITIONER'],
  // availability and slots
  'GET /api/v1/me/availability': ['PRACTITIONER'],
  'PUT /api/v1/me/availability': ['PRACTITIONER'],
  'GET /api/v1/me/availability/exceptions': ['PRACTITIONER'],
  'POST /api/v1/me/availability/exceptions': ['PRACTITIONER'],
  'PUT /api/v1/me/availability/exceptions/:id': ['PRACTITIONER'],
  'DELETE /api/v1/me/availability/exceptions/:id': ['PRACTITIONER'],
  'GET /api/v1/practitioners/:id/slots': ['EMPLOYEE', 'PRACTITIONER'],
  // consultations
  'POST /api/v1/consultations': ['EMPLOYEE'],
  'GET /api/v1/consultations': ['EMPLOYEE', 'PRACTITIONER', 'SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  // HR and non-participants get 404 from the route itself, like a consultation that does not exist.
  'GET /api/v1/consultations/:id': 'authenticated',
  'GET /api/v1/consultations/:id/calendar.ics': ['EMPLOYEE', 'PRACTITIONER'],
  'POST /api/v1/consultations/:id/confirm': ['PRACTITIONER'],
  'POST /api/v1/consultations/:id/start': ['PRACTITIONER'],
  'POST /api/v1/consultations/:id/end': ['PRACTITIONER'],
  'POST /api/v1/consultations/:id/no-show': ['PRACTITIONER', 'EMPLOYEE'],
  'POST /api/v1/consultations/:id/cancel': ['EMPLOYEE', 'PRACTITIONER', 'SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/consultations/:id/reschedule': ['EMPLOYEE', 'PRACTITIONER'],
  // recurring series (issue 14, part 4)
  'POST /api/v1/consultations/series': ['EMPLOYEE'],
  'POST /api/v1/consultations/series/:id/cancel': ['EMPLOYEE', 'PRACTITIONER'],
  'GET /api/v1/consultations/:id/series': ['EMPLOYEE', 'PRACTITIONER'],
  // the waitlist for freed slots (issue 14, part 3): the employee's own
  'GET /api/v1/waitlist': ['EMPLOYEE'],
  'POST /api/v1/waitlist': ['EMPLOYEE'],
  'DELETE /api/v1/waitlist/:id': ['EMPLOYEE'],
  // video, reminders and billing
  'POST /api/v1/consultations/:id/join': ['EMPLOYEE', 'PRACTITIONER'],
  'POST /api/v1/consultations/:id/leave': ['EMPLOYEE', 'PRACTITIONER'],
  'GET /api/v1/billing/consultations': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'GET /api/v1/billing/summary': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/billing/consultations/validate': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/billing/consultations/bill': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/billing/consultations/:id/validate': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/billing/consultations/:id/bill': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/billing/months/:month/validate': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/billing/consultations/:id/dispute': ['ADMIN_RH', 'SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'GET /api/v1/billing/company': ['ADMIN_RH'],
  // chat: non-participants (HR and admins included) get 404 from the route itself.
  'GET /api/v1/consultations/:id/messages': 'authenticated',
  'POST /api/v1/consultations/:id/messages': 'authenticated',
  'POST /api/v1/consultations/:id/messages/read': 'authenticated',
  'GET /api/v1/consultations/:id/messages/thread': 'authenticated',
  'GET /api/v1/messages/threads': ['EMPLOYEE', 'PRACTITIONER'],
  'GET /api/v1/messages/:id': 'authenticated',
  'PATCH /api/v1/messages/:id': 'authenticated',
  'DELETE /api/v1/messages/:id': 'authenticated',
  'GET /api/v1/me/reply-promise': ['PRACTITIONER'],
  'PUT /api/v1/me/reply-promise': ['PRACTITIONER'],
  // clinical notes: their author practitioner only
  'GET /api/v1/consultations/:id/clinical-notes': ['PRACTITIONER'],
  'POST /api/v1/consultations/:id/clinical-notes': ['PRACTITIONER'],
  'GET /api/v1/clinical-notes/:id': ['PRACTITIONER'],
  'PATCH /api/v1/clinical-notes/:id': ['PRACTITIONER'],
  'POST /api/v1/clinical-notes/:id/sign': ['PRACTITIONER'],
  'POST /api/v1/clinical-notes/:id/addenda': ['PRACTITIONER'],
  'GET /api/v1/me/clinical-notes': ['PRACTITIONER'],
  'GET /api/v1/me/clinical-notes/to-write': ['PRACTITIONER'],
  // the mood journal: its employee only
  'GET /api/v1/journal-entries': ['EMPLOYEE'],
  'POST /api/v1/journal-entries': ['EMPLOYEE'],
  'GET /api/v1/journal-entries/mood-trend': ['EMPLOYEE'],
  'GET /api/v1/journal-entries/streak': ['EMPLOYEE'],
  'GET /api/v1/journal-entries/settings': ['EMPLOYEE'],
  'PUT /api/v1/journal-entries/settings': ['EMPLOYEE'],
  'GET /api/v1/journal-entries/export': ['EMPLOYEE'],
  'POST /api/v1/journal-entries/import': ['EMPLOYEE'],
  'GET /api/v1/journal-entries/:id': ['EMPLOYEE'],
  'PATCH /api/v1/journal-entries/:id': ['EMPLOYEE'],
  'DELETE /api/v1/journal-entries/:id': ['EMPLOYEE'],
  // articles: HuntZen's admins write; everyone reads what is published (admins' tokens see drafts)
  'GET /api/v1/articles': 'public',
  'POST /api/v1/articles': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/articles/preview': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'GET /api/v1/articles/:slugOrId': 'public',
  'PATCH /api/v1/articles/:id': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/articles/:id/publish': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/articles/:id/schedule': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/articles/:id/archive': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/articles/:id/share': 'public',
  // GDPR rights: every role exports; HuntZen's staff accounts are closed by a SUPER_ADMIN, not erased.
  'GET /api/v1/me/export': 'authenticated',
  'POST /api/v1/me/erasure': ['EMPLOYEE', 'PRACTITIONER', 'ADMIN_RH'],
  'POST /api/v1/me/erasure/confirm': ['EMPLOYEE', 'PRACTITIONER', 'ADMIN_RH'],
  // questionnaires: the employee's own; a practitioner reads only what was shared with them
  'GET /api/v1/assessments': ['EMPLOYEE'],
  'POST /api/v1/assessments': ['EMPLOYEE'],
  'GET /api/v1/assessments/settings': ['EMPLOYEE'],
  'PUT /api/v1/assessments/settings': ['EMPLOYEE'],
  'GET /api/v1/assessments/practitioners': ['EMPLOYEE'],
  'GET /api/v1/assessments/shared-with-me': ['PRACTITIONER'],
  'GET /api/v1/assessments/:id': ['EMPLOYEE'],
  'POST /api/v1/assessments/:id/share': ['EMPLOYEE'],
  'DELETE /api/v1/assessments/:id/share': ['EMPLOYEE'],
  // the private calendar feed (the file itself is outside /api, found by its secret token)
  'GET /api/v1/me/calendar-feed': ['EMPLOYEE', 'PRACTITIONER'],
  'POST /api/v1/me/calendar-feed': ['EMPLOYEE', 'PRACTITIONER'],
  'DELETE /api/v1/me/calendar-feed': ['EMPLOYEE', 'PRACTITIONER'],
  // HR's usage insights (its own company, thresholded); the employee's sharing and what HR sees
  'GET /api/v1/insights/usage': ['ADMIN_RH'],
  'GET /api/v1/insights/usage.csv': ['ADMIN_RH'],
  'GET /api/v1/insights/settings': ['ADMIN_RH'],
  'PUT /api/v1/insights/settings': ['ADMIN_RH'],
  'GET /api/v1/insights/shared-usage': ['ADMIN_RH'],
  'GET /api/v1/me/hr-sharing': ['EMPLOYEE'],
  'PUT /api/v1/me/hr-sharing': ['EMPLOYEE'],
  'GET /api/v1/me/hr-visibility': ['EMPLOYEE'],
  // admin analytics and the e-mail queue: HuntZen's admins only
  'GET /api/v1/insights/billing': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'GET /api/v1/insights/billing.csv': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'GET /api/v1/insights/billing/options': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'GET /api/v1/insights/platform': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'GET /api/v1/email-queue': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'GET /api/v1/email-queue/summary': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  'POST /api/v1/email-queue/:id/retry': ['SUPER_ADMIN', 'ADMIN_HUNTZEN'],
  // company news: HR writes; HR and employees read their company's (other roles: an empty list,
  // any item 404 from the route itself)
  'GET /api/v1/news': 'authenticated',
  'POST /api/v1/news': ['ADMIN_RH'],
  'GET /api/v1/news/:id': 'authenticated',
  'PATCH /api/v1/news/:id': ['ADMIN_RH'],
  'DELETE /api/v1/news/:id': ['ADMIN_RH'],
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
    // Roles in any order: a rule is the set of roles it admits.
    const normal = (rule: Rule) => (Array.isArray(rule) ? [...rule].sort() : rule);
    const declared = Object.fromEntries(
      declaredRules(t).map((r) => [`${r.method} ${r.url}`, normal(r.rule)]),
    );
    expect(declared).toEqual(
      Object.fromEntries(Object.entries(MATRIX).map(([k, rule]) => [k, normal(rule)])),
    );
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
      const signIn = () => signInAs(t, role, companyId);
      let session = await signIn();
      for (const [key, rule] of Object.entries(MATRIX)) {
        if (rule === 'public') continue;
        let response = await call(key, session.headers);
        // Some allowed calls (logout-all) end the session: the next call then retries with a fresh
        // one, so a route answering 401 to a live session still fails below.
        if (response.statusCode === 401) {
          session = await signIn();
          response = await call(key, session.headers);
        }
        if (allowed(rule, role))
          expect([401, 403], `${role} ${key}: ${response.body}`).not.toContain(response.statusCode);
        else expect(response.statusCode, `${role} ${key}`).toBe(403);
      }
    }, 120_000);
  }

  it('keeps a user who must enrol in 2FA to the enrolment routes', async () => {
    const enrolling = await (await import('./identity')).createAccount(t.db, 'PRACTITIONER');
    const { login } = await import('./identity');
    let token = (await login(t.app, enrolling.email)).body.accessToken;
    for (const [key, rule] of Object.entries(MATRIX)) {
      if (rule === 'public') continue;
      let response = await call(key, { authorization: `Bearer ${token}` });
      if (response.statusCode === 401) {
        token = (await login(t.app, enrolling.email)).body.accessToken;
        response = await call(key, { authorization: `Bearer ${token}` });
      }
      const open = t.app.accessRules.find((r) => `${r.method} ${r.url}` === key)!.allowDuringEnrollment;
      if (open) expect([401, 403], key).not.toContain(response.statusCode);
      else expect(response.statusCode, key).toBe(403);
    }
  }, 120_000);
});
