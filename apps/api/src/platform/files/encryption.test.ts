// The chunked file format (version 2) and the reading of version 1: every change to the stored
// bytes fails, and nothing after the last verified chunk ever comes out of the reader.
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  decryptedStream,
  decryptObject,
  encryptedSize,
  encryptingStream,
  FileDecryptionError,
  newFileKey,
  VERIFIED_UPFRONT_BYTES,
} from './encryption';
import { createLocalFileStorage, type FileStorage } from './storage';

const HEADER = 15;
const TAG = 16;
const SEALED = CHUNK_BYTES + TAG;

let dir: string;
let storage: FileStorage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntzen-encryption-'));
  storage = createLocalFileStorage(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** `data` as a network or a disk delivers it: in pieces that ignore the chunk boundaries. */
const pieces = (data: Buffer, size = 10_007) =>
  Readable.from(
    Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size)),
  );

async function seal(plain: Buffer, fileId: string, key: Buffer): Promise<Buffer> {
  return collect(pieces(plain, 4099).pipe(encryptingStream(fileId, key)));
}

/** What the reader yields before it stops: the verified plaintext, and the error if any. */
async function read(stored: Buffer, fileId: string, key: Buffer) {
  const out: Buffer[] = [];
  try {
    for await (const chunk of decryptObject(pieces(stored), fileId, key)) out.push(chunk);
    return { plain: Buffer.concat(out), error: undefined };
  } catch (error) {
    return { plain: Buffer.concat(out), error };
  }
}

/** A version 1 object, as files were stored before chunking. */
function sealVersion1(plain: Buffer, fileId: string, key: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(`huntzen:file:v1:${fileId}`, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from('HZF1'), iv, body, cipher.getAuthTag()]);
}

const flip = (data: Buffer, at: number) => {
  const copy = Buffer.from(data);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
};

describe('version 2: chunked', () => {
  const fileId = randomUUID();
  const key = newFileKey();

  it('round-trips every size around the chunk boundaries, with the size it announces', async () => {
    for (const size of [
      0,
      1,
      CHUNK_BYTES - 1,
      CHUNK_BYTES,
      CHUNK_BYTES + 1,
      2 * CHUNK_BYTES,
      3 * CHUNK_BYTES + 5,
    ]) {
      const plain = randomBytes(size);
      const stored = await seal(plain, fileId, key);
      expect(stored.length, `size ${size}`).toBe(encryptedSize(size));
      expect(stored.subarray(0, 4).toString('ascii')).toBe('HZF2');
      expect(stored.readUInt32BE(4)).toBe(CHUNK_BYTES);
      const { plain: back, error } = await read(stored, fileId, key);
      expect(error, `size ${size}`).toBeUndefined();
      expect(back.equals(plain), `size ${size}`).toBe(true);
    }
  });

  it('uses a fresh nonce prefix per file: the same plaintext never gives the same bytes', async () => {
    const plain = randomBytes(1000);
    const a = await seal(plain, fileId, key);
    const b = await seal(plain, fileId, key);
    expect(a.subarray(8, HEADER).equals(b.subarray(8, HEADER))).toBe(false);
    expect(a.subarray(HEADER).equals(b.subarray(HEADER))).toBe(false);
  });

  describe('refuses any change, yielding only the chunks before it', () => {
    const plain = randomBytes(5 * CHUNK_BYTES + 1234); // six chunks, the last one short
    let stored: Buffer;
    beforeAll(async () => {
      stored = await seal(plain, fileId, key);
    });

    const cases: [string, () => Buffer, number][] = [
      ['the magic', () => flip(stored, 0), 0],
      ['the chunk size', () => flip(stored, 6), 0],
      ['the nonce prefix', () => flip(stored, 10), 0],
      ['the first byte of content', () => flip(stored, HEADER), 0],
      ['a byte in the middle (chunk 3)', () => flip(stored, HEADER + 3 * SEALED + 100), 3],
      ['the tag of chunk 2', () => flip(stored, HEADER + 3 * SEALED - 1), 2],
      ['the last byte (the final tag)', () => flip(stored, stored.length - 1), 5],
      ['the last chunk dropped (cut at a chunk boundary)', () => stored.subarray(0, HEADER + 5 * SEALED), 4],
      ['a cut inside the last chunk', () => stored.subarray(0, stored.length - 100), 5],
      ['a cut inside the tag', () => stored.subarray(0, stored.length - 5), 5],
      ['a cut inside the header', () => stored.subarray(0, 9), 0],
      ['bytes appended', () => Buffer.concat([stored, randomBytes(40)]), 5],
      [
        'two chunks swapped',
        () =>
          Buffer.concat([
            stored.subarray(0, HEADER + SEALED),
            stored.subarray(HEADER + 2 * SEALED, HEADER + 3 * SEALED),
            stored.subarray(HEADER + SEALED, HEADER + 2 * SEALED),
            stored.subarray(HEADER + 3 * SEALED),
          ]),
        1,
      ],
      [
        'a chunk repeated in place of the next',
        () =>
          Buffer.concat([
            stored.subarray(0, HEADER + 2 * SEALED),
            stored.subarray(HEADER + SEALED, HEADER + 2 * SEALED),
            stored.subarray(HEADER + 3 * SEALED),
          ]),
        2,
      ],
    ];
    for (const [what, tamper, goodChunks] of cases) {
      it(what, async () => {
        const { plain: out, error } = await read(tamper(), fileId, key);
        expect(error).toBeInstanceOf(FileDecryptionError);
        expect(out.length).toBe(goodChunks * CHUNK_BYTES);
        expect(out.equals(plain.subarray(0, out.length))).toBe(true);
      });
    }

    it("another row's id, another key, or another file's header", async () => {
      expect((await read(stored, randomUUID(), key)).error).toBeInstanceOf(FileDecryptionError);
      expect((await read(stored, fileId, newFileKey())).error).toBeInstanceOf(FileDecryptionError);
      const other = await seal(plain, fileId, key);
      const mixed = Buffer.concat([other.subarray(0, HEADER), stored.subarray(HEADER)]);
      expect((await read(mixed, fileId, key)).error).toBeInstanceOf(FileDecryptionError);
      // The final chunk of a one-chunk file, sealed as final, is not a first chunk of a longer one.
      const short = await seal(plain.subarray(0, 10), fileId, key);
      const grafted = Buffer.concat([
        stored.subarray(0, HEADER),
        short.subarray(HEADER),
        stored.subarray(HEADER + SEALED),
      ]);
      expect((await read(grafted, fileId, key)).error).toBeInstanceOf(FileDecryptionError);
    });
  });
});

describe('version 1: whole-file GCM, still readable', () => {
  const fileId = randomUUID();
  const key = newFileKey();

  it('reads a version 1 object, and yields nothing of a tampered or truncated one', async () => {
    const plain = randomBytes(300_000);
    const stored = sealVersion1(plain, fileId, key);
    const ok = await read(stored, fileId, key);
    expect(ok.error).toBeUndefined();
    expect(ok.plain.equals(plain)).toBe(true);
    for (const bad of [
      flip(stored, 20),
      flip(stored, 150_000),
      flip(stored, stored.length - 1),
      stored.subarray(0, 200_000),
    ]) {
      const { plain: out, error } = await read(bad, fileId, key);
      expect(error).toBeInstanceOf(FileDecryptionError);
      expect(out.length).toBe(0);
    }
    expect((await read(stored, randomUUID(), key)).error).toBeInstanceOf(FileDecryptionError);
  });
});

describe('decryptedStream (from storage, for downloads)', () => {
  const fileId = randomUUID();
  const key = newFileKey();

  async function store(bytes: Buffer): Promise<{ storageKey: string; file: string }> {
    const storageKey = storage.newKey();
    await storage.put(storageKey, (sink) => pipeline(Readable.from([bytes]), sink));
    return { storageKey, file: path.join(dir, 'files', storageKey.slice(0, 2), storageKey) };
  }

  it('verifies a small file whole before resolving: a failure is thrown, no stream is made', async () => {
    const plain = randomBytes(VERIFIED_UPFRONT_BYTES - 1);
    const { storageKey, file } = await store(await seal(plain, fileId, key));
    expect((await collect(await decryptedStream(storage, storageKey, fileId, key))).equals(plain)).toBe(true);
    const raw = await readFile(file);
    await writeFile(file, flip(raw, raw.length - 1)); // the very last byte
    await expect(decryptedStream(storage, storageKey, fileId, key)).rejects.toBeInstanceOf(
      FileDecryptionError,
    );
  });

  it('reads a version 1 object whole, and throws before any byte when it fails', async () => {
    const plain = randomBytes(VERIFIED_UPFRONT_BYTES * 3);
    const { storageKey, file } = await store(sealVersion1(plain, fileId, key));
    expect((await collect(await decryptedStream(storage, storageKey, fileId, key))).equals(plain)).toBe(true);
    await writeFile(file, flip(await readFile(file), 100_000));
    await expect(decryptedStream(storage, storageKey, fileId, key)).rejects.toBeInstanceOf(
      FileDecryptionError,
    );
  });

  it('streams a large file: a failure far in ends the stream after the verified chunks', async () => {
    const plain = randomBytes(VERIFIED_UPFRONT_BYTES + 10 * CHUNK_BYTES);
    const stored = await seal(plain, fileId, key);
    const { storageKey, file } = await store(stored);
    const bad = 8; // beyond what is verified up front
    await writeFile(file, flip(stored, HEADER + bad * SEALED + 7));
    const stream = await decryptedStream(storage, storageKey, fileId, key);
    const out: Buffer[] = [];
    const error = await (async () => {
      for await (const chunk of stream) out.push(chunk);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileDecryptionError);
    const received = Buffer.concat(out);
    expect(received.length).toBe(bad * CHUNK_BYTES);
    expect(received.equals(plain.subarray(0, received.length))).toBe(true);
  });
});
