// The practitioner's own application through the real API on a real database: completing it (every
// rule and bad input), documents through the files module, sending it for review, and what it is
// closed to: other practitioners, HR, employees, and the practitioner's own review columns.
import { type Actor, auditLogs, practitioners, withActor } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import {
  type Account,
  completeProfile,
  newAdeli,
  newRpps,
  patchProfile,
  signedInApplicant,
  submittedApplicant,
  uploadDocument,
} from './applications.fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const me = (account: Account) => t.app.inject({ url: '/api/v1/me/practitioner', headers: account.headers });
const submit = (account: Account) =>
  t.app.inject({ method: 'POST', url: '/api/v1/me/practitioner/submit', headers: account.headers });
const content = (id: string, account?: Account) =>
  t.app.inject({ url: `/api/v1/files/${id}/content`, headers: account?.headers ?? {} });
const paths = (response: { json(): { errors?: { path: string; message: string }[] } }) =>
  (response.json().errors ?? []).map((e) => e.path);

describe('completing the application', () => {
  let applicant: Account;
  beforeAll(async () => {
    applicant = await signedInApplicant(t);
  });

  it('starts as a draft with its checklist', async () => {
    const response = await me(applicant);
    expect(response.statusCode, response.body).toBe(200);
    const application = response.json();
    expect(application).toMatchObject({
      id: applicant.practitionerId,
      status: 'DRAFT',
      submittedAt: null,
      rejectionReason: null,
      documents: [],
    });
    const unmet = application.requirements
      .filter((r: { met: boolean }) => !r.met)
      .map((r: { key: string }) => r.key);
    expect(unmet).toEqual(expect.arrayContaining(['professionalId', 'diploma']));
  });

  it('saves every field of the form and audits the change', async () => {
    const profile = completeProfile();
    const response = await patchProfile(t, applicant, profile);
    expect(response.statusCode, response.body).toBe(200);
    const { professionalIdKind, ...stored } = profile;
    expect(response.json()).toMatchObject({ ...stored, professionalIdKind: 'RPPS', status: 'DRAFT' });
    const [audit] = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, applicant.practitionerId!), eq(auditLogs.action, 'UPDATE')));
    expect(audit?.changesAfter).toMatchObject({ professionalId: profile.professionalId, bio: profile.bio });
    // Only what was sent changes.
    const partial = await patchProfile(t, applicant, { bufferTime: 15, preferredLanguage: 'en' });
    expect(partial.json()).toMatchObject({
      bufferTime: 15,
      preferredLanguage: 'en',
      bio: profile.bio,
      defaultDuration: 50,
    });
  });

  it('accepts an ADELI number and blanks optional texts', async () => {
    const adeli = newAdeli();
    const response = await patchProfile(t, applicant, {
      professionalIdKind: 'ADELI',
      professionalId: adeli,
      education: '   ',
      experience: null,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      professionalIdKind: 'ADELI',
      professionalId: adeli,
      education: null,
      experience: null,
    });
  });

  it.each([
    [
      'an ADELI number of 8 digits',
      { professionalIdKind: 'ADELI', professionalId: '75123456' },
      'body.professionalId',
    ],
    [
      'an ADELI number with a letter',
      { professionalIdKind: 'ADELI', professionalId: '2A1234567' },
      'body.professionalId',
    ],
    [
      'an RPPS number of 10 digits',
      { professionalIdKind: 'RPPS', professionalId: '1000123456' },
      'body.professionalId',
    ],
    [
      'an RPPS number not starting with 1',
      { professionalIdKind: 'RPPS', professionalId: `2${newRpps().slice(1)}` },
      'body.professionalId',
    ],
    ['a number without its kind', { professionalId: newRpps() }, 'body.professionalIdKind'],
    [
      'an unknown kind',
      { professionalIdKind: 'FINESS', professionalId: '123456789' },
      'body.professionalIdKind',
    ],
    ['an http video link', { videoUrl: 'http://vimeo.com/123' }, 'body.videoUrl'],
    ['a script video link', { videoUrl: 'javascript:alert(1)' }, 'body.videoUrl'],
    ['an unknown language code', { languages: ['fr', 'xx'] }, 'body.languages.1'],
    ['a three-letter language code', { languages: ['fra'] }, 'body.languages.0'],
    ['no language', { languages: [] }, 'body.languages'],
    ['a language twice', { languages: ['fr', 'FR'] }, 'body.languages'],
    ['a 10-minute session', { defaultDuration: 10 }, 'body.defaultDuration'],
    ['a 3-hour session', { defaultDuration: 180 }, 'body.defaultDuration'],
    ['a 90-minute buffer', { bufferTime: 90 }, 'body.bufferTime'],
    ['a negative buffer', { bufferTime: -5 }, 'body.bufferTime'],
    ['an unknown specialty', { specialty: 'ASTROLOGUE' }, 'body.specialty'],
    ['a short bio', { bio: 'Trop court' }, 'body.bio'],
    [
      'too many sub-specialties',
      { subSpecialties: Array.from({ length: 21 }, (_, i) => `S${i}`) },
      'body.subSpecialties',
    ],
    ['an empty diploma line', { diplomas: ['Master', ' '] }, 'body.diplomas.1'],
    ['a review column', { isValidated: true }, 'body'],
  ])('refuses %s', async (_, payload, path) => {
    const response = await patchProfile(t, applicant, payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(paths(response)).toContain(path);
  });

  it('refuses an RPPS number whose Luhn key is wrong', async () => {
    const rpps = newRpps();
    const wrong = rpps.slice(0, 10) + String((Number(rpps[10]) + 1) % 10);
    const response = await patchProfile(t, applicant, { professionalIdKind: 'RPPS', professionalId: wrong });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'body.professionalId', message: 'the check digit of this RPPS number is wrong' },
    ]);
    // Nothing was saved.
    expect((await me(applicant)).json().professionalId).not.toBe(wrong);
  });

  it('refuses a time zone unknown to the zone database', async () => {
    for (const timezone of ['Mars/Olympus_Mons', 'Paris', 'GMT+25']) {
      const response = await patchProfile(t, applicant, { timezone });
      expect(response.statusCode, timezone).toBe(400);
      expect(paths(response)).toEqual(['body.timezone']);
    }
    expect((await patchProfile(t, applicant, { timezone: 'America/Montreal' })).json().timezone).toBe(
      'America/Montreal',
    );
  });

  it('requires an address for in-person sessions, and at least one format', async () => {
    const noAddress = await patchProfile(t, applicant, { offersInPerson: true, inPersonAddress: null });
    expect(noAddress.statusCode).toBe(400);
    expect(paths(noAddress)).toEqual(['body.inPersonAddress']);
    // Taking the address away from a profile that offers in-person sessions is the same mistake.
    const removed = await patchProfile(t, applicant, { inPersonAddress: '' });
    expect(paths(removed)).toEqual(['body.inPersonAddress']);
    const none = await patchProfile(t, applicant, {
      offersVideo: false,
      offersPhone: false,
      offersInPerson: false,
    });
    expect(paths(none)).toEqual(['body.offersVideo']);
    const remote = await patchProfile(t, applicant, { offersInPerson: false, inPersonAddress: null });
    expect(remote.statusCode, remote.body).toBe(200);
    expect(remote.json()).toMatchObject({ offersInPerson: false, inPersonAddress: null });
  });

  it('answers 409 on the field when another practitioner has the number', async () => {
    const other = await signedInApplicant(t);
    const rpps = newRpps();
    expect(
      (await patchProfile(t, other, { professionalIdKind: 'RPPS', professionalId: rpps })).statusCode,
    ).toBe(200);
    const response = await patchProfile(t, applicant, {
      professionalIdKind: 'RPPS',
      professionalId: rpps,
      bio: 'x'.repeat(30),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'CONFLICT',
      errors: [{ path: 'body.professionalId', message: 'already registered' }],
    });
    // The whole update was refused, the bio too.
    expect((await me(applicant)).json().bio).not.toBe('x'.repeat(30));
  });
});

describe('documents and sending for review', () => {
  let applicant: Account;
  let diplomaId: string;
  beforeAll(async () => {
    applicant = await signedInApplicant(t);
    expect((await patchProfile(t, applicant, completeProfile())).statusCode).toBe(200);
  });

  it('refuses to send an application without a diploma', async () => {
    await uploadDocument(t, applicant, 'CERTIFICATE');
    const response = await submit(applicant);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'CONFLICT' });
    expect(paths(response)).toEqual(['requirements.diploma']);
    expect((await me(applicant)).json().status).toBe('DRAFT');
  });

  it('lists the uploaded documents, encrypted at rest, mirrored in document_urls', async () => {
    diplomaId = await uploadDocument(t, applicant, 'DIPLOMA');
    const otherId = await uploadDocument(t, applicant, 'DOCUMENT');
    const response = await t.app.inject({
      url: '/api/v1/me/practitioner/documents',
      headers: applicant.headers,
    });
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items.map((d: { fileType: string }) => d.fileType)).toEqual([
      'CERTIFICATE',
      'DIPLOMA',
      'DOCUMENT',
    ]);
    expect(items[1]).toMatchObject({
      id: diplomaId,
      mimeType: 'application/pdf',
      originalName: 'diplome.pdf',
    });
    const [row] = await t.db.ownerDb
      .select({ urls: practitioners.documentUrls })
      .from(practitioners)
      .where(eq(practitioners.id, applicant.practitionerId!));
    expect(row?.urls).toHaveLength(3);
    expect(row?.urls).toContain(`/api/v1/files/${diplomaId}/content`);
    // Removing one takes it out of both.
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/practitioner/documents/${otherId}`,
      headers: applicant.headers,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await me(applicant)).json().documents).toHaveLength(2);
    expect((await content(otherId, applicant)).statusCode).toBe(404);
    const [after] = await t.db.ownerDb
      .select({ urls: practitioners.documentUrls })
      .from(practitioners)
      .where(eq(practitioners.id, applicant.practitionerId!));
    expect(after?.urls).not.toContain(`/api/v1/files/${otherId}/content`);
  });

  it('sends the complete application for review, then keeps it as sent', async () => {
    const response = await submit(applicant);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'SUBMITTED', documentsVerified: false });
    expect(response.json().requirements.every((r: { met: boolean }) => r.met)).toBe(true);

    const again = await submit(applicant);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'SUBMITTED' });

    const edit = await patchProfile(t, applicant, { bio: 'Une autre présentation, plus longue.' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'SUBMITTED' });

    const remove = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/practitioner/documents/${diplomaId}`,
      headers: applicant.headers,
    });
    expect(remove.statusCode).toBe(409);
    expect(remove.json().currentState).toBe('SUBMITTED');

    const listing = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/practitioner/listing',
      headers: applicant.headers,
      payload: { isActive: false },
    });
    expect(listing.statusCode).toBe(409);
    expect(listing.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'SUBMITTED' });
  });
});

describe('what stays closed', () => {
  let applicant: Account;
  let diplomaId: string;
  beforeAll(async () => {
    ({ account: applicant, diplomaId } = await submittedApplicant(t));
  });

  it('lets the practitioner and HuntZen admins read a diploma, and no one else (404)', async () => {
    const companyId = (await createCompany(t.db)).id;
    const readers = [
      applicant,
      await signedIn(t.app, t.db, 'ADMIN_HUNTZEN'),
      await signedIn(t.app, t.db, 'SUPER_ADMIN'),
    ];
    const others = [
      await signedInApplicant(t),
      await signedIn(t.app, t.db, 'PRACTITIONER'),
      await signedIn(t.app, t.db, 'ADMIN_RH', { companyId }),
      await signedIn(t.app, t.db, 'EMPLOYEE', { companyId }),
    ];
    for (const reader of readers) {
      const response = await content(diplomaId, reader);
      expect(response.statusCode, reader.user.role).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    for (const other of others) {
      expect((await content(diplomaId, other)).statusCode, other.user.role).toBe(404);
      const metadata = await t.app.inject({ url: `/api/v1/files/${diplomaId}`, headers: other.headers });
      expect(metadata.statusCode, other.user.role).toBe(404);
    }
    expect((await content(diplomaId)).statusCode).toBe(404);
    // Admins' downloads are audited.
    const downloads = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, diplomaId), eq(auditLogs.action, 'DOWNLOAD')));
    expect(downloads.map((d) => d.userRole).sort()).toEqual(['ADMIN_HUNTZEN', 'PRACTITIONER', 'SUPER_ADMIN']);
  });

  it('keeps another practitioner away from the application and its documents (404)', async () => {
    const other = await signedInApplicant(t);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/practitioner/documents/${diplomaId}`,
      headers: other.headers,
    });
    expect(removed.statusCode).toBe(404);
    const viaFiles = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/files/${diplomaId}`,
      headers: other.headers,
    });
    expect(viaFiles.statusCode).toBe(404);
    // Their own application is all they get; the other one is invisible to them in the database.
    expect((await me(other)).json().id).toBe(other.practitionerId);
    const actor: Actor = {
      role: 'PRACTITIONER',
      userId: other.user.id,
      practitionerId: other.practitionerId,
    };
    const seen = await withActor(t.db, actor, (tx) =>
      tx.select().from(practitioners).where(eq(practitioners.id, applicant.practitionerId!)),
    );
    expect(seen).toEqual([]);
    expect((await content(diplomaId, applicant)).statusCode).toBe(200);
  });

  it('never lets a practitioner grant their own validation, even past the API', async () => {
    const actor: Actor = {
      role: 'PRACTITIONER',
      userId: applicant.user.id,
      practitionerId: applicant.practitionerId,
    };
    for (const values of [
      { isValidated: true },
      { documentsVerified: true },
      { validatedAt: new Date() },
      { rejectionReason: 'self-made' },
    ]) {
      await expect(
        withActor(t.db, actor, (tx) =>
          tx.update(practitioners).set(values).where(eq(practitioners.id, applicant.practitionerId!)),
        ),
        JSON.stringify(values),
      ).rejects.toThrow();
    }
    // Ordinary profile columns stay theirs.
    await withActor(t.db, actor, (tx) =>
      tx.update(practitioners).set({ bufferTime: 20 }).where(eq(practitioners.id, applicant.practitionerId!)),
    );
    expect((await me(applicant)).json()).toMatchObject({ bufferTime: 20, status: 'SUBMITTED' });
  });
});
