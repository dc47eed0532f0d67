// Hourly clean-ups of expired rows (refresh tokens, notifications, old sent emails, Idempotency-Key
// answers). Importing this registers their tasks and cron schedules: do it before `startJobs`
// (main.ts).
export {
  purgeIdempotencyKeysTask,
  purgeNotificationsTask,
  purgeRefreshTokensTask,
  purgeSentEmailsTask,
} from './cleanup.jobs';
export {
  purgeExpiredIdempotencyKeys,
  purgeExpiredNotifications,
  purgeExpiredRefreshTokens,
  purgeOldSentEmails,
  SENT_EMAIL_RETENTION_DAYS,
} from './purge';
