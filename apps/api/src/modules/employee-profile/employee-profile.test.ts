// The employee's own profile through the API: read, change, clear; every bad field refused with
// its path; the audit log names the fields, never their content; row-level security keeps an
// employee to their own row, whatever id a bug would hand the service.
import { randomUUID } from 'node:crypto';
import { auditLogs, withActor } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import type { RequestActor } from '../../platform/auth';
import { findProfile } from './employee-profile.repository';
import { createEmployeeProfileService } from './employee-profile.service';

type Account = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let companyId: string;
beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db, { name: 'Lumen SA' })).id;
});
afterAll(async () => {
  await t?.close();
});

const getProfile = (account: Account) =>
  t.app.inject({ method: 'GET', url: '/api/v1/me/profile', headers: account.headers });
const patchProfile = (account: Account, payload: object) =>
  t.app.inject({ method: 'PATCH', url: '/api/v1/me/profile', headers: account.headers, payload });

function actorOf(account: Account, employeeId = account.employeeId): RequestActor {
  return {
    role: 'EMPLOYEE',
    userId: account.user.id,
    email: account.email,
    companyId: account.companyId,
    employeeId,
    sessionId: randomUUID(),
    mfa: 'ok',
  };
}

async function profileAudits(employeeId: string) {
  return t.db.ownerDb
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.resource, 'employee'), eq(auditLogs.resourceId, employeeId)));
}

describe('employee profile', () => {
  it('shows the employee their own profile, with the defaults of a new account', async () => {
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const response = await getProfile(employee);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      id: employee.employeeId,
      email: employee.email,
      firstName: 'Camille',
      department: null,
      position: null,
      phoneNumber: null,
      bio: null,
      preferredLanguage: 'fr',
      timezone: 'Europe/Paris',
      companyName: 'Lumen SA',
      onboardingCompletedAt: null,
    });
  });

  it('changes, normalizes and clears fields, and audits the names of the fields only', async () => {
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const bio = 'Passionnée de randonnée, je cherche un meilleur équilibre.';
    const changed = await patchProfile(employee, {
      firstName: '  Inès ',
      department: 'Produit',
      position: 'Designer',
      phoneNumber: '06 12 34 56 78',
      bio,
      location: 'Lyon',
      preferredLanguage: 'en',
      timezone: 'america/new_york',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      firstName: 'Inès',
      department: 'Produit',
      position: 'Designer',
      phoneNumber: '+33612345678',
      bio,
      location: 'Lyon',
      preferredLanguage: 'en',
      timezone: 'America/New_York',
    });
    expect((await getProfile(employee)).json()).toEqual(changed.json());
    // The language follows into the session's profile (and so into the interface and emails).
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: employee.headers });
    expect(me.json()).toMatchObject({ firstName: 'Inès', preferredLanguage: 'en' });

    const [audit] = await profileAudits(employee.employeeId!);
    expect(audit).toMatchObject({ action: 'UPDATE', userId: employee.user.id });
    expect((audit!.details as { profileFields: string[] }).profileFields.sort()).toEqual(
      [
        'bio',
        'department',
        'firstName',
        'location',
        'phoneNumber',
        'position',
        'preferredLanguage',
        'timezone',
      ].sort(),
    );
    const logged = JSON.stringify(audit);
    for (const content of ['randonnée', '612345678', 'Lyon', 'Designer'])
      expect(logged).not.toContain(content);

    // An international number keeps its country; null and "" clear.
    const cleared = await patchProfile(employee, {
      phoneNumber: '+44 20 7946 0958',
      bio: null,
      location: '',
    });
    expect(cleared.json()).toMatchObject({ phoneNumber: '+442079460958', bio: null, location: null });
    expect((await patchProfile(employee, { phoneNumber: '' })).json().phoneNumber).toBeNull();
  });

  it('writes and audits nothing when nothing changes', async () => {
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    expect((await patchProfile(employee, {})).statusCode).toBe(200);
    expect(
      (await patchProfile(employee, { firstName: 'Camille', timezone: 'Europe/Paris' })).statusCode,
    ).toBe(200);
    expect(await profileAudits(employee.employeeId!)).toEqual([]);
  });

  it.each([
    ['an empty first name', { firstName: '   ' }, 'body.firstName'],
    ['a last name over 100 characters', { lastName: 'x'.repeat(101) }, 'body.lastName'],
    ['an empty department', { department: '' }, 'body.department'],
    ['a position over 100 characters', { position: 'p'.repeat(101) }, 'body.position'],
    ['a bio over 1000 characters', { bio: 'b'.repeat(1001) }, 'body.bio'],
    ['a location over 100 characters', { location: 'l'.repeat(101) }, 'body.location'],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'body.timezone'],
    ['an offset instead of a zone', { timezone: '+01:00' }, 'body.timezone'],
    ['a language HuntZen does not speak', { preferredLanguage: 'de' }, 'body.preferredLanguage'],
    ['a phone number too short', { phoneNumber: '12' }, 'body.phoneNumber'],
    ['letters for a phone number', { phoneNumber: 'call me maybe' }, 'body.phoneNumber'],
    ['a phone number no numbering plan knows', { phoneNumber: '06 12 34' }, 'body.phoneNumber'],
    [
      'a phone number with a country code that does not exist',
      { phoneNumber: '+999 123 456' },
      'body.phoneNumber',
    ],
    ['a field that is not the employee’s to set', { onboardingCompletedAt: '2025-01-01T00:00:00Z' }, 'body'],
    ['a consent version slipped into the profile', { consentVersion: '1.0' }, 'body'],
  ])('refuses %s', async (_what, payload, path) => {
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const response = await patchProfile(employee, payload);
    expect(response.statusCode, response.body).toBe(400);
    const body = response.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
    // Nothing was written.
    expect((await getProfile(employee)).json()).toMatchObject({
      firstName: 'Camille',
      onboardingCompletedAt: null,
    });
  });

  it('keeps an employee to their own row: another company’s or a colleague’s is not there', async () => {
    const mine = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const colleague = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const elsewhere = await signedIn(t.app, t.db, 'EMPLOYEE');
    await patchProfile(elsewhere, { bio: 'Bio de B' });

    expect((await getProfile(mine)).json().id).toBe(mine.employeeId);
    expect((await getProfile(elsewhere)).json()).toMatchObject({ id: elsewhere.employeeId, bio: 'Bio de B' });
    // The database itself hides the other rows from this employee…
    await withActor(t.db, actorOf(mine), async (tx) => {
      expect(await findProfile(tx, elsewhere.employeeId!)).toBeUndefined();
      expect(await findProfile(tx, colleague.employeeId!)).toBeUndefined();
      expect(await findProfile(tx, mine.employeeId!)).toBeDefined();
    });
    // …so even a service handed the wrong id (a bug) finds nothing and changes nothing.
    const service = createEmployeeProfileService({ db: t.db });
    await expect(service.get(actorOf(mine, elsewhere.employeeId!))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      service.update(actorOf(mine, elsewhere.employeeId!), { bio: 'piraté' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await getProfile(elsewhere)).json().bio).toBe('Bio de B');
  });
});
