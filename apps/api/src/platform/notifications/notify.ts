// The one way features create a notification: a row in the caller's transaction (it exists only if
// what it tells about commits), an e-mail copy when the user would expect one, and a real-time push
// to the user's open pages once the transaction commits (the trigger of 0005_notifications.sql).
import { randomUUID } from 'node:crypto';
import type { NotificationType, Tx } from '@huntzen/db';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type ScheduleJobSpec, scheduleJob } from '../jobs';
import { type EnqueueEmailInput, enqueueEmail, kickEmailSender, type MailTemplateName } from '../mail';
import { notificationEmailJobKey, notificationEmailTask } from './email.jobs';

/** What a feature tells a user. Never health content: no reason, message, note or diagnosis text. */
export interface NotifyInput<N extends MailTemplateName = MailTemplateName> {
  userId: string;
  type: NotificationType;
  /** In the recipient's language; also the e-mail's subject. */
  title: string;
  message: string;
  /** A path of the web app (`/app/consultations/…`); e-mails make it absolute. */
  linkUrl?: string | null;
  linkLabel?: string | null;
  /** For the web app (ids to link or group by); never e-mailed. */
  metadata?: Record<string, unknown> | null;
  /** Hidden (and not e-mailed) from then on. */
  expiresAt?: Date | null;
  /**
   * true: the generic e-mail copy (title, message, link), queued by a job that reads the recipient's
   * address; false: none; an e-mail: that one instead, queued now in `tx` (for a caller that may
   * read the recipient and has a template of its own). Default: by type (EMAILED_BY_DEFAULT).
   */
  email?: boolean | EnqueueEmailInput<N>;
}

/** Types a user expects in their mailbox too. Not MESSAGE_RECEIVED: one e-mail per chat line is noise. */
export const EMAILED_BY_DEFAULT: ReadonlySet<NotificationType> = new Set<NotificationType>([
  'CONSULTATION_CONFIRMED',
  'CONSULTATION_CANCELLED',
  'CONSULTATION_REMINDER_24H',
  'CONSULTATION_REMINDER_1H',
  'ACCOUNT_ACTIVATED',
  'PRACTITIONER_VALIDATED',
  'COMPANY_VALIDATED',
]);

/** Raised for a notification that breaks the rules below: a bug of the calling feature. */
export class InvalidNotificationError extends Error {
  constructor(error: z.ZodError) {
    super(`Invalid notification: ${z.prettifyError(error)}`);
    this.name = 'InvalidNotificationError';
  }
}

// The limits of the e-mail template, so that a notification can always be e-mailed. Links stay
// inside the app: a path, never another site nor a `javascript:` URL.
const InputSchema = z.object({
  userId: z.uuid(),
  title: z.string().trim().min(1).max(200),
  message: z.string().trim().min(1).max(5000),
  linkUrl: z
    .string()
    .max(2000)
    .regex(/^\/(?![/\\])\S*$/, { error: 'must be a path of the app, e.g. /app/consultations' })
    .nullish(),
  linkLabel: z.string().trim().min(1).max(80).nullish(),
});

/** Creates a notification in `tx` for any actor allowed to (signed-in users, SYSTEM); returns its id. */
export async function notify<N extends MailTemplateName>(tx: Tx, input: NotifyInput<N>): Promise<string> {
  const checked = checkNotification(input);
  // Made here: RETURNING would need the right to read the row, which only its recipient has.
  const id = randomUUID();
  const email = input.email ?? EMAILED_BY_DEFAULT.has(input.type);
  const emailNow = typeof email === 'object';
  if (emailNow) {
    await enqueueEmail(tx, email);
    await kickEmailSender(tx);
  }
  await tx.execute(sql`select ${createNotificationCall(id, checked, input, emailNow)}`);
  if (email === true) await scheduleJob(tx, emailCopyJob(id));
  return id;
}

/** A notification `notify` would create, as parts of a statement the caller sends (see `prepareNotification`). */
export interface PreparedNotification {
  id: string;
  /** The `create_notification` call, a SQL expression to run in the caller's transaction. */
  call: SQL;
  /** The jobs to schedule with it (the e-mail copy, when it has one). */
  jobs: ScheduleJobSpec[];
}

/**
 * What `notify` does, checked the same way, as parts for a caller that writes the notification in a
 * statement of its own along with other rows (one round trip). Not for an e-mail queued now (`email`
 * an object): `notify` alone queues those.
 */
export function prepareNotification(input: NotifyInput): PreparedNotification {
  const checked = checkNotification(input);
  const id = randomUUID();
  const email = input.email ?? EMAILED_BY_DEFAULT.has(input.type);
  if (typeof email === 'object') throw new Error('prepareNotification: an e-mail queued now needs notify()');
  return {
    id,
    call: createNotificationCall(id, checked, input, false),
    jobs: email ? [emailCopyJob(id)] : [],
  };
}

function checkNotification(input: NotifyInput): z.infer<typeof InputSchema> {
  const parsed = InputSchema.safeParse(input);
  if (!parsed.success) throw new InvalidNotificationError(parsed.error);
  return parsed.data;
}

// create_notification (migration 0018) checks the actor may notify this user: the application
// role cannot insert notifications itself.
function createNotificationCall(
  id: string,
  checked: z.infer<typeof InputSchema>,
  input: NotifyInput,
  emailNow: boolean,
): SQL {
  return sql`create_notification(
    ${id}::uuid, ${checked.userId}::uuid, ${input.type}::notification_type, ${checked.title}, ${checked.message},
    ${checked.linkUrl ?? null}, ${checked.linkLabel ?? null},
    ${input.metadata ? JSON.stringify(input.metadata) : null}::jsonb, ${input.expiresAt?.toISOString() ?? null}::timestamptz,
    ${emailNow})`;
}

function emailCopyJob(id: string): ScheduleJobSpec {
  return {
    task: notificationEmailTask,
    payload: { notificationId: id },
    jobKey: notificationEmailJobKey(id),
    maxAttempts: 5,
  };
}
