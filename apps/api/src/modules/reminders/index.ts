// Consultation reminders, 24 h and 1 h before the start: planned by booking, cancelled with the
// consultation, sent by a job to both participants (notification + e-mail), each exactly once.
// Importing this module defines the `send_consultation_reminder` job.
export {
  cancelReminders,
  planReminders,
  type ReminderPayload,
  reminderJobs,
  reminderTask,
} from './reminders.jobs';
export { REMINDER_KINDS, type ReminderKind } from './reminders.policy';
export { type ReminderOutcome, sendReminder } from './reminders.service';
