import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldCipher, keyIdOf } from './field-crypto';
import { decodeKeyList, loadOrCreateSecret, loadPreviousKeys, rotateKeyFiles } from './master-key';

const b64 = (key: Buffer) => key.toString('base64');

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

describe('previous keys', () => {
  const [a, b, c] = [randomBytes(32), randomBytes(32), randomBytes(32)];

  it('reads a comma- or space-separated list, with comments, once per key', () => {
    const keys = decodeKeyList(`${b64(a)}, ${b64(b)}\n# retired\n${b64(c)} # id x\n${b64(a)}`, 'K');
    expect(keys.map(b64)).toEqual([a, b, c].map(b64));
    expect(decodeKeyList('', 'K')).toEqual([]);
  });

  it('names the bad entry without echoing it', () => {
    expect(() => decodeKeyList(`${b64(a)},c2hvcnQ=`, 'ENCRYPTION_PREVIOUS_KEYS')).toThrow(
      'ENCRYPTION_PREVIOUS_KEYS (key 2) must be 32 bytes encoded in base64 (got 5 bytes)',
    );
  });

  it('joins the configured list and, outside production only, the DATA_DIR file', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'hz-prev-')), 'encryption.previous-keys');
    writeFileSync(file, `${b64(b)}\n${b64(c)}\n`);
    const source = { value: `${b64(a)},${b64(b)}`, file, name: 'ENCRYPTION_PREVIOUS_KEYS' };
    expect(loadPreviousKeys({ ...source, production: false }).map(b64)).toEqual([a, b, c].map(b64));
    expect(loadPreviousKeys({ ...source, production: true }).map(b64)).toEqual([a, b].map(b64));
    expect(loadPreviousKeys({ file: `${file}.missing`, production: false, name: 'K' })).toEqual([]);
  });
});

describe('rotateKeyFiles', () => {
  it('retires the current key into the previous keys and writes a new one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hz-rotate-'));
    const files = {
      keyFile: path.join(dir, 'encryption.key'),
      previousFile: path.join(dir, 'encryption.previous-keys'),
    };
    const first = loadOrCreateSecret({ file: files.keyFile, production: false, name: 'ENCRYPTION_KEY' });
    const sealed = FieldCipher.fromKeys(first).encrypt('note', { table: 't', column: 'c', rowId: '1' });

    const one = rotateKeyFiles(files);
    const two = rotateKeyFiles(files);
    expect(one.retired.equals(first)).toBe(true);
    expect(two.retired.equals(one.current)).toBe(true);
    const current = loadOrCreateSecret({ file: files.keyFile, production: false, name: 'ENCRYPTION_KEY' });
    expect(current.equals(two.current)).toBe(true);
    const previous = loadPreviousKeys({ file: files.previousFile, production: false, name: 'K' });
    expect(previous.map(b64)).toEqual([first, one.current].map(b64));
    expect(readFileSync(files.previousFile, 'utf8')).toContain(`# id ${keyIdOf(first)}, retired `);
    expect(statSync(files.previousFile).mode & 0o777).toBe(0o600);
    expect(statSync(files.keyFile).mode & 0o777).toBe(0o600);
    expect(
      FieldCipher.fromKeys(current, previous).decrypt(sealed, { table: 't', column: 'c', rowId: '1' }),
    ).toBe('note');
  });

  it('refuses when there is no generated key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hz-rotate-'));
    expect(() =>
      rotateKeyFiles({ keyFile: path.join(dir, 'encryption.key'), previousFile: path.join(dir, 'p') }),
    ).toThrow(/no generated key/);
  });
});
