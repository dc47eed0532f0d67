// AES-256-GCM for encrypted columns (messages, clinical notes, journal entries, 2FA secrets, file keys).
// Stored form, in the spec's three columns:
//   encryptedContent = "<keyId>.<base64 ciphertext>"   iv = base64 96-bit nonce   authTag = base64 tag
// or, where the spec has a single column (users.two_factor_secret, files.encryption_key), the JSON
// of those three fields. The associated data binds a ciphertext to its table, column and row:
// copied elsewhere, it fails. The key id says which key of the ring opens it (rotation).
import { createHash, randomFillSync } from 'node:crypto';
import { DecryptionError, IV_BYTES, openAes256Gcm, sealAes256Gcm } from './aes-gcm';

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

function aad(ctx: FieldContext): Buffer {
  // ':' separates the parts: inside a table or column name it would make two contexts collide.
  // The row id comes last, so it may hold anything.
  if (ctx.table.includes(':') || ctx.column.includes(':'))
    throw new Error('a table or column name of an encrypted field cannot contain ":"');
  return Buffer.from(`huntzen:v1:${ctx.table}:${ctx.column}:${ctx.rowId}`, 'utf8');
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
    const { ciphertext, tag } = sealAes256Gcm(this.current.key, iv, Buffer.from(plaintext, 'utf8'), aad(ctx));
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
      const body = Buffer.from(field.encryptedContent.slice(keyId.length + 1), 'base64');
      const iv = Buffer.from(field.iv, 'base64');
      const tag = Buffer.from(field.authTag ?? '', 'base64');
      return openAes256Gcm(key, iv, body, aad(ctx), tag).toString('utf8');
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

/** Reads the single-column JSON form back into its three fields, or throws DecryptionError. */
export function parseStoredJson(stored: string): StoredField {
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
