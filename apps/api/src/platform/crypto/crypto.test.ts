import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FieldCipher, keyIdOf } from '@huntzen/crypto';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installCrypto } from './index';
import { generateDevelopmentKey, readKeyring } from './keyring';

const b64 = (key: Buffer) => key.toString('base64');
const ctx = { table: 'messages', column: 'encrypted_content', rowId: 'm-1' };

describe('app.cipher', () => {
  it('encrypts under the current key and decrypts under it or any previous key', async () => {
    const [older, old, current] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const app = Fastify();
    installCrypto(app, current, [old, older]);
    await app.ready();
    for (const key of [older, old]) {
      expect(app.cipher.decrypt(FieldCipher.fromKeys(key).encrypt('avant', ctx), ctx)).toBe('avant');
    }
    const sealed = app.cipher.encrypt('après', ctx);
    expect(FieldCipher.keyIdOf(sealed)).toBe(keyIdOf(current));
    expect(FieldCipher.fromKeys(current).decrypt(sealed, ctx)).toBe('après');
    await app.close();
  });
});

describe('readKeyring', () => {
  it('reads ENCRYPTION_KEY, or the key generated into DATA_DIR, with the previous keys of both places', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hz-ring-'));
    const [generated, configured, retired, listed] = [
      randomBytes(32),
      randomBytes(32),
      randomBytes(32),
      randomBytes(32),
    ];
    await writeFile(path.join(dataDir, 'encryption.key'), `${b64(generated)}\n`);
    await writeFile(path.join(dataDir, 'encryption.previous-keys'), `${b64(retired)}  # id x\n`);
    const dev = readKeyring({ dataDir, production: false, previousKeys: b64(listed) });
    expect(dev.current.equals(generated)).toBe(true);
    expect(dev.source).toBe(path.join(dataDir, 'encryption.key'));
    expect(dev.previous.map(b64)).toEqual([listed, retired].map(b64));

    const prod = readKeyring({
      dataDir,
      production: true,
      encryptionKey: b64(configured),
      previousKeys: b64(listed),
    });
    expect(prod.current.equals(configured)).toBe(true);
    expect(prod.source).toBe('ENCRYPTION_KEY');
    expect(prod.previous.map(b64)).toEqual([b64(listed)]);
  });

  it('never makes a key up', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hz-ring-'));
    expect(() => readKeyring({ dataDir, production: false })).toThrow(/no encryption key/);
    expect(() => readKeyring({ dataDir, production: true })).toThrow(/ENCRYPTION_KEY is required/);
  });
});

describe('generateDevelopmentKey', () => {
  it('refuses in production and when the key is configured', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hz-ring-'));
    expect(() => generateDevelopmentKey({ dataDir, production: true })).toThrow(/for development/);
    expect(() =>
      generateDevelopmentKey({ dataDir, production: false, encryptionKey: b64(randomBytes(32)) }),
    ).toThrow(/ENCRYPTION_KEY is set/);
  });
});
