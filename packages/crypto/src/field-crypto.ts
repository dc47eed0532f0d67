// AES-256-GCM for encrypted columns (messages, clinical notes, journal entries, 2FA secrets).
// Stored form, in the spec's three columns:
//   encryptedContent = "<keyId>.<base64 ciphertext>"   iv = base64 96-bit nonce   authTag = base64 tag
// The associated data binds a ciphertext to its table, column and row: copied elsewhere, it fails.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface EncryptedField {
  encryptedContent: string;
  iv: string;
  authTag: string;
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

/** Thrown when a ciphertext cannot be authenticated: tampered, moved, or under an unknown key. */
export class DecryptionError extends Error {
  constructor(message = 'encrypted field failed authentication') {
    super(message);
    this.name = 'DecryptionError';
  }
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

const aad = (ctx: FieldContext) => Buffer.from(`huntzen:v1:${ctx.table}:${ctx.column}:${ctx.rowId}`, 'utf8');

/** A keyring: encrypts under `current`, decrypts under any key it holds (rotation). */
export class FieldCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    readonly current: MasterKey,
    previous: MasterKey[] = [],
  ) {
    this.keys = new Map([...previous, current].map((k) => [k.id, k.key]));
  }

  /** Encrypts `plaintext` with a fresh random 96-bit IV. */
  encrypt(plaintext: string, ctx: FieldContext): EncryptedField {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(aad(ctx));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      encryptedContent: `${this.current.id}.${body.toString('base64')}`,
      iv: iv.toString('base64'),
      authTag: cipher.getAuthTag().toString('base64'),
    };
  }

  /** Decrypts, or throws DecryptionError — never returns garbage. */
  decrypt(
    field: { encryptedContent: string; iv: string; authTag: string | null },
    ctx: FieldContext,
  ): string {
    const dot = field.encryptedContent.indexOf('.');
    const key = dot > 0 ? this.keys.get(field.encryptedContent.slice(0, dot)) : undefined;
    if (!key) throw new DecryptionError('encrypted field uses an unknown key');
    const iv = Buffer.from(field.iv, 'base64');
    const tag = Buffer.from(field.authTag ?? '', 'base64');
    if (iv.length !== 12 || tag.length !== 16) throw new DecryptionError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
      decipher.setAAD(aad(ctx));
      decipher.setAuthTag(tag);
      const body = Buffer.from(field.encryptedContent.slice(dot + 1), 'base64');
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError();
    }
  }

  /** Key id a stored field was encrypted under. */
  static keyIdOf(field: { encryptedContent: string }): string {
    return field.encryptedContent.slice(0, Math.max(0, field.encryptedContent.indexOf('.')));
  }
}
