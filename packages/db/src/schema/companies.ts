// Spec seed-02, section 2 "Entreprises (multi-tenant)": model Company (companies).
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companySizeEnum } from './enums';
import { users } from './users';

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
    // Beyond the spec (insights, migration 0021): the minimum group size of HR's usage dashboard
    // (k-anonymity); CHECK 5..1000.
    minGroupSize: integer('min_group_size').notNull().default(5),

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
    check('companies_min_group_size_range', sql`${t.minGroupSize} BETWEEN 5 AND 1000`),
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
    // Migration 0023: proof of control. Null while "pending verification" (sign-ups do not match
    // it); set by HuntZen's validation of the company, a verification link, or an admin.
    verifiedAt: timestamp('verified_at', { withTimezone: true, mode: 'date' }),
    verificationMethod: text('verification_method').$type<DomainVerificationMethod>(),
    verifiedBy: uuid('verified_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('company_email_domains_company_id_idx').on(t.companyId),
    check(
      'company_email_domains_verification_check',
      sql`((${t.verifiedAt} IS NULL) = (${t.verificationMethod} IS NULL) AND (${t.verificationMethod} IS NULL OR ${t.verificationMethod} IN ('COMPANY_VALIDATION', 'EMAIL_LINK', 'ADMIN')))`,
    ),
  ],
);

export type DomainVerificationMethod = 'COMPANY_VALIDATION' | 'EMAIL_LINK' | 'ADMIN';

/**
 * Beyond the spec (migration 0023): links proving control of a company email domain, sent to an
 * address at that domain chosen by HR. The token is kept as its SHA-256 only; single use, 24 hours.
 */
export const companyDomainVerifications = pgTable(
  'company_domain_verifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    domain: text('domain')
      .notNull()
      .references(() => companyEmailDomains.domain, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique('company_domain_verifications_token_hash_unique'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('company_domain_verifications_domain_idx').on(t.domain),
    index('company_domain_verifications_company_id_idx').on(t.companyId),
    check(
      'company_domain_verifications_email_check',
      sql`${t.email} = lower(${t.email}) AND substring(${t.email} from '@[^@]*$') = ${t.domain} AND char_length(${t.email}) <= 254`,
    ),
  ],
);

export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;
