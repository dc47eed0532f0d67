// The job that drains the mail queue: every minute (scheduled e-mails, retries after backoff,
// leases of crashed senders) and right after an enqueue (`kickEmailSender`). One job key: any
// number of kicks before a run collapse into that run.
import { z } from 'zod';
import { defineCron, defineTask, type JobExecutor, requireService, scheduleJob } from '../jobs';
import { sendEmailBatch } from './sender';

export const SEND_EMAIL_JOB_KEY = 'send_email_batch';

export const sendEmailBatchTask = defineTask('send_email_batch', z.object({}), async (_payload, context) => {
  const transport = requireService(context.services, 'mail');
  const result = await sendEmailBatch({ db: context.db, transport, logger: context.logger });
  if (result.sent + result.retrying + result.failed > 0)
    context.logger.info({ ...result }, 'email batch done');
  // Backlog larger than one batch: go on now rather than at the next minute.
  if (result.more) await kickEmailSender(context.db.owner);
});

defineCron('* * * * *', sendEmailBatchTask, { jobKey: SEND_EMAIL_JOB_KEY, maxAttempts: 3 });

/**
 * Asks for a send run now. Call it on the transaction that enqueued the e-mail: the job then
 * exists only if the e-mail does. A run already in progress is left alone and another one follows.
 */
export async function kickEmailSender(executor: JobExecutor): Promise<void> {
  await scheduleJob(executor, {
    task: sendEmailBatchTask,
    payload: {},
    jobKey: SEND_EMAIL_JOB_KEY,
    maxAttempts: 3,
  });
}
