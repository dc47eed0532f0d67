import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveSecrets } from './config';

const KEY = Buffer.alloc(32, 3).toString('base64');

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted an invalid environment');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      dataDir: '.data',
      mailFrom: 'HuntZen <no-reply@huntzen.care>',
      jitsi: { domain: 'meet.jit.si' },
      logLevel: 'info',
      role: 'all',
      seedOnStart: true,
    });
  });

  it('derives PUBLIC_URL from PORT, treats empty variables as unset and parses booleans', () => {
    const config = loadConfig({ PORT: '4100', DATABASE_URL: '', SEED_ON_START: 'false', ROLE: 'web' });
    expect(config.publicUrl).toBe('http://localhost:4100');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.seedOnStart).toBe(false);
    expect(config.role).toBe('web');
    expect(loadConfig({ PUBLIC_URL: 'https://app.huntzen.care/' }).publicUrl).toBe(
      'https://app.huntzen.care',
    );
  });

  it('lists every invalid variable in one readable message, without echoing secrets', () => {
    const error = configError({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/db',
      ENCRYPTION_KEY: 'c2hvcnQ=',
      NODE_ENV: 'staging',
      ROLE: 'cron',
      SEED_ON_START: 'maybe',
    });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(
      ['DATABASE_URL', 'ENCRYPTION_KEY', 'NODE_ENV', 'PORT', 'ROLE', 'SEED_ON_START'].sort(),
    );
    expect(error.message).toMatch(/^Invalid configuration/);
    expect(error.message).toContain('  - PORT: must be a TCP port number');
    expect(error.message).toContain('  - ENCRYPTION_KEY: must be 32 random bytes encoded in base64');
    expect(error.message).not.toContain('c2hvcnQ=');
  });

  it('requires both secrets in production and does not seed there by default', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.problems).toEqual([
      { variable: 'ENCRYPTION_KEY', message: 'is required in production' },
      { variable: 'JWT_SECRET', message: 'is required in production' },
    ]);
    const config = loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEY: KEY, JWT_SECRET: KEY });
    expect(config.isProduction).toBe(true);
    expect(config.seedOnStart).toBe(false);
  });

  it('wants the Jitsi application id and secret together', () => {
    expect(configError({ JITSI_APP_ID: 'huntzen' }).problems[0]?.variable).toBe('JITSI_APP_SECRET');
  });
});

describe('resolveSecrets', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'huntzen-config-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('generates the secrets into DATA_DIR once, then reuses them', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = resolveSecrets(config);
    expect(first.encryptionKey).toHaveLength(32);
    expect(first.jwtSecret).toHaveLength(32);
    expect(first.encryptionKey.equals(first.jwtSecret)).toBe(false);
    const stored = await readFile(path.join(dataDir, 'encryption.key'), 'utf8');
    expect(Buffer.from(stored.trim(), 'base64').equals(first.encryptionKey)).toBe(true);
    const second = resolveSecrets(config);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect(second.jwtSecret.equals(first.jwtSecret)).toBe(true);
  });

  it('uses the configured values as they are', () => {
    const secrets = resolveSecrets(loadConfig({ DATA_DIR: dataDir, ENCRYPTION_KEY: KEY, JWT_SECRET: KEY }));
    expect(secrets.encryptionKey.equals(Buffer.from(KEY, 'base64'))).toBe(true);
  });

  it('reads the previous encryption keys from the environment and, outside production, DATA_DIR', async () => {
    const [listed, retired] = [Buffer.alloc(32, 4), Buffer.alloc(32, 5)];
    await writeFile(path.join(dataDir, 'encryption.previous-keys'), `${retired.toString('base64')}\n`);
    const env = {
      DATA_DIR: dataDir,
      ENCRYPTION_KEY: KEY,
      JWT_SECRET: KEY,
      ENCRYPTION_PREVIOUS_KEYS: listed.toString('base64'),
    };
    const dev = resolveSecrets(loadConfig(env));
    expect(dev.previousEncryptionKeys).toEqual([listed, retired]);
    const prod = resolveSecrets(loadConfig({ ...env, NODE_ENV: 'production' }));
    expect(prod.previousEncryptionKeys).toEqual([listed]);
    expect(configError({ ENCRYPTION_PREVIOUS_KEYS: `${KEY},c2hvcnQ=` }).problems).toEqual([
      {
        variable: 'ENCRYPTION_PREVIOUS_KEYS',
        message: 'must be keys of 32 random bytes encoded in base64, separated by commas',
      },
    ]);
  });
});

describe('npm start with a bad environment', () => {
  it('exits at once with status 1 and the list of problems', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts', '--role=cron'], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: 'eighty', DATA_DIR: path.join(tmpdir(), 'huntzen-never-created') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('  - PORT: ');
    expect(result.stderr).toContain('  - ROLE: ');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
