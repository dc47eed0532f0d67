// RFC 9457 problem details: the one error body of the API (`application/problem+json`).
// Clients branch on `code` (stable), never on `title` or `detail` (human text that may change).
import { z } from 'zod';

/** Every error code the API answers with; each maps to exactly one HTTP status. */
export const PROBLEM_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'EMAIL_NOT_VERIFIED',
  'ACCOUNT_PENDING_APPROVAL',
  'ACCOUNT_DISABLED',
  'ACCOUNT_LOCKED',
  'TWO_FACTOR_INVALID',
  'TOKEN_INVALID',
  'NOT_FOUND',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'DOMAIN_TAKEN',
  'SLOT_TAKEN',
  'EMPLOYEE_BUSY',
  'OUTSIDE_TIME_WINDOW',
  'CONFIRMATION_REQUIRED',
  'NOT_ACCEPTING_NEW_CLIENTS',
  'ROOM_CLOSED',
  'NOT_BILLABLE',
  'IDEMPOTENCY_KEY_REUSED',
  'ALREADY_REVIEWED',
  'REVIEW_WINDOW_CLOSED',
  'THREAD_CLOSED',
  'EDIT_WINDOW_CLOSED',
  'NOTE_SIGNED',
  'CONTENT_UNREADABLE',
  'RATE_LIMITED',
  'CONSENT_REQUIRED',
  'CONSENT_VERSION_MISMATCH',
  'NEWS_DISABLED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
] as const;

export const ProblemCodeSchema = z.enum(PROBLEM_CODES);
export type ProblemCode = z.infer<typeof ProblemCodeSchema>;

export const FieldErrorSchema = z
  .object({
    path: z.string().describe('Where the problem is, e.g. `body.email` or `query.limit`'),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI identifying the kind of problem'),
    title: z.string().describe('Short summary of the kind of problem'),
    status: z.number().int().min(400).max(599),
    code: ProblemCodeSchema,
    detail: z.string().describe('Explanation of this occurrence'),
    instance: z.string().describe('Path of the request that failed'),
    errors: z.array(FieldErrorSchema).optional().describe('One entry per invalid field'),
    currentState: z
      .string()
      .optional()
      .describe('ILLEGAL_TRANSITION: the state the resource is in now (e.g. SUBMITTED)'),
    window: z
      .object({ opensAt: z.iso.datetime(), closesAt: z.iso.datetime() })
      .optional()
      .describe('OUTSIDE_TIME_WINDOW of a video room: when the room is open, [opensAt, closesAt)'),
    consultationId: z
      .uuid()
      .optional()
      .describe('SLOT_TAKEN by a consultation of the caller (e.g. booked from another tab): its id'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
export type Problem = z.infer<typeof ProblemSchema>;

/** The media type of problem documents. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
