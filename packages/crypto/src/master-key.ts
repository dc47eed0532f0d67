// Where the keys come from. The master key: ENCRYPTION_KEY (base64, 32 bytes) — required in
// production — or, in development and tests, a key generated once into DATA_DIR so data survives
// restarts. Previous keys (still accepted for decryption during and after a rotation):
// ENCRYPTION_PREVIOUS_KEYS, and outside production DATA_DIR/encryption.previous-keys too.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { keyIdOf } from './field-crypto';

/** Name of the generated master key's file under DATA_DIR (outside production). */
export const ENCRYPTION_KEY_FILE = 'encryption.key';
/** Name of the retired keys' file under DATA_DIR, one base64 key a line (outside production). */
export const PREVIOUS_KEYS_FILE = 'encryption.previous-keys';

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

/**
 * Decodes base64 keys separated by commas, spaces or new lines; `#` starts a comment that runs to
 * the end of its line. Each must be 32 bytes; the same key twice counts once.
 */
export function decodeKeyList(value: string, name: string): Buffer[] {
  const keys: Buffer[] = [];
  const items = value
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .join(',')
    .split(/[\s,]+/)
    .filter(Boolean);
  for (const [i, item] of items.entries()) {
    const key = decodeKey(item, `${name} (key ${i + 1})`);
    if (!keys.some((k) => k.equals(key))) keys.push(key);
  }
  return keys;
}

export interface PreviousKeysSource {
  /** The configured list (ENCRYPTION_PREVIOUS_KEYS), if any. */
  value?: string | undefined;
  /** DATA_DIR/encryption.previous-keys: read outside production only. */
  file: string;
  production: boolean;
  name: string;
}

/**
 * Keys that encrypted data may still use: the configured list and, outside production, those a
 * development rotation retired into DATA_DIR. Both are read so that neither hides the other's.
 */
export function loadPreviousKeys(source: PreviousKeysSource): Buffer[] {
  const keys = source.value ? decodeKeyList(source.value, source.name) : [];
  // In production DATA_DIR may not survive a deployment: keys must come from the configuration.
  if (!source.production && existsSync(source.file)) {
    for (const key of decodeKeyList(readFileSync(source.file, 'utf8'), source.file)) {
      if (!keys.some((k) => k.equals(key))) keys.push(key);
    }
  }
  return keys;
}

/** Writes `text` to `file` at once: readers see the old content or the new, never half of one. */
function replaceFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}

export interface KeyFiles {
  /** DATA_DIR/encryption.key */
  keyFile: string;
  /** DATA_DIR/encryption.previous-keys */
  previousFile: string;
}

/**
 * Development rotation of the generated key: the current key joins the previous keys, then a
 * new random key replaces it. In that order, so an interruption never loses a key.
 */
export function rotateKeyFiles(files: KeyFiles, now = new Date()): { retired: Buffer; current: Buffer } {
  if (!existsSync(files.keyFile))
    throw new Error(`${files.keyFile} does not exist: there is no generated key to rotate`);
  const retired = decodeKey(readFileSync(files.keyFile, 'utf8'), files.keyFile);
  const before = existsSync(files.previousFile) ? readFileSync(files.previousFile, 'utf8') : '';
  const known = before ? decodeKeyList(before, files.previousFile) : [];
  if (!known.some((k) => k.equals(retired))) {
    const line = `${retired.toString('base64')}  # id ${keyIdOf(retired)}, retired ${now.toISOString()}\n`;
    replaceFile(files.previousFile, `${before}${before && !before.endsWith('\n') ? '\n' : ''}${line}`);
  }
  const current = randomBytes(32);
  replaceFile(files.keyFile, `${current.toString('base64')}\n`);
  return { retired, current };
}
