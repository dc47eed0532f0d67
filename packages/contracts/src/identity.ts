// Identity and access: the request and response bodies of /api/v1/auth, /api/v1/signup and
// /api/v1/admins, shared by the API (validation + OpenAPI) and the web app (forms + types).
import { z } from 'zod';
import { AnyProfessionalIdSchema } from './professional-id';

export const ROLES = ['SUPER_ADMIN', 'ADMIN_HUNTZEN', 'ADMIN_RH', 'PRACTITIONER', 'EMPLOYEE'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/**
 * HuntZen's own administrators, the platform's staff: the one list every rule about them starts
 * from (route access, policies, navigation). The database has its own, `app_is_platform_admin()`.
 */
export const HUNTZEN_ADMINS = ['SUPER_ADMIN', 'ADMIN_HUNTZEN'] as const satisfies readonly Role[];
export type HuntzenAdminRole = (typeof HUNTZEN_ADMINS)[number];

/** True for SUPER_ADMIN and ADMIN_HUNTZEN. */
export function isHuntzenAdmin(role: string): role is HuntzenAdminRole {
  return (HUNTZEN_ADMINS as readonly string[]).includes(role);
}

/** Roles that must use two-factor authentication (walked through enrolment at first login). */
export const ROLES_REQUIRING_2FA: readonly Role[] = ['SUPER_ADMIN', 'ADMIN_HUNTZEN', 'PRACTITIONER'];

export const SPECIALTIES = [
  'PSYCHOLOGUE_CLINICIEN',
  'PSYCHOLOGUE_TRAVAIL',
  'PSYCHIATRE',
  'PSYCHOTHERAPEUTE',
  'NEUROPSYCHOLOGUE',
  'COACH_MENTAL',
  'SEXOLOGUE',
  'PSYCHANALYSTE',
] as const;
export const COMPANY_SIZES = ['SMALL', 'MEDIUM', 'LARGE', 'ENTERPRISE'] as const;
export const LANGUAGES = ['fr', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);

export const PASSWORD_MIN_LENGTH = 12;
/** Shape only; the server also refuses common passwords (code VALIDATION_FAILED, path body.password). */
export const PasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(128);
export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
const Name = z.string().trim().min(1).max(100);
/**
 * The name HR and HuntZen's admins are greeted by (issue 17: they have no profile with names).
 * Employees and practitioners are named by their profile.
 */
export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, 'no control characters');
export const UpdateDisplayNameRequestSchema = z.strictObject({ displayName: DisplayNameSchema });
const TotpCode = z.string().regex(/^\d{6}$/, 'six digits');

// ------------------------------------------------------------------ sessions

export const MeSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: RoleSchema,
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    /** HR and HuntZen's admins: the name they chose (null until they do); others: null. */
    displayName: z.string().nullable(),
    preferredLanguage: LanguageSchema,
    emailVerified: z.boolean(),
    twoFactorEnabled: z.boolean(),
    /** True when the role needs 2FA and it is not enabled yet: only enrolment is open. */
    twoFactorEnrollmentRequired: z.boolean(),
    companyId: z.uuid().nullable(),
    employeeId: z.uuid().nullable(),
    practitionerId: z.uuid().nullable(),
    /** The employee's or practitioner's profile picture. */
    avatarUrl: z.string().nullable(),
    /** Employees only: the web app sends them to onboarding or consent until both are done. */
    employee: z.object({ onboardingCompleted: z.boolean(), consentUpToDate: z.boolean() }).nullable(),
    company: z
      .object({
        id: z.uuid(),
        name: z.string(),
        logoUrl: z.string().nullable(),
        primaryColor: z.string().nullable(),
        secondaryColor: z.string().nullable(),
        /**
         * CompanyStatus (organizations.ts, not imported: it imports this file). Before ACTIVE, HR
         * sees an "awaiting validation" notice and may only set up the company.
         */
        status: z.enum(['PENDING', 'ACTIVE', 'REJECTED', 'INACTIVE']),
      })
      .nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const SessionSchema = z
  .object({
    status: z.literal('OK'),
    accessToken: z.string(),
    accessTokenExpiresAt: z.iso.datetime(),
    /** Only for API clients that asked for it (`tokenDelivery: "body"`); the web app uses the cookie. */
    refreshToken: z.string().optional(),
    user: MeSchema,
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;

/**
 * A cookie the page can read, set and cleared with the httpOnly refresh cookie (same lifetime, no
 * secret in it: its value is "1"): a browser without it has no session to refresh, so the web app
 * does not ask /auth/refresh at every anonymous page load (a 401 each, in the console).
 */
export const SESSION_HINT_COOKIE = 'hz_signed_in';

export const TwoFactorChallengeSchema = z
  .object({ status: z.literal('TWO_FACTOR_REQUIRED'), challengeToken: z.string() })
  .meta({ id: 'TwoFactorChallenge' });

export const LoginRequestSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(128),
  tokenDelivery: z.enum(['cookie', 'body']).default('cookie'),
});
export const LoginResponseSchema = z.discriminatedUnion('status', [SessionSchema, TwoFactorChallengeSchema]);
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const TwoFactorLoginRequestSchema = z
  .object({
    challengeToken: z.string().min(1),
    code: TotpCode.optional(),
    recoveryCode: z.string().trim().min(8).max(32).optional(),
    tokenDelivery: z.enum(['cookie', 'body']).default('cookie'),
  })
  .refine((v) => Boolean(v.code) !== Boolean(v.recoveryCode), {
    message: 'give either a code or a recovery code',
    path: ['code'],
  });

export const RefreshRequestSchema = z.object({
  /** API clients; the web app sends the httpOnly cookie instead. */
  refreshToken: z.string().optional(),
  tokenDelivery: z.enum(['cookie', 'body']).default('cookie'),
});

export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: PasswordSchema,
});

export const PasswordResetRequestSchema = z.object({ email: EmailSchema });
export const PasswordResetConfirmSchema = z.object({
  token: z.string().min(20).max(200),
  newPassword: PasswordSchema,
});
export const VerifyEmailRequestSchema = z.object({ token: z.string().min(20).max(200) });
export const VerifyEmailResponseSchema = z.object({
  status: z.enum(['VERIFIED', 'PENDING_APPROVAL', 'PENDING_COMPANY_VALIDATION']),
});
export const ResendVerificationRequestSchema = z.object({ email: EmailSchema });

// ------------------------------------------------------------------ two-factor authentication

export const TwoFactorSetupResponseSchema = z.object({
  secret: z.string().describe('Base32 secret, for manual entry'),
  otpauthUrl: z.string(),
  qrCodeDataUrl: z.string().describe('PNG data URL of the otpauth QR code'),
});
export const TwoFactorConfirmRequestSchema = z.object({ code: TotpCode });
export const TwoFactorConfirmResponseSchema = z.object({
  recoveryCodes: z.array(z.string()).describe('Shown once; each works once'),
  session: SessionSchema,
});
export const TwoFactorDisableRequestSchema = z.object({
  password: z.string().min(1).max(128),
  code: TotpCode,
});
export const RecoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });

// ------------------------------------------------------------------ sign-up

export const SignupStatusSchema = z.object({
  status: z.enum(['VERIFY_EMAIL', 'PENDING_APPROVAL', 'ACTIVE', 'PENDING_COMPANY_VALIDATION']),
});
export type SignupStatus = z.infer<typeof SignupStatusSchema>;

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^@?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'a domain like @example.com',
  )
  .transform((d) => (d.startsWith('@') ? d : `@${d}`));
/** A company's email domain, canonical: lower-case with its leading "@" (also used by organizations). */
export const EmailDomainSchema = Domain;

export const CompanySignupRequestSchema = z.object({
  company: z.object({
    name: z.string().trim().min(2).max(120),
    legalName: z.string().trim().max(200).optional(),
    siret: z
      .string()
      .regex(/^\d{14}$/, '14 digits')
      .optional(),
    emailDomains: z.array(Domain).min(1).max(10),
    sector: z.string().trim().max(100).optional(),
    size: z.enum(COMPANY_SIZES).optional(),
    city: z.string().trim().max(100).optional(),
    contactPhone: z.string().trim().max(40).optional(),
  }),
  admin: z.object({
    email: EmailSchema,
    password: PasswordSchema,
    /** How HuntZen greets the HR admin (e.g. "Claire Rousseau"). */
    displayName: DisplayNameSchema.optional(),
    preferredLanguage: LanguageSchema.default('fr'),
  }),
});

export const EmployeeSignupRequestSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  firstName: Name,
  lastName: Name,
  preferredLanguage: LanguageSchema.default('fr'),
});

export const PractitionerSignupRequestSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  firstName: Name,
  lastName: Name,
  title: z.string().trim().min(1).max(20),
  specialty: z.enum(SPECIALTIES),
  // The profile's rule, so the application never accepts a number the profile would refuse.
  professionalId: AnyProfessionalIdSchema.optional(),
  bio: z.string().trim().min(20).max(5000),
  languages: z.array(z.string().trim().min(2).max(5)).min(1).max(10),
  subSpecialties: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  experience: z.number().int().min(0).max(70).optional(),
  preferredLanguage: LanguageSchema.default('fr'),
});

// ------------------------------------------------------------------ HuntZen admin accounts

export const AdminAccountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: RoleSchema,
    isActive: z.boolean(),
    twoFactorEnabled: z.boolean(),
    createdAt: z.iso.datetime(),
    lastLoginAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'AdminAccount' });
export const AdminAccountListSchema = z.object({
  items: z.array(AdminAccountSchema),
  nextCursor: z.string().nullable(),
});
export const CreateAdminRequestSchema = z.object({
  email: EmailSchema,
  /** How HuntZen greets the new admin; they may change it. */
  displayName: DisplayNameSchema.optional(),
  preferredLanguage: LanguageSchema.default('fr'),
});
