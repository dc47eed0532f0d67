// Properties of FieldCipher over arbitrary input (fast-check): what the example tests show for a
// few values holds for any text and any place it is stored.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecryptionError, FieldCipher, parseStoredJson } from './field-crypto';

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
