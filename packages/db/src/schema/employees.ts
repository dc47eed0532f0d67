// Spec seed-02, section 3 "Employés": model Employee (employees).
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { users } from './users';

export const employees = pgTable(
  'employees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),

    // Informations personnelles
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    department: text('department'),
    position: text('position'),
    phoneNumber: text('phone_number'),

    // Profil social
    bio: text('bio'),
    location: text('location'),
    birthDate: timestamp('birth_date', { withTimezone: true, mode: 'date' }),
    avatarUrl: text('avatar_url'),
    coverUrl: text('cover_url'),

    // Onboarding
    onboardingCompletedAt: timestamp('onboarding_completed_at', { withTimezone: true, mode: 'date' }),
    consentGivenAt: timestamp('consent_given_at', { withTimezone: true, mode: 'date' }),
    consentVersion: text('consent_version'),

    // Préférences
    preferredLanguage: text('preferred_language').notNull().default('fr'),
    timezone: text('timezone').notNull().default('Europe/Paris'),
    // Migration 0017 (not in the spec): opt-in to the journal's local sentiment analysis.
    journalSentimentEnabled: boolean('journal_sentiment_enabled').notNull().default(false),
    // Migration 0021 (not in the spec): the employee shows HR their own usage counters. Off by default.
    shareUsageWithHr: boolean('share_usage_with_hr').notNull().default(false),
    usageSharingChangedAt: timestamp('usage_sharing_changed_at', { withTimezone: true, mode: 'date' }),

    // Timestamps
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index('employees_company_id_idx').on(t.companyId),
    index('employees_user_id_idx').on(t.userId),
    index('employees_department_idx').on(t.department),
  ],
);

export type Employee = typeof employees.$inferSelect;
export type NewEmployee = typeof employees.$inferInsert;
