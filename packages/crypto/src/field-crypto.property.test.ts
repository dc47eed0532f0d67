// Properties of FieldCipher over arbitrary input (fast-check): what the example tests show for a
// few values holds for any text and any place it is stored.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecryptionError, FieldCipher, keyIdOf, parseStoredJson } from './field-crypto';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const ring = FieldCipher.fromKeys(newKey, [oldKey]);
const old = FieldCipher.fromKeys(oldKey);

/** Any Unicode text: every code point (no lone surrogates, which UTF-8 cannot carry), or graphemes. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
);
/** Table and column names are any text without ':' (the separator of the associated data). */
const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => !s.includes(':'));
const context = fc.record({ table: name, column: name, rowId: fc.oneof(fc.uuid(), text) });

describe('FieldCipher properties', () => {
  it('decrypts what it encrypted, for any text and context', () => {
    fc.assert(
      fc.property(text, context, (plaintext, ctx) => {
        expect(ring.decrypt(ring.encrypt(plaintext, ctx), ctx)).toBe(plaintext);
        expect(ring.decryptJson(ring.encryptToJson(plaintext, ctx), ctx)).toBe(plaintext);
      }),
    );
  });

  it('decrypts under a previous key, and after re-encryption under the new key alone', () => {
    const current = FieldCipher.fromKeys(newKey);
    fc.assert(
      fc.property(text, context, (plaintext, ctx) => {
        const sealed = old.encrypt(plaintext, ctx);
        expect(ring.decrypt(sealed, ctx)).toBe(plaintext);
        expect(current.decrypt(ring.reencrypt(sealed, ctx), ctx)).toBe(plaintext);
      }),
    );
  });

  it('never gives two encryptions the same IV, even of the same text in the same place', () => {
    const seen = new Set<string>();
    let count = 0;
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 40 }), context, (plaintexts, ctx) => {
        for (const plaintext of [...plaintexts, ...plaintexts]) {
          seen.add(ring.encrypt(plaintext, ctx).iv);
          count++;
        }
        expect(seen.size).toBe(count);
      }),
    );
  });

  // The stored format, pinned against node:crypto used directly: AES-256-GCM over the UTF-8 of the
  // text, associated data the UTF-8 of `huntzen:v1:<table>:<column>:<rowId>` (whatever shortcuts
  // FieldCipher takes to build it), base64 parts, `<key id>.` before the ciphertext.
  it('writes and reads the format of node:crypto used directly, for any text and context', () => {
    const rowId = fc.oneof(
      fc.uuid(),
      text,
      fc.constantFrom('\ud800', '\udc00x', 'café', 'ÿ', 'é/😀', 'a'.repeat(400)),
    );
    fc.assert(
      fc.property(text, fc.record({ table: name, column: name, rowId }), (plaintext, ctx) => {
        const aad = Buffer.from(`huntzen:v1:${ctx.table}:${ctx.column}:${ctx.rowId}`, 'utf8');
        const sealed = ring.encrypt(plaintext, ctx);
        const decipher = createDecipheriv('aes-256-gcm', newKey, Buffer.from(sealed.iv, 'base64'));
        decipher.setAAD(aad);
        decipher.setAuthTag(Buffer.from(sealed.authTag, 'base64'));
        const [id, body] = sealed.encryptedContent.split('.') as [string, string];
        expect(id).toBe(keyIdOf(newKey));
        const opened = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
        expect(opened.toString('utf8')).toBe(plaintext);

        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', oldKey, iv);
        cipher.setAAD(aad);
        const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
        const field = {
          encryptedContent: `${keyIdOf(oldKey)}.${ciphertext.toString('base64')}`,
          iv: iv.toString('base64'),
          authTag: cipher.getAuthTag().toString('base64'),
        };
        expect(ring.decrypt(field, ctx)).toBe(Buffer.from(plaintext, 'utf8').toString('utf8'));
      }),
    );
  });

  it('refuses a ciphertext read in any other context', () => {
    fc.assert(
      fc.property(text, context, context, (plaintext, here, elsewhere) => {
        fc.pre(JSON.stringify(here) !== JSON.stringify(elsewhere));
        const sealed = ring.encrypt(plaintext, here);
        expect(() => ring.decrypt(sealed, elsewhere)).toThrow(DecryptionError);
      }),
    );
  });

  // The written JSON form is read without JSON.parse: for any three strings (quotes, backslashes,
  // control characters, any Unicode) and any text at all, it reads what JSON.parse reads.
  it('reads the single-column form as JSON.parse does', () => {
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 60 }));
    fc.assert(
      fc.property(anyText, anyText, anyText, (encryptedContent, iv, authTag) => {
        const stored = JSON.stringify({ encryptedContent, iv, authTag });
        expect(parseStoredJson(stored)).toEqual({ encryptedContent, iv, authTag });
      }),
    );
    const pieces = fc.constantFrom(
      '{"encryptedContent":"',
      '","iv":"',
      '","authTag":"',
      '"}',
      '"',
      '\\',
      'k.x',
      ' ',
      'null',
      ',',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 12 }), (chunks) => {
        const stored = chunks.join('');
        // (JSON.parse refuses a raw control character inside a string; the written form is never one.)
        fc.pre(![...stored].some((c) => c < ' '));
        let expected: unknown;
        try {
          const value = JSON.parse(stored);
          expected =
            typeof value?.encryptedContent === 'string' &&
            typeof value.iv === 'string' &&
            (typeof value.authTag === 'string' || value.authTag === null)
              ? { encryptedContent: value.encryptedContent, iv: value.iv, authTag: value.authTag }
              : 'refused';
        } catch {
          expected = 'refused';
        }
        let actual: unknown;
        try {
          actual = parseStoredJson(stored);
        } catch (error) {
          expect(error).toBeInstanceOf(DecryptionError);
          actual = 'refused';
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
