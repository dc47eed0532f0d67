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
    // Beyond the spec (organizations, migration 0008): HuntZen refused the sign-up, and why (the
    // reason is emailed to the company's HR admin). Both set together, never on an active company.
    rejectedAt: timestamp('rejected_at', { withTimezone: true, mode: 'date' }),
    rejectionReason: text('rejection_reason'),
    // The language of HuntZen's emails to the company's HR admins (set at sign-up): 'fr' or 'en'.
    preferredLanguage: text('preferred_language').notNull().default('fr'),

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

/**
 * Beyond the spec (migration 0008): one row per claimed email domain, kept in step with
 * `companies.email_domains` by triggers (the application never writes it). Its primary key is what
 * makes one domain belong to one company at most, whatever the concurrency. Rejected companies
 * hold no domain.
 */
export const companyEmailDomains = pgTable(
  'company_email_domains',
  {
    domain: text('domain').primaryKey(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
  },
  (t) => [index('company_email_domains_company_id_idx').on(t.companyId)],
);

export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;
