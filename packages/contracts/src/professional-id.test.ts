// The one professional-number rule: the application (signup) refuses exactly what the profile refuses.
import { describe, expect, it } from 'vitest';
import { PractitionerSignupRequestSchema } from './identity';
import { PractitionerProfileUpdateSchema } from './practitioners';
import { anyProfessionalIdProblem, passesLuhn } from './professional-id';

const withKey = (body: string) => body + [...'0123456789'].find((d) => passesLuhn(body + d))!;
const rpps = withKey('1000123456');
const wrongKey = rpps.slice(0, 10) + String((Number(rpps[10]) + 1) % 10);
const application = (professionalId: string) => ({
  email: 'jeanne.roux@cabinet.test',
  password: 'Gentle-Tide-Compass-88',
  firstName: 'Jeanne',
  lastName: 'Roux',
  title: 'Mme',
  specialty: 'PSYCHIATRE',
  professionalId,
  bio: 'Psychiatre depuis quinze ans, en cabinet.',
  languages: ['fr'],
});

describe('professional numbers', () => {
  it('infers the kind of a number entered alone', () => {
    expect(anyProfessionalIdProblem('751234567')).toBeNull();
    expect(anyProfessionalIdProblem(rpps)).toBeNull();
    expect(anyProfessionalIdProblem(wrongKey)).toBe('RPPS_CHECK_DIGIT');
    expect(anyProfessionalIdProblem('1000123456')).toBe('RPPS_FORMAT');
    expect(anyProfessionalIdProblem('')).toBe('RPPS_FORMAT');
  });

  it.each([
    ['a valid RPPS', rpps, true],
    ['a valid ADELI', '751234567', true],
    ['an RPPS with spaces', `10 0012 3456 ${rpps.slice(10)}`, true],
    ['an RPPS with a wrong key', wrongKey, false],
    ['10 digits', '1000123456', false],
    ['letters', 'RPPS-12', false],
  ])('the application and the profile agree on %s', (_, id, valid) => {
    const kind = /^\d{9}$/.test(id) ? 'ADELI' : 'RPPS';
    const profile = PractitionerProfileUpdateSchema.safeParse({
      professionalIdKind: kind,
      professionalId: id,
    });
    const signup = PractitionerSignupRequestSchema.safeParse(application(id));
    expect(profile.success).toBe(valid);
    expect(signup.success).toBe(valid);
    if (!valid) {
      const message = (r: typeof signup | typeof profile) =>
        r.error?.issues.find((i) => i.path.includes('professionalId'))?.message;
      expect(message(signup)).toBe(message(profile));
    }
  });
});
