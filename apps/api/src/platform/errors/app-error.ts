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
  // 409: an email domain belongs to another company (one company per domain, enforced by the database).
  DOMAIN_TAKEN: { status: 409, title: 'Email domain already registered' },
  SLOT_TAKEN: { status: 409, title: 'Slot already taken' },
  // 409: the employee already has a consultation at that time (enforced by the database).
  EMPLOYEE_BUSY: { status: 409, title: 'Already booked at that time' },
  // 409: the action is legal in this state, but not yet or no longer at this time (`currentState`).
  OUTSIDE_TIME_WINDOW: { status: 409, title: 'Not allowed at this time' },
  // 409: the action has a consequence the caller must accept explicitly (e.g. ending a session too
  // short to be billed: resend with `confirmShort: true`); `currentState` is the state now.
  CONFIRMATION_REQUIRED: { status: 409, title: 'Confirmation required' },
  // 409: a first consultation with a practitioner who takes no new clients.
  NOT_ACCEPTING_NEW_CLIENTS: { status: 409, title: 'Not accepting new clients' },
  // 409: the consultation's video room is closed for good: it is over, cancelled or missed (`currentState`).
  ROOM_CLOSED: { status: 409, title: 'Room closed' },
  // 409: a billing action on a consultation that is not billable (not over, or not charged).
  NOT_BILLABLE: { status: 409, title: 'Not billable' },
  // 422: an Idempotency-Key reused for a different request; a new request needs a new key.
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused' },
  ALREADY_REVIEWED: { status: 409, title: 'Already reviewed' },
  // 422: the request is well-formed and the consultation is the caller's, but its review period
  // (30 days after its end) is over: no retry can succeed.
  REVIEW_WINDOW_CLOSED: { status: 422, title: 'Review period over' },
  // 409: the consultation's chat is read-only: cancelled, or more than 14 days after its end.
  THREAD_CLOSED: { status: 409, title: 'Thread closed' },
  // 409: the sender may edit a message only within 15 minutes of sending it.
  EDIT_WINDOW_CLOSED: { status: 409, title: 'Edit window closed' },
  // 409: a signed clinical note is locked; corrections are addenda.
  NOTE_SIGNED: { status: 409, title: 'Note signed and locked' },
  // 409: an encrypted field failed authentication (tampered with, or copied from another row). Its
  // content is never returned; the id of the row is logged for the operators, nothing else.
  CONTENT_UNREADABLE: { status: 409, title: 'Encrypted content unreadable' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  // 403: the caller is known and allowed in general, but may not use this (clinical) feature until
  // they accept the current consent; accepting it (POST /api/v1/me/consent) lifts the refusal.
  CONSENT_REQUIRED: { status: 403, title: 'Consent required' },
  // 409: the accepted version is not the current one (the text changed while it was being read).
  CONSENT_VERSION_MISMATCH: { status: 409, title: 'Consent version mismatch' },
  // 403: the company has turned internal news off (`allowInternalNews`); its HR may turn it back on.
  NEWS_DISABLED: { status: 403, title: 'Internal news turned off' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  INTERNAL: { status: 500, title: 'Internal server error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
};

export interface AppErrorDetails {
  /** Per-field problems (VALIDATION_FAILED), sent to the client. */
  errors?: FieldError[];
  /** ILLEGAL_TRANSITION: the state the resource is in now, sent as `currentState`. */
  currentState?: string;
  /** OUTSIDE_TIME_WINDOW of a video room: when it is open (ISO 8601), sent as `window`. */
  window?: { opensAt: string; closesAt: string };
  /** SLOT_TAKEN by the caller's own consultation: its id, sent as `consultationId`. */
  consultationId?: string;
  /** The underlying error: logged, never sent. */
  cause?: unknown;
}

/** An expected failure with a stable code, answered as RFC 9457 problem+json. */
export class AppError extends Error {
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly currentState: string | undefined;
  readonly window: { opensAt: string; closesAt: string } | undefined;
  readonly consultationId: string | undefined;

  constructor(
    readonly code: ProblemCode,
    message: string,
    details: AppErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AppError';
    this.status = PROBLEM_CODES[code].status;
    this.errors = details.errors;
    this.currentState = details.currentState;
    this.window = details.window;
    this.consultationId = details.consultationId;
  }
}
