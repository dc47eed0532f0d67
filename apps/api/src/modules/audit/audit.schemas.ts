// Request and response schemas of /api/v1/audit-logs (they are the OpenAPI document too).
import { isoDateOrInstant } from '@huntzen/contracts';
import { auditActionEnum, roleEnum } from '@huntzen/db';
import { z } from 'zod';
import { PageQuerySchema } from '../../platform/pagination';

// A whole day (`2025-03-01`, UTC) or an instant with its offset (`2025-03-01T08:00:00+01:00`).
const Instant = isoDateOrInstant();

/** The filters shared by the list and the CSV export. */
export const AuditFilterQuerySchema = z.object({
  actor: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .optional()
    .describe('A user id (exact), or an email: see actorMatch (case-insensitive)'),
  actorMatch: z
    .enum(['prefix', 'exact'])
    .default('prefix')
    .describe('How an email in `actor` is compared (ignored for a user id)'),
  action: z.enum(auditActionEnum.enumValues).optional(),
  resource: z.string().trim().min(1).max(100).optional().describe('e.g. user, consultation, employee'),
  resourceId: z.string().trim().min(1).max(200).optional(),
  // Any UUID syntax (z.guid): rows keep the ids they were written with, whatever their version.
  companyId: z.guid().optional(),
  from: Instant.optional().describe('Inclusive; a date means the start of that day (UTC)'),
  to: Instant.optional().describe('Exclusive; a date means the end of that day (UTC)'),
  isSensitive: z.stringbool().optional(),
});
export type AuditFilterQuery = z.infer<typeof AuditFilterQuerySchema>;

/** The list's query: filters, `limit` (default 20, max 100) and the opaque `cursor`. */
export const AuditListQuerySchema = AuditFilterQuerySchema.extend(PageQuerySchema.shape);
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;

const JsonObject = z.record(z.string(), z.unknown());

export const AuditLogSchema = z
  .object({
    id: z.guid(),
    createdAt: z.iso.datetime(),
    /** USER, or the platform itself (SYSTEM: jobs) or a caller without an account (ANONYMOUS). */
    actorKind: z.enum(['USER', 'SYSTEM', 'ANONYMOUS']),
    userId: z.guid(),
    userEmail: z.string(),
    userRole: z.enum(roleEnum.enumValues),
    action: z.enum(auditActionEnum.enumValues),
    resource: z.string(),
    resourceId: z.string().nullable(),
    companyId: z.guid().nullable(),
    companyName: z.string().nullable(),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: JsonObject.nullable(),
    changesBefore: JsonObject.nullable(),
    changesAfter: JsonObject.nullable(),
    isSensitive: z.boolean(),
  })
  .meta({ id: 'AuditLog' });
export type AuditLogItem = z.infer<typeof AuditLogSchema>;

export const AuditLogPageSchema = z
  .object({ items: z.array(AuditLogSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditLogPage' });
