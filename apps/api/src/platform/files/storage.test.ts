// Local storage and encryption at rest, on a real temporary folder.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FieldCipher, masterKey } from '@huntzen/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  decryptedStream,
  encryptedSize,
  FileDecryptionError,
  newFileKey,
  unwrapFileKey,
  wrapFileKey,
} from './encryption';
import { FILE_TYPE_RULES } from './file-types';
import { padded, SAMPLE_HTML, SAMPLE_SVG, samplePdf, samplePng } from './sample-files';
import { createLocalFileStorage, type FileStorage, StoredObjectMissingError } from './storage';
import { storeUpload } from './store-upload';

let dir: string;
let storage: FileStorage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntzen-files-'));
  storage = createLocalFileStorage(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function text(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Every file under the storage folder (partial ones included). */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(path.join(dir, 'files'), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

/** A stream that delivers `data` in small chunks, as a network would. */
const chunked = (data: Buffer, size = 1000) =>
  Readable.from(
    Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size)),
  );

describe('local storage', () => {
  it('stores under random names, reads ranges, deletes idempotently', async () => {
    const key = storage.newKey();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(storage.newKey()).not.toBe(key);
    const size = await storage.put(key, (sink) =>
      pipeline(Readable.from([Buffer.from('hello world')]), sink),
    );
    expect(size).toBe(11);
    expect(await storage.size(key)).toBe(11);
    expect((await text(await storage.get(key, { start: 6, end: 10 }))).toString()).toBe('world');
    await storage.delete(key);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredObjectMissingError);
  });

  it('leaves nothing behind when the writer fails half-way', async () => {
    const before = await storedFiles();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(10_000));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(storage.put(storage.newKey(), (sink) => pipeline(failing, sink))).rejects.toThrow(
      'connection lost',
    );
    expect(await storedFiles()).toEqual(before);
  });

  it('refuses any key that is not one of its own', async () => {
    for (const key of ['../../etc/passwd', `${'a'.repeat(31)}/`, 'A'.repeat(32), '']) {
      await expect(storage.get(key)).rejects.toThrow('invalid storage key');
      await expect(storage.delete(key)).rejects.toThrow('invalid storage key');
    }
  });
});

describe('storeUpload', () => {
  it('stores an accepted file as sent', async () => {
    const png = samplePng();
    const stored = await storeUpload({
      storage,
      source: chunked(png, 100),
      rule: FILE_TYPE_RULES.AVATAR,
      declaredType: 'image/png',
    });
    expect(stored).toMatchObject({ size: png.length, type: { mime: 'image/png', ext: 'png' } });
    expect(await text(await storage.get(stored.storageKey))).toEqual(png);
  });

  it('refuses spoofed and unsupported types before storing a byte', async () => {
    const before = await storedFiles();
    const cases: [Buffer, string, keyof typeof FILE_TYPE_RULES][] = [
      [samplePng(), 'application/pdf', 'DOCUMENT'], // a PNG declared as a PDF
      [SAMPLE_HTML, 'image/png', 'AVATAR'], // an HTML page declared as an image
      [SAMPLE_SVG, 'image/svg+xml', 'IMAGE'], // SVG can carry scripts
      [samplePdf(), 'application/pdf', 'AVATAR'], // a real PDF, but not an image
    ];
    for (const [data, declaredType, fileType] of cases) {
      const upload = storeUpload({
        storage,
        source: chunked(data),
        rule: FILE_TYPE_RULES[fileType],
        declaredType,
      });
      await expect(upload).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    expect(await storedFiles()).toEqual(before);
  });

  it('stops an oversized upload at the limit and removes what was written', async () => {
    const before = await storedFiles();
    const rule = { ...FILE_TYPE_RULES.AVATAR, maxBytes: 50_000 };
    let delivered = 0;
    // Endless: the upload must stop itself, not wait for the end of the stream.
    const endless = new Readable({
      read() {
        const chunk = delivered === 0 ? padded(samplePng(), 8192) : Buffer.alloc(8192);
        delivered += chunk.length;
        this.push(chunk);
      },
    });
    const error = await storeUpload({ storage, source: endless, rule, declaredType: 'image/png' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(delivered).toBeLessThan(100_000);
    expect(await storedFiles()).toEqual(before);
  });

  it('encrypts while streaming: the stored bytes are not the plaintext, and decrypt back', async () => {
    const fileId = randomUUID();
    const key = newFileKey();
    const pdf = padded(samplePdf('Diplôme d’État de psychologue'), 300_000);
    const stored = await storeUpload({
      storage,
      source: chunked(pdf, 16_384),
      rule: FILE_TYPE_RULES.DIPLOMA,
      declaredType: 'application/pdf',
      encryption: { fileId, key },
    });
    expect(stored.size).toBe(pdf.length);
    const raw = await readFile(path.join(dir, 'files', stored.storageKey.slice(0, 2), stored.storageKey));
    expect(raw.length).toBe(encryptedSize(pdf.length));
    expect(raw.includes(Buffer.from('%PDF'))).toBe(false);
    expect(raw.includes(Buffer.from('psychologue'))).toBe(false);
    // Buffer#equals: a deep toEqual over 300 000 bytes takes seconds.
    expect((await text(await decryptedStream(storage, stored.storageKey, fileId, key))).equals(pdf)).toBe(
      true,
    );

    // Another row's id, another key, or one flipped bit: refused, never garbage. This file is
    // larger than what is verified up front, so a flip far in is found while streaming.
    await expect(decryptedStream(storage, stored.storageKey, randomUUID(), key)).rejects.toBeInstanceOf(
      FileDecryptionError,
    );
    await expect(decryptedStream(storage, stored.storageKey, fileId, newFileKey())).rejects.toBeInstanceOf(
      FileDecryptionError,
    );
    const file = path.join(dir, 'files', stored.storageKey.slice(0, 2), stored.storageKey);
    raw[290_000] = (raw[290_000] ?? 0) ^ 1;
    await writeFile(file, raw);
    await expect(text(await decryptedStream(storage, stored.storageKey, fileId, key))).rejects.toBeInstanceOf(
      FileDecryptionError,
    );
  });

  it('wraps the per-file key with the master key, bound to its row', () => {
    const cipher = new FieldCipher(masterKey(randomBytes(32)));
    const fileId = randomUUID();
    const key = newFileKey();
    const stored = wrapFileKey(cipher, fileId, key);
    expect(JSON.parse(stored)).toEqual({
      encryptedContent: expect.stringMatching(/^[0-9a-f]{8}\./),
      iv: expect.any(String),
      authTag: expect.any(String),
    });
    expect(stored).not.toContain(key.toString('base64'));
    expect(unwrapFileKey(cipher, fileId, stored).equals(key)).toBe(true);
    expect(() => unwrapFileKey(cipher, randomUUID(), stored)).toThrow();
  });
});
