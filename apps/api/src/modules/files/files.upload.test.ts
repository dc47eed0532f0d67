// Uploads through the API on real PostgreSQL and a real storage folder: types decided by content,
// size limits while streaming, hostile names, encryption at rest.
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { auditLogs, files } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { signedIn } from '../../../test/identity';
import {
  type FormPart,
  multipartBody,
  padded,
  SAMPLE_HTML,
  samplePdf,
  samplePng,
} from '../../platform/files/sample-files';

let t: TestApp;
let employee: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  t = await buildTestApp();
  employee = await signedIn(t.app, t.db, 'EMPLOYEE');
});
afterAll(async () => {
  await t?.close();
});

const MB = 1024 * 1024;

function upload(headers: Record<string, string>, parts: FormPart[]) {
  const body = multipartBody(parts);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

const file = (data: Buffer, type: string, filename = 'upload.bin'): FormPart => ({
  name: 'file',
  data,
  type,
  filename,
});
const fileType = (value: string): FormPart => ({ name: 'fileType', value });

/** Names of every object (and partial object) in the storage folder. */
async function storedObjects(): Promise<string[]> {
  const root = path.join(t.config.dataDir, 'files');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

async function fileRows() {
  return t.db.ownerDb.select().from(files);
}

describe('upload', () => {
  it('stores an avatar and answers its metadata; the audit records the upload', async () => {
    const png = samplePng(32, 32);
    const response = await upload(employee.headers, [
      fileType('AVATAR'),
      file(png, 'image/png', 'Photo de profil.png'),
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      id: expect.any(String),
      originalName: 'Photo de profil.png',
      mimeType: 'image/png',
      size: png.length,
      fileType: 'AVATAR',
      isPublic: true,
      relatedResource: null,
      relatedId: null,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      url: `${t.config.publicUrl}/api/v1/files/${body.id}/content`,
    });
    // Unclaimed avatars expire after a day.
    const ttl = new Date(body.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(23 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(24 * 3600_000);

    const [row] = await t.db.ownerDb.select().from(files).where(eq(files.id, body.id));
    expect(row).toMatchObject({
      uploadedBy: employee.user.id,
      userRole: 'EMPLOYEE',
      companyId: employee.companyId,
    });
    expect(row!.path).toMatch(/^[0-9a-f]{32}$/);
    expect(row!.filename).toBe(`${row!.path}.png`);
    expect(await storedObjects()).toContain(row!.path);

    const audit = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, body.id), eq(auditLogs.action, 'UPLOAD')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: employee.user.id, resource: 'file' });
    expect(JSON.stringify(audit[0]!.details)).not.toContain('Photo de profil');
  });

  it('decides the type from the content: spoofed files are refused before anything is stored', async () => {
    const objects = await storedObjects();
    const rows = (await fileRows()).length;
    const cases: [string, FormPart][] = [
      ['DOCUMENT', file(samplePng(), 'application/pdf', 'scan.pdf')], // a PNG declared as a PDF
      ['AVATAR', file(SAMPLE_HTML, 'image/png', 'photo.png')], // an HTML page declared as an image
      ['AVATAR', file(samplePdf(), 'image/jpeg', 'photo.jpg')], // a PDF declared as an image
      ['AVATAR', file(samplePdf(), 'application/pdf', 'doc.pdf')], // honest, but not an image
    ];
    for (const [type, part] of cases) {
      const response = await upload(employee.headers, [fileType(type), part]);
      expect(response.statusCode, `${type} ${response.body}`).toBe(415);
      expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await storedObjects()).toEqual(objects);
    expect(await fileRows()).toHaveLength(rows);
  });

  it('accepts a part declared as octet-stream, and keeps the detected type', async () => {
    const response = await upload(employee.headers, [
      fileType('IMAGE'),
      file(samplePng(), 'application/octet-stream'),
    ]);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ mimeType: 'image/png', isPublic: false, expiresAt: null });
  });

  it('stops an upload over its type limit (413) and removes the partial file', async () => {
    const objects = await storedObjects();
    const rows = (await fileRows()).length;
    const big = padded(samplePng(), 5 * MB + 1);
    const response = await upload(employee.headers, [fileType('AVATAR'), file(big, 'image/png', 'big.png')]);
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(response.headers.connection).toBe('close');
    expect(await storedObjects()).toEqual(objects);
    expect(await fileRows()).toHaveLength(rows);
    // The same size is fine where the limit is higher.
    const cover = await upload(employee.headers, [fileType('COVER'), file(big, 'image/png', 'big.png')]);
    expect(cover.statusCode).toBe(201);
    expect(cover.json().size).toBe(5 * MB + 1);
  });

  it('answers 413 over a real connection while the client is still sending, never reading it all', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const total = 60 * MB;
    const body = multipartBody([fileType('AVATAR'), file(samplePng(), 'image/png', 'huge.png')]);
    // The body up to the end of the PNG; then zeros, streamed, far past every limit.
    const head = body.payload.subarray(0, body.payload.indexOf(samplePng()) + samplePng().length);
    const outcome = await new Promise<{ status?: number; sent: number; code?: string }>((resolve) => {
      let sent = 0;
      const request = http.request(
        {
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/api/v1/files',
          headers: { ...employee.headers, ...body.headers },
        },
        (response) => {
          let text = '';
          response.on('data', (c) => (text += c));
          response.on('end', () =>
            resolve({ status: response.statusCode, sent, code: JSON.parse(text).code }),
          );
        },
      );
      request.on('error', () => resolve({ sent }));
      request.write(head);
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', pump);
        }
        request.end();
      };
      pump();
    });
    expect(outcome).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(outcome.sent).toBeLessThan(total);
  });

  it('keeps hostile names away from the filesystem and harmless in headers', async () => {
    const names: [FormPart, string][] = [
      [{ name: 'file', data: samplePng(), type: 'image/png', rawFilename: '../../etc/passwd' }, 'passwd'],
      [file(samplePng(), 'image/png', 'a\u0000.png'), 'a.png'],
      [file(samplePng(), 'image/png', `${'x'.repeat(5000)}.png`), `${'x'.repeat(196)}.png`],
      [file(samplePng(), 'image/png', '..'), 'image.png'],
    ];
    for (const [part, expected] of names) {
      const response = await upload(employee.headers, [fileType('IMAGE'), part]);
      expect(response.statusCode, response.body).toBe(201);
      const { id, originalName } = response.json();
      expect(originalName).toBe(expected);
      const [row] = await t.db.ownerDb.select().from(files).where(eq(files.id, id));
      expect(row!.path).toMatch(/^[0-9a-f]{32}$/);
      const download = await t.app.inject({ url: `/api/v1/files/${id}/content`, headers: employee.headers });
      expect(download.statusCode).toBe(200);
      const disposition = String(download.headers['content-disposition']);
      expect([...disposition].some((c) => c < ' ' || c === '/' || c === '\\')).toBe(false);
    }
    // Nothing but random names in the storage folder.
    for (const name of await storedObjects()) expect(name).toMatch(/^[0-9a-f]{32}$/);
  });

  it('names the field at fault', async () => {
    const cases: [FormPart[], number, string][] = [
      [[file(samplePng(), 'image/png')], 400, 'body.fileType'],
      [[fileType('PORTRAIT'), file(samplePng(), 'image/png')], 400, 'body.fileType'],
      [[fileType('AVATAR')], 400, 'body.file'],
      [
        [fileType('AVATAR'), { name: 'colour', value: 'red' }, file(samplePng(), 'image/png')],
        400,
        'body.colour',
      ],
      [[file(samplePng(), 'image/png'), fileType('AVATAR')], 400, 'body.fileType'],
      [[fileType('AVATAR'), { ...file(samplePng(), 'image/png'), name: 'picture' }], 400, 'body.picture'],
      [[fileType('AVATAR'), fileType('COVER'), file(samplePng(), 'image/png')], 400, 'body.fileType'],
      [[fileType('ATTACHMENT'), file(samplePdf(), 'application/pdf')], 400, 'body.relatedId'],
      [
        [fileType('AVATAR'), { name: 'relatedResource', value: 'article' }, file(samplePng(), 'image/png')],
        400,
        'body.relatedResource',
      ],
    ];
    for (const [parts, status, field] of cases) {
      const response = await upload(employee.headers, parts);
      expect(response.statusCode, response.body).toBe(status);
      expect(
        response.json().errors?.map((e: { path: string }) => e.path),
        response.body,
      ).toContain(field);
    }
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: employee.headers,
      payload: { fileType: 'AVATAR' },
    });
    expect(json.statusCode).toBe(415);
  });

  it('answers 400 to a malformed or truncated multipart body, storing nothing', async () => {
    const objects = await storedObjects();
    const complete = multipartBody([fileType('AVATAR'), file(samplePng(), 'image/png')]);
    const truncated = complete.payload.subarray(0, complete.payload.length - 40); // no closing boundary
    const cases: [string, Buffer | string][] = [
      ['multipart/form-data', 'no boundary'],
      [complete.headers['content-type']!, 'not multipart at all'],
      [complete.headers['content-type']!, truncated],
    ];
    for (const [type, payload] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { ...employee.headers, 'content-type': type },
        payload,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().code).toBe('BAD_REQUEST');
    }
    expect(await storedObjects()).toEqual(objects);
  });

  it('lets each role upload only the types that are theirs', async () => {
    const diploma = await upload(employee.headers, [
      fileType('DIPLOMA'),
      file(samplePdf(), 'application/pdf'),
    ]);
    expect(diploma.statusCode).toBe(403);
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH');
    const attachment = await upload(hr.headers, [
      fileType('ATTACHMENT'),
      { name: 'relatedResource', value: 'consultation' },
      { name: 'relatedId', value: crypto.randomUUID() },
      file(samplePdf(), 'application/pdf'),
    ]);
    expect(attachment.statusCode).toBe(403);
    const anonymous = await upload({}, [fileType('AVATAR'), file(samplePng(), 'image/png')]);
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('encryption at rest', () => {
  it('stores a diploma encrypted under its own wrapped key and decrypts it on download', async () => {
    const practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
    const pdf = samplePdf('Master de psychologie clinique');
    const response = await upload(practitioner.headers, [
      fileType('DIPLOMA'),
      file(pdf, 'application/pdf', 'Diplôme.pdf'),
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json();
    expect(response.json()).toMatchObject({
      relatedResource: 'practitioner',
      relatedId: practitioner.practitionerId,
      isPublic: false,
      expiresAt: null,
    });

    const [row] = await t.db.ownerDb.select().from(files).where(eq(files.id, id));
    expect(row!.isEncrypted).toBe(true);
    const wrapped = JSON.parse(row!.encryptionKey!);
    expect(Object.keys(wrapped).sort()).toEqual(['authTag', 'encryptedContent', 'iv']);
    const key = Buffer.from(
      t.app.cipher.decrypt(wrapped, { table: 'files', column: 'encryption_key', rowId: id }),
      'base64',
    );
    expect(key).toHaveLength(32);

    const raw = await readFile(path.join(t.config.dataDir, 'files', row!.path.slice(0, 2), row!.path));
    expect(raw.includes(Buffer.from('%PDF'))).toBe(false);
    expect(raw.includes(Buffer.from('psychologie'))).toBe(false);
    expect(raw.includes(key)).toBe(false);

    const download = await t.app.inject({
      url: `/api/v1/files/${id}/content`,
      headers: practitioner.headers,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-disposition': `attachment; filename="Diplome.pdf"; filename*=UTF-8''Dipl%C3%B4me.pdf`,
    });
    const audits = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, id), eq(auditLogs.action, 'DOWNLOAD')));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ userId: practitioner.user.id, isSensitive: true });
  });
});
