// Professional numbers (ADELI, RPPS): one rule for the practitioner application (signup) and the
// practitioner's profile, so a number accepted at signup is never refused later.
import { z } from 'zod';

/** ADELI: the departmental register (9 digits); RPPS: the national one (11 digits). */
export const PROFESSIONAL_ID_KINDS = ['ADELI', 'RPPS'] as const;
export type ProfessionalIdKind = (typeof PROFESSIONAL_ID_KINDS)[number];

/** True when `digits` passes the Luhn (mod 10) check, its last digit being the check digit. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    // Every second digit from the right (the check digit being the first) is doubled.
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** What is wrong with a professional number of that kind, or null when it is well-formed. */
export type ProfessionalIdProblem = 'ADELI_FORMAT' | 'RPPS_FORMAT' | 'RPPS_CHECK_DIGIT';

/**
 * ADELI: 9 digits. RPPS: 11 digits, "11 caractères numériques (le dernier étant la clé de Luhn)"
 * according to the Agence du numérique en santé, which manages the register (FAQ des industriels,
 * https://industriels.esante.gouv.fr/faq-des-industriels, table "RPPS / AM / FINESS"). We also
 * require the leading 1 of the numbers in use (the product rule); the Luhn key is checked on all 11.
 */
export function professionalIdProblem(kind: ProfessionalIdKind, value: string): ProfessionalIdProblem | null {
  if (kind === 'ADELI') return /^\d{9}$/.test(value) ? null : 'ADELI_FORMAT';
  if (!/^1\d{10}$/.test(value)) return 'RPPS_FORMAT';
  return passesLuhn(value) ? null : 'RPPS_CHECK_DIGIT';
}

/** The kind a stored number is well-formed for, or null (older numbers entered freely). */
export function professionalIdKindOf(value: string | null): ProfessionalIdKind | null {
  if (!value) return null;
  return PROFESSIONAL_ID_KINDS.find((kind) => professionalIdProblem(kind, value) === null) ?? null;
}

/** The API's field message for each problem (the web app shows its own translation). */
export const PROFESSIONAL_ID_MESSAGES: Record<ProfessionalIdProblem, string> = {
  ADELI_FORMAT: 'an ADELI number has 9 digits',
  RPPS_FORMAT: 'an RPPS number has 11 digits and starts with 1',
  RPPS_CHECK_DIGIT: 'the check digit of this RPPS number is wrong',
};

/** A number entered without its kind (the signup form): 9 digits is ADELI, anything else must be RPPS. */
export function anyProfessionalIdProblem(value: string): ProfessionalIdProblem | null {
  return professionalIdProblem(/^\d{9}$/.test(value) ? 'ADELI' : 'RPPS', value);
}

/** Spaces are typing help ("10 1234 …"), not part of the number. */
export const ProfessionalIdInputSchema = z
  .string()
  .max(30)
  .transform((v) => v.replace(/\s+/g, ''));

/** An ADELI or RPPS number whose kind is inferred, refused with the profile's messages. */
export const AnyProfessionalIdSchema = ProfessionalIdInputSchema.superRefine((value, ctx) => {
  const problem = anyProfessionalIdProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: PROFESSIONAL_ID_MESSAGES[problem] });
});
