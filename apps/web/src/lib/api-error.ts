// The one error type of the API client: RFC 9457 problem details (see @huntzen/contracts problem.ts),
// or a network failure. Screens branch on `code`, never on the human `detail`.
import type { FieldError, ProblemCode } from '@huntzen/contracts';

export type ApiErrorCode = ProblemCode | 'NETWORK_ERROR' | 'UNKNOWN';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  /** SLOT_TAKEN by the caller's own consultation: its id. */
  consultationId: string | undefined;

  constructor(status: number, code: ApiErrorCode, detail?: string, fieldErrors: FieldError[] = []) {
    super(detail ?? code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
  }
}

/** True when `error` is an ApiError with one of the given codes. */
export function isApiError(error: unknown, ...codes: ApiErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.path === 'string' && typeof v.message === 'string';
}

/** Builds an ApiError from a failed response, whatever its body (problem+json, JSON or nothing). */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  let body: Record<string, unknown> = {};
  if (type.includes('json')) {
    try {
      const parsed: unknown = await response.json();
      if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
    } catch {
      // A broken body still leaves the status to branch on.
    }
  }
  const code = typeof body.code === 'string' ? (body.code as ApiErrorCode) : fallbackCode(response.status);
  const detail = typeof body.detail === 'string' ? body.detail : undefined;
  const errors = Array.isArray(body.errors) ? body.errors.filter(isFieldError) : [];
  const error = new ApiError(response.status, code, detail, errors);
  if (typeof body.consultationId === 'string') error.consultationId = body.consultationId;
  return error;
}

function fallbackCode(status: number): ApiErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL';
  return 'UNKNOWN';
}
