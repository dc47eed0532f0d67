// pino JSON logs with redaction. Health data and credentials must never reach a log line: the keys
// below are censored wherever they appear in a logged object, down to REDACT_DEPTH levels.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
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

// pino's wildcards match exactly one level (`*.password` misses `a.b.password`), hence one path per
// depth. Five levels cover `{ body: { user: { password } } }` and `req.headers.authorization`;
// deeper structures should not be logged whole anyway.
const REDACT_DEPTH = 5;

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of SENSITIVE_KEYS) {
    const leaf = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    for (let depth = 0; depth < REDACT_DEPTH; depth++) {
      const prefix = '*.'.repeat(depth);
      paths.push(leaf.startsWith('[') ? `${prefix.slice(0, -1)}${leaf}` : `${prefix}${leaf}`);
    }
  }
  return paths;
}

/** The pino options of the application (level, redaction, pretty output in a development TTY). */
export function loggerOptions(config: Pick<Config, 'logLevel' | 'nodeEnv'>): LoggerOptions {
  const pretty = config.nodeEnv === 'development' && process.stdout.isTTY === true;
  return {
    level: config.logLevel,
    redact: { paths: redactPaths(), censor: '[REDACTED]' },
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
