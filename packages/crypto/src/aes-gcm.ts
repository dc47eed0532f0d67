// The raw AES-256-GCM primitive under FieldCipher, kept apart so that it can be checked against
// the published known-answer vectors (GCM specification, NIST CAVP) without the stored format
// around it. Internal to the package: the rest of the code goes through FieldCipher.
import { createCipheriv, createDecipheriv } from 'node:crypto';

/** 96-bit nonces: the size GCM is defined for without hashing the IV (SP 800-38D §8.2.1). */
export const IV_BYTES = 12;
/** Full 128-bit tags: shorter ones weaken authentication (SP 800-38D Appendix C). */
export const TAG_BYTES = 16;

/** Thrown when a ciphertext cannot be authenticated: tampered, moved, or under an unknown key. */
export class DecryptionError extends Error {
  /** Where the field belongs (table, column, row id), set by FieldCipher: ids only, for the alert log. */
  field?: { table: string; column: string; rowId: string };

  constructor(message = 'encrypted field failed authentication') {
    super(message);
    this.name = 'DecryptionError';
  }
}

/** `update` then `final`: GCM is a stream mode, so `final` is empty and copying both is wasted. */
function finish(body: Buffer, rest: Buffer): Buffer {
  return rest.length === 0 ? body : Buffer.concat([body, rest]);
}

/** AES-256-GCM encryption of `plaintext` with `aad` authenticated alongside; returns ciphertext and tag. */
export function sealAes256Gcm(
  key: Buffer,
  iv: Buffer,
  plaintext: Uint8Array,
  aad: Uint8Array,
): { ciphertext: Buffer; tag: Buffer } {
  if (iv.length !== IV_BYTES) throw new Error(`AES-GCM nonces here have ${IV_BYTES} bytes, got ${iv.length}`);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  return { ciphertext: finish(cipher.update(plaintext), cipher.final()), tag: cipher.getAuthTag() };
}

/** AES-256-GCM decryption; throws DecryptionError unless the tag authenticates ciphertext and `aad`. */
export function openAes256Gcm(
  key: Buffer,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  aad: Uint8Array,
  tag: Uint8Array,
): Buffer {
  // Node accepts shorter tags unless told otherwise: a truncated tag must not pass.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new DecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return finish(decipher.update(ciphertext), decipher.final());
  } catch {
    throw new DecryptionError();
  }
}
