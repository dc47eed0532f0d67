// Companies and HR's employee management: the bodies of /api/v1/companies (HuntZen admins),
// /api/v1/me/company (HR's company settings) and /api/v1/employees (HR's employee list), shared by
// the API (validation + OpenAPI) and the web app (forms + types). Nothing here is health data: the
// employee list has names, addresses, department, position, account state and dates, no more.
import { z } from 'zod';
import { COMPANY_SIZES, EmailDomainSchema, EmailSchema } from './identity';

// ------------------------------------------------------------------ companies

/**
 * PENDING: signed up, waiting for HuntZen. ACTIVE: validated. REJECTED: HuntZen refused the sign-up.
 * INACTIVE: validated once, switched off since (not reachable through this API yet).
 */
export const COMPANY_STATUSES = ['PENDING', 'ACTIVE', 'REJECTED', 'INACTIVE'] as const;
export const CompanyStatusSchema = z.enum(COMPANY_STATUSES);
export type CompanyStatus = z.infer<typeof CompanyStatusSchema>;

/** `#RRGGBB`, stored upper-case. */
export const HexColorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1E5AA8')
  .transform((c) => c.toUpperCase());

export const CompanyListQuerySchema = z.object({
  /** Name, slug, SIRET or email domain; case and accents ignored. */
  q: z.string().trim().max(100).optional(),
  status: CompanyStatusSchema.optional(),
});

export const CompanySummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    siret: z.string().nullable(),
    emailDomains: z.array(z.string()),
    city: z.string().nullable(),
    size: z.enum(COMPANY_SIZES).nullable(),
    status: CompanyStatusSchema,
    /** Employee accounts of every state (what `maxEmployees` counts). */
    employeeCount: z.number().int(),
    createdAt: z.iso.datetime(),
    validatedAt: z.iso.datetime().nullable(),
    rejectedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CompanySummary' });
export type CompanySummary = z.infer<typeof CompanySummarySchema>;

export const CompanyListSchema = z.object({
  items: z.array(CompanySummarySchema),
  nextCursor: z.string().nullable(),
});
export type CompanyList = z.infer<typeof CompanyListSchema>;

// ------------------------------------------------------------------ proof of domain control

/**
 * PENDING: claimed but not proven (employee sign-ups do not match it). VERIFIED: given at the
 * company's sign-up and validated with the company by HuntZen, proven by a link sent to an address
 * at the domain, or validated by a HuntZen admin.
 */
export const DOMAIN_STATES = ['PENDING', 'VERIFIED'] as const;
export const DOMAIN_VERIFICATION_METHODS = ['COMPANY_VALIDATION', 'EMAIL_LINK', 'ADMIN'] as const;
/** Validity of a domain verification link. */
export const DOMAIN_VERIFICATION_LINK_HOURS = 24;

export const CompanyDomainSchema = z
  .object({
    /** With its leading "@", lower-case. */
    domain: z.string(),
    state: z.enum(DOMAIN_STATES),
    verifiedAt: z.iso.datetime().nullable(),
    verificationMethod: z.enum(DOMAIN_VERIFICATION_METHODS).nullable(),
    /** The address the last unused, unexpired link was sent to (PENDING only), and when. */
    linkSentTo: z.string().nullable(),
    linkSentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CompanyDomain' });
export type CompanyDomain = z.infer<typeof CompanyDomainSchema>;

/** HR asks for a verification link sent to `email`, an address at the pending `domain`. */
export const RequestDomainVerificationSchema = z.strictObject({
  domain: EmailDomainSchema,
  email: EmailSchema,
});
export type RequestDomainVerification = z.input<typeof RequestDomainVerificationSchema>;

/** The link's token (public: whoever opened the mail at that domain). */
export const ConfirmDomainVerificationSchema = z.strictObject({
  token: z.string().trim().min(20).max(200),
});
export const DomainVerifiedSchema = z.object({ domain: z.string(), companyName: z.string() });
export type DomainVerified = z.infer<typeof DomainVerifiedSchema>;

/** A HuntZen admin vouches for a pending domain of a company. */
export const AdminVerifyDomainSchema = z.strictObject({ domain: EmailDomainSchema });

export const CompanyDetailSchema = CompanySummarySchema.extend({
  legalName: z.string().nullable(),
  sector: z.string().nullable(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  websiteUrl: z.string().nullable(),
  logoUrl: z.string().nullable(),
  primaryColor: z.string().nullable(),
  secondaryColor: z.string().nullable(),
  autoApproveEmployees: z.boolean(),
  requireEmailVerification: z.boolean(),
  allowInternalNews: z.boolean(),
  maxEmployees: z.number().int().nullable(),
  validatedBy: z.object({ id: z.uuid(), email: z.string() }).nullable(),
  rejectionReason: z.string().nullable(),
  hrAdmins: z.array(
    z.object({ id: z.uuid(), email: z.string(), emailVerified: z.boolean(), createdAt: z.iso.datetime() }),
  ),
  employees: z.object({ active: z.number().int(), pending: z.number().int(), deactivated: z.number().int() }),
  /** Each claimed domain and whether it is proven (sign-ups match VERIFIED ones only). */
  domains: z.array(CompanyDomainSchema),
}).meta({ id: 'CompanyDetail' });
export type CompanyDetail = z.infer<typeof CompanyDetailSchema>;

export const REJECTION_REASON_MIN = 10;
export const RejectCompanyRequestSchema = z.object({
  /** Emailed to the company's HR admin: say what to fix. */
  reason: z.string().trim().min(REJECTION_REASON_MIN).max(2000),
});

// ------------------------------------------------------------------ HR's company settings

export const MAX_EMAIL_DOMAINS = 10;
export const MAX_EMPLOYEES_LIMIT = 1_000_000;

export const CompanySettingsSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status: CompanyStatusSchema,
    emailDomains: z.array(z.string()),
    /** null: HuntZen's colours. */
    primaryColor: z.string().nullable(),
    secondaryColor: z.string().nullable(),
    logoUrl: z.string().nullable(),
    coverUrl: z.string().nullable(),
    requireEmailVerification: z.boolean(),
    autoApproveEmployees: z.boolean(),
    allowInternalNews: z.boolean(),
    /** null: no limit. */
    maxEmployees: z.number().int().nullable(),
    employeeCount: z.number().int(),
    /** Each domain of `emailDomains` and whether it is proven (sign-ups match VERIFIED ones only). */
    domains: z.array(CompanyDomainSchema),
  })
  .meta({ id: 'CompanySettings' });
export type CompanySettings = z.infer<typeof CompanySettingsSchema>;

/** Only the fields sent change; anything else (validation state, SIRET…) is refused. */
export const UpdateCompanySettingsRequestSchema = z.strictObject({
  primaryColor: HexColorSchema.nullable().optional(),
  secondaryColor: HexColorSchema.nullable().optional(),
  emailDomains: z.array(EmailDomainSchema).min(1).max(MAX_EMAIL_DOMAINS).optional(),
  requireEmailVerification: z.boolean().optional(),
  autoApproveEmployees: z.boolean().optional(),
  allowInternalNews: z.boolean().optional(),
  maxEmployees: z.number().int().min(1).max(MAX_EMPLOYEES_LIMIT).nullable().optional(),
});
export type UpdateCompanySettingsRequest = z.input<typeof UpdateCompanySettingsRequestSchema>;

// ------------------------------------------------------------------ HR's employee list

/** ACTIVE: can sign in. PENDING: waits for HR's approval. DEACTIVATED: switched off by HR. */
export const EMPLOYEE_STATUSES = ['ACTIVE', 'PENDING', 'DEACTIVATED'] as const;
export const EmployeeStatusSchema = z.enum(EMPLOYEE_STATUSES);
export type EmployeeStatus = z.infer<typeof EmployeeStatusSchema>;

export const EmployeeListQuerySchema = z.object({
  /** First name, last name or email; case and accents ignored. */
  q: z.string().trim().max(100).optional(),
  department: z.string().trim().min(1).max(100).optional(),
  status: EmployeeStatusSchema.optional(),
});

/** What HR sees of an employee: never health data (no consultation, practitioner or counter). */
export const EmployeeListItemSchema = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    department: z.string().nullable(),
    position: z.string().nullable(),
    status: EmployeeStatusSchema,
    emailVerified: z.boolean(),
    /** Signed up. */
    createdAt: z.iso.datetime(),
    /** Approved by HR (or at sign-up when the company auto-approves). */
    approvedAt: z.iso.datetime().nullable(),
    /** The e-mail's domain is no longer one of the company's: joined through a domain since removed. */
    domainRemoved: z.boolean(),
  })
  .meta({ id: 'EmployeeListItem' });
export type EmployeeListItem = z.infer<typeof EmployeeListItemSchema>;

export const EmployeeListSchema = z.object({
  items: z.array(EmployeeListItemSchema),
  nextCursor: z.string().nullable(),
});
export type EmployeeList = z.infer<typeof EmployeeListSchema>;

export const DepartmentListSchema = z.object({ items: z.array(z.string()) });

/** Deactivation or reactivation; the reason is kept in the audit log only (the employee is not told). */
export const EmployeeStatusChangeRequestSchema = z.object({
  reason: z.string().trim().max(500).optional(),
});
