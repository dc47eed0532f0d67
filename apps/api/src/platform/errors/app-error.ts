// The one error type of the application. Services throw it with a stable code; the error handler
// turns it into problem+json. The message is shown to the client (except for INTERNAL), so write
// it for a user of the API and never put secrets, SQL or another tenant's data in it.
import type { FieldError, ProblemCode } from '@huntzen/contracts';

export type { FieldError, ProblemCode };

/** HTTP status and problem title of every code. */
export const PROBLEM_CODES: Record<ProblemCode, { status: number; title: string }> = {
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  VALIDATION_FAILED: { status: 400, title: 'Validation failed' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  EMAIL_NOT_VERIFIED: { status: 403, title: 'Email address not verified' },
  ACCOUNT_PENDING_APPROVAL: { status: 403, title: 'Account waiting for approval' },
  ACCOUNT_DISABLED: { status: 403, title: 'Account disabled' },
  ACCOUNT_LOCKED: { status: 423, title: 'Account temporarily locked' },
  TWO_FACTOR_INVALID: { status: 401, title: 'Invalid two-factor code' },
  TOKEN_INVALID: { status: 400, title: 'Invalid or expired link' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  ILLEGAL_TRANSITION: { status: 409, title: 'Illegal state transition' },
  SLOT_TAKEN: { status: 409, title: 'Slot already taken' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  CONSENT_REQUIRED: { status: 403, title: 'Consent required' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  INTERNAL: { status: 500, title: 'Internal server error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
};

export interface AppErrorDetails {
  /** Per-field problems (VALIDATION_FAILED), sent to the client. */
  errors?: FieldError[];
  /** The underlying error: logged, never sent. */
  cause?: unknown;
}

/** An expected failure with a stable code, answered as RFC 9457 problem+json. */
export class AppError extends Error {
  readonly status: number;
  readonly errors: FieldError[] | undefined;

  constructor(
    readonly code: ProblemCode,
    message: string,
    details: AppErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AppError';
    this.status = PROBLEM_CODES[code].status;
    this.errors = details.errors;
  }
}
