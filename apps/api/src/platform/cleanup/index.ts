// Hourly clean-ups of expired rows (refresh tokens, notifications, old sent emails). Importing this
// registers their tasks and cron schedules: do it before `startJobs` (main.ts).
export { purgeNotificationsTask, purgeRefreshTokensTask, purgeSentEmailsTask } from './cleanup.jobs';
export {
  purgeExpiredNotifications,
  purgeExpiredRefreshTokens,
  purgeOldSentEmails,
  SENT_EMAIL_RETENTION_DAYS,
} from './purge';
