// AES-256-GCM for encrypted columns (messages, clinical notes, journal entries, 2FA secrets, file keys).
// Stored form, in the spec's three columns:
//   encryptedContent = "<keyId>.<base64 ciphertext>"   iv = base64 96-bit nonce   authTag = base64 tag
// or, where the spec has a single column (users.two_factor_secret, files.encryption_key), the JSON
// of those three fields. The associated data binds a ciphertext to its table, column and row:
// copied elsewhere, it fails. The key id says which key of the ring opens it (rotation).
import { isAscii } from 'node:buffer';
import { createHash, randomFillSync } from 'node:crypto';
import { DecryptionError, IV_BYTES, openAes256Gcm, sealAes256Gcm, TAG_BYTES } from './aes-gcm';

export { DecryptionError } from './aes-gcm';

export interface EncryptedField {
  encryptedContent: string;
  iv: string;
  authTag: string;
}

/** A stored field as read back: the spec lets `auth_tag` be NULL (which never authenticates). */
export interface StoredField {
  encryptedContent: string;
  iv: string;
  authTag: string | null;
}

/** Where a ciphertext belongs; part of the authenticated data. */
export interface FieldContext {
  table: string;
  column: string;
  rowId: string;
}

export interface MasterKey {
  id: string;
  key: Buffer;
}

/** A stable short id of a key (first 8 hex of its SHA-256), stored with each ciphertext. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Builds a master key from 32 raw bytes. */
export function masterKey(key: Buffer): MasterKey {
  if (key.length !== 32) throw new Error(`an AES-256 key has 32 bytes, got ${key.length}`);
  return { id: keyIdOf(key), key };
}

// Fresh IVs are cut from a block of CSPRNG output filled 4 KB at a time: one call into OpenSSL per
// 341 encryptions instead of one each (as Node's randomUUID does). A block is never refilled: each
// IV is its own slice of a block used once, so no two encryptions can share an IV's bytes.
const IV_BLOCK = IV_BYTES * 341;
let ivBlock = Buffer.alloc(0);
let ivOffset = 0;

function freshIv(): Buffer {
  if (ivOffset + IV_BYTES > ivBlock.length) {
    ivBlock = randomFillSync(Buffer.allocUnsafeSlow(IV_BLOCK));
    ivOffset = 0;
  }
  const iv = ivBlock.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

/**
 * The start of the associated data of a table's column, `huntzen:v1:<table>:<column>:`, in UTF-8.
 * Checked and encoded once per pair, not per call (issue #13): the names are constants of the code,
 * a few dozen pairs; the cache is bounded all the same, in case some caller builds them.
 */
const aadPrefixes = new Map<string, Map<string, Buffer>>();
let aadPrefixCount = 0;
const AAD_PREFIX_LIMIT = 256;

function aadPrefix(table: string, column: string): Buffer {
  const known = aadPrefixes.get(table)?.get(column);
  if (known) return known;
  // ':' separates the parts: inside a table or column name it would make two contexts collide.
  // The row id comes last, so it may hold anything.
  if (table.includes(':') || column.includes(':'))
    throw new Error('a table or column name of an encrypted field cannot contain ":"');
  const prefix = Buffer.from(`huntzen:v1:${table}:${column}:`, 'utf8');
  if (aadPrefixCount >= AAD_PREFIX_LIMIT) {
    aadPrefixes.clear();
    aadPrefixCount = 0;
  }
  let columns = aadPrefixes.get(table);
  if (!columns) {
    columns = new Map();
    aadPrefixes.set(table, columns);
  }
  columns.set(column, prefix);
  aadPrefixCount++;
  return prefix;
}

// Encryption and decryption put their inputs (plaintext and associated data; ciphertext, IV, tag
// and associated data) in this scratch space instead of a new Buffer each (issue #13): node:crypto
// copies or consumes every input before it returns (createCipheriv, setAAD, setAuthTag, update),
// and both are synchronous, so the space is free again when they return. What may not fit (a
// field over 16 KB, a plaintext over 5 461 characters, a long row id) takes a Buffer of its own,
// as before. The inputs are passed as plain Uint8Array views on the space, cheaper to make than a
// Buffer's subarray. Outputs never go through it: node:crypto returns them in Buffers of their own.
const BODY_ROOM = 16 * 1024;
const IV_ROOM = 16;
const TAG_ROOM = 32;
const AAD_ROOM = 1024;
const IV_AT = BODY_ROOM;
const TAG_AT = IV_AT + IV_ROOM;
const AAD_AT = TAG_AT + TAG_ROOM;
const scratch = Buffer.allocUnsafeSlow(AAD_AT + AAD_ROOM);
const bodyRoom = scratch.subarray(0, BODY_ROOM);
const ivRoom = scratch.subarray(IV_AT, IV_AT + IV_ROOM);
const tagRoom = scratch.subarray(TAG_AT, TAG_AT + TAG_ROOM);
// An IV and a tag of the only valid sizes, in views made once (no view per call).
const ivView = ivRoom.subarray(0, IV_BYTES);
const tagView = tagRoom.subarray(0, TAG_BYTES);

/** The first `length` bytes of the room at `at` of the scratch space. */
function scratchView(at: number, length: number): Uint8Array {
  return new Uint8Array(scratch.buffer, scratch.byteOffset + at, length);
}

/**
 * `text` base64-decoded: into the body room when it surely fits, else into a Buffer of its own.
 * The bytes are those of `Buffer.from(text, 'base64')` (same decoder; it never writes more than 3
 * bytes per 4 characters, so a room that holds that much truncates nothing).
 */
function bodyBytes(text: string): Uint8Array {
  if ((text.length * 3) >>> 2 > BODY_ROOM) return Buffer.from(text, 'base64');
  return scratchView(0, bodyRoom.write(text, 'base64'));
}

/** `text` base64-decoded into `view` when it decodes to exactly `view.length` bytes, else null. */
function fixedBase64Bytes(text: string, room: Buffer, view: Buffer): Buffer | null {
  if ((text.length * 3) >>> 2 > room.length) return null; // more bytes than any valid one
  return room.write(text, 'base64') === view.length ? view : null;
}

/**
 * The associated data of `ctx`, `huntzen:v1:<table>:<column>:<rowId>` in UTF-8: the cached prefix
 * and the row id, in the scratch space when they surely fit (3 bytes per UTF-16 unit). An ASCII
 * row id (a UUID, `<uuid>/<uuid>`) is copied by a loop here rather than by a call into Node's
 * encoder, which costs more for so few characters. The bytes are those of the whole text encoded
 * at once: the prefix ends with ':', so nothing straddles the junction (not even a lone surrogate).
 */
function scratchAad(ctx: FieldContext): Uint8Array {
  const prefix = aadPrefix(ctx.table, ctx.column);
  const rowId = ctx.rowId;
  if (prefix.length + rowId.length * 3 > AAD_ROOM) return Buffer.concat([prefix, Buffer.from(rowId, 'utf8')]);
  scratch.set(prefix, AAD_AT);
  const start = AAD_AT + prefix.length;
  for (let i = 0; i < rowId.length; i++) {
    const code = rowId.charCodeAt(i);
    if (code >= 0x80) return scratchView(AAD_AT, prefix.length + scratch.write(rowId, start, 'utf8'));
    scratch[start + i] = code;
  }
  return scratchView(AAD_AT, prefix.length + rowId.length);
}

/**
 * A plaintext's bytes as text. ASCII (2FA secrets, file keys, JSON, English notes) is read as
 * Latin-1, which maps each of its bytes to the same character as UTF-8 does, without UTF-8's
 * validation pass; anything else as UTF-8 (the ASCII check stops at its first other byte).
 */
function utf8Text(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** A keyring: encrypts under `current`, decrypts under any key it holds (rotation). */
export class FieldCipher {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    readonly current: MasterKey,
    previous: MasterKey[] = [],
  ) {
    for (const k of [current, ...previous]) {
      const known = this.keys.get(k.id);
      // 32-bit ids: two different keys sharing one is unlikely but would make rows unreadable.
      if (known && !known.equals(k.key))
        throw new Error(`two different encryption keys share the id ${k.id}: replace one of them`);
      this.keys.set(k.id, k.key);
    }
  }

  /** A keyring from raw 32-byte keys: the current one and those still accepted for decryption. */
  static fromKeys(current: Buffer, previous: Buffer[] = []): FieldCipher {
    return new FieldCipher(masterKey(current), previous.map(masterKey));
  }

  /** Ids of every key this ring decrypts with, the current one first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** Encrypts `plaintext` under the current key with a fresh random 96-bit IV. */
  encrypt(plaintext: string, ctx: FieldContext): EncryptedField {
    const iv = freshIv();
    const aad = scratchAad(ctx);
    // The plaintext's UTF-8 in the body room when it surely fits (3 bytes per UTF-16 unit), wiped
    // once sealed so that the space does not keep the last plaintext until the next call.
    const inRoom = plaintext.length * 3 <= BODY_ROOM;
    const bytes = inRoom ? scratchView(0, bodyRoom.write(plaintext, 'utf8')) : Buffer.from(plaintext, 'utf8');
    let sealed: { ciphertext: Buffer; tag: Buffer };
    try {
      sealed = sealAes256Gcm(this.current.key, iv, bytes, aad);
    } finally {
      if (inRoom) bytes.fill(0);
    }
    const { ciphertext, tag } = sealed;
    return {
      encryptedContent: `${this.current.id}.${ciphertext.toString('base64')}`,
      iv: iv.toString('base64'),
      authTag: tag.toString('base64'),
    };
  }

  /** Decrypts, or throws DecryptionError — never returns garbage. */
  decrypt(field: StoredField, ctx: FieldContext): string {
    try {
      const keyId = FieldCipher.keyIdOf(field);
      const key = this.keys.get(keyId);
      if (!key) throw new DecryptionError(`encrypted field uses an unknown key (id "${keyId}")`);
      const body = bodyBytes(field.encryptedContent.slice(keyId.length + 1));
      const iv = fixedBase64Bytes(field.iv, ivRoom, ivView);
      const tag = fixedBase64Bytes(field.authTag ?? '', tagRoom, tagView);
      // (A NULL tag, or an IV or tag of another size, never authenticates: openAes256Gcm refuses them too.)
      if (!iv || !tag) throw new DecryptionError();
      return utf8Text(openAes256Gcm(key, iv, body, scratchAad(ctx), tag));
    } catch (error) {
      // Which row failed is what an operator needs to investigate; the context holds no content.
      if (error instanceof DecryptionError) error.field ??= { ...ctx };
      throw error;
    }
  }

  /** True when `field` is already under the current key (nothing for a rotation to do). */
  isCurrent(field: { encryptedContent: string }): boolean {
    return FieldCipher.keyIdOf(field) === this.current.id;
  }

  /** Opens `field` under whichever key it uses and seals it again under the current key. */
  reencrypt(field: StoredField, ctx: FieldContext): EncryptedField {
    return this.encrypt(this.decrypt(field, ctx), ctx);
  }

  /** Encrypts into the single-column form: the JSON of {encryptedContent, iv, authTag}. */
  encryptToJson(plaintext: string, ctx: FieldContext): string {
    return JSON.stringify(this.encrypt(plaintext, ctx));
  }

  /** Decrypts the single-column form; malformed JSON is a DecryptionError too. */
  decryptJson(stored: string, ctx: FieldContext): string {
    let field: StoredField;
    try {
      field = parseStoredJson(stored);
    } catch (error) {
      if (error instanceof DecryptionError) error.field ??= { ...ctx };
      throw error;
    }
    return this.decrypt(field, ctx);
  }

  /** Key id a stored field was encrypted under ('' when it has none). */
  static keyIdOf(field: { encryptedContent: string }): string {
    return field.encryptedContent.slice(0, Math.max(0, field.encryptedContent.indexOf('.')));
  }
}

// The single-column form as encryptToJson writes it: JSON.stringify of the three fields in this
// order, whose values (a hex key id, '.', base64) need no escape, so each lies between two quotes.
const JSON_HEAD = '{"encryptedContent":"';
const JSON_IV = '","iv":"';
const JSON_TAG = '","authTag":"';
const JSON_TAIL = '"}';

/**
 * The three fields of `stored` when it has exactly the written form, read with a few searches for
 * '"' instead of JSON.parse, which copies the 1 KB+ ciphertext string (issue #13); undefined for
 * anything else (escapes, spaces, other key orders, a null tag), which JSON.parse then reads. The
 * strings are those JSON.parse would return: with no backslash there is no escape, and each value
 * ends at the first quote. (JSON.parse would also refuse a raw control character inside a value;
 * here it reaches the base64 decoder, which skips it as it skips one in the three-column form:
 * the bytes decoded, and so what authenticates, are the same.)
 */
function parseWrittenForm(stored: string): StoredField | undefined {
  if (!stored.startsWith(JSON_HEAD) || !stored.endsWith(JSON_TAIL) || stored.includes('\\')) return undefined;
  const contentEnd = stored.indexOf('"', JSON_HEAD.length);
  if (contentEnd < 0 || !stored.startsWith(JSON_IV, contentEnd)) return undefined;
  const ivStart = contentEnd + JSON_IV.length;
  const ivEnd = stored.indexOf('"', ivStart);
  if (ivEnd < 0 || !stored.startsWith(JSON_TAG, ivEnd)) return undefined;
  const tagStart = ivEnd + JSON_TAG.length;
  const tagEnd = stored.length - JSON_TAIL.length;
  if (tagEnd < tagStart || stored.indexOf('"', tagStart) !== tagEnd) return undefined;
  return {
    encryptedContent: stored.slice(JSON_HEAD.length, contentEnd),
    iv: stored.slice(ivStart, ivEnd),
    authTag: stored.slice(tagStart, tagEnd),
  };
}

/** Reads the single-column JSON form back into its three fields, or throws DecryptionError. */
export function parseStoredJson(stored: string): StoredField {
  const written = parseWrittenForm(stored);
  if (written) return written;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    throw new DecryptionError('encrypted field is not valid JSON');
  }
  const v = value as Partial<Record<keyof StoredField, unknown>> | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.encryptedContent !== 'string' ||
    typeof v.iv !== 'string' ||
    (typeof v.authTag !== 'string' && v.authTag !== null)
  )
    throw new DecryptionError('encrypted field JSON lacks encryptedContent, iv or authTag');
  return { encryptedContent: v.encryptedContent, iv: v.iv, authTag: v.authTag };
}
