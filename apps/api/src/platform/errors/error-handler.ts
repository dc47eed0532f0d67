// The one error handler of the API: every failure leaves as problem+json with a stable code.
// Expected failures (AppError, validation, malformed requests) explain themselves; anything else
// is a 5xx whose detail stays generic while the real error is logged with the request id.
import type { FieldError, ProblemCode } from '@huntzen/contracts';
import { SessionEndedError } from '@huntzen/db';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { DecryptionError } from '../crypto';
import { AppError } from './app-error';
import { buildProblem, requestPath, sendProblem } from './problem';

type ValidationIssue = NonNullable<FastifyError['validation']>[number];

const CONTEXT_NAMES: Record<string, string> = { querystring: 'query', params: 'params', headers: 'headers' };

/** `body` + JSON pointer `/items/0/name` → `body.items.0.name`. */
function fieldPath(context: string, pointer: string): string {
  const segments = pointer
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  return [CONTEXT_NAMES[context] ?? context, ...segments].join('.');
}

function fromValidation(context: string, issues: ValidationIssue[]): FieldError[] {
  return issues.map((issue) => {
    // Ajv (plain JSON schemas) reports a missing property on its parent object.
    const missing = issue.keyword === 'required' ? issue.params?.missingProperty : undefined;
    const pointer = typeof missing === 'string' ? `${issue.instancePath}/${missing}` : issue.instancePath;
    return { path: fieldPath(context, pointer), message: issue.message ?? 'is invalid' };
  });
}

function fromZod(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

function statusOf(error: unknown): number {
  const status =
    typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : 0;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}

interface Classified {
  code: ProblemCode;
  /** Shown to the client. */
  detail: string;
  errors?: FieldError[];
  /** The HTTP status, when it differs from the code's (a 4xx of a plugin with no code of ours). */
  status?: number;
}

// PostgreSQL unreachable, restarting or full: the client should come back, not report a bug.
// 08xxx connection exceptions, 53300 too many connections, 57P01–57P03 shutdown / cannot connect now.
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '53300',
  '57P01',
  '57P02',
  '57P03',
]);
// pg-pool and pg raise these without a code.
const DATABASE_DOWN_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated (unexpectedly|due to connection timeout)|Client has encountered a connection error/i;
/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** True when `error` (or its cause, or one of its errors) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (DATABASE_DOWN_CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && DATABASE_DOWN_MESSAGES.test(message)) return true;
  // Drizzle wraps the driver's error as `cause`; a refused dual-stack connect is an AggregateError.
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

const hidden = (request: FastifyRequest) => `An unexpected error occurred. Reference: ${request.id}`;

/**
 * An encrypted value that failed authentication: a field (DecryptionError) or a file's key or
 * content (platform/files' FileDecryptionError, matched by name so that files stays free to move it).
 * Tampering, a row copied onto another, or a key not configured: the data is unreadable, not our bug.
 */
function isIntegrityFailure(error: unknown): error is Error {
  return error instanceof DecryptionError || (error instanceof Error && error.name === 'FileDecryptionError');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an integrity alert logs: ids only (the caller, the route, the ids of its path). */
function integrityAlert(error: Error, request: FastifyRequest) {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const ids = Object.fromEntries(
    Object.entries(params).filter(([, value]) => typeof value === 'string' && UUID.test(value)),
  );
  return {
    alert: 'integrity',
    // The class only: a decryption message may name a key id; none carries content.
    error: error.name,
    code: 'CONTENT_UNREADABLE',
    // Table, column and row id of the field, when a FieldCipher raised it.
    field: error instanceof DecryptionError ? (error.field ?? null) : null,
    route: `${request.method} ${request.routeOptions.url ?? requestPath(request)}`,
    ids,
    userId: request.user?.userId ?? null,
  };
}

function classify(error: unknown, request: FastifyRequest): Classified {
  if (error instanceof AppError) {
    // An INTERNAL AppError's message is for operators, not clients.
    const detail = error.code === 'INTERNAL' ? hidden(request) : error.message;
    return { code: error.code, detail, errors: error.errors };
  }
  // The request's first transaction found its session ended (withActor, migration 0037).
  if (error instanceof SessionEndedError) return { code: 'UNAUTHENTICATED', detail: error.message };
  if (isIntegrityFailure(error)) {
    return { code: 'CONTENT_UNREADABLE', detail: 'This encrypted content cannot be read.' };
  }
  const fastifyError = (error ?? {}) as Partial<FastifyError>;
  if (Array.isArray(fastifyError.validation)) {
    const errors = fromValidation(fastifyError.validationContext ?? 'body', fastifyError.validation);
    return { code: 'VALIDATION_FAILED', detail: 'The request is invalid; see `errors`.', errors };
  }
  // A handler parsing request input by hand; data of our own is parsed with safeParse, not thrown.
  if (error instanceof ZodError) {
    return {
      code: 'VALIDATION_FAILED',
      detail: 'The request is invalid; see `errors`.',
      errors: fromZod(error),
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      code: 'SERVICE_UNAVAILABLE',
      detail: 'The service is temporarily unavailable: try again shortly.',
    };
  }
  const status = statusOf(error);
  if (status >= 500) {
    return {
      code: status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL',
      detail: hidden(request),
      ...(status === 503 || status === 500 ? {} : { status }),
    };
  }
  const code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
  // 4xx errors come from Fastify and its plugins, whose messages describe the request, not us.
  const detail = error instanceof Error && error.message ? error.message : 'The request cannot be processed.';
  return { code, detail, ...(CODE_BY_STATUS[status] ? {} : { status }) };
}

/** Handles any error thrown by a route or hook. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const classified = classify(error, request);
  const problem = buildProblem(request, classified.code, classified.detail, classified.errors);
  if (classified.status) problem.status = classified.status;
  if (error instanceof AppError && error.currentState) problem.currentState = error.currentState;
  if (error instanceof AppError && error.window) problem.window = error.window;
  if (error instanceof AppError && error.consultationId) problem.consultationId = error.consultationId;
  if (problem.code === 'SERVICE_UNAVAILABLE')
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  if (isIntegrityFailure(error)) {
    // For the operators: which row, whose request; never the ciphertext or the plaintext.
    request.log.error(
      integrityAlert(error, request),
      'integrity alert: encrypted content failed authentication',
    );
  } else if (problem.code === 'SERVICE_UNAVAILABLE' && isDatabaseUnavailable(error)) {
    request.log.warn({ err: error, code: problem.code }, 'database unavailable');
  } else if (problem.status >= 500 && (!(error instanceof AppError) || error.code === 'INTERNAL')) {
    request.log.error({ err: error, code: problem.code }, 'request failed');
  } else if (problem.status >= 500) {
    // An expected unavailability (readiness, a dependency down): no stack trace needed.
    request.log.warn(
      { code: problem.code, detail: problem.detail, errors: problem.errors },
      'request refused',
    );
  } else {
    request.log.info(
      { code: problem.code, status: problem.status, detail: problem.detail },
      'request refused',
    );
  }
  return sendProblem(request, reply, problem);
}

/** Errors Fastify raises before routing (a malformed URL): same answer as any other 400. */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  request.log.info({ code: error.code }, 'malformed request');
  sendProblem(request, reply, buildProblem(request, 'BAD_REQUEST', error.message));
}

/** Installs the error and not-found handlers on the root instance (inherited by every plugin). */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    const detail = `Nothing at ${request.method} ${requestPath(request)}`;
    return sendProblem(request, reply, buildProblem(request, 'NOT_FOUND', detail));
  });
}
