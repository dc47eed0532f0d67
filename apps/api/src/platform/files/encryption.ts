// Encryption at rest of sensitive files, under a random AES-256 key per file wrapped by the master
// key (FieldCipher) into `files.encryption_key`, the single-column JSON form key rotation re-wraps.
//
// Stored object, version 2 ("HZF2", a STREAM construction like age's or Tink's streaming AEAD):
//   header  = "HZF2" (4 bytes) | plaintext chunk size, uint32 BE (4) | random nonce prefix (7)
//   chunk i = AES-256-GCM(plaintext[i·size, (i+1)·size)) | tag (16)
//   nonce_i = prefix (7) | i, uint32 BE (4) | final flag (1: 0x01 on the last chunk, else 0x00)
//   aad_i   = header (15) | i, uint32 BE (4) | final flag (1) | "huntzen:file:v2:" + file id
// Every chunk is full-size except the last, which holds 0 to `size` bytes and is the only one
// sealed as final. Each chunk is authenticated on its own, so a reader hands out plaintext chunk by
// chunk, never a byte it has not verified; its index stops reordering, the final flag stops
// truncation (a cut at a chunk boundary leaves a last chunk sealed as not final) and appending, the
// file id and per-file key stop swapping objects between rows.
//
// Version 1 ("HZF1", files stored before it): "HZF1" | IV (12) | ciphertext | tag (16), one GCM
// over the whole file with aad "huntzen:file:v1:" + file id. Its tag comes at the very end, so it
// is read and verified whole before any byte of it is handed out.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { FieldCipher } from '@huntzen/crypto';
import { FILE_TYPE_RULES } from './file-types';
import type { FileStorage } from './storage';

const MAGIC_V1 = Buffer.from('HZF1', 'ascii');
const MAGIC_V2 = Buffer.from('HZF2', 'ascii');
const MAGIC_BYTES = 4;
const TAG_BYTES = 16;
const V1_IV_BYTES = 12;
const NONCE_PREFIX_BYTES = 7;
const HEADER_BYTES = MAGIC_BYTES + 4 + NONCE_PREFIX_BYTES;
/** Plaintext bytes per sealed chunk of the files written now. */
export const CHUNK_BYTES = 64 * 1024;
// A header is authenticated only with its first chunk: bound what a forged one makes us buffer.
const MIN_CHUNK_BYTES = 1024;
const MAX_CHUNK_BYTES = 1024 * 1024;
const MAX_CHUNKS = 2 ** 32;
// Version 1 objects are buffered whole: never more than the largest encrypted upload ever accepted.
const MAX_V1_OBJECT_BYTES =
  Math.max(...Object.values(FILE_TYPE_RULES).map((rule) => (rule.encrypted ? rule.maxBytes : 0))) +
  MAGIC_BYTES +
  V1_IV_BYTES +
  TAG_BYTES;
/**
 * Plaintext a download verifies before its response starts: a file this small is checked whole
 * (a failure is a clean error, not a cut transfer); a larger one streams the rest chunk by chunk.
 */
export const VERIFIED_UPFRONT_BYTES = 256 * 1024;

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

/** Size of the stored object (version 2) of a file of `plaintextBytes`. */
export function encryptedSize(plaintextBytes: number): number {
  const chunks = Math.max(1, Math.ceil(plaintextBytes / CHUNK_BYTES));
  return HEADER_BYTES + plaintextBytes + chunks * TAG_BYTES;
}

function chunkNonce(header: Buffer, index: number, final: boolean): Buffer {
  const nonce = Buffer.alloc(NONCE_PREFIX_BYTES + 5);
  header.copy(nonce, 0, MAGIC_BYTES + 4, HEADER_BYTES);
  nonce.writeUInt32BE(index, NONCE_PREFIX_BYTES);
  nonce[NONCE_PREFIX_BYTES + 4] = final ? 1 : 0;
  return nonce;
}

// Fixed-length fields first, the file id (any length) last: no two contexts share an encoding.
function chunkAad(header: Buffer, fileId: string, index: number, final: boolean): Buffer {
  const position = Buffer.alloc(5);
  position.writeUInt32BE(index, 0);
  position[4] = final ? 1 : 0;
  return Buffer.concat([header, position, Buffer.from(`huntzen:file:v2:${fileId}`, 'utf8')]);
}

function sealChunk(
  key: Buffer,
  header: Buffer,
  fileId: string,
  index: number,
  final: boolean,
  plain: Buffer,
) {
  if (index >= MAX_CHUNKS) throw new Error('file too large for its chunk counter');
  const cipher = createCipheriv('aes-256-gcm', key, chunkNonce(header, index, final), {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(chunkAad(header, fileId, index, final));
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function openChunk(
  key: Buffer,
  header: Buffer,
  fileId: string,
  index: number,
  final: boolean,
  sealed: Buffer,
) {
  if (sealed.length < TAG_BYTES) throw new FileDecryptionError('encrypted file is truncated');
  const body = sealed.subarray(0, sealed.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(header, index, final), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(chunkAad(header, fileId, index, final));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    // update() returns plaintext before final() checked the tag: it leaves this function only after.
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new FileDecryptionError();
  }
}

/** A transform that encrypts what flows through it into the stored layout (version 2). */
export function encryptingStream(fileId: string, key: Buffer): Transform {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC_V2.copy(header, 0);
  header.writeUInt32BE(CHUNK_BYTES, MAGIC_BYTES);
  randomBytes(NONCE_PREFIX_BYTES).copy(header, MAGIC_BYTES + 4);
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  let headerSent = false;
  const emit = (stream: Transform, sealed: Buffer) => {
    if (!headerSent) stream.push(header);
    headerSent = true;
    stream.push(sealed);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        // Strictly more than a chunk: the last one must stay behind to be sealed as final.
        while (pending.length > CHUNK_BYTES) {
          emit(this, sealChunk(key, header, fileId, index++, false, pending.subarray(0, CHUNK_BYTES)));
          pending = pending.subarray(CHUNK_BYTES);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        emit(this, sealChunk(key, header, fileId, index, true, pending));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/** Reads a stream by byte counts rather than by the sizes its chunks happen to have. */
class ByteReader {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private ended = false;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Up to `n` bytes: fewer only at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    while (this.bufferedBytes < n && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) this.ended = true;
      else {
        this.buffered.push(next.value);
        this.bufferedBytes += next.value.length;
      }
    }
    const all = Buffer.concat(this.buffered);
    const taken = all.subarray(0, n);
    const rest = all.subarray(taken.length);
    this.buffered = rest.length ? [rest] : [];
    this.bufferedBytes = rest.length;
    return taken;
  }

  /** Stops reading the source (closes a file handle). */
  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

/**
 * The verified plaintext of a stored object, chunk by chunk (version 2) or whole (version 1): each
 * value is yielded only once authenticated. Throws FileDecryptionError at the first failure.
 */
export async function* decryptObject(
  source: AsyncIterable<Buffer>,
  fileId: string,
  key: Buffer,
): AsyncGenerator<Buffer, void, undefined> {
  const reader = new ByteReader(source);
  try {
    const magic = await reader.read(MAGIC_BYTES);
    if (magic.equals(MAGIC_V1)) {
      yield await openVersion1(reader, fileId, key);
      return;
    }
    if (!magic.equals(MAGIC_V2)) throw new FileDecryptionError('unknown encrypted file format');
    const rest = await reader.read(HEADER_BYTES - MAGIC_BYTES);
    if (rest.length < HEADER_BYTES - MAGIC_BYTES)
      throw new FileDecryptionError('encrypted file is truncated');
    const header = Buffer.concat([magic, rest]);
    const chunkBytes = header.readUInt32BE(MAGIC_BYTES);
    if (chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES)
      throw new FileDecryptionError('invalid chunk size');
    const sealedBytes = chunkBytes + TAG_BYTES;
    let index = 0;
    let current = await reader.read(sealedBytes);
    // A full-size chunk is the last only if nothing follows it: read one ahead before opening it.
    while (current.length === sealedBytes) {
      const next = await reader.read(sealedBytes);
      if (next.length === 0) break;
      yield openChunk(key, header, fileId, index, false, current);
      index += 1;
      if (index >= MAX_CHUNKS) throw new FileDecryptionError('too many chunks');
      current = next;
    }
    yield openChunk(key, header, fileId, index, true, current);
  } finally {
    await reader.close();
  }
}

async function openVersion1(reader: ByteReader, fileId: string, key: Buffer): Promise<Buffer> {
  const rest = await reader.read(MAX_V1_OBJECT_BYTES - MAGIC_BYTES + 1);
  if (rest.length > MAX_V1_OBJECT_BYTES - MAGIC_BYTES)
    throw new FileDecryptionError('encrypted file too large');
  if (rest.length < V1_IV_BYTES + TAG_BYTES) throw new FileDecryptionError('encrypted file is truncated');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, rest.subarray(0, V1_IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(`huntzen:file:v1:${fileId}`, 'utf8'));
    decipher.setAuthTag(rest.subarray(rest.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(rest.subarray(V1_IV_BYTES, rest.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new FileDecryptionError();
  }
}

/**
 * The plaintext of an encrypted object, for a download. The first VERIFIED_UPFRONT_BYTES (all of
 * a small file, all of a version 1 file) are verified before this resolves, so a failure there is a
 * FileDecryptionError thrown before any response starts. The rest streams, each chunk verified
 * before it is pushed; a failure destroys the stream with FileDecryptionError, which ends the
 * response short (the client sees a cut transfer, never a complete file of unverified bytes).
 */
export async function decryptedStream(
  storage: FileStorage,
  storageKey: string,
  fileId: string,
  key: Buffer,
): Promise<Readable> {
  const chunks = decryptObject(await storage.get(storageKey), fileId, key);
  const verified: Buffer[] = [];
  let verifiedBytes = 0;
  let complete = false;
  while (verifiedBytes < VERIFIED_UPFRONT_BYTES) {
    const next = await chunks.next(); // closes the source when it throws
    if (next.done) {
      complete = true;
      break;
    }
    verified.push(next.value);
    verifiedBytes += next.value.length;
  }
  if (complete) return Readable.from(verified, { objectMode: false });
  async function* all() {
    try {
      yield* verified;
      yield* chunks;
    } finally {
      await chunks.return(); // a client gone before the end: close the source
    }
  }
  return Readable.from(all(), { objectMode: false });
}
