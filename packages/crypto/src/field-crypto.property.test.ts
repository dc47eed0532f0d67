// Properties of FieldCipher over arbitrary input (fast-check): what the example tests show for a
// few values holds for any text and any place it is stored.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecryptionError, FieldCipher } from './field-crypto';

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
});
