// The practitioner directory and reviews: the request and response bodies of
// /api/v1/practitioners (search, public profile, published reviews) and /api/v1/reviews (leave a
// review, moderation), shared by the API (validation + OpenAPI) and the web app (forms + types).
import { z } from 'zod';
import { SPECIALTIES } from './identity';

export const SpecialtySchema = z.enum(SPECIALTIES);
export type Specialty = z.infer<typeof SpecialtySchema>;

/** The formats a practitioner may offer (the profile's offersVideo, offersPhone, offersInPerson). */
export const PRACTICE_FORMATS = ['VIDEO', 'PHONE', 'IN_PERSON'] as const;
export const PracticeFormatSchema = z.enum(PRACTICE_FORMATS);
export type PracticeFormat = z.infer<typeof PracticeFormatSchema>;

/**
 * Orders of the directory. `relevance` needs `q` (it is the default then, `rating` otherwise);
 * `nextSlot` puts the soonest free slot first (practitioners without one in the horizon last).
 */
export const DIRECTORY_SORTS = ['relevance', 'rating', 'name', 'nextSlot'] as const;
/** The furthest "available within N days" may look: the booking horizon. */
export const AVAILABLE_WITHIN_MAX_DAYS = 60;
export const DirectorySortSchema = z.enum(DIRECTORY_SORTS);
export type DirectorySort = z.infer<typeof DirectorySortSchema>;

/** Ratings are whole stars. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const REVIEW_COMMENT_MAX = 2000;
/** How long after the end of a consultation its employee may review it. */
export const REVIEW_WINDOW_DAYS = 30;

const QueryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `GET /api/v1/practitioners` query (plus `limit` and `cursor`). */
export const DirectoryQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('French full-text search on name, sub-specialties and bio (accents and case ignored)'),
  specialty: SpecialtySchema.optional(),
  subSpecialty: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .optional()
    .describe('One sub-specialty (accents and case ignored)'),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}$/, 'an ISO 639 language code')
    .optional()
    .describe('A consultation language, ISO 639-1 (fr, en…)'),
  format: PracticeFormatSchema.optional(),
  acceptingNewClients: QueryBoolean.optional(),
  availableWithinDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(AVAILABLE_WITHIN_MAX_DAYS)
    .optional()
    .describe('Only practitioners with a free slot within this many days'),
  sort: DirectorySortSchema.optional().describe('Default: relevance with `q`, rating without'),
});
export type DirectoryQuery = z.input<typeof DirectoryQuerySchema>;

const Formats = z
  .object({ video: z.boolean(), phone: z.boolean(), inPerson: z.boolean() })
  .meta({ id: 'PracticeFormats' });

/** One card of the directory. */
export const DirectoryItemSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    specialty: SpecialtySchema,
    subSpecialties: z.array(z.string()),
    languages: z.array(z.string()),
    formats: Formats,
    inPersonAddress: z.string().nullable().describe('Where in-person sessions take place, when offered'),
    avatarUrl: z.string().nullable(),
    averageRating: z.number().nullable().describe('Mean of the published reviews, null without any'),
    reviewCount: z.number().int().describe('Published reviews'),
    isAcceptingNewClients: z.boolean(),
    nextSlot: z.iso
      .datetime()
      .nullable()
      .optional()
      .describe('Start of the soonest free slot (UTC) within the booking horizon; null when none'),
  })
  .meta({ id: 'DirectoryItem' });
export type DirectoryItem = z.infer<typeof DirectoryItemSchema>;

export const DirectoryPageSchema = z.object({
  items: z.array(DirectoryItemSchema),
  nextCursor: z.string().nullable(),
  sort: DirectorySortSchema.describe('The order applied'),
});
export type DirectoryPage = z.infer<typeof DirectoryPageSchema>;

const Facet = z.object({ value: z.string(), count: z.number().int() });
/** The values the directory's filters can take, with how many practitioners have each. */
export const DirectoryFacetsSchema = z
  .object({
    specialties: z.array(z.object({ value: SpecialtySchema, count: z.number().int() })),
    subSpecialties: z.array(Facet),
    languages: z.array(Facet),
  })
  .meta({ id: 'DirectoryFacets' });
export type DirectoryFacets = z.infer<typeof DirectoryFacetsSchema>;

/** Published reviews of a practitioner, counted by stars ("1" … "5"). */
export const RatingSummarySchema = z
  .object({
    averageRating: z.number().nullable(),
    reviewCount: z.number().int(),
    distribution: z.object({
      1: z.number().int(),
      2: z.number().int(),
      3: z.number().int(),
      4: z.number().int(),
      5: z.number().int(),
    }),
  })
  .meta({ id: 'RatingSummary' });
export type RatingSummary = z.infer<typeof RatingSummarySchema>;

/** The public profile (Doctolib / LinkedIn style). */
export const PractitionerProfileSchema = DirectoryItemSchema.extend({
  bio: z.string(),
  experience: z.number().int().nullable().describe('Years of practice'),
  education: z.string().nullable(),
  diplomas: z.array(z.string()),
  certifications: z.array(z.string()),
  coverUrl: z.string().nullable(),
  videoUrl: z.string().nullable().describe('Presentation video'),
  sessionDuration: z.number().int().describe('Minutes of a session'),
  timezone: z.string(),
  ratingSummary: RatingSummarySchema,
}).meta({ id: 'PractitionerPublicProfile' });
export type PractitionerProfile = z.infer<typeof PractitionerProfileSchema>;

/** A published review as everyone sees it: the author is shown as initials only ("M. D."). */
export const PublicReviewSchema = z
  .object({
    id: z.uuid(),
    rating: z.number().int().min(RATING_MIN).max(RATING_MAX),
    comment: z.string().nullable(),
    authorInitials: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PublicReview' });
export type PublicReview = z.infer<typeof PublicReviewSchema>;

export const PublicReviewPageSchema = z.object({
  items: z.array(PublicReviewSchema),
  nextCursor: z.string().nullable(),
});
export type PublicReviewPage = z.infer<typeof PublicReviewPageSchema>;

/** `GET /api/v1/me/reviews` (practitioner): their published reviews and summary. */
export const MyPractitionerReviewsSchema = PublicReviewPageSchema.extend({
  ratingSummary: RatingSummarySchema,
});
export type MyPractitionerReviews = z.infer<typeof MyPractitionerReviewsSchema>;

// ------------------------------------------------------------------ leaving a review

export const REVIEW_STATUSES = ['pending', 'published', 'rejected'] as const;
export const ReviewStatusSchema = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;

export const CreateReviewRequestSchema = z.object({
  consultationId: z.uuid(),
  rating: z.number().int().min(RATING_MIN).max(RATING_MAX),
  comment: z
    .string()
    .trim()
    .max(REVIEW_COMMENT_MAX)
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type CreateReviewRequest = z.input<typeof CreateReviewRequestSchema>;

/** A review as its author sees it. */
export const OwnReviewSchema = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    practitionerId: z.uuid(),
    rating: z.number().int(),
    comment: z.string().nullable(),
    status: ReviewStatusSchema,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'OwnReview' });
export type OwnReview = z.infer<typeof OwnReviewSchema>;

/** A completed consultation the employee may still review. */
export const ReviewableConsultationSchema = z
  .object({
    consultationId: z.uuid(),
    scheduledAt: z.iso.datetime(),
    endedAt: z.iso.datetime().describe('When it ended (its planned end when no end was recorded)'),
    reviewableUntil: z.iso.datetime(),
  })
  .meta({ id: 'ReviewableConsultation' });
export type ReviewableConsultation = z.infer<typeof ReviewableConsultationSchema>;

/** `GET /api/v1/practitioners/:id/my-reviews` (employee): what they may review, what they wrote. */
export const MyReviewStateSchema = z
  .object({
    reviewableConsultations: z.array(ReviewableConsultationSchema),
    reviews: z.array(OwnReviewSchema),
  })
  .meta({ id: 'MyReviewState' });
export type MyReviewState = z.infer<typeof MyReviewStateSchema>;

// ------------------------------------------------------------------ moderation

export const ModerationQuerySchema = z.object({ status: ReviewStatusSchema.default('pending') });

/** A review in the moderation queue. */
export const ModerationReviewSchema = z
  .object({
    id: z.uuid(),
    rating: z.number().int(),
    comment: z.string().nullable(),
    authorInitials: z.string(),
    status: ReviewStatusSchema,
    createdAt: z.iso.datetime(),
    moderatedAt: z.iso.datetime().nullable(),
    practitioner: z.object({ id: z.uuid(), title: z.string(), firstName: z.string(), lastName: z.string() }),
  })
  .meta({ id: 'ModerationReview' });
export type ModerationReview = z.infer<typeof ModerationReviewSchema>;

export const ModerationPageSchema = z.object({
  items: z.array(ModerationReviewSchema),
  nextCursor: z.string().nullable(),
});
export type ModerationPage = z.infer<typeof ModerationPageSchema>;

/** The answer to a moderation: the review's new state and the practitioner's recounted rating. */
export const ModerationResultSchema = z
  .object({
    id: z.uuid(),
    status: ReviewStatusSchema,
    practitioner: z.object({
      id: z.uuid(),
      averageRating: z.number().nullable(),
      reviewCount: z.number().int(),
    }),
  })
  .meta({ id: 'ModerationResult' });
export type ModerationResult = z.infer<typeof ModerationResultSchema>;
