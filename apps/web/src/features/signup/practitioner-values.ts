// The practitioner application form's values, options and request body.
import { currentLanguage } from '../../i18n';
import { optional } from '../../lib/form';

export interface PractitionerValues {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  title: string;
  specialty: string | null;
  professionalId: string;
  bio: string;
  languages: string[];
  subSpecialties: string[];
  experience: number | string;
}

/** Languages a practitioner may consult in (ISO 639-1), named with Intl.DisplayNames. */
export const CONSULTATION_LANGUAGES = [
  'fr',
  'en',
  'es',
  'de',
  'it',
  'pt',
  'nl',
  'ar',
  'he',
  'tr',
  'ru',
  'uk',
  'pl',
  'ro',
  'zh',
  'ja',
  'vi',
] as const;

/** The language names in the interface language ("anglais" / "English"), capitalized. */
export function languageOptions(displayLanguage: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([displayLanguage], { type: 'language' });
  return CONSULTATION_LANGUAGES.map((code) => {
    const name = names.of(code) ?? code;
    return { value: code, label: name.charAt(0).toLocaleUpperCase(displayLanguage) + name.slice(1) };
  });
}

/** Fresh values, consulting in the interface language by default. */
export function emptyPractitioner(): PractitionerValues {
  return {
    firstName: '',
    lastName: '',
    email: '',
    password: '',
    title: '',
    specialty: null,
    professionalId: '',
    bio: '',
    languages: [currentLanguage()],
    subSpecialties: [],
    experience: '',
  };
}

/** The POST /signup/practitioner body. */
export function practitionerRequest(values: PractitionerValues) {
  return {
    email: values.email,
    password: values.password,
    firstName: values.firstName,
    lastName: values.lastName,
    title: values.title.trim(),
    specialty: values.specialty ?? undefined,
    professionalId: optional(values.professionalId),
    bio: values.bio.trim(),
    languages: values.languages,
    subSpecialties: values.subSpecialties,
    experience: typeof values.experience === 'number' ? values.experience : undefined,
    preferredLanguage: currentLanguage(),
  };
}
