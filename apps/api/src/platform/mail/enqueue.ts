// Enqueueing an e-mail: rendered now, stored as one `email_queue` row in the caller's transaction,
// so it exists only if what it tells about commits. Call `kickEmailSender(tx)` after it to send
// it within seconds rather than at the next minute's sweep.
import { randomUUID } from 'node:crypto';
import type { EmailAttachmentRow, EmailPriority, Tx } from '@huntzen/db';
import { sql } from 'drizzle-orm';
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

// Drizzle spreads a JS array into a list of parameters: pass it as one JSON parameter instead.
const textArray = (values: string[]) =>
  sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

/**
 * Renders the e-mail and inserts its `email_queue` row (status PENDING) on `tx`; returns its id.
 * SYSTEM may write to anyone, a signed-in actor to the accounts it may notify (`enqueue_email`,
 * migration 0018). The id is made here: the caller may not read the queue back.
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
  // enqueue_email (migration 0018): the application role cannot insert into the queue itself; a
  // signed-in actor may write only to accounts it may notify, SYSTEM to anyone.
  await tx.execute(sql`select enqueue_email(
    ${id}::uuid, ${checked.to}, ${textArray(checked.cc)}, ${textArray(checked.bcc)}, ${rendered.subject},
    ${rendered.html}, ${rendered.text}, ${input.template},
    ${JSON.stringify(rendered.templateData)}::jsonb,
    ${input.priority ?? 'NORMAL'}::email_priority, ${input.scheduledFor?.toISOString() ?? null}::timestamptz,
    ${checked.maxRetries ?? null}::integer,
    ${checked.attachments.length > 0 ? JSON.stringify(checked.attachments) : null}::jsonb)`);
  return id;
}
