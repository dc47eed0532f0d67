// Field encryption of the application: the FieldCipher of @huntzen/crypto under the master key of
// this process (ENCRYPTION_KEY, or the key generated into DATA_DIR outside production), which also
// opens what the previous keys encrypted (ENCRYPTION_PREVIOUS_KEYS, DATA_DIR/encryption.previous-keys)
// until `npm run keys:rotate` has moved every row to the current key.
import { FieldCipher } from '@huntzen/crypto';
import type { FastifyInstance } from 'fastify';

export {
  DecryptionError,
  type EncryptedField,
  FieldCipher,
  type FieldContext,
  type StoredField,
} from '@huntzen/crypto';

declare module 'fastify' {
  interface FastifyInstance {
    /** Encrypts under the current key and decrypts under any key of the ring (AES-256-GCM, AAD = table/column/row). */
    cipher: FieldCipher;
  }
}

/** Decorates `app` with the field cipher: encrypts under `encryptionKey`, also decrypts under `previousKeys`. */
export function installCrypto(
  app: FastifyInstance,
  encryptionKey: Buffer,
  previousKeys: Buffer[] = [],
): void {
  app.decorate('cipher', FieldCipher.fromKeys(encryptionKey, previousKeys));
}
