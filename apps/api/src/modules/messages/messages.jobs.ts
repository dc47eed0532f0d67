// The "you have a new message" e-mail: sent when a message is still unread 15 minutes after it was
// sent, at most once per thread per recipient per hour (CHAT_RULES), never with the message's text.
// Sending a message marks an e-mail pending (message_email_state) and schedules this keyed job in
// the sending transaction, at "pending since + 15 min": later messages schedule it at the same time,
// so a busy thread does not push the e-mail back. The job re-checks everything when it runs, as the
// SYSTEM actor, and reschedules itself when it is early (a newer unread message) or throttled.
import { CHAT_RULES } from '@huntzen/contracts';
import { SYSTEM_ACTOR, type Tx, withActor } from '@huntzen/db';
import { z } from 'zod';
import { defineTask, publicOrigin, scheduleJob } from '../../platform/jobs';
import { enqueueEmail, kickEmailSender, type MailLanguage } from '../../platform/mail';
import { findRecipient } from '../../platform/notifications/recipient';
import * as repo from './messages.repository';

const MINUTE = 60_000;

export const UnreadEmailPayloadSchema = z.object({
  consultationId: z.uuid(),
  recipientUserId: z.uuid(),
});
export type UnreadEmailPayload = z.infer<typeof UnreadEmailPayloadSchema>;

/** What a run of the job did (logged, and read by the tests). */
export type UnreadEmailOutcome = 'sent' | 'nothing-pending' | 'all-read' | 'not-yet' | 'throttled' | 'gone';

/** The key of the job of one thread and recipient (one pending at a time). */
export function unreadEmailJobKey(consultationId: string, recipientUserId: string): string {
  return `message_unread_email:${consultationId}:${recipientUserId}`;
}

const TEXTS: Record<MailLanguage, { title: string; message: string; label: string }> = {
  fr: {
    title: 'Vous avez un nouveau message',
    message:
      'Un message vous attend dans votre messagerie HuntZen. Pour votre confidentialité, son contenu ' +
      "n'est jamais envoyé par e-mail : connectez-vous pour le lire.",
    label: 'Lire le message',
  },
  en: {
    title: 'You have a new message',
    message:
      'A message is waiting for you in your HuntZen inbox. For your privacy its content is never sent ' +
      'by e-mail: sign in to read it.',
    label: 'Read the message',
  },
};

/**
 * Runs the e-mail of one thread and recipient at `now`, in `tx` (SYSTEM): sends it if a message of
 * the other participant is unread for 15 minutes and none was e-mailed in the last hour.
 */
export async function sendUnreadEmail(
  tx: Tx,
  payload: UnreadEmailPayload,
  now: Date,
  /** PUBLIC_URL without a trailing slash, for the e-mail's link. */
  origin: string,
): Promise<UnreadEmailOutcome> {
  const { consultationId, recipientUserId } = payload;
  const state = await repo.lockEmailState(tx, consultationId, recipientUserId);
  if (!state?.pendingSince) return 'nothing-pending';
  const thread = await repo.findThread(tx, consultationId);
  const recipientRole =
    thread?.employee.userId === recipientUserId
      ? 'EMPLOYEE'
      : thread?.practitioner.userId === recipientUserId
        ? 'PRACTITIONER'
        : null;
  if (!thread || !recipientRole) {
    await repo.saveEmailState(tx, consultationId, recipientUserId, { pendingSince: null });
    return 'gone';
  }
  const oldest = await repo.oldestUnread(
    tx,
    consultationId,
    recipientRole === 'EMPLOYEE' ? 'PRACTITIONER' : 'EMPLOYEE',
  );
  if (!oldest) {
    await repo.saveEmailState(tx, consultationId, recipientUserId, { pendingSince: null });
    return 'all-read';
  }
  const due = new Date(oldest.createdAt.getTime() + CHAT_RULES.unreadEmailDelayMinutes * MINUTE);
  if (now < due) {
    await repo.saveEmailState(tx, consultationId, recipientUserId, { pendingSince: oldest.createdAt });
    await planUnreadEmail(tx, payload, due);
    return 'not-yet';
  }
  if (state.lastEmailedAt) {
    const allowed = new Date(state.lastEmailedAt.getTime() + CHAT_RULES.unreadEmailEveryMinutes * MINUTE);
    if (now < allowed) {
      await planUnreadEmail(tx, payload, allowed);
      return 'throttled';
    }
  }
  const recipient = await findRecipient(tx, recipientUserId);
  if (!recipient) return 'gone';
  const text = TEXTS[recipient.language];
  await enqueueEmail(tx, {
    to: recipient.to,
    language: recipient.language,
    branding: recipient.branding,
    template: 'generic-notification',
    data: {
      firstName: recipient.firstName ?? undefined,
      title: text.title,
      message: text.message,
      link: `${origin}/app/messages/${consultationId}`,
      linkLabel: text.label,
    },
  });
  await kickEmailSender(tx);
  await repo.saveEmailState(tx, consultationId, recipientUserId, { pendingSince: null, lastEmailedAt: now });
  return 'sent';
}

export const unreadEmailTask = defineTask(
  'send_message_unread_email',
  UnreadEmailPayloadSchema,
  async (payload, { db, logger, settings }) => {
    const origin = publicOrigin(settings);
    const outcome = await withActor(db, SYSTEM_ACTOR, (tx) =>
      sendUnreadEmail(tx, payload, new Date(), origin),
    );
    logger.info({ consultationId: payload.consultationId, outcome }, 'unread message e-mail');
  },
);

/** Schedules (or moves) the e-mail job of one thread and recipient at `runAt`, in `tx`. */
export async function planUnreadEmail(tx: Tx, payload: UnreadEmailPayload, runAt: Date): Promise<void> {
  await scheduleJob(tx, {
    task: unreadEmailTask,
    payload,
    jobKey: unreadEmailJobKey(payload.consultationId, payload.recipientUserId),
    runAt,
    maxAttempts: 5,
  });
}
