// Test helpers of practitioner applications: an applicant signed in with 2FA (profile not
// validated, as the sign-up form leaves it), a complete profile, valid professional numbers, and
// document uploads through the real files API.
import { passesLuhn } from '@huntzen/contracts';
import { practitioners } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/build-test-app';
import { signedIn } from '../../../test/identity';
import { multipartBody, samplePdf } from '../../platform/files/sample-files';

export type Account = Awaited<ReturnType<typeof signedIn>>;

let serial = 0;
/** A fresh, valid RPPS number (11 digits, leading 1, Luhn key). */
export function newRpps(): string {
  serial += 1;
  const body = `1${String(Date.now() % 1e6).padStart(6, '0')}${String(serial).padStart(3, '0')}`;
  return body + [...'0123456789'].find((d) => passesLuhn(body + d))!;
}

/** A fresh, valid ADELI number. */
export function newAdeli(): string {
  serial += 1;
  return `75${String((Date.now() + serial) % 1e7).padStart(7, '0')}`;
}

/** A practitioner who applied (not validated) and signed in with 2FA. */
export async function signedInApplicant(t: TestApp, values: Partial<typeof practitioners.$inferInsert> = {}) {
  const account = await signedIn(t.app, t.db, 'PRACTITIONER');
  await t.db.ownerDb
    .update(practitioners)
    .set({ isValidated: false, validatedAt: null, ...values })
    .where(eq(practitioners.id, account.practitionerId!));
  return account;
}

/** Every field of a complete application (documents aside). */
export function completeProfile() {
  return {
    title: 'Dr.',
    firstName: 'Léa',
    lastName: 'Morel',
    professionalIdKind: 'RPPS' as const,
    professionalId: newRpps(),
    specialty: 'PSYCHOLOGUE_CLINICIEN' as const,
    subSpecialties: ['TCC', 'EMDR'],
    languages: ['fr', 'en'],
    bio: 'Psychologue clinicienne, j’accompagne les salariés face au stress et à l’épuisement.',
    experience: 12,
    education: 'Master de psychologie clinique, Université Paris Cité',
    diplomas: ['Master 2 psychologie clinique (2011)'],
    certifications: ['EMDR Europe praticien'],
    offersVideo: true,
    offersPhone: true,
    offersInPerson: true,
    inPersonAddress: '12 rue de Rivoli, 75004 Paris',
    videoUrl: 'https://vimeo.com/123456',
    defaultDuration: 50,
    bufferTime: 10,
    timezone: 'Europe/Paris',
  };
}

/** PATCH /api/v1/me/practitioner. */
export function patchProfile(t: TestApp, account: Account, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'PATCH', url: '/api/v1/me/practitioner', headers: account.headers, payload });
}

/** Uploads a PDF document of `fileType` through POST /api/v1/files; returns its id. */
export async function uploadDocument(
  t: TestApp,
  account: Account,
  fileType: 'DIPLOMA' | 'CERTIFICATE' | 'DOCUMENT' = 'DIPLOMA',
): Promise<string> {
  const fields: { name: string; value: string }[] = [{ name: 'fileType', value: fileType }];
  if (fileType === 'DOCUMENT') fields.push({ name: 'relatedResource', value: 'practitioner' });
  const body = multipartBody([
    ...fields,
    {
      name: 'file',
      data: samplePdf(`${fileType} Lea Morel`),
      type: 'application/pdf',
      filename: 'diplome.pdf',
    },
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

/** A complete application sent for review; returns the applicant and their diploma's id. */
export async function submittedApplicant(
  t: TestApp,
  values: Partial<typeof practitioners.$inferInsert> = {},
) {
  const account = await signedInApplicant(t, values);
  const patched = await patchProfile(t, account, completeProfile());
  expect(patched.statusCode, patched.body).toBe(200);
  const diplomaId = await uploadDocument(t, account);
  const submitted = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/practitioner/submit',
    headers: account.headers,
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { account, diplomaId };
}
