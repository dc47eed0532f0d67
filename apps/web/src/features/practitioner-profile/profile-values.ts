// The profile form's values, how they become the PATCH body, their client-side checks (the
// contract's schema, plus the rules that span fields) and the API's field messages translated.
import {
  type PractitionerApplication,
  type PractitionerProfileUpdate,
  PractitionerProfileUpdateSchema,
  type ProfessionalIdKind,
  professionalIdProblem,
} from '@huntzen/contracts';
import type { FormErrors } from '@mantine/form';
import type { ParseKeys, TFunction } from 'i18next';
import { ApiError } from '../../lib/api-error';
import { schemaValidator } from '../../lib/form';

export interface ProfileValues {
  title: string;
  firstName: string;
  lastName: string;
  professionalIdKind: ProfessionalIdKind | null;
  professionalId: string;
  specialty: string | null;
  subSpecialties: string[];
  languages: string[];
  bio: string;
  experience: number | string;
  education: string;
  diplomas: string[];
  certifications: string[];
  offersVideo: boolean;
  offersPhone: boolean;
  offersInPerson: boolean;
  inPersonAddress: string;
  videoUrl: string;
  defaultDuration: number | string;
  bufferTime: number | string;
  timezone: string;
  preferredLanguage: 'fr' | 'en';
}

/** The fields HuntZen verified: read-only once the profile is validated. */
export const VERIFIED_FIELDS = [
  'firstName',
  'lastName',
  'professionalIdKind',
  'professionalId',
  'specialty',
] as const;

/** The form values of a stored application. */
export function profileValues(application: PractitionerApplication): ProfileValues {
  return {
    title: application.title,
    firstName: application.firstName,
    lastName: application.lastName,
    professionalIdKind: application.professionalIdKind,
    professionalId: application.professionalId ?? '',
    specialty: application.specialty,
    subSpecialties: application.subSpecialties,
    languages: application.languages,
    bio: application.bio,
    experience: application.experience ?? '',
    education: application.education ?? '',
    diplomas: application.diplomas,
    certifications: application.certifications,
    offersVideo: application.offersVideo,
    offersPhone: application.offersPhone,
    offersInPerson: application.offersInPerson,
    inPersonAddress: application.inPersonAddress ?? '',
    videoUrl: application.videoUrl ?? '',
    defaultDuration: application.defaultDuration,
    bufferTime: application.bufferTime,
    timezone: application.timezone,
    preferredLanguage: application.preferredLanguage,
  };
}

const numberOrUndefined = (value: number | string) => (typeof value === 'number' ? value : undefined);

/** The PATCH body; without the verified fields once they are locked. */
export function profileRequest(values: ProfileValues, lockVerified = false): PractitionerProfileUpdate {
  const body: PractitionerProfileUpdate = {
    title: values.title,
    firstName: values.firstName,
    lastName: values.lastName,
    professionalIdKind: values.professionalIdKind ?? undefined,
    professionalId: values.professionalId.trim() || undefined,
    specialty: (values.specialty ?? undefined) as PractitionerProfileUpdate['specialty'],
    subSpecialties: values.subSpecialties,
    languages: values.languages,
    bio: values.bio,
    experience: typeof values.experience === 'number' ? values.experience : null,
    education: values.education,
    diplomas: values.diplomas,
    certifications: values.certifications,
    offersVideo: values.offersVideo,
    offersPhone: values.offersPhone,
    offersInPerson: values.offersInPerson,
    // The address is kept only for in-person sessions.
    inPersonAddress: values.offersInPerson ? values.inPersonAddress : null,
    videoUrl: values.videoUrl.trim() || null,
    defaultDuration: numberOrUndefined(values.defaultDuration),
    bufferTime: numberOrUndefined(values.bufferTime),
    timezone: values.timezone,
    preferredLanguage: values.preferredLanguage,
  };
  if (lockVerified) for (const field of VERIFIED_FIELDS) delete body[field];
  return body;
}

const MESSAGES: Record<string, ParseKeys> = {
  videoUrl: 'practitionerProfile.errors.videoUrl',
  'languages.*': 'practitionerProfile.errors.language',
};

/** Mantine's validate function: the contract's schema, then the rules spanning several fields. */
export function profileValidator(t: TFunction, lockVerified: () => boolean) {
  return schemaValidator<ProfileValues>(
    PractitionerProfileUpdateSchema,
    t,
    (values) => profileRequest(values, lockVerified()),
    MESSAGES,
    (values) => {
      const errors: FormErrors = {};
      if (!values.offersVideo && !values.offersPhone && !values.offersInPerson) {
        errors.offersVideo = t('practitionerProfile.errors.noFormat');
      }
      if (values.offersInPerson && !values.inPersonAddress.trim()) {
        errors.inPersonAddress = t('practitionerProfile.errors.address');
      }
      if (lockVerified()) return errors;
      // A draft may be saved without its number (the checklist asks for it), not with half of it.
      const id = values.professionalId.replace(/\s+/g, '');
      if (id && !values.professionalIdKind) errors.professionalIdKind = t('validation.required');
      if (!id && values.professionalIdKind) errors.professionalId = t('validation.required');
      if (id && values.professionalIdKind) {
        const problem = professionalIdProblem(values.professionalIdKind, id);
        if (problem) errors.professionalId = t(`practitionerProfile.errors.${problem}`);
      }
      return errors;
    },
  );
}

// The API's field messages this form can receive, in the user's language.
const SERVER_MESSAGES: Record<string, ParseKeys> = {
  'verified by HuntZen': 'practitionerProfile.errors.verified',
  'required for in-person sessions': 'practitionerProfile.errors.address',
  'offer at least one format': 'practitionerProfile.errors.noFormat',
  'an IANA time zone, e.g. Europe/Paris': 'practitionerProfile.errors.timezone',
  'an ADELI number has 9 digits': 'practitionerProfile.errors.ADELI_FORMAT',
  'an RPPS number has 11 digits and starts with 1': 'practitionerProfile.errors.RPPS_FORMAT',
  'the check digit of this RPPS number is wrong': 'practitionerProfile.errors.RPPS_CHECK_DIGIT',
};

/** The same error with the known field messages translated (for applyApiError). */
export function translatedFieldErrors(error: unknown, t: TFunction): unknown {
  if (!(error instanceof ApiError)) return error;
  const fieldErrors = error.fieldErrors.map((f) => {
    const key = SERVER_MESSAGES[f.message];
    return key ? { ...f, message: t(key) } : f;
  });
  return new ApiError(error.status, error.code, error.detail, fieldErrors);
}
