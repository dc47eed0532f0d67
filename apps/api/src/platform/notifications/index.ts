// Notifications: `notify(tx, …)` for every feature, the e-mail copy (a job), the shared queries
// and the real-time push to the user's open pages.
export { emailNotification, notificationEmailTask } from './email.jobs';
export {
  EMAILED_BY_DEFAULT,
  InvalidNotificationError,
  type NotifyInput,
  notify,
  type PreparedNotification,
  prepareNotification,
} from './notify';
export { createNotificationPush, NOTIFICATIONS_CHANNEL, type NotificationPush } from './push';
export { countUnread, findShown, shownTo } from './queries';
export { findRecipient, type NotificationRecipient } from './recipient';
export {
  type NotificationType,
  type NotificationView,
  NotificationViewSchema,
  toNotificationView,
} from './view';
