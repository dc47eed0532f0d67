// Where the master key comes from: ENCRYPTION_KEY (base64, 32 bytes) — required in production —
// or, in development and tests, a key generated once into DATA_DIR so data survives restarts.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SecretSource {
  /** The configured value (base64 of 32 bytes), if any. */
  value?: string | undefined;
  /** File under DATA_DIR holding a generated value. */
  file: string;
  production: boolean;
  name: string;
}

/** Decodes a base64 secret of exactly 32 bytes, or explains what is wrong. */
export function decodeKey(value: string, name: string): Buffer {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32)
    throw new Error(`${name} must be 32 bytes encoded in base64 (got ${key.length} bytes)`);
  return key;
}

/** Returns the configured secret, or the generated one kept in DATA_DIR outside production. */
export function loadOrCreateSecret(source: SecretSource): Buffer {
  if (source.value) return decodeKey(source.value, source.name);
  if (source.production) throw new Error(`${source.name} is required when NODE_ENV=production`);
  if (existsSync(source.file)) return decodeKey(readFileSync(source.file, 'utf8'), source.file);
  const key = randomBytes(32);
  mkdirSync(path.dirname(source.file), { recursive: true });
  try {
    writeFileSync(source.file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process created it first: use theirs, so both agree on one key.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return decodeKey(readFileSync(source.file, 'utf8'), source.file);
  }
}
