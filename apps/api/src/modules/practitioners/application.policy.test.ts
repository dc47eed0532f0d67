// The pure rules of applications: professional numbers (ADELI, RPPS with its Luhn key), the state,
// the checklist and the checks spanning several fields.
import {
  PractitionerProfileUpdateSchema,
  passesLuhn,
  professionalIdKindOf,
  professionalIdProblem,
} from '@huntzen/contracts';
import { describe, expect, it } from 'vitest';
import {
  applicationStatus,
  mayChangeListing,
  mayEditProfile,
  mayRemoveDocuments,
  mayReview,
  maySubmit,
  type ProfileFacts,
  profileProblems,
  requirementsOf,
} from './application.policy';

/** Appends the Luhn check digit to `body`. */
function withLuhnKey(body: string): string {
  const key = [...'0123456789'].find((digit) => passesLuhn(body + digit))!;
  return body + key;
}

describe('professional numbers', () => {
  it('checks the Luhn key on known values', () => {
    // The classic example of the algorithm's description, and a one-digit change of it.
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
    expect(passesLuhn('0')).toBe(true);
    expect(passesLuhn('12a')).toBe(false);
  });

  it('accepts an RPPS number of 11 digits starting with 1 with its Luhn key', () => {
    const rpps = withLuhnKey('1000123456');
    expect(professionalIdProblem('RPPS', rpps)).toBeNull();
    expect(professionalIdKindOf(rpps)).toBe('RPPS');
    // Every other key is refused.
    for (const digit of '0123456789') {
      const other = rpps.slice(0, 10) + digit;
      if (other !== rpps) expect(professionalIdProblem('RPPS', other)).toBe('RPPS_CHECK_DIGIT');
    }
  });

  it('refuses RPPS numbers of the wrong length or first digit', () => {
    expect(professionalIdProblem('RPPS', withLuhnKey('100012345'))).toBe('RPPS_FORMAT'); // 10 digits
    expect(professionalIdProblem('RPPS', withLuhnKey('10001234567'))).toBe('RPPS_FORMAT'); // 12 digits
    expect(professionalIdProblem('RPPS', withLuhnKey('2000123456'))).toBe('RPPS_FORMAT');
    expect(professionalIdProblem('RPPS', '1000A234567')).toBe('RPPS_FORMAT');
  });

  it('accepts ADELI numbers of exactly 9 digits', () => {
    expect(professionalIdProblem('ADELI', '751234567')).toBeNull();
    expect(professionalIdKindOf('751234567')).toBe('ADELI');
    expect(professionalIdProblem('ADELI', '75123456')).toBe('ADELI_FORMAT');
    expect(professionalIdProblem('ADELI', '7512345678')).toBe('ADELI_FORMAT');
    expect(professionalIdProblem('ADELI', '2A1234567')).toBe('ADELI_FORMAT');
    // A number entered freely before these rules (e.g. seed data) has no kind.
    expect(professionalIdKindOf('ADELI123456789')).toBeNull();
    expect(professionalIdKindOf(null)).toBeNull();
  });

  it('validates the number against the kind sent with it, spaces ignored', () => {
    const rpps = withLuhnKey('1000123456');
    const spaced = `${rpps.slice(0, 2)} ${rpps.slice(2, 6)} ${rpps.slice(6)}`;
    expect(
      PractitionerProfileUpdateSchema.parse({ professionalIdKind: 'RPPS', professionalId: spaced }),
    ).toEqual({ professionalIdKind: 'RPPS', professionalId: rpps });
    const asAdeli = PractitionerProfileUpdateSchema.safeParse({
      professionalIdKind: 'ADELI',
      professionalId: rpps,
    });
    expect(asAdeli.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['professionalId', 'an ADELI number has 9 digits'],
    ]);
    const alone = PractitionerProfileUpdateSchema.safeParse({ professionalId: rpps });
    expect(alone.error?.issues[0]?.path).toEqual(['professionalIdKind']);
  });
});

describe('application state', () => {
  const at = new Date();
  it('reads the state from the review columns', () => {
    expect(applicationStatus({ isValidated: false, submittedAt: null, rejectedAt: null })).toBe('DRAFT');
    expect(applicationStatus({ isValidated: false, submittedAt: at, rejectedAt: null })).toBe('SUBMITTED');
    expect(applicationStatus({ isValidated: false, submittedAt: null, rejectedAt: at })).toBe('REJECTED');
    expect(applicationStatus({ isValidated: true, submittedAt: at, rejectedAt: null })).toBe('VALIDATED');
  });

  it('allows each action in its states only', () => {
    const states = ['DRAFT', 'SUBMITTED', 'REJECTED', 'VALIDATED'] as const;
    const allowed = (rule: (s: (typeof states)[number]) => boolean) => states.filter(rule);
    expect(allowed(mayEditProfile)).toEqual(['DRAFT', 'REJECTED', 'VALIDATED']);
    expect(allowed(maySubmit)).toEqual(['DRAFT', 'REJECTED']);
    expect(allowed(mayRemoveDocuments)).toEqual(['DRAFT', 'REJECTED']);
    expect(allowed(mayReview)).toEqual(['SUBMITTED']);
    expect(allowed(mayChangeListing)).toEqual(['VALIDATED']);
  });
});

describe('checklist and cross-field checks', () => {
  const complete: ProfileFacts = {
    title: 'Dr.',
    firstName: 'Léa',
    lastName: 'Morel',
    professionalId: '751234567',
    specialty: 'PSYCHIATRE',
    bio: 'Psychiatre, vingt ans de pratique hospitalière et libérale.',
    languages: ['fr'],
    offersVideo: true,
    offersPhone: false,
    offersInPerson: false,
    inPersonAddress: null,
  };
  const unmet = (p: ProfileFacts, docs: ('DIPLOMA' | 'CERTIFICATE' | 'DOCUMENT')[]) =>
    requirementsOf(p, docs)
      .filter((r) => !r.met)
      .map((r) => r.key);

  it('is complete with the required fields and a diploma', () => {
    expect(unmet(complete, ['DIPLOMA'])).toEqual([]);
    // A certificate or another document is no diploma.
    expect(unmet(complete, ['CERTIFICATE', 'DOCUMENT'])).toEqual(['diploma']);
  });

  it('lists each missing item', () => {
    const empty: ProfileFacts = {
      ...complete,
      title: ' ',
      professionalId: 'ADELI123456789',
      bio: 'Bio',
      languages: [],
      offersVideo: false,
      offersInPerson: true,
    };
    expect(unmet(empty, [])).toEqual([
      'identity',
      'professionalId',
      'bio',
      'languages',
      'formats',
      'diploma',
    ]);
  });

  it('needs an address for in-person sessions, a format, and a known time zone', () => {
    expect(profileProblems(complete, 'Europe/Paris')).toEqual([]);
    expect(profileProblems({ ...complete, offersInPerson: true }, 'Europe/Paris')).toEqual([
      { path: 'body.inPersonAddress', message: 'required for in-person sessions' },
    ]);
    expect(
      profileProblems(
        { ...complete, offersInPerson: true, inPersonAddress: '12 rue de Rivoli, Paris' },
        'UTC',
      ),
    ).toEqual([]);
    expect(profileProblems({ ...complete, offersVideo: false }, 'Europe/Paris').map((p) => p.path)).toEqual([
      'body.offersVideo',
    ]);
    expect(profileProblems(complete, 'Mars/Olympus_Mons').map((p) => p.path)).toEqual(['body.timezone']);
  });
});
