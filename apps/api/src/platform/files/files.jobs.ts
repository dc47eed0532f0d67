// Temporary files (`expires_at`: unclaimed uploads, replaced avatars and logos) are removed every
// hour, contents before rows: a run cut short leaves an expired row pointing at nothing, which the
// next run finishes, never contents that no row knows about.
import { type Database, files, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { and, asc, eq, isNotNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit';
import { defineCron, defineTask, requireService } from '../jobs';
import type { FileStorage } from './storage';

/** Rows handled per transaction: a large backlog is worked through in bounded steps. */
export const EXPIRY_BATCH = 200;

/**
 * Deletes every file whose `expires_at` has passed: its stored object, its row and one audit row
 * (DELETE, as the system). Idempotent: a file already gone is skipped. Returns the count deleted.
 */
export async function removeExpiredFiles(
  db: Database,
  store: FileStorage,
  now: Date = new Date(),
): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = await withActor(db, SYSTEM_ACTOR, (tx) =>
      tx
        .select({ id: files.id })
        .from(files)
        .where(and(isNotNull(files.expiresAt), lt(files.expiresAt, now)))
        .orderBy(asc(files.expiresAt))
        .limit(EXPIRY_BATCH),
    );
    for (const file of batch) {
      removed += await withActor(db, SYSTEM_ACTOR, async (tx) => {
        // Locked and re-checked: a file claimed meanwhile (expiry cleared) stays, and a claim
        // racing with this deletion waits for it, then finds no row.
        const [row] = await tx
          .select({ id: files.id, path: files.path, fileType: files.fileType, companyId: files.companyId })
          .from(files)
          .where(and(eq(files.id, file.id), lt(files.expiresAt, now)))
          .for('update');
        if (!row) return 0;
        // Contents first: if the commit fails, the row stays expired and the next run retries.
        await store.delete(row.path);
        await tx.delete(files).where(eq(files.id, row.id));
        await recordAudit(tx, SYSTEM_ACTOR, {
          action: 'DELETE',
          resource: 'file',
          resourceId: row.id,
          companyId: row.companyId,
          details: { reason: 'expired', fileType: row.fileType },
        });
        return 1;
      });
    }
    if (batch.length < EXPIRY_BATCH) return removed;
  }
}

export const removeExpiredFilesTask = defineTask(
  'cleanup_expired_files',
  z.object({}),
  async (_payload, { db, logger, services }) => {
    const count = await removeExpiredFiles(db, requireService(services, 'files'));
    if (count > 0) logger.info({ count }, 'expired files deleted');
  },
);

// Minute 37: away from the other hourly clean-ups (7, 17, 27).
defineCron('37 * * * *', removeExpiredFilesTask, { jobKey: 'cleanup_expired_files', maxAttempts: 3 });
