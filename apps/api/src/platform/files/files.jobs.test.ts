// The expired-files clean-up on real PostgreSQL and a real storage folder, called directly and run
// by a real Graphile Worker runner.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { auditLogs, files } from '@huntzen/db';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installJobsSchema, type JobsLogger, type JobsRunner, scheduleJob, startJobs } from '../jobs';
import { removeExpiredFiles, removeExpiredFilesTask } from './files.jobs';
import { samplePng } from './sample-files';
import { createLocalFileStorage, type FileStorage, StoredObjectMissingError } from './storage';

const quiet: JobsLogger = { info() {}, warn() {}, error() {}, debug() {} };

let t: TestDatabase;
let dir: string;
let storage: FileStorage;
let runner: JobsRunner | undefined;
beforeAll(async () => {
  t = await createTestDatabase();
  await installJobsSchema(t.url);
  dir = await mkdtemp(path.join(tmpdir(), 'huntzen-files-jobs-'));
  storage = createLocalFileStorage(dir);
});
afterAll(async () => {
  await runner?.stop();
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** A stored AVATAR file expiring at `expiresAt` (null: never). */
async function storedFile(expiresAt: Date | null) {
  const key = storage.newKey();
  await storage.put(key, (sink) => pipeline(Readable.from([samplePng()]), sink));
  const [row] = await t.db.ownerDb
    .insert(files)
    .values({
      uploadedBy: randomUUID(),
      userRole: 'EMPLOYEE',
      filename: `${key}.png`,
      originalName: 'avatar.png',
      mimeType: 'image/png',
      size: samplePng().length,
      path: key,
      fileType: 'AVATAR',
      isPublic: true,
      expiresAt,
    })
    .returning();
  return row!;
}

const exists = (key: string) =>
  storage.size(key).then(
    () => true,
    (error) => (error instanceof StoredObjectMissingError ? false : Promise.reject(error)),
  );

describe('removeExpiredFiles', () => {
  it('deletes expired files (content and row, audited as the system) and nothing else; twice is harmless', async () => {
    const expired = await storedFile(new Date(Date.now() - 60_000));
    const pending = await storedFile(new Date(Date.now() + 3600_000));
    const permanent = await storedFile(null);
    // A row whose content is already gone (a run cut short) is finished off too.
    const half = await storedFile(new Date(Date.now() - 60_000));
    await storage.delete(half.path);

    expect(await removeExpiredFiles(t.db, storage)).toBe(2);
    const left = await t.db.ownerDb
      .select({ id: files.id })
      .from(files)
      .where(inArray(files.id, [expired.id, pending.id, permanent.id, half.id]));
    expect(left.map((r) => r.id).sort()).toEqual([pending.id, permanent.id].sort());
    expect(await exists(expired.path)).toBe(false);
    expect(await exists(pending.path)).toBe(true);
    expect(await exists(permanent.path)).toBe(true);

    const audits = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resource, 'file'), eq(auditLogs.action, 'DELETE')));
    expect(audits.map((a) => a.resourceId).sort()).toEqual([expired.id, half.id].sort());
    expect(audits[0]!.details).toMatchObject({ actor: 'SYSTEM', reason: 'expired', fileType: 'AVATAR' });

    expect(await removeExpiredFiles(t.db, storage)).toBe(0);
  });

  it('runs as the hourly job in a jobs runner', async () => {
    const expired = await storedFile(new Date(Date.now() - 1000));
    await scheduleJob(t.db.owner, { task: removeExpiredFilesTask, payload: {} });
    runner = await startJobs({
      ownerUrl: t.url,
      db: t.db,
      logger: quiet,
      pollInterval: 200,
      services: { files: storage },
    });
    const deadline = Date.now() + 20_000;
    const gone = async () =>
      (await t.db.ownerDb.select().from(files).where(eq(files.id, expired.id))).length === 0;
    while (!(await gone()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await gone()).toBe(true);
    expect(await exists(expired.path)).toBe(false);
  });
});
