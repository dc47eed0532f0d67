// Who reads and deletes which file, for every role and anonymously: public avatars to anyone,
// diplomas to their practitioner and the admins, chat attachments to the consultation's two
// participants only, another tenant's files to nobody. A file one may not read is "not found".
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { auditLogs, consultations, files } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { type FormPart, multipartBody, samplePdf, samplePng } from '../../platform/files/sample-files';

type Account = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let companyId: string;
let employee: Account; // in the consultation
let colleague: Account; // same company, not in it
let hr: Account;
let practitioner: Account; // in the consultation
let otherPractitioner: Account;
let outsider: Account; // another company's employee
let superAdmin: Account;
let adminHuntzen: Account;
let consultationId: string;

beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
  employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  colleague = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
  practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
  otherPractitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
  outsider = await signedIn(t.app, t.db, 'EMPLOYEE');
  superAdmin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
  adminHuntzen = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
  const start = new Date(Date.now() + 24 * 3600_000);
  const [consultation] = await t.db.ownerDb
    .insert(consultations)
    .values({
      companyId,
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: start,
      scheduledEndAt: new Date(start.getTime() + 50 * 60_000),
      format: 'VIDEO',
    })
    .returning();
  consultationId = consultation!.id;
});
afterAll(async () => {
  await t?.close();
});

async function upload(account: Account, fields: Record<string, string>, part: FormPart) {
  const body = multipartBody([...Object.entries(fields).map(([name, value]) => ({ name, value })), part]);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...account.headers, ...body.headers },
    payload: body.payload,
  });
  return response;
}

async function uploaded(account: Account, fields: Record<string, string>, part: FormPart): Promise<string> {
  const response = await upload(account, fields, part);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

const png = (): FormPart => ({ name: 'file', data: samplePng(), type: 'image/png', filename: 'image.png' });
const pdf = (text = 'HuntZen'): FormPart => ({
  name: 'file',
  data: samplePdf(text),
  type: 'application/pdf',
  filename: 'document.pdf',
});

/** Status of the content and of the metadata of file `id` for `account` (undefined: anonymous). */
async function reads(id: string, account?: Account): Promise<[number, number | undefined]> {
  const headers = account?.headers ?? {};
  const content = await t.app.inject({ url: `/api/v1/files/${id}/content`, headers });
  if (!account) return [content.statusCode, undefined];
  const metadata = await t.app.inject({ url: `/api/v1/files/${id}`, headers });
  return [content.statusCode, metadata.statusCode];
}

async function expectReaders(id: string, readers: Account[], others: (Account | undefined)[]) {
  for (const account of readers) expect(await reads(id, account), account.user.role).toEqual([200, 200]);
  for (const account of others) {
    const expected = account ? [404, 404] : [404, undefined];
    expect(await reads(id, account), account?.user.role ?? 'anonymous').toEqual(expected);
  }
}

describe('reading files', () => {
  it('serves avatars to anyone, anonymous included, with headers for <img> on any origin', async () => {
    const id = await uploaded(employee, { fileType: 'AVATAR' }, png());
    const anonymous = await t.app.inject({ url: `/api/v1/files/${id}/content` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.rawPayload.equals(samplePng())).toBe(true);
    expect(anonymous.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=86400',
      'cross-origin-resource-policy': 'cross-origin',
      // Not the uploaded name: that stays with the uploader.
      'content-disposition': `inline; filename="avatar.png"; filename*=UTF-8''avatar.png`,
    });
    expect(anonymous.headers['content-security-policy']).toContain('sandbox');
    for (const account of [colleague, outsider, practitioner, hr, superAdmin]) {
      expect((await reads(id, account))[0]).toBe(200);
    }
    // Public reads are not audited as downloads.
    const audits = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, id), eq(auditLogs.action, 'DOWNLOAD')));
    expect(audits).toEqual([]);
  });

  it('shows a diploma to its practitioner and the HuntZen admins only', async () => {
    const id = await uploaded(practitioner, { fileType: 'DIPLOMA' }, pdf('Diplome'));
    await expectReaders(
      id,
      [practitioner, superAdmin, adminHuntzen],
      [undefined, otherPractitioner, employee, hr, outsider],
    );
  });

  it('shows a chat attachment to the consultation’s two participants only: never HR or admins', async () => {
    const fields = { fileType: 'ATTACHMENT', relatedResource: 'consultation', relatedId: consultationId };
    const fromEmployee = await uploaded(employee, fields, pdf('Compte rendu'));
    const fromPractitioner = await uploaded(practitioner, fields, png());
    for (const id of [fromEmployee, fromPractitioner]) {
      await expectReaders(
        id,
        [employee, practitioner],
        [undefined, colleague, hr, superAdmin, adminHuntzen, otherPractitioner, outsider],
      );
    }
    const [row] = await t.db.ownerDb.select().from(files).where(eq(files.id, fromEmployee));
    expect(row).toMatchObject({ isEncrypted: true, allowedRoles: [], relatedId: consultationId });
  });

  it('refuses attachments to a consultation one is not part of, as if it did not exist', async () => {
    const fields = { fileType: 'ATTACHMENT', relatedResource: 'consultation', relatedId: consultationId };
    for (const account of [colleague, otherPractitioner, outsider]) {
      const response = await upload(account, fields, pdf());
      expect(response.statusCode, account.user.role).toBe(404);
    }
  });

  it('keeps a company’s news images inside the company', async () => {
    const id = await uploaded(hr, { fileType: 'IMAGE', relatedResource: 'news' }, png());
    await expectReaders(id, [hr, employee, colleague], [undefined, outsider, practitioner]);
  });

  it('keeps a private document to its uploader', async () => {
    const id = await uploaded(employee, { fileType: 'DOCUMENT' }, pdf('Arret de travail'));
    await expectReaders(
      id,
      [employee],
      [undefined, colleague, hr, superAdmin, adminHuntzen, practitioner, outsider],
    );
  });

  it('publishes article images of the platform to anyone', async () => {
    const id = await uploaded(adminHuntzen, { fileType: 'IMAGE', relatedResource: 'article' }, png());
    expect((await reads(id))[0]).toBe(200);
    const denied = await upload(hr, { fileType: 'IMAGE', relatedResource: 'article' }, png());
    expect(denied.statusCode).toBe(403);
  });

  it('refuses a bad or ended session instead of answering as anonymous', async () => {
    const id = await uploaded(employee, { fileType: 'DOCUMENT' }, pdf());
    const forged = await t.app.inject({
      url: `/api/v1/files/${id}/content`,
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(forged.statusCode).toBe(401);
    const session = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const mine = await uploaded(session, { fileType: 'DOCUMENT' }, pdf());
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-all',
      headers: session.headers,
    });
    expect(logout.statusCode).toBe(204);
    expect((await reads(mine, session))[0]).toBe(401);
  });

  it('answers 404 for unknown and expired files', async () => {
    expect((await reads(crypto.randomUUID(), employee))[0]).toBe(404);
    const id = await uploaded(employee, { fileType: 'AVATAR' }, png());
    await t.db.ownerDb
      .update(files)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(files.id, id));
    expect(await reads(id, employee)).toEqual([404, 404]);
  });
});

describe('deleting files', () => {
  async function stored(id: string): Promise<boolean> {
    const [row] = await t.db.ownerDb.select().from(files).where(eq(files.id, id));
    if (!row) return false;
    const names = await readdir(path.join(t.config.dataDir, 'files', row.path.slice(0, 2))).catch(
      () => [] as string[],
    );
    return names.includes(row.path);
  }

  const remove = (id: string, account: Account) =>
    t.app.inject({ method: 'DELETE', url: `/api/v1/files/${id}`, headers: account.headers });

  it('lets the uploader delete: the row, the content and the picture it was go away', async () => {
    const id = await uploaded(employee, { fileType: 'AVATAR' }, png());
    const chosen = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/media/avatar',
      headers: employee.headers,
      payload: { fileId: id },
    });
    expect(chosen.json().avatarUrl).toContain(id);
    const [row] = await t.db.ownerDb.select().from(files).where(eq(files.id, id));
    expect(await stored(id)).toBe(true);

    // Public: seen, but not theirs — answered like an unknown id.
    expect((await remove(id, colleague)).statusCode).toBe(404);
    expect((await remove(crypto.randomUUID(), colleague)).statusCode).toBe(404);
    const colleagueSees = await t.app.inject({ url: `/api/v1/files/${id}`, headers: colleague.headers });
    expect(colleagueSees.statusCode).toBe(200);
    expect(Object.keys(colleagueSees.json()).sort()).toEqual(
      ['createdAt', 'fileType', 'id', 'isPublic', 'mimeType', 'size', 'url'].sort(),
    );
    const ownerSees = await t.app.inject({ url: `/api/v1/files/${id}`, headers: employee.headers });
    expect(ownerSees.json().originalName).toEqual(expect.any(String));
    const anonymous = await t.app.inject({ url: `/api/v1/files/${id}/content` });
    expect(anonymous.headers['content-disposition']).toMatch(/filename="avatar\.png"/);
    expect((await remove(id, employee)).statusCode).toBe(204);
    expect((await remove(id, employee)).statusCode).toBe(404);
    expect(await t.db.ownerDb.select().from(files).where(eq(files.id, id))).toEqual([]);
    const names = await readdir(path.join(t.config.dataDir, 'files', row!.path.slice(0, 2)));
    expect(names).not.toContain(row!.path);
    const media = await t.app.inject({ url: '/api/v1/me/media', headers: employee.headers });
    expect(media.json().avatarUrl).toBeNull();
    const audit = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, id), eq(auditLogs.action, 'DELETE')));
    expect(audit).toHaveLength(1);
  });

  it('lets admins delete a diploma, but nobody but the participants even sees an attachment', async () => {
    const diploma = await uploaded(practitioner, { fileType: 'DIPLOMA' }, pdf());
    expect((await remove(diploma, hr)).statusCode).toBe(404);
    expect((await remove(diploma, adminHuntzen)).statusCode).toBe(204);
    const fields = { fileType: 'ATTACHMENT', relatedResource: 'consultation', relatedId: consultationId };
    const attachment = await uploaded(employee, fields, pdf());
    expect((await remove(attachment, superAdmin)).statusCode).toBe(404);
    expect((await remove(attachment, practitioner)).statusCode).toBe(404);
    expect(await stored(attachment)).toBe(true);
    expect((await remove(attachment, employee)).statusCode).toBe(204);
  });
});
