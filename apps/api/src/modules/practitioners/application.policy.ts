// The rules of a practitioner's application, without the database: its state, what a complete
// application has, what may change in each state, and the checks that span several fields.
import {
  APPLICATION_REQUIREMENTS,
  type ApplicationRequirement,
  type ApplicationStatus,
  type PractitionerDocumentType,
  type PractitionerProfileUpdate,
  professionalIdKindOf,
} from '@huntzen/contracts';
import { IANAZone } from 'luxon';
import type { FieldError } from '../../platform/errors';

/** The columns the state is read from. */
export interface ReviewFacts {
  isValidated: boolean;
  submittedAt: Date | null;
  rejectedAt: Date | null;
}

/** VALIDATED wins; then waiting for review; then refused (until sent again); else a draft. */
export function applicationStatus(row: ReviewFacts): ApplicationStatus {
  if (row.isValidated) return 'VALIDATED';
  if (row.submittedAt) return 'SUBMITTED';
  if (row.rejectedAt) return 'REJECTED';
  return 'DRAFT';
}

/** The profile fields the checklist and the cross-field checks look at. */
export interface ProfileFacts {
  title: string;
  firstName: string;
  lastName: string;
  professionalId: string | null;
  specialty: string | null;
  bio: string;
  languages: readonly string[];
  offersVideo: boolean;
  offersPhone: boolean;
  offersInPerson: boolean;
  inPersonAddress: string | null;
}

/** At least one format is offered, and in-person sessions have an address. */
function formatsComplete(p: ProfileFacts): boolean {
  const some = p.offersVideo || p.offersPhone || p.offersInPerson;
  return some && (!p.offersInPerson || Boolean(p.inPersonAddress?.trim()));
}

/** Each item of the application's checklist and whether it is done. */
export function requirementsOf(
  profile: ProfileFacts,
  documentTypes: readonly PractitionerDocumentType[],
): { key: ApplicationRequirement; met: boolean }[] {
  const met: Record<ApplicationRequirement, boolean> = {
    identity: Boolean(profile.title.trim() && profile.firstName.trim() && profile.lastName.trim()),
    professionalId: professionalIdKindOf(profile.professionalId) !== null,
    specialty: Boolean(profile.specialty),
    // The sign-up form's minimum; the profile form asks the same.
    bio: profile.bio.trim().length >= 20,
    languages: profile.languages.length > 0,
    formats: formatsComplete(profile),
    diploma: documentTypes.includes('DIPLOMA'),
  };
  return APPLICATION_REQUIREMENTS.map((key) => ({ key, met: met[key] }));
}

/** The problems of a profile as it would be after an update (paths of the request body). */
export function profileProblems(profile: ProfileFacts, timezone: string): FieldError[] {
  const problems: FieldError[] = [];
  if (!profile.offersVideo && !profile.offersPhone && !profile.offersInPerson) {
    problems.push({ path: 'body.offersVideo', message: 'offer at least one format' });
  }
  if (profile.offersInPerson && !profile.inPersonAddress?.trim()) {
    problems.push({ path: 'body.inPersonAddress', message: 'required for in-person sessions' });
  }
  // Slots are computed in this zone (luxon), so it must be one luxon knows.
  if (!IANAZone.isValidZone(timezone)) {
    problems.push({ path: 'body.timezone', message: 'an IANA time zone, e.g. Europe/Paris' });
  }
  return problems;
}

/** What HuntZen verified: changing one after validation would bypass the review. */
export const VERIFIED_FIELDS = [
  'firstName',
  'lastName',
  'professionalIdKind',
  'professionalId',
  'specialty',
] as const satisfies readonly (keyof PractitionerProfileUpdate)[];

/** May the profile be edited in this state? Not while HuntZen reviews it. */
export function mayEditProfile(status: ApplicationStatus): boolean {
  return status !== 'SUBMITTED';
}

/** May it be sent for review? A draft, or a refused application once fixed. */
export function maySubmit(status: ApplicationStatus): boolean {
  return status === 'DRAFT' || status === 'REJECTED';
}

/** May documents be removed? Not while reviewed, and not those a validation rests on. */
export function mayRemoveDocuments(status: ApplicationStatus): boolean {
  return status === 'DRAFT' || status === 'REJECTED';
}

/** May an admin verify documents, validate or refuse? Only an application waiting for review. */
export function mayReview(status: ApplicationStatus): boolean {
  return status === 'SUBMITTED';
}

/** May the practitioner pause their listing or new clients? Once listed, i.e. validated. */
export function mayChangeListing(status: ApplicationStatus): boolean {
  return status === 'VALIDATED';
}
