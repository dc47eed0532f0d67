import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecryptionError, FieldCipher, masterKey } from './field-crypto';
import { loadOrCreateSecret } from './master-key';

const ctx = { table: 'journal_entries', column: 'encrypted_content', rowId: 'row-1' };
const cipher = new FieldCipher(masterKey(randomBytes(32)));

function flip(b64: string, index = 0): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[index] = (bytes[index] ?? 0) ^ 1;
  return bytes.toString('base64');
}

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

  it('detects tampering with the IV, the tag or the ciphertext', () => {
    const field = cipher.encrypt('secret', ctx);
    const [kid, body] = field.encryptedContent.split('.') as [string, string];
    for (const tampered of [
      { ...field, iv: flip(field.iv) },
      { ...field, authTag: flip(field.authTag) },
      { ...field, encryptedContent: `${kid}.${flip(body)}` },
      { ...field, authTag: null },
    ]) {
      expect(() => cipher.decrypt(tampered, ctx)).toThrow(DecryptionError);
    }
  });

  it('refuses a ciphertext moved to another row, column or table', () => {
    const field = cipher.encrypt('secret', ctx);
    for (const other of [
      { ...ctx, rowId: 'row-2' },
      { ...ctx, column: 'iv' },
      { ...ctx, table: 'messages' },
    ]) {
      expect(() => cipher.decrypt(field, other)).toThrow(DecryptionError);
    }
  });

  it('decrypts under a previous key and refuses an unknown one', () => {
    const old = masterKey(randomBytes(32));
    const field = new FieldCipher(old).encrypt('ancien', ctx);
    expect(new FieldCipher(masterKey(randomBytes(32)), [old]).decrypt(field, ctx)).toBe('ancien');
    expect(() => cipher.decrypt(field, ctx)).toThrow(/unknown key/);
  });
});

describe('loadOrCreateSecret', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hz-key-'));

  it('generates a key once and reuses it', () => {
    const file = path.join(dir, 'encryption.key');
    const source = { file, production: false, name: 'ENCRYPTION_KEY' };
    const first = loadOrCreateSecret(source);
    expect(first).toHaveLength(32);
    expect(loadOrCreateSecret(source).equals(first)).toBe(true);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first)).toBe(true);
  });

  it('requires a configured key in production and validates its length', () => {
    const file = path.join(dir, 'never.key');
    expect(() => loadOrCreateSecret({ file, production: true, name: 'ENCRYPTION_KEY' })).toThrow(
      /ENCRYPTION_KEY is required/,
    );
    expect(() =>
      loadOrCreateSecret({ value: Buffer.alloc(16).toString('base64'), file, production: true, name: 'K' }),
    ).toThrow(/32 bytes/);
  });
});
