// The keys of a rotation run, read like the application reads them (ENCRYPTION_KEY, else the key
// generated into DATA_DIR; ENCRYPTION_PREVIOUS_KEYS and DATA_DIR/encryption.previous-keys) but
// never generated: a rotation that made up a key would find every row under an "unknown" one.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  decodeKey,
  ENCRYPTION_KEY_FILE,
  loadPreviousKeys,
  PREVIOUS_KEYS_FILE,
  rotateKeyFiles,
} from '@huntzen/crypto';

export interface KeyringEnvironment {
  /** ENCRYPTION_KEY, base64. */
  encryptionKey?: string | undefined;
  /** ENCRYPTION_PREVIOUS_KEYS, comma-separated base64. */
  previousKeys?: string | undefined;
  dataDir: string;
  production: boolean;
}

export interface Keyring {
  current: Buffer;
  previous: Buffer[];
  /** Where the current key came from, for messages. */
  source: string;
}

/** Reads the current and previous keys; throws a readable message when there is no current key. */
export function readKeyring(env: KeyringEnvironment): Keyring {
  const previous = loadPreviousKeys({
    value: env.previousKeys,
    file: path.join(env.dataDir, PREVIOUS_KEYS_FILE),
    production: env.production,
    name: 'ENCRYPTION_PREVIOUS_KEYS',
  });
  if (env.encryptionKey)
    return { current: decodeKey(env.encryptionKey, 'ENCRYPTION_KEY'), previous, source: 'ENCRYPTION_KEY' };
  if (env.production) throw new Error('ENCRYPTION_KEY is required when NODE_ENV=production');
  const file = path.join(env.dataDir, ENCRYPTION_KEY_FILE);
  if (!existsSync(file))
    throw new Error(
      `no encryption key: ENCRYPTION_KEY is not set and ${file} does not exist (is DATA_DIR the application's?)`,
    );
  return { current: decodeKey(readFileSync(file, 'utf8'), file), previous, source: file };
}

/**
 * Development only: a new random key in DATA_DIR/encryption.key, the old one kept in
 * DATA_DIR/encryption.previous-keys. Configured keys are the operator's to change.
 */
export function generateDevelopmentKey(env: KeyringEnvironment): { retired: Buffer; current: Buffer } {
  if (env.production)
    throw new Error(
      '--generate is for development. In production: set ENCRYPTION_KEY to a new key (openssl rand -base64 32) ' +
        'and add the old one to ENCRYPTION_PREVIOUS_KEYS on every instance, restart them, then run keys:rotate.',
    );
  if (env.encryptionKey)
    throw new Error(
      '--generate replaces the key generated into DATA_DIR, but ENCRYPTION_KEY is set: change it yourself ' +
        '(and move the old one to ENCRYPTION_PREVIOUS_KEYS), restart the application, then run keys:rotate.',
    );
  return rotateKeyFiles({
    keyFile: path.join(env.dataDir, ENCRYPTION_KEY_FILE),
    previousFile: path.join(env.dataDir, PREVIOUS_KEYS_FILE),
  });
}
