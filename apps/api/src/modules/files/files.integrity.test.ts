// Encrypted files changed on disk are never served as good ones (issue 16): the stored bytes are
// tampered with in the storage folder, and the assertions are on what an HTTP client receives —
// a clean 409 for what is verified before the answer starts, a transfer cut short after the last
// verified chunk for a large file, never a byte that was not authenticated.
import { createCipheriv, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { files } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInto, type TestApp } from '../../../test/build-test-app';
import { signedIn } from '../../../test/identity';
import { CHUNK_BYTES, unwrapFileKey, VERIFIED_UPFRONT_BYTES } from '../../platform/files';
import { multipartBody, samplePdf } from '../../platform/files/sample-files';

const HEADER = 15;
const SEALED = CHUNK_BYTES + 16;

let t: TestApp;
let employee: Awaited<ReturnType<typeof signedIn>>;
const logLines: string[] = [];
beforeAll(async () => {
  t = await buildTestApp({
    logDestination: logInto(logLines),
  });
  employee = await signedIn(t.app, t.db, 'EMPLOYEE');
});
afterAll(async () => {
  await t?.close();
});

/** A PDF of `size` bytes whose every byte after the header is random (a prefix check means something). */
const documentOf = (size: number, text = 'Bilan confidentiel') => {
  const pdf = samplePdf(text);
  return Buffer.concat([pdf, randomBytes(size - pdf.length)]);
};

async function uploadDocument(data: Buffer): Promise<string> {
  const body = multipartBody([
    { name: 'fileType', value: 'DOCUMENT' },
    { name: 'file', data, type: 'application/pdf', filename: 'bilan.pdf' },
  ]);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...employee.headers, ...body.headers },
    payload: body.payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

async function rowOf(id: string) {
  const [row] = await t.db.ownerDb.select().from(files).where(eq(files.id, id));
  return row!;
}

const objectFile = (storageKey: string) =>
  path.join(t.config.dataDir, 'files', storageKey.slice(0, 2), storageKey);

/** Rewrites the stored object of file `id` with what `change` makes of its bytes. */
async function tamper(id: string, change: (raw: Buffer) => Buffer): Promise<void> {
  const file = objectFile((await rowOf(id)).path);
  await writeFile(file, change(await readFile(file)));
}

const flipAt = (at: (raw: Buffer) => number) => (raw: Buffer) => {
  const copy = Buffer.from(raw);
  const i = at(raw);
  copy[i] = (copy[i] ?? 0) ^ 0x01;
  return copy;
};

const download = (id: string) =>
  t.app.inject({ url: `/api/v1/files/${id}/content`, headers: employee.headers });

/** Asserts a clean refusal that carries nothing of the file, and the operators' alert (id only). */
async function expectUnreadable(id: string, plain: Buffer) {
  const before = logLines.length;
  const response = await download(id);
  expect(response.statusCode).toBe(409);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json()).toMatchObject({ status: 409, code: 'CONTENT_UNREADABLE' });
  expect(response.rawPayload.includes(plain.subarray(0, 4))).toBe(false); // no "%PDF"
  expect(response.rawPayload.includes(plain.subarray(2000, 2032))).toBe(false);
  const alerts = logLines
    .slice(before)
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.alert === 'FILE_INTEGRITY');
  expect(alerts).toHaveLength(1);
  expect(alerts[0].fileId).toBe(id);
  expect(logLines.slice(before).join('')).not.toContain('Bilan');
}

describe('a small encrypted file is verified whole before the answer starts', () => {
  const size = 100_000; // two chunks, under VERIFIED_UPFRONT_BYTES
  const cases: [string, (raw: Buffer) => Buffer][] = [
    ['a flipped byte at the start (the header)', flipAt(() => 0)],
    ['a flipped byte at the start of the content', flipAt(() => HEADER)],
    ['a flipped byte in the middle', flipAt((raw) => Math.floor(raw.length / 2))],
    ['a flipped byte at the end (the last tag)', flipAt((raw) => raw.length - 1)],
    ['a damaged tag of the first chunk', flipAt(() => HEADER + SEALED - 3)],
    ['a truncated object', (raw) => raw.subarray(0, raw.length - 1000)],
    ['a last chunk dropped whole', (raw) => raw.subarray(0, HEADER + SEALED)],
    ['an empty object', () => Buffer.alloc(0)],
  ];

  it('serves an intact one', async () => {
    expect(size).toBeLessThan(VERIFIED_UPFRONT_BYTES);
    const plain = documentOf(size);
    const id = await uploadDocument(plain);
    const response = await download(id);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(plain)).toBe(true);
  });

  for (const [what, change] of cases) {
    it(`answers 409 CONTENT_UNREADABLE for ${what}`, async () => {
      const plain = documentOf(size);
      const id = await uploadDocument(plain);
      await tamper(id, change);
      await expectUnreadable(id, plain);
    });
  }

  it('refuses two files whose keys, or whose stored objects, were swapped', async () => {
    const [a, b] = [documentOf(size, 'Premier'), documentOf(size, 'Second')];
    const [idA, idB] = [await uploadDocument(a), await uploadDocument(b)];
    const [rowA, rowB] = [await rowOf(idA), await rowOf(idB)];
    const swap = async (column: 'encryption_key' | 'path', x: string | null, y: string | null) => {
      await t.db.owner.query(`update files set ${column} = $2 where id = $1`, [idA, y]);
      await t.db.owner.query(`update files set ${column} = $2 where id = $1`, [idB, x]);
    };
    await swap('encryption_key', rowA.encryptionKey, rowB.encryptionKey);
    await expectUnreadable(idA, a);
    await expectUnreadable(idB, b);
    await swap('encryption_key', rowB.encryptionKey, rowA.encryptionKey); // back
    expect((await download(idA)).rawPayload.equals(a)).toBe(true);
    await swap('path', rowA.path, rowB.path);
    await expectUnreadable(idA, b);
    await expectUnreadable(idB, a);
  });
});

describe('files stored before chunking (version 1)', () => {
  it('are still served, and refused whole when changed', async () => {
    const plain = documentOf(600_000); // larger than what v2 verifies up front: v1 is read whole
    const id = await uploadDocument(plain);
    const row = await rowOf(id);
    const key = unwrapFileKey(t.app.cipher, id, row.encryptionKey!);
    // The layout files had until now: "HZF1" | IV | one GCM over the file | tag.
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    cipher.setAAD(Buffer.from(`huntzen:file:v1:${id}`, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    await writeFile(
      objectFile(row.path),
      Buffer.concat([Buffer.from('HZF1'), iv, body, cipher.getAuthTag()]),
    );

    const response = await download(id);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(plain)).toBe(true);
    await tamper(
      id,
      flipAt((raw) => raw.length - 100),
    );
    await expectUnreadable(id, plain);
  });
});

describe('a large encrypted file streams chunk by chunk over a real connection', () => {
  const size = 2 * 1024 * 1024 + 777; // 33 chunks
  let port: number;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });

  /** What a real HTTP client receives: status, body bytes, and whether the transfer completed. */
  function fetchContent(id: string) {
    return new Promise<{ status?: number; length?: string; body: Buffer; complete: boolean }>(
      (resolve, reject) => {
        const request = http.get(
          { host: '127.0.0.1', port, path: `/api/v1/files/${id}/content`, headers: employee.headers },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', () => undefined); // "aborted": reported by `complete` below
            response.on('close', () =>
              resolve({
                status: response.statusCode,
                length: response.headers['content-length'],
                body: Buffer.concat(chunks),
                complete: response.complete,
              }),
            );
          },
        );
        request.on('error', reject);
      },
    );
  }

  it('delivers an intact one completely', async () => {
    const plain = documentOf(size);
    const id = await uploadDocument(plain);
    const received = await fetchContent(id);
    expect(received).toMatchObject({ status: 200, complete: true, length: String(size) });
    expect(received.body.equals(plain)).toBe(true);
  });

  const cut: [string, (raw: Buffer) => Buffer, number][] = [
    ['a flipped byte in the middle (chunk 16)', flipAt(() => HEADER + 16 * SEALED + 500), 16],
    ['a damaged final tag', flipAt((raw) => raw.length - 1), 32],
    ['the last chunk dropped (cut at a chunk boundary)', (raw) => raw.subarray(0, HEADER + 32 * SEALED), 31],
  ];
  for (const [what, change, badChunk] of cut) {
    it(`aborts the transfer for ${what}, after the verified chunks only`, async () => {
      const plain = documentOf(size);
      const id = await uploadDocument(plain);
      await tamper(id, change);
      const before = logLines.length;
      const received = await fetchContent(id);
      expect(received.status).toBe(200); // the answer had started: it can only be cut
      expect(received.complete).toBe(false);
      expect(received.body.length).toBeLessThanOrEqual(badChunk * CHUNK_BYTES);
      expect(received.body.equals(plain.subarray(0, received.body.length))).toBe(true);
      await expect.poll(() => logLines.slice(before).join('')).toContain('FILE_INTEGRITY');
      expect(logLines.slice(before).join('')).toContain(id);
    });
  }

  it('answers a clean 409 when the damage is in what is verified up front', async () => {
    const plain = documentOf(size);
    const id = await uploadDocument(plain);
    await tamper(
      id,
      flipAt(() => HEADER + 2 * SEALED + 10),
    );
    const received = await fetchContent(id);
    expect(received).toMatchObject({ status: 409, complete: true });
    expect(JSON.parse(received.body.toString()).code).toBe('CONTENT_UNREADABLE');
  });
});
