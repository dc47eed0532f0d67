// Encryption at rest of sensitive files: AES-256-GCM under a random key per file, applied while
// the upload streams (a 15 MB diploma is never held in memory). Stored object layout:
//   "HZF1" (4 bytes) | IV (12 bytes) | ciphertext | tag (16 bytes)
// The per-file key is wrapped by the master key (FieldCipher) into `files.encryption_key`, in the
// single-column JSON form that key rotation re-wraps. The associated data binds the object to its
// row: an object copied onto another row does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import type { FieldCipher } from '@huntzen/crypto';
import type { FileStorage } from './storage';

const MAGIC = Buffer.from('HZF1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bytes the encryption adds to a file: header (magic + IV) and tag. */
export const ENCRYPTION_OVERHEAD = MAGIC.length + IV_BYTES + TAG_BYTES;
const HEADER_BYTES = MAGIC.length + IV_BYTES;

const contentAad = (fileId: string) => Buffer.from(`huntzen:file:v1:${fileId}`, 'utf8');
const keyContext = (fileId: string) => ({ table: 'files', column: 'encryption_key', rowId: fileId });

/** The stored object of a file failed authentication (tampered, truncated, or another row's). */
export class FileDecryptionError extends Error {
  constructor(message = 'encrypted file failed authentication') {
    super(message);
    this.name = 'FileDecryptionError';
  }
}

/** A fresh random AES-256 key for one file. */
export function newFileKey(): Buffer {
  return randomBytes(32);
}

/** The per-file key wrapped by the master key, as stored in `files.encryption_key`. */
export function wrapFileKey(cipher: FieldCipher, fileId: string, key: Buffer): string {
  return JSON.stringify(cipher.encrypt(key.toString('base64'), keyContext(fileId)));
}

/** The per-file key back from `files.encryption_key`; throws when it does not authenticate. */
export function unwrapFileKey(cipher: FieldCipher, fileId: string, stored: string): Buffer {
  let field: { encryptedContent: string; iv: string; authTag: string | null };
  try {
    field = JSON.parse(stored);
  } catch {
    throw new FileDecryptionError('files.encryption_key is not valid JSON');
  }
  const key = Buffer.from(cipher.decrypt(field, keyContext(fileId)), 'base64');
  if (key.length !== 32) throw new FileDecryptionError('a file key has 32 bytes');
  return key;
}

/** A transform that encrypts what flows through it into the stored layout. */
export function encryptingStream(fileId: string, key: Buffer): Transform {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(contentAad(fileId));
  let headerSent = false;
  const header = (stream: Transform) => {
    if (!headerSent) stream.push(Buffer.concat([MAGIC, iv]));
    headerSent = true;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      header(this);
      callback(null, cipher.update(chunk));
    },
    flush(callback) {
      header(this);
      this.push(cipher.final());
      callback(null, cipher.getAuthTag());
    },
  });
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * The plaintext of an encrypted object, streamed. GCM authenticates at the end: a tampered object
 * fails with FileDecryptionError after its bytes went out, so the response is cut short (the
 * client never receives a complete file) rather than buffered whole first.
 */
export async function decryptedStream(
  storage: FileStorage,
  storageKey: string,
  fileId: string,
  key: Buffer,
): Promise<Transform> {
  const size = await storage.size(storageKey);
  if (size < ENCRYPTION_OVERHEAD) throw new FileDecryptionError('encrypted file is truncated');
  const header = await readAll(await storage.get(storageKey, { start: 0, end: HEADER_BYTES - 1 }));
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new FileDecryptionError('unknown format');
  const tag = await readAll(await storage.get(storageKey, { start: size - TAG_BYTES, end: size - 1 }));
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(MAGIC.length), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(contentAad(fileId));
  decipher.setAuthTag(tag);
  const output = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, decipher.update(chunk));
    },
    flush(callback) {
      try {
        callback(null, decipher.final());
      } catch {
        callback(new FileDecryptionError());
      }
    },
  });
  if (size === ENCRYPTION_OVERHEAD) {
    output.end(); // an empty file: nothing between header and tag
    return output;
  }
  const body = await storage.get(storageKey, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 });
  body.on('error', (error) => output.destroy(error));
  return body.pipe(output);
}
