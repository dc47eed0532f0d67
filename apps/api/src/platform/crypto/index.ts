// Field encryption of the application: the FieldCipher of @huntzen/crypto under the master key of
// this process (ENCRYPTION_KEY, or the key generated into DATA_DIR outside production).
import { FieldCipher, masterKey } from '@huntzen/crypto';
import type { FastifyInstance } from 'fastify';

export { DecryptionError, type EncryptedField, FieldCipher, type FieldContext } from '@huntzen/crypto';

declare module 'fastify' {
  interface FastifyInstance {
    /** Encrypts and decrypts the encrypted columns (AES-256-GCM, AAD = table/column/row). */
    cipher: FieldCipher;
  }
}

/** Decorates `app` with the field cipher of `encryptionKey`. */
export function installCrypto(app: FastifyInstance, encryptionKey: Buffer): void {
  app.decorate('cipher', new FieldCipher(masterKey(encryptionKey)));
}
