// Spec seed-02, sections 4 "Praticiens", 5 "Avis praticiens" and 6 "Disponibilités": models Practitioner
// (practitioners), PractitionerReview (practitioner_reviews) and Availability (availabilities).
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { availabilityTypeEnum, specialtyEnum } from './enums';
import { users } from './users';

export const practitioners = pgTable(
  'practitioners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),

    // Identité professionnelle
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    title: text('title').notNull(), // Dr., Mme., M.
    professionalId: text('professional_id').unique(), // N° ADELI, RPPS, etc.

    // Spécialisation
    specialty: specialtyEnum('specialty').notNull(),
    subSpecialties: text('sub_specialties').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),

    // Profil public
    bio: text('bio').notNull(),
    experience: integer('experience'), // années d'expérience
    education: text('education'),
    diplomas: text('diplomas').array().notNull().default(sql`'{}'::text[]`),
    certifications: text('certifications').array().notNull().default(sql`'{}'::text[]`),

    // Médias
    avatarUrl: text('avatar_url'),
    coverUrl: text('cover_url'),
    videoUrl: text('video_url'),

    // Formats proposés
    offersVideo: boolean('offers_video').notNull().default(true),
    offersPhone: boolean('offers_phone').notNull().default(true),
    offersInPerson: boolean('offers_in_person').notNull().default(false),
    inPersonAddress: text('in_person_address'),

    // Validation & documents
    isValidated: boolean('is_validated').notNull().default(false),
    validatedAt: timestamp('validated_at', { withTimezone: true, mode: 'date' }),
    validatedBy: uuid('validated_by'), // Admin HuntZen user id (no relation in the spec)
    documentsVerified: boolean('documents_verified').notNull().default(false),
    documentUrls: text('document_urls').array().notNull().default(sql`'{}'::text[]`),
    // Review workflow (migration 0010, not in the spec): sent for review, refused and why.
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    rejectedAt: timestamp('rejected_at', { withTimezone: true, mode: 'date' }),
    rejectionReason: text('rejection_reason'),
    // Language of HuntZen's e-mails to the practitioner (migration 0010, not in the spec).
    preferredLanguage: text('preferred_language').notNull().default('fr'),

    // Paramètres consultation (minutes)
    defaultDuration: integer('default_duration').notNull().default(50),
    bufferTime: integer('buffer_time').notNull().default(10),
    timezone: text('timezone').notNull().default('Europe/Paris'),

    // Statistiques
    totalConsultations: integer('total_consultations').notNull().default(0),
    averageRating: doublePrecision('average_rating'),
    reviewCount: integer('review_count').notNull().default(0),

    // Disponibilité
    isActive: boolean('is_active').notNull().default(true),
    isAcceptingNewClients: boolean('is_accepting_new_clients').notNull().default(true),

    // Beyond the spec (0015_chat.sql): the auto-reply / office hours shown at the top of chat threads.
    replyPromise: text('reply_promise'),

    // Timestamps
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index('practitioners_specialty_idx').on(t.specialty),
    index('practitioners_is_validated_idx').on(t.isValidated),
    index('practitioners_is_active_idx').on(t.isActive),
    index('practitioners_is_accepting_new_clients_idx').on(t.isAcceptingNewClients),
  ],
);

export const practitionerReviews = pgTable(
  'practitioner_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),

    // No relation in the spec for these two: plain ids (employee anonymised on the frontend).
    employeeId: uuid('employee_id').notNull(),
    consultationId: uuid('consultation_id').notNull().unique(),

    rating: integer('rating').notNull(), // 1-5
    comment: text('comment'),

    // Modération
    isPublished: boolean('is_published').notNull().default(false),
    moderatedAt: timestamp('moderated_at', { withTimezone: true, mode: 'date' }),
    moderatedBy: uuid('moderated_by'),

    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('practitioner_reviews_practitioner_id_idx').on(t.practitionerId),
    index('practitioner_reviews_rating_idx').on(t.rating),
    index('practitioner_reviews_is_published_idx').on(t.isPublished),
  ],
);

export const availabilities = pgTable(
  'availabilities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),

    type: availabilityTypeEnum('type').notNull().default('RECURRING'),

    // Récurrent (chaque semaine)
    dayOfWeek: integer('day_of_week'), // 0 = dimanche … 6 = samedi
    startTime: text('start_time'), // "09:00"
    endTime: text('end_time'), // "17:00"

    // Exception (congé, jour férié)
    date: timestamp('date', { withTimezone: true, mode: 'date' }),
    isAvailable: boolean('is_available').notNull().default(true), // false = congé

    slotDuration: integer('slot_duration').notNull().default(50), // minutes

    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index('availabilities_practitioner_id_idx').on(t.practitionerId),
    index('availabilities_day_of_week_idx').on(t.dayOfWeek),
    index('availabilities_date_idx').on(t.date),
    index('availabilities_type_idx').on(t.type),
  ],
);

export type Practitioner = typeof practitioners.$inferSelect;
export type NewPractitioner = typeof practitioners.$inferInsert;
export type PractitionerReview = typeof practitionerReviews.$inferSelect;
export type NewPractitionerReview = typeof practitionerReviews.$inferInsert;
export type Availability = typeof availabilities.$inferSelect;
export type NewAvailability = typeof availabilities.$inferInsert;
