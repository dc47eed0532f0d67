// The hourly clean-up jobs. Each cron has its own job key and minute, so a slow run is replaced by
// the next one instead of piling up, and they never compete for the same minute (37 is the files'
// expiry job, platform/files).
import type { Database } from '@huntzen/db';
import { z } from 'zod';
import { defineCron, defineTask } from '../jobs';
import {
  purgeExpiredIdempotencyKeys,
  purgeExpiredNotifications,
  purgeExpiredRefreshTokens,
  purgeOldSentEmails,
} from './purge';

function cleanupTask(name: string, purge: (db: Database) => Promise<number>, what: string) {
  return defineTask(name, z.object({}), async (_payload, { db, logger }) => {
    const count = await purge(db);
    logger.info({ count }, `${what} deleted`);
  });
}

export const purgeRefreshTokensTask = cleanupTask(
  'cleanup_refresh_tokens',
  purgeExpiredRefreshTokens,
  'expired refresh tokens',
);
export const purgeNotificationsTask = cleanupTask(
  'cleanup_notifications',
  purgeExpiredNotifications,
  'expired notifications',
);
export const purgeSentEmailsTask = cleanupTask('cleanup_sent_emails', purgeOldSentEmails, 'old sent emails');
export const purgeIdempotencyKeysTask = cleanupTask(
  'cleanup_idempotency_keys',
  purgeExpiredIdempotencyKeys,
  'expired idempotency keys',
);

defineCron('7 * * * *', purgeRefreshTokensTask, { jobKey: 'cleanup_refresh_tokens', maxAttempts: 3 });
defineCron('17 * * * *', purgeNotificationsTask, { jobKey: 'cleanup_notifications', maxAttempts: 3 });
defineCron('27 * * * *', purgeSentEmailsTask, { jobKey: 'cleanup_sent_emails', maxAttempts: 3 });
defineCron('47 * * * *', purgeIdempotencyKeysTask, { jobKey: 'cleanup_idempotency_keys', maxAttempts: 3 });
