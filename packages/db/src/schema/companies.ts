// Spec seed-02, section 2 "Entreprises (multi-tenant)": model Company (companies).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companySizeEnum } from './enums';

export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    legalName: text('legal_name'),
    siret: text('siret').unique(),

    // Domaines email autorisés, ex: ['@techcorp.com', '@techcorp.fr']
    emailDomains: text('email_domains').array().notNull().default(sql`'{}'::text[]`),

    // Informations
    sector: text('sector'),
    size: companySizeEnum('size'),
    address: text('address'),
    postalCode: text('postal_code'),
    city: text('city'),
    country: text('country').notNull().default('France'),

    // Branding (nullable with a default, as in the spec)
    logoUrl: text('logo_url'),
    coverUrl: text('cover_url'),
    primaryColor: text('primary_color').default('#4A90E2'),
    secondaryColor: text('secondary_color').default('#5BC0DE'),

    // Contacts
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    websiteUrl: text('website_url'),

    // Paramètres onboarding
    autoApproveEmployees: boolean('auto_approve_employees').notNull().default(false),
    requireEmailVerification: boolean('require_email_verification').notNull().default(true),
    allowInternalNews: boolean('allow_internal_news').notNull().default(true),
    maxEmployees: integer('max_employees'),

    // Validation
    isActive: boolean('is_active').notNull().default(false),
    validatedAt: timestamp('validated_at', { withTimezone: true, mode: 'date' }),
    validatedBy: uuid('validated_by'), // Admin HuntZen user id (no relation in the spec)

    // Facturation
    billingEmail: text('billing_email'),
    billingAddress: text('billing_address'),

    // Timestamps
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index('companies_slug_idx').on(t.slug),
    index('companies_is_active_idx').on(t.isActive),
    index('companies_validated_at_idx').on(t.validatedAt),
  ],
);

export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;
