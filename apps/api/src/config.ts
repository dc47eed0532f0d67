// The environment, parsed once with Zod. Parsing is pure (no files, no network) so it can be
// tested and fail fast with every problem at once; secrets that may be generated into DATA_DIR
// are resolved separately by `resolveSecrets`.
import path from 'node:path';
import {
  decodeKey,
  decodeKeyList,
  ENCRYPTION_KEY_FILE,
  loadOrCreateSecret,
  loadPreviousKeys,
  PREVIOUS_KEYS_FILE,
} from '@huntzen/crypto';
import { z } from 'zod';

const NODE_ENVS = ['development', 'test', 'production'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const ROLES = ['web', 'worker', 'all'] as const;
const API_DOCS = ['public', 'admins', 'off'] as const;
export type ApiDocsAccess = (typeof API_DOCS)[number];
export type ProcessRole = (typeof ROLES)[number];

const url = (protocols: RegExp, what: string) =>
  z.url({ protocol: protocols, error: `must be a ${what} URL` });

const key32 = z.string().refine(
  (value) => {
    try {
      decodeKey(value, 'key');
      return true;
    } catch {
      return false;
    }
  },
  // Never echo the value: it is a secret.
  { error: 'must be 32 random bytes encoded in base64 (e.g. `openssl rand -base64 32`)' },
);

const keyList = z.string().refine(
  (value) => {
    try {
      decodeKeyList(value, 'keys');
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be keys of 32 random bytes encoded in base64, separated by commas' },
);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(NODE_ENVS).default('development'),
    PORT: z.coerce
      .number({ error: 'must be a TCP port number' })
      .int({ error: 'must be a TCP port number' })
      .min(0, { error: 'must be a TCP port number (0–65535)' })
      .max(65535, { error: 'must be a TCP port number (0–65535)' })
      .default(3000),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: url(/^https?$/, 'http(s)').optional(),
    DATABASE_URL: url(/^postgres(ql)?$/, 'postgres://').optional(),
    APP_DATABASE_URL: url(/^postgres(ql)?$/, 'postgres://').optional(),
    DATA_DIR: z.string().default('.data'),
    ENCRYPTION_KEY: key32.optional(),
    ENCRYPTION_PREVIOUS_KEYS: keyList.optional(),
    JWT_SECRET: key32.optional(),
    SMTP_URL: url(/^smtps?$/, 'smtp:// or smtps://').optional(),
    MAIL_FROM: z.string().default('HuntZen <no-reply@huntzen.care>'),
    JITSI_DOMAIN: z.string().default('meet.jit.si'),
    JITSI_APP_ID: z.string().optional(),
    JITSI_APP_SECRET: z.string().optional(),
    REDIS_URL: url(/^rediss?$/, 'redis:// or rediss://').optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    ROLE: z.enum(ROLES).default('all'),
    SEED_ON_START: z.stringbool({ error: 'must be true or false' }).optional(),
    BCRYPT_COST: z.coerce
      .number({ error: 'must be a number' })
      .int()
      .min(10, { error: 'must be at least 10' })
      .max(15, { error: 'must be at most 15' })
      .default(12),
    TRUST_PROXY: z.stringbool({ error: 'must be true or false' }).default(false),
    // Each answer also checked against its Zod schema (platform/serialization.ts): on outside production.
    CHECK_RESPONSES: z.stringbool({ error: 'must be true or false' }).optional(),
    WEB_DIST_DIR: z.string().optional(),
    API_DOCS: z.enum(API_DOCS, { error: 'must be public, admins or off' }).optional(),
    // /metrics (platform/metrics): on the API's port with this bearer token, and/or on a port of its own.
    METRICS_TOKEN: z
      .string()
      .min(16, { error: 'must be at least 16 characters (e.g. `openssl rand -hex 24`)' })
      .optional(),
    METRICS_PORT: z.coerce
      .number({ error: 'must be a TCP port number' })
      .int({ error: 'must be a TCP port number' })
      .min(0, { error: 'must be a TCP port number (0–65535)' })
      .max(65535, { error: 'must be a TCP port number (0–65535)' })
      .optional(),
    METRICS_HOST: z.string().default('127.0.0.1'),
    // Audit rows older than this are purged hourly (CNIL guidance: 6 months to 1 year).
    AUDIT_RETENTION_DAYS: z.coerce
      .number({ error: 'must be a number of days' })
      .int({ error: 'must be a whole number of days' })
      .min(30, { error: 'must be at least 30 days' })
      .max(3650, { error: 'must be at most 3650 days' })
      .default(365),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') {
      // Generated secrets would differ per machine and be lost with the container: refuse.
      for (const name of ['ENCRYPTION_KEY', 'JWT_SECRET'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required in production' });
      }
    }
    if (Boolean(env.JITSI_APP_ID) !== Boolean(env.JITSI_APP_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.JITSI_APP_ID ? 'JITSI_APP_SECRET' : 'JITSI_APP_ID'],
        message: 'JITSI_APP_ID and JITSI_APP_SECRET go together: set both or neither',
      });
    }
  });

/** The parsed configuration of one process. */
export interface Config {
  nodeEnv: (typeof NODE_ENVS)[number];
  isProduction: boolean;
  port: number;
  host: string;
  /** Public origin without a trailing slash, used in links and e-mails. */
  publicUrl: string;
  /** Owner URL of an external PostgreSQL; undefined → embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  /** Separate login of the application role; undefined → the owner login switches role. */
  appDatabaseUrl: string | undefined;
  dataDir: string;
  /** As configured (base64); read them through `resolveSecrets`. */
  encryptionKey: string | undefined;
  /** Keys from before a rotation, comma-separated base64 (decryption only); read through `resolveSecrets`. */
  encryptionPreviousKeys: string | undefined;
  jwtSecret: string | undefined;
  /** Undefined → e-mails are written as files under `dataDir/mail`. */
  smtpUrl: string | undefined;
  mailFrom: string;
  jitsi: { domain: string; appId: string | undefined; appSecret: string | undefined };
  redisUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  role: ProcessRole;
  /** Seed demo data when the database is empty. */
  seedOnStart: boolean;
  /** bcrypt cost of new password hashes (≥ 10). */
  bcryptCost: number;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean;
  /** Check each answer against its Zod schema too (slower; on outside production). */
  checkResponses: boolean;
  /** The built web application served at /; undefined → apps/web/dist. */
  webDistDir: string | undefined;
  /** Who may read /api/docs: anyone, HuntZen's admins (bearer), or nobody (default in production). */
  apiDocs: ApiDocsAccess;
  /** Bearer token of GET /metrics on the API's port; undefined → not served there. */
  metricsToken: string | undefined;
  /** A port of its own for GET /metrics (any role, the worker's too); undefined → none. */
  metricsPort: number | undefined;
  /** Address the metrics port binds to (default 127.0.0.1: scraped from the same host or network). */
  metricsHost: string;
  /** Audit rows are kept this many days, then purged (AUDIT_RETENTION_DAYS, default 365). */
  auditRetentionDays: number;
}

/** Thrown by `loadConfig`; its message lists every invalid variable, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration (environment variables):\n${problems
        .map((p) => `  - ${p.variable}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a Config, or throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (`FOO=` in a compose file) means "unset", not "the empty string".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.APP_DATABASE_URL,
    dataDir: e.DATA_DIR,
    encryptionKey: e.ENCRYPTION_KEY,
    encryptionPreviousKeys: e.ENCRYPTION_PREVIOUS_KEYS,
    jwtSecret: e.JWT_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    jitsi: { domain: e.JITSI_DOMAIN, appId: e.JITSI_APP_ID, appSecret: e.JITSI_APP_SECRET },
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    role: e.ROLE,
    seedOnStart: e.SEED_ON_START ?? !isProduction,
    bcryptCost: e.BCRYPT_COST,
    trustProxy: e.TRUST_PROXY,
    checkResponses: e.CHECK_RESPONSES ?? !isProduction,
    webDistDir: e.WEB_DIST_DIR,
    apiDocs: e.API_DOCS ?? (isProduction ? 'off' : 'public'),
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
  };
}

/** The raw key material of the process. */
export interface Secrets {
  /** Master key of the encrypted columns (AES-256-GCM). */
  encryptionKey: Buffer;
  /**
   * Keys the encrypted columns may still use after a rotation (ENCRYPTION_PREVIOUS_KEYS and, outside
   * production, DATA_DIR/encryption.previous-keys): decryption only, until `npm run keys:rotate` is done.
   */
  previousEncryptionKeys?: Buffer[];
  /** HMAC key of the access tokens. */
  jwtSecret: Buffer;
}

/** Reads the configured secrets, or outside production generates them once into DATA_DIR. */
export function resolveSecrets(config: Config): Secrets {
  const source = (name: string, value: string | undefined, file: string) =>
    loadOrCreateSecret({
      name,
      value,
      file: path.join(config.dataDir, file),
      production: config.isProduction,
    });
  return {
    encryptionKey: source('ENCRYPTION_KEY', config.encryptionKey, ENCRYPTION_KEY_FILE),
    previousEncryptionKeys: loadPreviousKeys({
      name: 'ENCRYPTION_PREVIOUS_KEYS',
      value: config.encryptionPreviousKeys,
      file: path.join(config.dataDir, PREVIOUS_KEYS_FILE),
      production: config.isProduction,
    }),
    jwtSecret: source('JWT_SECRET', config.jwtSecret, 'jwt.secret'),
  };
}
