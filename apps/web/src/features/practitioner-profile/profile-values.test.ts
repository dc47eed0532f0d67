// The profile form's request and client-side checks mirror the API: the Luhn key of RPPS numbers,
// the address of in-person sessions, the fields HuntZen verified left out once validated.
import type { PractitionerApplication } from '@huntzen/contracts';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error';
import { profileRequest, profileValidator, profileValues, translatedFieldErrors } from './profile-values';

// Messages are their keys: the checks, not the wording, are under test.
const t = ((key: string) => key) as unknown as TFunction;

const application: PractitionerApplication = {
  id: '00000000-0000-4000-8000-000000000001',
  status: 'DRAFT',
  submittedAt: null,
  rejectedAt: null,
  rejectionReason: null,
  validatedAt: null,
  documentsVerified: false,
  title: 'Dr',
  firstName: 'Léa',
  lastName: 'Morel',
  professionalIdKind: 'RPPS',
  professionalId: '10001234565',
  specialty: 'PSYCHOLOGUE_CLINICIEN',
  subSpecialties: ['TCC'],
  languages: ['fr'],
  bio: 'Psychologue clinicienne, vingt ans de pratique.',
  experience: null,
  education: null,
  diplomas: [],
  certifications: [],
  offersVideo: true,
  offersPhone: false,
  offersInPerson: false,
  inPersonAddress: null,
  videoUrl: null,
  avatarUrl: null,
  coverUrl: null,
  defaultDuration: 50,
  bufferTime: 10,
  timezone: 'Europe/Paris',
  preferredLanguage: 'fr',
  isActive: true,
  isAcceptingNewClients: true,
  requirements: [],
  documents: [],
};

describe('the profile form', () => {
  it('turns stored values into the request, empty texts into null', () => {
    const body = profileRequest(profileValues(application));
    expect(body).toMatchObject({
      professionalIdKind: 'RPPS',
      professionalId: '10001234565',
      experience: null,
      education: '',
      videoUrl: null,
      inPersonAddress: null,
    });
    // Once validated, what HuntZen verified is not sent.
    const locked = profileRequest(profileValues(application), true);
    for (const field of ['firstName', 'lastName', 'professionalIdKind', 'professionalId', 'specialty']) {
      expect(locked).not.toHaveProperty(field);
    }
    expect(locked.bio).toBe(application.bio);
  });

  it('checks the RPPS key, the formats and the address like the API', () => {
    const validate = profileValidator(t, () => false);
    const values = profileValues(application);
    expect(validate(values)).toEqual({});
    expect(validate({ ...values, professionalId: '10001234566' }).professionalId).toBe(
      'practitionerProfile.errors.RPPS_CHECK_DIGIT',
    );
    expect(validate({ ...values, professionalIdKind: 'ADELI' }).professionalId).toBe(
      'practitionerProfile.errors.ADELI_FORMAT',
    );
    expect(validate({ ...values, offersVideo: false }).offersVideo).toBe(
      'practitionerProfile.errors.noFormat',
    );
    expect(validate({ ...values, offersInPerson: true }).inPersonAddress).toBe(
      'practitionerProfile.errors.address',
    );
    expect(validate({ ...values, videoUrl: 'http://vimeo.com/1' }).videoUrl).toBe(
      'practitionerProfile.errors.videoUrl',
    );
    // A draft may be saved without a number, not with half of one.
    expect(validate({ ...values, professionalIdKind: null, professionalId: '' })).toEqual({});
    expect(Object.keys(validate({ ...values, professionalIdKind: null }))).toEqual(['professionalIdKind']);
    // A validated profile's number (maybe entered before these rules) is not checked again.
    const locked = profileValidator(t, () => true);
    expect(locked({ ...values, professionalIdKind: null, professionalId: 'ADELI123456789' })).toEqual({});
  });

  it('translates the API field messages it knows', () => {
    const error = new ApiError(409, 'CONFLICT', 'verified', [
      { path: 'body.specialty', message: 'verified by HuntZen' },
      { path: 'body.bio', message: 'something else' },
    ]);
    const translated = translatedFieldErrors(error, t) as ApiError;
    expect(translated.fieldErrors.map((f) => f.message)).toEqual([
      'practitionerProfile.errors.verified',
      'something else',
    ]);
  });
});
