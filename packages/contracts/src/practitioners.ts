// Practitioner applications and profiles: the practitioner's own application and public profile
// (/api/v1/me/practitioner) and HuntZen's review queue (/api/v1/practitioner-applications). Shared
// by the API (validation + OpenAPI) and the web app (forms + types).
import ISO6391 from 'iso-639-1';
import { z } from 'zod';
import { LanguageSchema, SPECIALTIES } from './identity';
import {
  PROFESSIONAL_ID_KINDS,
  PROFESSIONAL_ID_MESSAGES,
  ProfessionalIdInputSchema,
  professionalIdProblem,
} from './professional-id';

// ------------------------------------------------------------------ professional numbers

// The one rule for ADELI / RPPS numbers lives in ./professional-id (the signup schema uses it too).
export * from './professional-id';

// ------------------------------------------------------------------ profile fields

/** ISO 639-1 two-letter language codes ("fr", "en", "ar"…). */
export const IsoLanguageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((code) => ISO6391.validate(code), 'an ISO 639-1 language code');

/** Every ISO 639-1 code, for pickers. */
export const ISO_LANGUAGE_CODES: readonly string[] = ISO6391.getAllCodes();

export const DEFAULT_DURATION_RANGE = { min: 20, max: 120 } as const;
export const BUFFER_TIME_RANGE = { min: 0, max: 60 } as const;
export const LIST_LIMITS = { items: 20, subSpecialty: 60, line: 200 } as const;

const Name = z.string().trim().min(1).max(100);
const Tag = z.string().trim().min(1).max(LIST_LIMITS.subSpecialty);
const Line = z.string().trim().min(1).max(LIST_LIMITS.line);
/** Optional text: blank becomes null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullable();
const unique = (list: string[]) => new Set(list.map((x) => x.toLowerCase())).size === list.length;

/** Only https links to another site: the page embeds or links them for employees. */
export const HttpsUrlSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(500);

/** The fields of the application form, all optional on update (PATCH). */
export const PractitionerProfileUpdateSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(20),
    firstName: Name,
    lastName: Name,
    professionalIdKind: z.enum(PROFESSIONAL_ID_KINDS),
    professionalId: ProfessionalIdInputSchema,
    specialty: z.enum(SPECIALTIES),
    subSpecialties: z.array(Tag).max(LIST_LIMITS.items).refine(unique, 'each only once'),
    languages: z.array(IsoLanguageSchema).min(1).max(10).refine(unique, 'each only once'),
    bio: z.string().trim().min(20).max(5000),
    experience: z.number().int().min(0).max(70).nullable(),
    education: optionalText(5000),
    diplomas: z.array(Line).max(LIST_LIMITS.items),
    certifications: z.array(Line).max(LIST_LIMITS.items),
    offersVideo: z.boolean(),
    offersPhone: z.boolean(),
    offersInPerson: z.boolean(),
    inPersonAddress: optionalText(300),
    videoUrl: HttpsUrlSchema.nullable(),
    defaultDuration: z.number().int().min(DEFAULT_DURATION_RANGE.min).max(DEFAULT_DURATION_RANGE.max),
    bufferTime: z.number().int().min(BUFFER_TIME_RANGE.min).max(BUFFER_TIME_RANGE.max),
    /** An IANA zone ("Europe/Paris"); the API checks it against the zone database. */
    timezone: z.string().trim().min(1).max(64),
    preferredLanguage: LanguageSchema,
  })
  .partial()
  .superRefine((value, ctx) => {
    const { professionalIdKind: kind, professionalId: id } = value;
    if ((kind === undefined) !== (id === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [kind === undefined ? 'professionalIdKind' : 'professionalId'],
        message: 'send the number and its kind together',
      });
      return;
    }
    if (kind === undefined || id === undefined) return;
    const problem = professionalIdProblem(kind, id);
    if (problem)
      ctx.addIssue({ code: 'custom', path: ['professionalId'], message: PROFESSIONAL_ID_MESSAGES[problem] });
  });
export type PractitionerProfileUpdate = z.input<typeof PractitionerProfileUpdateSchema>;

/** Pausing the listing or new clients: once validated. */
export const PractitionerListingUpdateSchema = z
  .strictObject({ isActive: z.boolean(), isAcceptingNewClients: z.boolean() })
  .partial()
  .refine((v) => v.isActive !== undefined || v.isAcceptingNewClients !== undefined, {
    message: 'send isActive or isAcceptingNewClients',
  });

// ------------------------------------------------------------------ the application

/** DRAFT → SUBMITTED → VALIDATED, or → REJECTED → (fixed) → SUBMITTED again. */
export const APPLICATION_STATUSES = ['DRAFT', 'SUBMITTED', 'REJECTED', 'VALIDATED'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** What a complete application has; the checklist of the form. */
export const APPLICATION_REQUIREMENTS = [
  'identity',
  'professionalId',
  'specialty',
  'bio',
  'languages',
  'formats',
  'diploma',
] as const;
export type ApplicationRequirement = (typeof APPLICATION_REQUIREMENTS)[number];

/** The file types of a practitioner's documents. */
export const PRACTITIONER_DOCUMENT_TYPES = ['DIPLOMA', 'CERTIFICATE', 'DOCUMENT'] as const;
export type PractitionerDocumentType = (typeof PRACTITIONER_DOCUMENT_TYPES)[number];

export const PractitionerDocumentSchema = z
  .object({
    id: z.uuid(),
    fileType: z.enum(PRACTITIONER_DOCUMENT_TYPES),
    originalName: z.string(),
    mimeType: z.string(),
    size: z.number().int(),
    createdAt: z.iso.datetime(),
    url: z.string().describe('Download address (GET /api/v1/files/{id}/content, with a bearer token)'),
  })
  .meta({ id: 'PractitionerDocument' });
export type PractitionerDocument = z.infer<typeof PractitionerDocumentSchema>;

export const PractitionerApplicationSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(APPLICATION_STATUSES),
    submittedAt: z.iso.datetime().nullable(),
    rejectedAt: z.iso.datetime().nullable(),
    rejectionReason: z.string().nullable().describe('Why HuntZen refused it, until it is sent again'),
    validatedAt: z.iso.datetime().nullable(),
    documentsVerified: z.boolean(),
    title: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    professionalIdKind: z.enum(PROFESSIONAL_ID_KINDS).nullable(),
    professionalId: z.string().nullable(),
    specialty: z.enum(SPECIALTIES),
    subSpecialties: z.array(z.string()),
    languages: z.array(z.string()),
    bio: z.string(),
    experience: z.number().int().nullable(),
    education: z.string().nullable(),
    diplomas: z.array(z.string()),
    certifications: z.array(z.string()),
    offersVideo: z.boolean(),
    offersPhone: z.boolean(),
    offersInPerson: z.boolean(),
    inPersonAddress: z.string().nullable(),
    videoUrl: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    coverUrl: z.string().nullable(),
    defaultDuration: z.number().int(),
    bufferTime: z.number().int(),
    timezone: z.string(),
    preferredLanguage: LanguageSchema,
    isActive: z.boolean(),
    isAcceptingNewClients: z.boolean(),
    requirements: z.array(z.object({ key: z.enum(APPLICATION_REQUIREMENTS), met: z.boolean() })),
    documents: z.array(PractitionerDocumentSchema),
  })
  .meta({ id: 'PractitionerApplication' });
export type PractitionerApplication = z.infer<typeof PractitionerApplicationSchema>;

export const PractitionerDocumentListSchema = z.object({ items: z.array(PractitionerDocumentSchema) });

// ------------------------------------------------------------------ HuntZen's review queue

/** The queue's tabs: waiting for review, validated, refused (drafts are not sent yet). */
export const REVIEW_QUEUES = ['pending', 'validated', 'rejected'] as const;
export type ReviewQueue = (typeof REVIEW_QUEUES)[number];

export const ReviewQueueQuerySchema = z.object({
  status: z.enum(REVIEW_QUEUES).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const ApplicationSummarySchema = z
  .object({
    id: z.uuid(),
    status: z.enum(APPLICATION_STATUSES),
    title: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    specialty: z.enum(SPECIALTIES),
    professionalIdKind: z.enum(PROFESSIONAL_ID_KINDS).nullable(),
    professionalId: z.string().nullable(),
    documentsVerified: z.boolean(),
    documentCount: z.number().int(),
    submittedAt: z.iso.datetime().nullable(),
    rejectedAt: z.iso.datetime().nullable(),
    validatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PractitionerApplicationSummary' });
export type ApplicationSummary = z.infer<typeof ApplicationSummarySchema>;

export const ApplicationSummaryListSchema = z.object({
  items: z.array(ApplicationSummarySchema),
  nextCursor: z.string().nullable(),
});

export const ApplicationReviewSchema = PractitionerApplicationSchema.extend({
  email: z.string(),
  validatedBy: z.uuid().nullable(),
}).meta({ id: 'PractitionerApplicationReview' });
export type ApplicationReview = z.infer<typeof ApplicationReviewSchema>;

export const DocumentsVerifiedRequestSchema = z.strictObject({ documentsVerified: z.boolean() });
export const REJECTION_REASON_LENGTH = { min: 10, max: 2000 } as const;
export const RejectApplicationRequestSchema = z.strictObject({
  reason: z.string().trim().min(REJECTION_REASON_LENGTH.min).max(REJECTION_REASON_LENGTH.max),
});
