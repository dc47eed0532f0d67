// The encryption key canary (migration 0029): one constant sealed under the master key at the first
// start. Every start, and `npm run db:restore`, opens it before anything else: a database restored
// next to the wrong key is refused instead of failing on every encrypted read (or, worse, getting
// new rows under a key its old rows do not share).
import type { FieldCipher, FieldContext } from '@huntzen/crypto';
import { sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from './actor';
import type { Database } from './client';
import { withActor } from './tenancy';

const PLAINTEXT = 'huntzen-key-canary-v1';
const CONTEXT: FieldContext = { table: 'key_canary', column: 'encrypted_content', rowId: '1' };

/** The key cannot open the canary: the configured key is not the one the data was written with. */
export class KeyMismatchError extends Error {
  override name = 'KeyMismatchError';
}

export type CanaryOutcome =
  /** First start of this database: sealed under the current key. */
  | 'created'
  /** Opened with the current key. */
  | 'verified'
  /** Opened with a previous key, and sealed again under the current one. */
  | 'resealed'
  /** No canary and `create: false` (a backup made before 0029): nothing to check against. */
  | 'absent';

/**
 * Opens the canary with the cipher's keys (creating it on a database that has none), or throws a
 * KeyMismatchError naming the key id the database expects and the ids the process holds.
 */
export async function verifyKeyCanary(
  db: Database,
  cipher: FieldCipher,
  options: { create?: boolean } = {},
): Promise<CanaryOutcome> {
  return withActor(db, SYSTEM_ACTOR, async (tx) => {
    const { rows } = await tx.execute<{ encrypted_content: string; iv: string; auth_tag: string }>(
      sql`select encrypted_content, iv, auth_tag from key_canary where id = 1 for update`,
    );
    const stored = rows[0];
    if (!stored) {
      if (options.create === false) return 'absent';
      const sealed = cipher.encrypt(PLAINTEXT, CONTEXT);
      await tx.execute(sql`insert into key_canary (id, encrypted_content, iv, auth_tag)
        values (1, ${sealed.encryptedContent}, ${sealed.iv}, ${sealed.authTag})
        on conflict (id) do nothing`);
      return 'created';
    }
    const field = { encryptedContent: stored.encrypted_content, iv: stored.iv, authTag: stored.auth_tag };
    let opened: string;
    try {
      opened = cipher.decrypt(field, CONTEXT);
    } catch {
      opened = '';
    }
    if (opened !== PLAINTEXT) {
      throw new KeyMismatchError(
        `the encryption key cannot decrypt this database's key canary: the data was written under key ${keyIdOf0(field.encryptedContent)}, this process holds ${cipher.keyIds.join(', ')}. Set ENCRYPTION_KEY (or DATA_DIR/encryption.key) to the key kept with this database's backups — see docs/operations.md.`,
      );
    }
    if (cipher.isCurrent(field)) return 'verified';
    const sealed = cipher.reencrypt(field, CONTEXT);
    await tx.execute(sql`update key_canary set encrypted_content = ${sealed.encryptedContent},
      iv = ${sealed.iv}, auth_tag = ${sealed.authTag}, updated_at = now() where id = 1`);
    return 'resealed';
  });
}

/** The key id written in front of a ciphertext (`<keyId>.<base64>`). */
function keyIdOf0(encryptedContent: string): string {
  return encryptedContent.split('.', 1)[0] ?? '?';
}
