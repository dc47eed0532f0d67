// The employee's own profile (/api/v1/me/profile) and onboarding (/api/v1/me/onboarding): shared
// field rules, so the wizard, the profile form and the API validate alike (the API also checks
// phone numbers against real numbering plans).
import { z } from 'zod';
import { ConsentStateSchema } from './consent';
import { LanguageSchema } from './identity';

// IANA names only (Europe/Paris, UTC, Etc/GMT+1): Intl also takes offsets such as "+01:00".
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

let knownZones: Map<string, string> | undefined;

/** The zone's name in its usual case when it is a time zone this runtime knows, else null. */
export function normalizeTimeZone(name: string): string | null {
  if (!ZONE_NAME.test(name)) return null;
  let resolved: string;
  try {
    // What luxon's IANAZone.isValidZone does: the runtime's time zone database decides.
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  // Fix the case only, never the name: engines resolve aliases differently (Asia/Kolkata may come
  // back as Asia/Calcutta), and the user chose theirs.
  knownZones ??= new Map(
    (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []).map((zone) => [
      zone.toLowerCase(),
      zone,
    ]),
  );
  const lower = name.toLowerCase();
  return knownZones.get(lower) ?? (resolved.toLowerCase() === lower ? resolved : name);
}

export const TimeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((name, context) => {
    const zone = normalizeTimeZone(name);
    if (!zone) {
      context.addIssue({ code: 'custom', message: 'an IANA time zone such as Europe/Paris' });
      return z.NEVER;
    }
    return zone;
  });

// The shape of a phone number: digits with the usual separators, 6 to 15 digits (E.164's most).
// The API checks the number itself (libphonenumber-js: a real numbering plan) and stores it in
// E.164 form; the web app only checks the shape, so that library stays out of its bundle.
const PHONE_SHAPE = /^\+?[\d\s().-]+$/;
const digitCount = (text: string) => text.replace(/\D/g, '').length;

export const PhoneNumberSchema = z
  .string()
  .trim()
  .max(30)
  .refine(
    (text) => text === '' || (PHONE_SHAPE.test(text) && digitCount(text) >= 6 && digitCount(text) <= 15),
    {
      message: 'a valid phone number, e.g. +33 6 12 34 56 78',
    },
  )
  .transform((text) => text || null);

const Name = z.string().trim().min(1).max(100);
const Label = z.string().trim().min(1).max(100);
/** Free text that may be cleared: null or an empty string removes it. */
const ClearableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((text) => text || null)
    .nullable();

export const BIO_MAX_LENGTH = 1000;

export const EmployeeProfileSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    department: z.string().nullable(),
    position: z.string().nullable(),
    phoneNumber: z.string().nullable().describe('E.164, e.g. +33612345678'),
    bio: z.string().nullable(),
    location: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    coverUrl: z.string().nullable(),
    preferredLanguage: LanguageSchema,
    timezone: z.string().describe('IANA time zone'),
    companyName: z.string().nullable(),
    onboardingCompletedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'EmployeeProfile' });
export type EmployeeProfile = z.infer<typeof EmployeeProfileSchema>;

/** What an employee may change on their profile; every field is optional, unknown fields are refused. */
export const UpdateEmployeeProfileRequestSchema = z.strictObject({
  firstName: Name.optional(),
  lastName: Name.optional(),
  department: Label.optional(),
  position: Label.optional(),
  phoneNumber: PhoneNumberSchema.nullable().optional(),
  bio: ClearableText(BIO_MAX_LENGTH).optional(),
  location: ClearableText(100).optional(),
  preferredLanguage: LanguageSchema.optional(),
  timezone: TimeZoneSchema.optional(),
});
export type UpdateEmployeeProfileRequest = z.input<typeof UpdateEmployeeProfileRequestSchema>;

/** The profile fields onboarding asks for, all required (the phone number stays optional). */
export const OnboardingProfileSchema = z.object({
  firstName: Name,
  lastName: Name,
  department: Label,
  position: Label,
  phoneNumber: PhoneNumberSchema.nullable().optional(),
  preferredLanguage: LanguageSchema,
  timezone: TimeZoneSchema,
});
export type OnboardingProfile = z.input<typeof OnboardingProfileSchema>;

export const ONBOARDING_FIELDS = [
  'firstName',
  'lastName',
  'department',
  'position',
  'preferredLanguage',
  'timezone',
] as const;

export const OnboardingStateSchema = z
  .object({
    completed: z.boolean(),
    completedAt: z.iso.datetime().nullable(),
    missingFields: z
      .array(z.enum(ONBOARDING_FIELDS))
      .describe('Required profile fields still empty or invalid'),
    consent: ConsentStateSchema,
  })
  .meta({ id: 'OnboardingState' });
export type OnboardingState = z.infer<typeof OnboardingStateSchema>;
