// pino JSON logs with redaction. Health data and credentials must never reach a log line: the keys
// below are censored wherever they appear in a logged object, down to REDACT_DEPTH levels.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Config } from '../config';

/** Keys whose values are never logged, at any of the first REDACT_DEPTH levels of a log object. */
export const SENSITIVE_KEYS = [
  // credentials
  'password',
  'passwordHash',
  'currentPassword',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'resetToken',
  'secret',
  'clientSecret',
  'twoFactorSecret',
  'totp',
  'otp',
  'jwtSecret',
  'encryptionKey',
  'encryptionPreviousKeys',
  'previousEncryptionKeys',
  'jitsiJwt',
  'roomPassword',
  'apiKey',
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  // encrypted columns and the plaintext of messages, journal entries and clinical notes
  'encryptedContent',
  'iv',
  'authTag',
  'content',
  'notes',
  // a clinical note's template sections (modules/clinical-notes)
  'sections',
] as const;

// Keys are censored at the top level of a log object (or of a child logger's bindings) and down
// to REDACT_DEPTH - 1 levels below it (array items count as a level): `{ body: { user: { password } } }`,
// `req.headers.authorization`, `items[0].token`; deeper structures should not be logged whole anyway.
const REDACT_DEPTH = 5;
const CENSOR = '[REDACTED]';
const SENSITIVE: ReadonlySet<string> = new Set(SENSITIVE_KEYS);

/**
 * `value` with every sensitive key at `depth` and below (down to REDACT_DEPTH - 1) censored: the value
 * itself when there is none (nothing allocated), else a copy of the objects on the way to them (the
 * caller's objects are never changed). Binary data (Buffers, typed arrays) is left as it is.
 */
function redactValue(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  const last = depth === REDACT_DEPTH - 1;
  if (Array.isArray(value)) {
    if (last) return value;
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const redacted = redactValue(item, depth + 1);
      if (redacted !== item) {
        copy ??= value.slice();
        copy[i] = redacted;
      }
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    let redacted: unknown;
    if (SENSITIVE.has(key)) redacted = CENSOR;
    else if (last || typeof item !== 'object' || item === null) continue;
    else redacted = redactValue(item, depth + 1);
    if (redacted !== item) {
      // Same prototype (a class's or an Error's `toJSON`, if any, still applies), own keys copied.
      copy ??= Object.assign(Object.create(Object.getPrototypeOf(record)) as object, record);
      copy[key] = redacted;
    }
  }
  return copy ?? value;
}

/**
 * pino's redaction, fed with a censor function instead of one path per key and depth (issue #13):
 * pino calls it with each top-level value of a log line, of a child's bindings, or of an object
 * interpolated in a message, after the serializers (`err`, `req`, `res`), and the walk above does
 * the rest in one pass. With a path per key and depth (165 wildcard paths), pino's redactor parsed
 * every path and cloned every object on the way on each call, even for a child's `reqId` string.
 * The path `*` makes pino hand every top-level value to `censor`, with the key lost (a symbol);
 * the sensitive keys' own top-level paths give pino their names, and pino then censors them whole.
 */
function redactOptions() {
  const topLevel = SENSITIVE_KEYS.map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`));
  return {
    paths: [...topLevel, '*'],
    censor: (value: unknown, path: (string | symbol)[]): unknown => {
      const key = path[path.length - 1];
      if (typeof key === 'string' && SENSITIVE.has(key)) return CENSOR;
      return redactValue(value, 1);
    },
  };
}

/** The pino options of the application (level, redaction, pretty output in a development TTY). */
export function loggerOptions(config: Pick<Config, 'logLevel' | 'nodeEnv'>): LoggerOptions {
  const pretty = config.nodeEnv === 'development' && process.stdout.isTTY === true;
  return {
    level: config.logLevel,
    redact: redactOptions(),
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}

/** Creates the process logger; `destination` captures the output (tests) instead of stdout. */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'nodeEnv'>,
  destination?: DestinationStream,
): Logger {
  const options = loggerOptions(config);
  if (destination) {
    const { transport: _ignored, ...plain } = options;
    return pino(plain, destination);
  }
  return pino(options);
}

export const REQUEST_ID_HEADER = 'x-request-id';

// Short, printable, no spaces or quotes: safe in log lines and headers, useless for log injection.
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * The id of an incoming request (Fastify's `genReqId`): the caller's `x-request-id` when it looks
 * like an id, so a proxy's or the web client's traces line up with ours; otherwise a new UUID.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The request being served, for the work it starts: a job scheduled while serving it carries its id
 * (platform/jobs), and the job's log lines repeat it, so one id follows a booking into its e-mails.
 */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/**
 * One access-log line per request, when it ends: its method, URL, status and time (Fastify's default
 * writes a second line when it arrives, the same request twice; a request that never ends is logged
 * by the error handler or the server's timeout). `skip` leaves requests out (the health probes).
 */
export class AccessLog extends LogController {
  constructor(skip: (request: FastifyRequest) => boolean) {
    super({ disableRequestLogging: skip });
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
