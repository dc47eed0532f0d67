// Avatars, covers and company logos end to end through the API: upload, choose, replace, remove;
// the URL stored is the public content URL; replaced pictures expire; nobody uses another's upload.
import { auditLogs, companies, employees, files, practitioners } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { multipartBody, samplePng } from '../../platform/files/sample-files';

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

async function uploadImage(account: Account, fileType: 'AVATAR' | 'COVER'): Promise<string> {
  const body = multipartBody([
    { name: 'fileType', value: fileType },
    { name: 'file', data: samplePng(), type: 'image/png', filename: `${fileType}.png` },
  ]);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...account.headers, ...body.headers },
    payload: body.payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

const call = (account: Account, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api/v1/me${url}`,
    headers: account.headers,
    ...(payload ? { payload } : {}),
  });

const contentUrl = (id: string) => `${t.config.publicUrl}/api/v1/files/${id}/content`;

async function fileRow(id: string) {
  const [row] = await t.db.ownerDb.select().from(files).where(eq(files.id, id));
  return row;
}

describe('profile pictures', () => {
  it('an employee chooses, replaces and removes an avatar and a cover', async () => {
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    expect((await call(employee, 'GET', '/media')).json()).toEqual({ avatarUrl: null, coverUrl: null });

    const avatar = await uploadImage(employee, 'AVATAR');
    const cover = await uploadImage(employee, 'COVER');
    expect((await call(employee, 'PUT', '/media/avatar', { fileId: avatar })).json()).toEqual({
      avatarUrl: contentUrl(avatar),
      coverUrl: null,
    });
    const both = await call(employee, 'PUT', '/media/cover', { fileId: cover });
    expect(both.json()).toEqual({ avatarUrl: contentUrl(avatar), coverUrl: contentUrl(cover) });
    const [row] = await t.db.ownerDb.select().from(employees).where(eq(employees.id, employee.employeeId!));
    expect(row).toMatchObject({ avatarUrl: contentUrl(avatar), coverUrl: contentUrl(cover) });
    // Chosen: kept for good, and linked to the profile.
    expect(await fileRow(avatar)).toMatchObject({
      expiresAt: null,
      relatedResource: 'employee',
      relatedId: employee.employeeId,
    });
    // Choosing the same picture again changes nothing.
    expect((await call(employee, 'PUT', '/media/avatar', { fileId: avatar })).statusCode).toBe(200);
    expect((await fileRow(avatar))!.expiresAt).toBeNull();

    const next = await uploadImage(employee, 'AVATAR');
    expect((await call(employee, 'PUT', '/media/avatar', { fileId: next })).json().avatarUrl).toBe(
      contentUrl(next),
    );
    // The replaced avatar expires now; the hourly clean-up deletes it.
    expect((await fileRow(avatar))!.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now());

    expect((await call(employee, 'DELETE', '/media/avatar')).json()).toEqual({
      avatarUrl: null,
      coverUrl: contentUrl(cover),
    });
    expect((await fileRow(next))!.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now());

    const audits = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resource, 'employee'), eq(auditLogs.resourceId, employee.employeeId!)));
    expect(audits.map((a) => a.action)).toEqual(['UPDATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    expect(audits[0]!.changesAfter).toEqual({ avatarUrl: contentUrl(avatar) });
  });

  it('a practitioner sets theirs on the practitioner profile', async () => {
    const practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
    const avatar = await uploadImage(practitioner, 'AVATAR');
    expect((await call(practitioner, 'PUT', '/media/avatar', { fileId: avatar })).statusCode).toBe(200);
    const [row] = await t.db.ownerDb
      .select()
      .from(practitioners)
      .where(eq(practitioners.id, practitioner.practitionerId!));
    expect(row!.avatarUrl).toBe(contentUrl(avatar));
    // Public: the directory shows it to anyone.
    expect((await t.app.inject({ url: `/api/v1/files/${avatar}/content` })).statusCode).toBe(200);
  });

  it('refuses a file of the wrong type, someone else’s upload, or an expired one', async () => {
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const other = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const cover = await uploadImage(employee, 'COVER');
    const wrongType = await call(employee, 'PUT', '/media/avatar', { fileId: cover });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors).toEqual([
      { path: 'body.fileId', message: 'must be a file of type AVATAR' },
    ]);

    const theirs = await uploadImage(other, 'AVATAR');
    expect((await call(employee, 'PUT', '/media/avatar', { fileId: theirs })).statusCode).toBe(404);
    expect((await call(employee, 'PUT', '/media/avatar', { fileId: crypto.randomUUID() })).statusCode).toBe(
      404,
    );

    const stale = await uploadImage(employee, 'AVATAR');
    await t.db.ownerDb
      .update(files)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(files.id, stale));
    expect((await call(employee, 'PUT', '/media/avatar', { fileId: stale })).statusCode).toBe(404);

    // A picture already used by one profile cannot become another's.
    const mine = await uploadImage(employee, 'AVATAR');
    await call(employee, 'PUT', '/media/avatar', { fileId: mine });
    await t.db.ownerDb
      .update(files)
      .set({ relatedResource: 'company', relatedId: companyId })
      .where(eq(files.id, mine));
    expect((await call(employee, 'PUT', '/media/avatar', { fileId: mine })).statusCode).toBe(409);
  });
});

describe('company branding', () => {
  it('HR sets the logo and cover; employees see them; another HR replaces the logo', async () => {
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const logo = await uploadImage(hr, 'AVATAR');
    const cover = await uploadImage(hr, 'COVER');
    expect((await call(hr, 'PUT', '/company/media/logo', { fileId: logo })).json()).toEqual({
      logoUrl: contentUrl(logo),
      coverUrl: null,
    });
    await call(hr, 'PUT', '/company/media/cover', { fileId: cover });
    expect((await call(employee, 'GET', '/company/media')).json()).toEqual({
      logoUrl: contentUrl(logo),
      coverUrl: contentUrl(cover),
    });
    // The header's logo comes with the session.
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: employee.headers });
    expect(me.json().company.logoUrl).toBe(contentUrl(logo));

    // A second HR admin replaces the first one's logo: the old file still expires.
    const second = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
    const newLogo = await uploadImage(second, 'AVATAR');
    expect((await call(second, 'PUT', '/company/media/logo', { fileId: newLogo })).json().logoUrl).toBe(
      contentUrl(newLogo),
    );
    expect((await fileRow(logo))!.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const [company] = await t.db.ownerDb.select().from(companies).where(eq(companies.id, companyId));
    expect(company!.logoUrl).toBe(contentUrl(newLogo));
  });

  it('stays within one’s own company and role', async () => {
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const logo = await uploadImage(employee, 'AVATAR');
    expect((await call(employee, 'PUT', '/company/media/logo', { fileId: logo })).statusCode).toBe(403);
    // HR has no profile picture of its own here.
    expect((await call(hr, 'GET', '/media')).statusCode).toBe(403);
    const other = await signedIn(t.app, t.db, 'ADMIN_RH');
    const before = (await call(hr, 'GET', '/company/media')).json();
    const theirs = await uploadImage(other, 'AVATAR');
    await call(other, 'PUT', '/company/media/logo', { fileId: theirs });
    expect((await call(hr, 'GET', '/company/media')).json()).toEqual(before);
  });
});
