// The questionnaire jobs: the optional reminder every 2 or 4 weeks (one keyed job per employee,
// replaced when the settings change or a result is recorded), and the urgent e-mail to a
// practitioner alerted by a crisis answer. Both run as SYSTEM: the employee may not read their
// practitioner's e-mail address, and needs not. Neither e-mail carries any health content.
import { practitioners, SYSTEM_ACTOR, type Tx, users, withActor } from '@huntzen/db';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { cancelJob, defineTask, publicOrigin, scheduleJob } from '../../platform/jobs';
import { enqueueEmail, kickEmailSender, mailLanguage } from '../../platform/mail';
import { notify } from '../../platform/notifications';
import { nextReminderAt, reminderJobKey } from './assessments.policy';
import { findEmployee, settingsWithReminder } from './assessments.repository';

const ReminderPayload = z.object({ employeeId: z.uuid() });

const INSTRUMENT_NAMES = { PHQ9: 'PHQ-9', GAD7: 'GAD-7', WHO5: 'WHO-5' } as const;

/** Sends a due reminder and plans the next; returns what happened. */
export async function sendAssessmentReminder(tx: Tx, employeeId: string, now: Date) {
  const settings = await settingsWithReminder(tx, employeeId);
  if (!settings?.reminderWeeks || !settings.nextReminderAt) return 'off';
  // Moved later meanwhile (a result recorded, the settings changed): that job will come.
  if (settings.nextReminderAt.getTime() > now.getTime() + 60_000) return 'moved';
  const employee = await findEmployee(tx, employeeId);
  if (!employee) return 'gone';
  const fr = mailLanguage(employee.language) === 'fr';
  const name = settings.reminderInstrument ? INSTRUMENT_NAMES[settings.reminderInstrument] : null;
  await notify(tx, {
    userId: employee.userId,
    type: 'SYSTEM',
    title: fr ? 'Votre questionnaire de suivi' : 'Your check-in questionnaire',
    message: fr
      ? `C’est le moment de répondre à nouveau ${name ? `au ${name}` : 'à votre questionnaire'} : deux minutes pour suivre votre évolution.`
      : `Time to answer ${name ?? 'your questionnaire'} again: two minutes to follow how you are doing.`,
    linkUrl: `/app/assessments${settings.reminderInstrument ? `/take/${settings.reminderInstrument}` : ''}`,
    linkLabel: fr ? 'Répondre' : 'Answer',
    metadata: { kind: 'ASSESSMENT_REMINDER' },
    email: false,
  });
  const next = nextReminderAt(settings.reminderWeeks, now);
  await tx.execute(
    sql`update assessment_settings set next_reminder_at = ${next.toISOString()}::timestamptz where employee_id = ${employeeId}::uuid`,
  );
  await planAssessmentReminder(tx, employeeId, next);
  return 'sent';
}

export const assessmentReminderTask = defineTask(
  'send_assessment_reminder',
  ReminderPayload,
  async ({ employeeId }, { db, logger }) => {
    const outcome = await withActor(db, SYSTEM_ACTOR, (tx) =>
      sendAssessmentReminder(tx, employeeId, new Date()),
    );
    logger.info({ employeeId, outcome }, 'assessment reminder');
  },
);

/** Plans (or, with null, removes) the employee's reminder, in the caller's transaction. */
export async function planAssessmentReminder(tx: Tx, employeeId: string, at: Date | null): Promise<void> {
  const jobKey = reminderJobKey(employeeId);
  if (!at) {
    await cancelJob(tx, jobKey);
    return;
  }
  await scheduleJob(tx, {
    task: assessmentReminderTask,
    payload: { employeeId },
    jobKey,
    runAt: at,
    maxAttempts: 5,
  });
}

const CrisisEmailPayload = z.object({ practitionerId: z.uuid() });

/** Queues the urgent, content-free e-mail of a crisis alert to the practitioner (`origin`: PUBLIC_URL without a trailing slash). */
export async function sendCrisisEmail(tx: Tx, practitionerId: string, origin: string): Promise<boolean> {
  const [row] = await tx
    .select({
      email: users.email,
      firstName: practitioners.firstName,
      language: practitioners.preferredLanguage,
    })
    .from(practitioners)
    .innerJoin(users, eq(users.id, practitioners.userId))
    .where(eq(practitioners.id, practitionerId));
  if (!row) return false;
  const language = mailLanguage(row.language);
  const fr = language === 'fr';
  await enqueueEmail(tx, {
    to: row.email,
    language,
    priority: 'URGENT',
    template: 'generic-notification',
    data: {
      firstName: row.firstName,
      title: fr ? 'Notification urgente sur HuntZen' : 'Urgent notification on HuntZen',
      message: fr
        ? 'Une notification urgente concernant l’un·e de vos patient·e·s vous attend sur HuntZen. Connectez-vous pour la lire.'
        : 'An urgent notification about one of your patients is waiting for you on HuntZen. Sign in to read it.',
      link: `${origin}/app/notifications`,
    },
  });
  await kickEmailSender(tx);
  return true;
}

export const assessmentCrisisEmailTask = defineTask(
  'send_assessment_crisis_email',
  CrisisEmailPayload,
  async ({ practitionerId }, { db, logger, settings }) => {
    const origin = publicOrigin(settings);
    const queued = await withActor(db, SYSTEM_ACTOR, (tx) => sendCrisisEmail(tx, practitionerId, origin));
    logger.info({ practitionerId, queued }, 'assessment crisis e-mail');
  },
);

/** Schedules the urgent e-mail of one crisis alert, in the transaction of the result. */
export async function scheduleCrisisEmail(
  tx: Tx,
  alert: { assessmentId: string; practitionerId: string },
): Promise<void> {
  await scheduleJob(tx, {
    task: assessmentCrisisEmailTask,
    payload: { practitionerId: alert.practitionerId },
    jobKey: `assessment_crisis_email:${alert.assessmentId}:${alert.practitionerId}`,
    maxAttempts: 5,
  });
}
