import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DecryptionError,
  type EncryptedField,
  FieldCipher,
  masterKey,
  parseStoredJson,
} from './field-crypto';

const ctx = { table: 'journal_entries', column: 'encrypted_content', rowId: 'row-1' };
const cipher = new FieldCipher(masterKey(randomBytes(32)));

/** Flips one bit of a base64 value (byte `index`, counted from the end when negative). */
function flip(b64: string, index = 0): string {
  const bytes = Buffer.from(b64, 'base64');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = (bytes[at] ?? 0) ^ 1;
  return bytes.toString('base64');
}

const parts = (field: EncryptedField) => field.encryptedContent.split('.') as [string, string];

describe('FieldCipher', () => {
  it('round-trips text with a fresh IV each time', () => {
    const a = cipher.encrypt('Je me sens mieux aujourd’hui 🌤', ctx);
    const b = cipher.encrypt('Je me sens mieux aujourd’hui 🌤', ctx);
    expect(a.iv).not.toBe(b.iv);
    expect(a.encryptedContent).not.toBe(b.encryptedContent);
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.authTag, 'base64')).toHaveLength(16);
    expect(a.encryptedContent.startsWith(`${cipher.current.id}.`)).toBe(true);
    expect(cipher.decrypt(a, ctx)).toBe('Je me sens mieux aujourd’hui 🌤');
  });

  it('never repeats an IV, across the blocks of random bytes they are cut from', () => {
    // 2 000 encryptions span several 4 KB blocks (341 IVs each): every IV distinct, each 12 bytes.
    const ivs = Array.from({ length: 2000 }, () => cipher.encrypt('x', ctx).iv);
    expect(new Set(ivs).size).toBe(ivs.length);
    expect(ivs.every((iv) => Buffer.from(iv, 'base64').length === 12)).toBe(true);
  });

  it('round-trips the empty string', () => {
    expect(cipher.decrypt(cipher.encrypt('', ctx), ctx)).toBe('');
  });

  it('detects tampering with the IV, the tag or the ciphertext', () => {
    const field = cipher.encrypt('secret de séance', ctx);
    const [kid, body] = parts(field);
    const bodyBytes = Buffer.from(body, 'base64');
    for (const tampered of [
      { ...field, iv: flip(field.iv) },
      { ...field, iv: flip(field.iv, -1) },
      { ...field, iv: Buffer.alloc(12).toString('base64') },
      { ...field, iv: '' },
      { ...field, iv: randomBytes(16).toString('base64') },
      { ...field, authTag: flip(field.authTag) },
      { ...field, authTag: flip(field.authTag, -1) },
      { ...field, authTag: Buffer.from(field.authTag, 'base64').subarray(0, 12).toString('base64') },
      { ...field, authTag: '' },
      { ...field, authTag: null },
      { ...field, encryptedContent: `${kid}.${flip(body)}` },
      { ...field, encryptedContent: `${kid}.${flip(body, -1)}` },
      { ...field, encryptedContent: `${kid}.${bodyBytes.subarray(0, -1).toString('base64')}` },
      {
        ...field,
        encryptedContent: `${kid}.${Buffer.concat([bodyBytes, Buffer.from([0])]).toString('base64')}`,
      },
      { ...field, encryptedContent: `${kid}.` },
    ]) {
      expect(() => cipher.decrypt(tampered, ctx)).toThrow(DecryptionError);
    }
  });

  it('detects a changed key id: another key of the ring, an unknown one, or none', () => {
    const other = masterKey(randomBytes(32));
    const ring = new FieldCipher(masterKey(randomBytes(32)), [other]);
    const field = ring.encrypt('secret', ctx);
    const [, body] = parts(field);
    // Relabelled as the other key of the ring: that key cannot authenticate it.
    expect(() => ring.decrypt({ ...field, encryptedContent: `${other.id}.${body}` }, ctx)).toThrow(
      DecryptionError,
    );
    expect(() => ring.decrypt({ ...field, encryptedContent: `00000000.${body}` }, ctx)).toThrow(
      /unknown key/,
    );
    expect(() => ring.decrypt({ ...field, encryptedContent: body }, ctx)).toThrow(DecryptionError);
    expect(() => ring.decrypt({ ...field, encryptedContent: `.${body}` }, ctx)).toThrow(DecryptionError);
  });

  it('refuses a ciphertext moved to another row, column or table', () => {
    const field = cipher.encrypt('secret', ctx);
    for (const other of [
      { ...ctx, rowId: 'row-2' },
      { ...ctx, rowId: 'row-1 ' },
      { ...ctx, rowId: '' },
      { ...ctx, column: 'iv' },
      { ...ctx, table: 'messages' },
      { ...ctx, table: 'clinical_notes' },
    ]) {
      expect(() => cipher.decrypt(field, other)).toThrow(DecryptionError);
    }
  });

  it('refuses the ciphertexts of two rows swapped, and each half of one moved to the other', () => {
    const row1 = { ...ctx, rowId: '7a0b5a0e-1f43-4f64-a3a2-1c0f7b2b6c11' };
    const row2 = { ...ctx, rowId: '7a0b5a0e-1f43-4f64-a3a2-1c0f7b2b6c12' };
    const one = cipher.encrypt('note of row 1', row1);
    const two = cipher.encrypt('note of row 2', row2);
    expect(() => cipher.decrypt(one, row2)).toThrow(DecryptionError);
    expect(() => cipher.decrypt(two, row1)).toThrow(DecryptionError);
    expect(() => cipher.decrypt({ ...one, iv: two.iv }, row1)).toThrow(DecryptionError);
    expect(() => cipher.decrypt({ ...one, authTag: two.authTag }, row1)).toThrow(DecryptionError);
    expect(() => cipher.decrypt({ ...two, encryptedContent: one.encryptedContent }, row2)).toThrow(
      DecryptionError,
    );
  });

  it('keeps the parts of the associated data apart', () => {
    expect(() => cipher.encrypt('x', { table: 'a:b', column: 'c', rowId: '1' })).toThrow(
      /cannot contain ":"/,
    );
    expect(() => cipher.encrypt('x', { table: 'a', column: 'b:c', rowId: '1' })).toThrow(
      /cannot contain ":"/,
    );
    const withColon = { table: 'files', column: 'encryption_key', rowId: 'a:b' };
    expect(cipher.decrypt(cipher.encrypt('x', withColon), withColon)).toBe('x');
  });

  it('decrypts under a previous key and refuses an unknown one', () => {
    const old = masterKey(randomBytes(32));
    const field = new FieldCipher(old).encrypt('ancien', ctx);
    expect(new FieldCipher(masterKey(randomBytes(32)), [old]).decrypt(field, ctx)).toBe('ancien');
    expect(() => cipher.decrypt(field, ctx)).toThrow(/unknown key/);
  });

  it('re-encrypts a field under the current key, which alone opens it afterwards', () => {
    const old = randomBytes(32);
    const next = randomBytes(32);
    const field = FieldCipher.fromKeys(old).encrypt('à ré-chiffrer', ctx);
    const ring = FieldCipher.fromKeys(next, [old]);
    expect(ring.isCurrent(field)).toBe(false);
    const moved = ring.reencrypt(field, ctx);
    expect(ring.isCurrent(moved)).toBe(true);
    expect(FieldCipher.fromKeys(next).decrypt(moved, ctx)).toBe('à ré-chiffrer');
    expect(ring.keyIds).toEqual([masterKey(next).id, masterKey(old).id]);
  });

  it('accepts the current key listed among the previous ones, and refuses two keys with one id', () => {
    const key = masterKey(randomBytes(32));
    expect(new FieldCipher(key, [key]).keyIds).toEqual([key.id]);
    const impostor = { id: key.id, key: randomBytes(32) };
    expect(() => new FieldCipher(key, [impostor])).toThrow(/share the id/);
  });
});

describe('the single-column JSON form', () => {
  const user = { table: 'users', column: 'two_factor_secret', rowId: 'user-1' };

  it('round-trips and is the JSON of the three fields', () => {
    const stored = cipher.encryptToJson('JBSWY3DPEHPK3PXP', user);
    expect(Object.keys(JSON.parse(stored))).toEqual(['encryptedContent', 'iv', 'authTag']);
    expect(cipher.decryptJson(stored, user)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses it moved to another user or to files.encryption_key', () => {
    const stored = cipher.encryptToJson('JBSWY3DPEHPK3PXP', user);
    expect(() => cipher.decryptJson(stored, { ...user, rowId: 'user-2' })).toThrow(DecryptionError);
    expect(() =>
      cipher.decryptJson(stored, { table: 'files', column: 'encryption_key', rowId: 'user-1' }),
    ).toThrow(DecryptionError);
  });

  it('reports malformed JSON as a DecryptionError', () => {
    for (const bad of [
      '',
      'not json',
      'null',
      '42',
      '{"iv":"x","authTag":"y"}',
      '{"encryptedContent":1,"iv":"x"}',
    ]) {
      expect(() => cipher.decryptJson(bad, user)).toThrow(DecryptionError);
    }
    expect(parseStoredJson('{"encryptedContent":"k.x","iv":"i","authTag":null}').authTag).toBeNull();
  });
});

// Rows written before issue #13's faster decryption (scratch decoding, the written JSON form read
// without JSON.parse) must read back: fields sealed by the earlier implementation, key bytes 0..31.
describe('fields written by the earlier implementation', () => {
  const ring = FieldCipher.fromKeys(Buffer.from(Array.from({ length: 32 }, (_, i) => i)));
  const journal = {
    table: 'journal_entries',
    column: 'encrypted_content',
    rowId: '0b6f3c52-7f5e-4d1a-9a53-52c7c1a8e0b1',
  };

  it('decrypts the three-column form', () => {
    const field = {
      encryptedContent:
        '630dcd29.ay57hpN5o5gDLZidtIynm1G+B9Ip7e6+hng4mTd/3stPZvMEXw3FRpt/lJ1gji4OPHByWORNPjtWehFSYeZTGvk=',
      iv: 'DfyLuYBlFzGzY4Bq',
      authTag: 'fDM+MnLgHa6oDOj8Bh4iOA==',
    };
    expect(ring.decrypt(field, journal)).toBe('Séance du 3 : « le sommeil revient », anxiété en baisse 🌿');
    expect(() => ring.decrypt(field, { ...journal, rowId: 'another-row' })).toThrow(DecryptionError);
  });

  it('decrypts the single-column form, and the same JSON with spaces or in another key order', () => {
    const user = { table: 'users', column: 'two_factor_secret', rowId: 'user-1' };
    const stored =
      '{"encryptedContent":"630dcd29.XaoFffaHtj5lsQPrMefXlw==","iv":"i1d0Kc3g11W5YR8F","authTag":"tpxylV/FztuTML36SfuNUQ=="}';
    expect(ring.decryptJson(stored, user)).toBe('JBSWY3DPEHPK3PXP');
    const parsed = JSON.parse(stored);
    expect(ring.decryptJson(JSON.stringify(parsed, null, 2), user)).toBe('JBSWY3DPEHPK3PXP');
    const reordered = JSON.stringify({
      iv: parsed.iv,
      authTag: parsed.authTag,
      encryptedContent: parsed.encryptedContent,
    });
    expect(ring.decryptJson(reordered, user)).toBe('JBSWY3DPEHPK3PXP');
    // The written form with one more field, or a null tag, is read by JSON.parse (and the tag refused).
    expect(ring.decryptJson(`${stored.slice(0, -1)},"extra":"x"}`, user)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => ring.decryptJson(stored.replace(/"authTag":"[^"]*"/, '"authTag":null'), user)).toThrow(
      DecryptionError,
    );
  });
});

describe('decoding without a buffer per part', () => {
  it('round-trips fields larger than the scratch space, and contexts longer than its room for them', () => {
    const long = 'é'.repeat(20_000);
    expect(cipher.decrypt(cipher.encrypt(long, ctx), ctx)).toBe(long);
    const farRow = { ...ctx, rowId: 'r'.repeat(5000) };
    const field = cipher.encrypt('note', farRow);
    expect(cipher.decrypt(field, farRow)).toBe('note');
    expect(() => cipher.decrypt(field, { ...farRow, rowId: `${'r'.repeat(4999)}s` })).toThrow(
      DecryptionError,
    );
  });

  it('leaves nothing of one field to the next: a short field after a long one, and bad parts after good ones', () => {
    const long = cipher.encrypt('a'.repeat(3000), ctx);
    const short = cipher.encrypt('b', ctx);
    expect(cipher.decrypt(long, ctx)).toBe('a'.repeat(3000));
    expect(cipher.decrypt(short, ctx)).toBe('b');
    // An IV or tag that decodes to a prefix of the previous one's bytes is still refused.
    expect(() => cipher.decrypt({ ...short, iv: short.iv.slice(0, 12) }, ctx)).toThrow(DecryptionError);
    expect(() => cipher.decrypt({ ...short, authTag: short.authTag.slice(0, 20) }, ctx)).toThrow(
      DecryptionError,
    );
    const longerTag = Buffer.concat([Buffer.from(short.authTag, 'base64'), Buffer.from([1, 2, 3])]);
    expect(() => cipher.decrypt({ ...short, authTag: longerTag.toString('base64') }, ctx)).toThrow(
      DecryptionError,
    );
    expect(() => cipher.decrypt({ ...short, iv: `${short.iv}AAAA` }, ctx)).toThrow(DecryptionError);
    expect(cipher.decrypt(short, ctx)).toBe('b');
  });
});
