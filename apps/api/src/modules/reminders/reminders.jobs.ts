// The reminder job and its planning. `planReminders` and `cancelReminders` run in the transaction
// of the booking, the move or the cancellation, so the jobs exist exactly when that change commits.
// One job per consultation and kind (its key): planning again replaces it (a new time), cancelling
// removes it. The job re-checks everything when it runs (reminders.service.ts), so a job that
// slipped through (a cancellation racing a worker, a consultation moved by hand) sends nothing.
import { SYSTEM_ACTOR, type Tx, withActor } from '@huntzen/db';
import { z } from 'zod';
import { cancelJob, defineTask, publicOrigin, type ScheduleJobSpec, scheduleJobs } from '../../platform/jobs';
import { REMINDER_KINDS, reminderJobKey, remindersToPlan } from './reminders.policy';
import { sendReminder } from './reminders.service';

export const ReminderPayloadSchema = z.object({
  consultationId: z.uuid(),
  kind: z.enum(REMINDER_KINDS),
  /** The planned start the reminder is for (ISO 8601). */
  scheduledAt: z.iso.datetime(),
});
export type ReminderPayload = z.infer<typeof ReminderPayloadSchema>;

export const reminderTask = defineTask(
  'send_consultation_reminder',
  ReminderPayloadSchema,
  async (payload, { db, logger, settings }) => {
    const outcome = await withActor(db, SYSTEM_ACTOR, (tx) =>
      sendReminder(
        tx,
        {
          consultationId: payload.consultationId,
          kind: payload.kind,
          scheduledAt: new Date(payload.scheduledAt),
        },
        { origin: publicOrigin(settings), now: new Date() },
      ),
    );
    logger.info(
      { consultationId: payload.consultationId, kind: payload.kind, outcome },
      'consultation reminder',
    );
  },
);

/**
 * Plans the reminders of a consultation starting at `scheduledAt` (24 h and 1 h before), replacing
 * any planned before; one whose time has passed is not planned (and a previous one is removed).
 * Call it in the transaction that books the consultation or changes its time.
 */
export async function planReminders(
  tx: Tx,
  consultation: { id: string; scheduledAt: Date },
  options: { now?: Date } = {},
): Promise<void> {
  const { schedule, cancel } = reminderJobs(consultation, options);
  for (const jobKey of cancel) await cancelJob(tx, jobKey);
  await scheduleJobs(tx, schedule);
}

/**
 * What `planReminders` does, as data: the reminder jobs to schedule (in one `scheduleJobs` call,
 * possibly with other jobs of the same transaction) and the keys of those to remove.
 */
export function reminderJobs(
  consultation: { id: string; scheduledAt: Date },
  options: { now?: Date } = {},
): { schedule: ScheduleJobSpec[]; cancel: string[] } {
  const planned = remindersToPlan(consultation.scheduledAt, options.now ?? new Date());
  const schedule: ScheduleJobSpec[] = [];
  const cancel: string[] = [];
  for (const kind of REMINDER_KINDS) {
    const reminder = planned.find((r) => r.kind === kind);
    const jobKey = reminderJobKey(consultation.id, kind);
    if (!reminder) {
      cancel.push(jobKey);
      continue;
    }
    schedule.push({
      task: reminderTask,
      payload: {
        consultationId: consultation.id,
        kind,
        scheduledAt: consultation.scheduledAt.toISOString(),
      } satisfies ReminderPayload,
      jobKey,
      runAt: reminder.runAt,
      maxAttempts: 5,
    });
  }
  return { schedule, cancel };
}

/** Removes the consultation's pending reminders. Call it in the transaction that cancels it. */
export async function cancelReminders(tx: Tx, consultationId: string): Promise<void> {
  for (const kind of REMINDER_KINDS) await cancelJob(tx, reminderJobKey(consultationId, kind));
}
