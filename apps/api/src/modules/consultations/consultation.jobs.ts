// The job that queues a consultation change's e-mails (see consultation.emails.ts). Defined when
// this module is imported, which the application does in every process role.
import { SYSTEM_ACTOR, type Tx, withActor } from '@huntzen/db';
import { defineTask, publicOrigin, type ScheduleJobSpec, scheduleJob } from '../../platform/jobs';
import { type EmailJob, EmailJobSchema, sendConsultationEmails } from './consultation.emails';

export const consultationEmailTask = defineTask(
  'send_consultation_emails',
  EmailJobSchema,
  async (payload, { db, logger, settings }) => {
    if (!settings?.mailFrom) throw new Error('No MAIL_FROM: give startJobs({ settings: { mailFrom } })');
    const email = { origin: publicOrigin(settings), organizer: settings.mailFrom };
    const queued = await withActor(db, SYSTEM_ACTOR, (tx) => sendConsultationEmails(tx, payload, email));
    logger.debug(
      { consultationId: payload.consultationId, eventId: payload.eventId, queued },
      'consultation e-mails',
    );
  },
);

/** Schedules the e-mails of one consultation event, in the transaction of the change. */
export async function scheduleConsultationEmails(tx: Tx, job: EmailJob): Promise<void> {
  await scheduleJob(tx, consultationEmailsJob(job));
}

/** The job of `scheduleConsultationEmails`, to schedule along with others (`scheduleJobs`). */
export function consultationEmailsJob(job: EmailJob): ScheduleJobSpec {
  return {
    task: consultationEmailTask,
    payload: job,
    jobKey: `consultation_emails:${job.eventId}`,
    maxAttempts: 5,
  };
}
