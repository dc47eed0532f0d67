// HuntZen's review of applications through the real API on a real database: the queue by state and
// its pages, the documents check, validation (notification and e-mail in the practitioner's
// language), refusal with a reason and the fixed application sent again, illegal transitions,
// editing once validated, and who the directory shows (row-level security for employees).
import { type Actor, auditLogs, emailQueue, notifications, practitioners, withActor } from '@huntzen/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import {
  type Account,
  newRpps,
  patchProfile,
  signedInApplicant,
  submittedApplicant,
  uploadDocument,
} from './applications.fixtures';

let t: TestApp;
let admin: Account;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
});
afterAll(async () => {
  await t?.close();
});

const BASE = '/api/v1/practitioner-applications';
const queue = (status: string, extra = '') =>
  t.app.inject({ url: `${BASE}?status=${status}${extra}`, headers: admin.headers });
const action = (id: string, path: string, payload?: Record<string, unknown>, by: Account = admin) =>
  t.app.inject({
    method: path === 'documents-verified' ? 'PUT' : 'POST',
    url: `${BASE}/${id}/${path}`,
    headers: by.headers,
    payload,
  });
const mine = (account: Account) => t.app.inject({ url: '/api/v1/me/practitioner', headers: account.headers });
const ids = (response: { json(): { items: { id: string }[] } }) => response.json().items.map((i) => i.id);

async function latestEmail(to: string) {
  const [row] = await t.db.ownerDb
    .select()
    .from(emailQueue)
    .where(eq(emailQueue.to, to))
    .orderBy(desc(emailQueue.createdAt))
    .limit(1);
  return row;
}

describe('the queue', () => {
  it('lists applications waiting for review, oldest first, page by page, with their documents', async () => {
    const first = await submittedApplicant(t);
    const second = await submittedApplicant(t);
    const draft = await signedInApplicant(t);
    const page1 = await queue('pending', '&limit=1');
    expect(page1.statusCode, page1.body).toBe(200);
    const all: string[] = [...ids(page1)];
    let cursor: string | null = page1.json().nextCursor;
    while (cursor) {
      const next = await queue('pending', `&limit=1&cursor=${encodeURIComponent(cursor)}`);
      all.push(...ids(next));
      cursor = next.json().nextCursor;
    }
    expect(all.indexOf(first.account.practitionerId!)).toBeLessThan(
      all.indexOf(second.account.practitionerId!),
    );
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain(draft.practitionerId);
    const line = (await queue('pending'))
      .json()
      .items.find((i: { id: string }) => i.id === first.account.practitionerId);
    expect(line).toMatchObject({
      status: 'SUBMITTED',
      email: first.account.email,
      professionalIdKind: 'RPPS',
      documentCount: 1,
      documentsVerified: false,
    });
    expect(ids(await queue('validated'))).not.toContain(first.account.practitionerId);

    const detail = await t.app.inject({
      url: `${BASE}/${first.account.practitionerId}`,
      headers: admin.headers,
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      status: 'SUBMITTED',
      email: first.account.email,
      documents: [{ id: first.diplomaId, fileType: 'DIPLOMA', mimeType: 'application/pdf' }],
    });
    expect(detail.json().documents[0].url).toMatch(new RegExp(`/api/v1/files/${first.diplomaId}/content$`));
  });

  it('answers 404 for an unknown application and 400 for an unknown tab or cursor', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await t.app.inject({ url: `${BASE}/${unknown}`, headers: admin.headers })).statusCode).toBe(404);
    expect((await action(unknown, 'validate')).statusCode).toBe(404);
    expect((await queue('draft')).statusCode).toBe(400);
    expect((await queue('pending', '&cursor=nonsense')).statusCode).toBe(400);
  });
});

describe('a review', () => {
  let applicant: Account;
  let id: string;
  beforeAll(async () => {
    const submitted = await submittedApplicant(t, { preferredLanguage: 'en' });
    applicant = submitted.account;
    id = applicant.practitionerId!;
  });

  it('refuses to validate before the documents are verified (409)', async () => {
    const response = await action(id, 'validate');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'CONFLICT', errors: [{ path: 'documentsVerified' }] });
    expect((await mine(applicant)).json().status).toBe('SUBMITTED');
  });

  it('records the documents check, audited', async () => {
    const response = await action(id, 'documents-verified', { documentsVerified: true });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().documentsVerified).toBe(true);
    const [audit] = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, id), eq(auditLogs.userId, admin.user.id)));
    expect(audit).toMatchObject({
      action: 'UPDATE',
      userRole: 'ADMIN_HUNTZEN',
      changesBefore: { documentsVerified: false },
      changesAfter: { documentsVerified: true },
    });
    expect((await action(id, 'documents-verified', { verified: true })).statusCode).toBe(400);
  });

  it('validates: the practitioner is listed, notified, and e-mailed in their language', async () => {
    const response = await action(id, 'validate');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'VALIDATED', validatedBy: admin.user.id });
    expect(response.json().validatedAt).not.toBeNull();

    const [audit] = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, id), eq(auditLogs.action, 'VALIDATE')));
    expect(audit).toMatchObject({ userId: admin.user.id, resource: 'practitioner' });
    const [notification] = await t.db.ownerDb
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, applicant.user.id), eq(notifications.type, 'PRACTITIONER_VALIDATED')),
      );
    expect(notification).toMatchObject({ title: 'Your profile is validated', linkUrl: '/app/profile' });
    const email = await latestEmail(applicant.email);
    expect(email?.subject).toBe('Your HuntZen profile is validated');
    expect(email?.textBody).toContain('/app/profile');

    expect(ids(await queue('validated'))).toContain(id);
    expect(ids(await queue('pending'))).not.toContain(id);
    expect((await mine(applicant)).json().status).toBe('VALIDATED');
  });

  it('answers 409 with the current state to any further decision', async () => {
    for (const [path, payload] of [
      ['validate', undefined],
      ['reject', { reason: 'Diplôme illisible, merci de le renvoyer.' }],
      ['documents-verified', { documentsVerified: false }],
    ] as const) {
      const response = await action(id, path, payload);
      expect(response.statusCode, path).toBe(409);
      expect(response.json(), path).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'VALIDATED' });
    }
    const submit = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/practitioner/submit',
      headers: applicant.headers,
    });
    expect(submit.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'VALIDATED' });
  });

  it('lets the validated practitioner edit the public profile, not what HuntZen verified', async () => {
    const bio = 'Psychologue clinicienne, désormais aussi en thérapie de couple.';
    const edited = await patchProfile(t, applicant, { bio, subSpecialties: ['TCC', 'Couple'] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ bio, status: 'VALIDATED' });
    // The same verified values sent again (the whole form) are no change.
    const current = edited.json();
    const resent = await patchProfile(t, applicant, {
      firstName: current.firstName,
      professionalIdKind: current.professionalIdKind,
      professionalId: current.professionalId,
    });
    expect(resent.statusCode, resent.body).toBe(200);
    const changed = await patchProfile(t, applicant, {
      professionalIdKind: 'RPPS',
      professionalId: newRpps(),
      specialty: 'PSYCHIATRE',
    });
    expect(changed.statusCode).toBe(409);
    expect(
      changed
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.professionalId', 'body.specialty']);
  });

  it('lets the validated practitioner pause the listing and new clients', async () => {
    const listing = (payload: Record<string, boolean>) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me/practitioner/listing',
        headers: applicant.headers,
        payload,
      });
    const paused = await listing({ isActive: false, isAcceptingNewClients: false });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({
      isActive: false,
      isAcceptingNewClients: false,
      status: 'VALIDATED',
    });
    expect((await listing({})).statusCode).toBe(400);
    expect((await listing({ isActive: true })).json()).toMatchObject({
      isActive: true,
      isAcceptingNewClients: false,
    });
  });
});

describe('a refusal', () => {
  let applicant: Account;
  let id: string;
  beforeAll(async () => {
    applicant = (await submittedApplicant(t)).account;
    id = applicant.practitionerId!;
  });

  it('needs a reason', async () => {
    for (const payload of [{}, { reason: '' }, { reason: '   trop   ' }]) {
      const response = await action(id, 'reject', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.reason']);
    }
    expect((await mine(applicant)).json().status).toBe('SUBMITTED');
  });

  it('sends the application back; the practitioner reads the reason, fixes it and sends it again', async () => {
    await action(id, 'documents-verified', { documentsVerified: true });
    const reason = 'Le diplôme transmis est illisible : merci de joindre une copie nette.';
    const response = await action(id, 'reject', { reason });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'REJECTED',
      rejectionReason: reason,
      documentsVerified: false,
    });
    expect(ids(await queue('rejected'))).toContain(id);
    expect(ids(await queue('pending'))).not.toContain(id);

    const email = await latestEmail(applicant.email);
    expect(email?.subject).toBe('Votre candidature HuntZen est à compléter');
    expect(email?.textBody).toContain(reason);
    const [notification] = await t.db.ownerDb
      .select()
      .from(notifications)
      .where(eq(notifications.userId, applicant.user.id));
    // The reason itself stays in the e-mail and on the profile page, not in the notification.
    expect(notification?.message).not.toContain(reason);

    const own = (await mine(applicant)).json();
    expect(own).toMatchObject({ status: 'REJECTED', rejectionReason: reason });
    // Fixing: documents may change again, the profile too.
    const [oldDiploma] = own.documents;
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/practitioner/documents/${oldDiploma.id}`,
      headers: applicant.headers,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    await uploadDocument(t, applicant, 'DIPLOMA');
    expect((await patchProfile(t, applicant, { education: 'Master 2, Université de Lyon' })).statusCode).toBe(
      200,
    );

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/practitioner/submit',
      headers: applicant.headers,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'SUBMITTED', rejectionReason: null, rejectedAt: null });
    expect(ids(await queue('pending'))).toContain(id);
    expect(ids(await queue('rejected'))).not.toContain(id);
  });

  it('answers 409 with the state to a decision on a draft or a refused application', async () => {
    const draft = await signedInApplicant(t);
    const response = await action(draft.practitionerId!, 'validate');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'DRAFT' });
    const rejected = (await submittedApplicant(t)).account.practitionerId!;
    await action(rejected, 'reject', { reason: 'Numéro RPPS introuvable au répertoire.' });
    const twice = await action(rejected, 'reject', { reason: 'Numéro RPPS introuvable au répertoire.' });
    expect(twice.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'REJECTED' });
  });

  it('is closed to practitioners (403)', async () => {
    expect((await action(id, 'validate', undefined, applicant)).statusCode).toBe(403);
    expect((await t.app.inject({ url: BASE, headers: applicant.headers })).statusCode).toBe(403);
  });
});

describe('who the directory shows', () => {
  it('shows employees validated, active practitioners only (row-level security)', async () => {
    const listed = await signedIn(t.app, t.db, 'PRACTITIONER');
    const paused = await signedIn(t.app, t.db, 'PRACTITIONER');
    await t.db.ownerDb
      .update(practitioners)
      .set({ isActive: false })
      .where(eq(practitioners.id, paused.practitionerId!));
    const pending = (await submittedApplicant(t)).account;
    const draft = await signedInApplicant(t);
    const candidates = [listed, paused, pending, draft].map((a) => a.practitionerId!);

    const companyId = (await createCompany(t.db)).id;
    const employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const asEmployee: Actor = {
      role: 'EMPLOYEE',
      userId: employee.user.id,
      companyId,
      employeeId: employee.employeeId,
    };
    const seen = await withActor(t.db, asEmployee, (tx) =>
      tx.select({ id: practitioners.id }).from(practitioners).where(inArray(practitioners.id, candidates)),
    );
    expect(seen.map((r) => r.id)).toEqual([listed.practitionerId]);

    // Validating the pending one lists it.
    await action(pending.practitionerId!, 'documents-verified', { documentsVerified: true });
    expect((await action(pending.practitionerId!, 'validate')).statusCode).toBe(200);
    const after = await withActor(t.db, asEmployee, (tx) =>
      tx.select({ id: practitioners.id }).from(practitioners).where(inArray(practitioners.id, candidates)),
    );
    expect(after.map((r) => r.id).sort()).toEqual([listed.practitionerId, pending.practitionerId].sort());
  });
});
