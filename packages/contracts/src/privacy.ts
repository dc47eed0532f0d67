// GDPR rights of every signed-in user: the export of their data (art. 15 and 20) and the erasure
// of their account (art. 17), asked for with the password (and TOTP) and confirmed by an e-mailed
// single-use link. Rules and what stays: docs/security.md "Privacy rights".
import { z } from 'zod';

/** Roles that may erase their own account; HuntZen's staff accounts are closed by a SUPER_ADMIN. */
export const ERASABLE_ROLES = ['EMPLOYEE', 'PRACTITIONER', 'ADMIN_RH'] as const;

/** Validity of the e-mailed confirmation link, in minutes. */
export const ERASURE_LINK_MINUTES = 30;

/** Exports per user and hour. */
export const EXPORTS_PER_HOUR = 5;

export const ErasureRequestSchema = z
  .object({
    password: z.string().min(1).max(128),
    code: z
      .string()
      .regex(/^\d{6}$/, 'six digits')
      .optional()
      .describe('The current TOTP code, required when two-factor authentication is on'),
  })
  .meta({ id: 'ErasureRequest' });
export type ErasureRequest = z.infer<typeof ErasureRequestSchema>;

/** What stays after an erasure, and why (shown to the user before and after). */
export const ErasureKeptSchema = z.object({
  item: z.enum([
    'CONSULTATIONS_ANONYMOUS',
    'CLINICAL_NOTES',
    'AUDIT_LOG_PSEUDONYMOUS',
    'PRACTITIONER_IDENTITY',
    'PRACTITIONER_MESSAGES',
    'BILLING',
  ]),
  reason: z.string(),
});
export type ErasureKept = z.infer<typeof ErasureKeptSchema>;

/** What stays after the erasure of an account of each role (reasons: the API's answer, docs/security.md). */
export const ERASURE_KEPT_BY_ROLE: Record<(typeof ERASABLE_ROLES)[number], readonly ErasureKept['item'][]> = {
  EMPLOYEE: ['CONSULTATIONS_ANONYMOUS', 'CLINICAL_NOTES', 'AUDIT_LOG_PSEUDONYMOUS'],
  PRACTITIONER: [
    'PRACTITIONER_IDENTITY',
    'CONSULTATIONS_ANONYMOUS',
    'CLINICAL_NOTES',
    'PRACTITIONER_MESSAGES',
    'AUDIT_LOG_PSEUDONYMOUS',
  ],
  ADMIN_RH: ['BILLING', 'AUDIT_LOG_PSEUDONYMOUS'],
};

export const ErasureRequestedSchema = z
  .object({
    status: z.literal('CONFIRMATION_SENT'),
    expiresAt: z.iso.datetime(),
    erased: z.array(z.string()).describe('What the erasure removes'),
    kept: z.array(ErasureKeptSchema).describe('What stays, with the legal reason'),
  })
  .meta({ id: 'ErasureRequested' });
export type ErasureRequested = z.infer<typeof ErasureRequestedSchema>;

export const ErasureConfirmSchema = z
  .object({ token: z.string().min(20).max(200) })
  .meta({ id: 'ErasureConfirm' });
export type ErasureConfirm = z.infer<typeof ErasureConfirmSchema>;

export const ErasureDoneSchema = z
  .object({
    status: z.literal('ERASED'),
    erasedAt: z.iso.datetime(),
    cancelledConsultations: z.number().int(),
    kept: z.array(ErasureKeptSchema),
  })
  .meta({ id: 'ErasureDone' });
export type ErasureDone = z.infer<typeof ErasureDoneSchema>;
