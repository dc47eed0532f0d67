// Spec seed-02, section 18 "Emails (queue)": model EmailQueue (email_queue).
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { emailPriorityEnum, emailStatusEnum } from './enums';

export const emailQueue = pgTable(
  'email_queue',
  {
    id: uuid('id').primaryKey().defaultRandom(),

    // Destinataire
    to: text('to').notNull(),
    cc: text('cc').array().notNull().default(sql`'{}'::text[]`),
    bcc: text('bcc').array().notNull().default(sql`'{}'::text[]`),

    // Contenu
    subject: text('subject').notNull(),
    htmlBody: text('html_body').notNull(),
    textBody: text('text_body'),

    // Template
    templateName: text('template_name'),
    templateData: jsonb('template_data'),

    // Statut
    status: emailStatusEnum('status').notNull().default('PENDING'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    failedAt: timestamp('failed_at', { withTimezone: true, mode: 'date' }),
    errorMessage: text('error_message'),
    retryCount: integer('retry_count').notNull().default(0),
    maxRetries: integer('max_retries').notNull().default(3),

    priority: emailPriorityEnum('priority').notNull().default('NORMAL'),

    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true, mode: 'date' }), // envoi programmé

    // Not in the spec (migration 0003): the mail sender's "not before". It holds the backoff after
    // a failed attempt, and the lease of the worker sending the row (so a crash mid-send loses nothing).
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    // Not in the spec (migration 0013): files sent with the e-mail, e.g. a calendar invitation.
    attachments: jsonb('attachments').$type<EmailAttachmentRow[]>(),
  },
  (t) => [
    index('email_queue_status_idx').on(t.status),
    index('email_queue_scheduled_for_idx').on(t.scheduledFor),
    index('email_queue_priority_idx').on(t.priority),
    // The sender's claim order among the rows still to send; sent rows pile up outside it.
    index('email_queue_pending_idx').on(t.priority.desc(), t.createdAt).where(sql`${t.status} = 'PENDING'`),
  ],
);

/** One file of `email_queue.attachments`: small text files only (an .ics invitation). */
export interface EmailAttachmentRow {
  filename: string;
  /** With its parameters, e.g. `text/calendar; charset=utf-8; method=REQUEST`. */
  contentType: string;
  content: string;
}

export type EmailQueue = typeof emailQueue.$inferSelect;
export type NewEmailQueue = typeof emailQueue.$inferInsert;
