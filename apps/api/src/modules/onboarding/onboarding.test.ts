// Onboarding and consent through the API: a new employee fills the required fields, accepts the
// current consent, then completes; each step refuses what is missing or wrong. A new consent
// version makes `me` say so and closes clinical features (assertConsentCurrent) until accepted.
import { randomUUID } from 'node:crypto';
import { CURRENT_CONSENT_VERSION } from '@huntzen/contracts';
import { auditLogs, employees, withActor } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import type { RequestActor } from '../../platform/auth';
import { assertConsentCurrent, hasCurrentConsent } from './consent.policy';

type Account = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let companyId: string;
beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
});
afterAll(async () => {
  await t?.close();
});

const call = (account: Account, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: account.headers, ...(payload ? { payload } : {}) });
const me = async (account: Account) => (await call(account, 'GET', '/auth/me')).json();

function actorOf(account: Account): RequestActor {
  return {
    role: account.user.role,
    userId: account.user.id,
    email: account.email,
    companyId: account.companyId,
    employeeId: account.employeeId,
    practitionerId: account.practitionerId,
    sessionId: randomUUID(),
    mfa: 'ok',
  };
}

/** An employee who finished onboarding and accepted consent `version` (as the seed's Marc did). */
async function onboardedEmployee(version: string) {
  const account = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  await t.db.ownerDb
    .update(employees)
    .set({
      department: 'Finance',
      position: 'Analyste',
      onboardingCompletedAt: new Date('2025-01-10T09:00:00Z'),
      consentGivenAt: new Date('2025-01-10T09:00:00Z'),
      consentVersion: version,
    })
    .where(eq(employees.id, account.employeeId!));
  return account;
}

const gate = (account: Account) =>
  withActor(t.db, actorOf(account), (tx) => assertConsentCurrent(tx, actorOf(account)));

describe('onboarding', () => {
  it('walks a new employee through the fields, the consent and completion', async () => {
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    expect((await me(employee)).employee).toEqual({ onboardingCompleted: false, consentUpToDate: false });
    const state = await call(employee, 'GET', '/me/onboarding');
    expect(state.statusCode, state.body).toBe(200);
    expect(state.json()).toEqual({
      completed: false,
      completedAt: null,
      missingFields: ['department', 'position'],
      consent: {
        currentVersion: CURRENT_CONSENT_VERSION,
        acceptedVersion: null,
        acceptedAt: null,
        upToDate: false,
      },
    });

    // Nothing filled in: the missing fields are listed.
    const early = await call(employee, 'POST', '/me/onboarding/complete');
    expect(early.statusCode, early.body).toBe(400);
    expect(early.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [
        { path: 'profile.department', message: 'required' },
        { path: 'profile.position', message: 'required' },
      ],
    });

    // The wizard saves each step through the profile.
    const saved = await call(employee, 'PATCH', '/me/profile', {
      department: 'Ressources humaines',
      position: 'Chargée de recrutement',
      preferredLanguage: 'fr',
      timezone: 'Europe/Brussels',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await call(employee, 'GET', '/me/onboarding')).json().missingFields).toEqual([]);

    // Fields done, consent not given: refused, and nothing recorded.
    const withoutConsent = await call(employee, 'POST', '/me/onboarding/complete');
    expect(withoutConsent.statusCode, withoutConsent.body).toBe(403);
    expect(withoutConsent.json().code).toBe('CONSENT_REQUIRED');
    expect((await me(employee)).employee.onboardingCompleted).toBe(false);

    const accepted = await call(employee, 'POST', '/me/consent', { version: CURRENT_CONSENT_VERSION });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ acceptedVersion: CURRENT_CONSENT_VERSION, upToDate: true });
    expect(Date.parse(accepted.json().acceptedAt)).toBeGreaterThan(Date.now() - 60_000);

    const done = await call(employee, 'POST', '/me/onboarding/complete');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ completed: true, missingFields: [], consent: { upToDate: true } });
    expect((await me(employee)).employee).toEqual({ onboardingCompleted: true, consentUpToDate: true });
    // Completing again changes nothing (the first date stays).
    const again = await call(employee, 'POST', '/me/onboarding/complete');
    expect(again.json().completedAt).toBe(done.json().completedAt);

    const audits = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resource, 'employee'), eq(auditLogs.resourceId, employee.employeeId!)));
    expect(audits.map((a) => a.changesAfter)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ consentVersion: CURRENT_CONSENT_VERSION }),
        { onboardingCompletedAt: done.json().completedAt },
      ]),
    );
    expect(audits).toHaveLength(3); // profile fields, consent, completion
  });

  it('refuses to complete when a required field was emptied or became invalid', async () => {
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    await call(employee, 'POST', '/me/consent', { version: CURRENT_CONSENT_VERSION });
    // Only possible by hand in the database: the API never stores such values.
    await t.db.ownerDb
      .update(employees)
      .set({ department: 'Ventes', position: '  ', timezone: 'Nowhere/Atlantis', preferredLanguage: 'de' })
      .where(eq(employees.id, employee.employeeId!));
    const response = await call(employee, 'POST', '/me/onboarding/complete');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'profile.position',
      'profile.preferredLanguage',
      'profile.timezone',
    ]);
  });
});

describe('consent', () => {
  it('accepts only the current version', async () => {
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    for (const version of ['0.9', '2.0', ' 1.0.1']) {
      const response = await call(employee, 'POST', '/me/consent', { version });
      expect(response.statusCode, version).toBe(409);
      expect(response.json().code).toBe('CONSENT_VERSION_MISMATCH');
    }
    const missing = await call(employee, 'POST', '/me/consent', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('body.version');
    expect((await call(employee, 'GET', '/me/consent')).json()).toEqual({
      currentVersion: CURRENT_CONSENT_VERSION,
      acceptedVersion: null,
      acceptedAt: null,
      upToDate: false,
    });
    await expect(gate(employee)).rejects.toMatchObject({ code: 'CONSENT_REQUIRED', status: 403 });
  });

  it('does not ask again an employee who accepted the current version (the seed’s 1.0)', async () => {
    const employee = await onboardedEmployee('1.0');
    expect((await me(employee)).employee).toEqual({ onboardingCompleted: true, consentUpToDate: true });
    expect((await call(employee, 'GET', '/me/consent')).json()).toEqual({
      currentVersion: '1.0',
      acceptedVersion: '1.0',
      acceptedAt: '2025-01-10T09:00:00.000Z',
      upToDate: true,
    });
    await expect(gate(employee)).resolves.toBeUndefined();
    // Accepting the same version again keeps the first date.
    const again = await call(employee, 'POST', '/me/consent', { version: '1.0' });
    expect(again.json().acceptedAt).toBe('2025-01-10T09:00:00.000Z');
  });

  it('asks again after a new version: `me` says so and clinical features refuse until accepted', async () => {
    const employee = await onboardedEmployee('0.9');
    expect((await me(employee)).employee).toEqual({ onboardingCompleted: true, consentUpToDate: false });
    expect((await call(employee, 'GET', '/me/consent')).json()).toMatchObject({
      acceptedVersion: '0.9',
      upToDate: false,
    });
    await expect(gate(employee)).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });

    const accepted = await call(employee, 'POST', '/me/consent', { version: CURRENT_CONSENT_VERSION });
    expect(accepted.json()).toMatchObject({ acceptedVersion: CURRENT_CONSENT_VERSION, upToDate: true });
    expect(accepted.json().acceptedAt).not.toBe('2025-01-10T09:00:00.000Z');
    expect((await me(employee)).employee.consentUpToDate).toBe(true);
    await expect(gate(employee)).resolves.toBeUndefined();

    const [audit] = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resource, 'employee'), eq(auditLogs.resourceId, employee.employeeId!)));
    expect(audit).toMatchObject({
      action: 'UPDATE',
      details: { consent: 'accepted' },
      changesBefore: { consentVersion: '0.9' },
      changesAfter: { consentVersion: CURRENT_CONSENT_VERSION },
    });
  });

  it('closes the gate to other roles, and lets a practitioner check an employee it cannot see as not consenting', async () => {
    const practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
    for (const account of [practitioner, hr]) {
      await expect(gate(account)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const consenting = await onboardedEmployee('1.0');
    // No consultation between them: row-level security hides the employee from the practitioner.
    expect(
      await withActor(t.db, actorOf(practitioner), (tx) => hasCurrentConsent(tx, consenting.employeeId!)),
    ).toBe(false);
    expect(await withActor(t.db, actorOf(hr), (tx) => hasCurrentConsent(tx, consenting.employeeId!))).toBe(
      true,
    );
  });

  it('shows HR, practitioners and admins no onboarding state in `me`', async () => {
    for (const role of ['ADMIN_RH', 'PRACTITIONER', 'ADMIN_HUNTZEN'] as const) {
      const account = await signedIn(t.app, t.db, role, role === 'ADMIN_RH' ? { companyId } : {});
      const body = await me(account);
      expect(body.employee, role).toBeNull();
      expect(body.avatarUrl, role).toBeNull();
    }
  });
});
