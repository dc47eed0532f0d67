// Enqueueing an e-mail: rendered now, stored as one `email_queue` row in the caller's transaction,
// so it exists only if what it tells about commits. Call `kickEmailSender(tx)` after it to send
// it within seconds rather than at the next minute's sweep.
import { randomUUID } from 'node:crypto';
import { type EmailAttachmentRow, type EmailPriority, emailQueue, type Tx } from '@huntzen/db';
import { z } from 'zod';
import type { Branding } from './branding';
import { InvalidMailDataError, renderEmail } from './render';
import type { MailLanguage } from './template';
import type { MailTemplateData, MailTemplateName } from './templates';

/** One e-mail to enqueue. */
export interface EnqueueEmailInput<N extends MailTemplateName> {
  to: string;
  cc?: string[];
  bcc?: string[];
  template: N;
  language: MailLanguage;
  data: MailTemplateData<N>;
  /** URGENT first, then HIGH, NORMAL (default), LOW. */
  priority?: EmailPriority;
  /** Not sent before this time. */
  scheduledFor?: Date;
  /** Company branding (name, colour, logo); HuntZen's otherwise. */
  branding?: Branding;
  /** Attempts before the row is FAILED (default 3, the column's default). */
  maxRetries?: number;
  /** Small text files sent with the e-mail, e.g. an .ics invitation (never health content). */
  attachments?: EmailAttachmentRow[];
}

const address = z.email({ error: 'must be an email address' }).max(320);
const recipients = z.object({
  to: address,
  cc: z.array(address).max(50),
  bcc: z.array(address).max(50),
  maxRetries: z.number().int().min(1).max(20).optional(),
  // A plain file name (no path), a type/subtype with parameters, and at most 256 KiB of text.
  attachments: z
    .array(
      z.object({
        filename: z.string().regex(/^[\w.-]{1,100}$/),
        contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+(;\s*[\w.-]+=[\w.-]+)*$/),
        content: z.string().max(256 * 1024),
      }),
    )
    .max(5),
});

/**
 * Renders the e-mail and inserts its `email_queue` row (status PENDING) on `tx`; returns its id.
 * Works for any actor, anonymous included: the row-level security policy lets everyone insert,
 * which is also why the id is made here (RETURNING would need the right to read the queue).
 */
export async function enqueueEmail<N extends MailTemplateName>(
  tx: Tx,
  input: EnqueueEmailInput<N>,
): Promise<string> {
  const parsed = recipients.safeParse({
    to: input.to,
    cc: input.cc ?? [],
    bcc: input.bcc ?? [],
    maxRetries: input.maxRetries,
    attachments: input.attachments ?? [],
  });
  if (!parsed.success) throw new InvalidMailDataError(input.template, parsed.error);
  const checked = parsed.data;
  const rendered = renderEmail(input.template, input.language, input.data, input.branding);
  const id = randomUUID();
  await tx.insert(emailQueue).values({
    id,
    to: checked.to,
    cc: checked.cc,
    bcc: checked.bcc,
    subject: rendered.subject,
    htmlBody: rendered.html,
    textBody: rendered.text,
    templateName: input.template,
    templateData: rendered.templateData,
    status: 'PENDING',
    priority: input.priority ?? 'NORMAL',
    scheduledFor: input.scheduledFor ?? null,
    ...(checked.maxRetries === undefined ? {} : { maxRetries: checked.maxRetries }),
    ...(checked.attachments.length > 0 ? { attachments: checked.attachments } : {}),
  });
  return id;
}
