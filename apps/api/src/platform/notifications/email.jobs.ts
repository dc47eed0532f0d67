// The generic e-mail copy of a notification. `notify` schedules this job in the caller's
// transaction (so it exists only if the notification commits); the job, as the SYSTEM actor, reads
// the recipient's address, queues the e-mail and marks the notification `emailSent`. A job rather
// than an e-mail queued by `notify` itself: the caller often may not read the recipient's account
// (row-level security), e.g. a practitioner confirming an employee's consultation.
import { type Notification, notifications, SYSTEM_ACTOR, type Tx, withActor } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineTask, publicOrigin } from '../jobs';
import { enqueueEmail, kickEmailSender } from '../mail';
import { findRecipient } from './recipient';

// Reminders are worth nothing late; the rest follows the queue's order.
const URGENT_TYPES = new Set<Notification['type']>(['CONSULTATION_REMINDER_1H', 'CONSULTATION_REMINDER_24H']);

/** Queues the generic e-mail of one notification unless already done or expired; true when queued. */
export async function emailNotification(tx: Tx, notificationId: string, origin: string): Promise<boolean> {
  const [row] = await tx
    .select()
    .from(notifications)
    .where(eq(notifications.id, notificationId))
    .for('update');
  if (!row || row.emailSent) return false;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return false;
  const recipient = await findRecipient(tx, row.userId);
  if (!recipient) return false;
  await enqueueEmail(tx, {
    to: recipient.to,
    language: recipient.language,
    branding: recipient.branding,
    priority: URGENT_TYPES.has(row.type) ? 'HIGH' : 'NORMAL',
    template: 'generic-notification',
    data: {
      firstName: recipient.firstName,
      title: row.title,
      message: row.message,
      // Every notification is behind sign-in; without a link of its own, the notification centre.
      link: `${origin}${row.linkUrl ?? '/app/notifications'}`,
      ...(row.linkLabel ? { linkLabel: row.linkLabel } : {}),
    },
  });
  await kickEmailSender(tx);
  await tx
    .update(notifications)
    .set({ emailSent: true, emailSentAt: new Date() })
    .where(eq(notifications.id, row.id));
  return true;
}

export const notificationEmailTask = defineTask(
  'send_notification_email',
  z.object({ notificationId: z.uuid() }),
  async ({ notificationId }, { db, logger, settings }) => {
    const origin = publicOrigin(settings);
    const queued = await withActor(db, SYSTEM_ACTOR, (tx) => emailNotification(tx, notificationId, origin));
    logger.debug({ notificationId, queued }, 'notification e-mail');
  },
);

/** The job key of a notification's e-mail (one per notification). */
export function notificationEmailJobKey(notificationId: string): string {
  return `notification_email:${notificationId}`;
}
