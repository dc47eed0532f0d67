// Where e-mails go: an SMTP server (SMTP_URL), or, without one, RFC 822 `.eml` files under
// DATA_DIR/mail that the development page lists. Both build the message with nodemailer, so a file
// is exactly what the SMTP server would have received.
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmailAttachmentRow } from '@huntzen/db';
import nodemailer from 'nodemailer';

/** One message to send, as stored in `email_queue`. */
export interface OutgoingEmail {
  /** The row id: it becomes the Message-ID, so a resend after a crash can be recognised. */
  id: string;
  to: string;
  cc: string[];
  bcc: string[];
  subject: string;
  html: string;
  text: string | null;
  /** Files sent with the message (an .ics invitation). */
  attachments?: EmailAttachmentRow[];
}

/** Sends e-mails; `send` rejects with the transport's error (SMTP code in `responseCode`). */
export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  /** For logs: the server without credentials, or the folder. */
  readonly target: string;
  send(email: OutgoingEmail): Promise<void>;
}

export interface MailTransportOptions {
  /** smtp:// or smtps:// URL; undefined → files under `dataDir/mail`. */
  smtpUrl: string | undefined;
  /** The From header, e.g. `HuntZen <no-reply@huntzen.care>`. */
  mailFrom: string;
  dataDir: string;
}

// Bounded, so that one stuck server cannot hold a row past its lease (see sender.ts).
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** The folder of the file transport. */
export function mailDirectory(dataDir: string): string {
  return path.resolve(dataDir, 'mail');
}

/** The domain of the From address, for Message-IDs. */
function fromDomain(mailFrom: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'huntzen.local';
}

/** `smtp://user:secret@host:25` → `smtp://host:25`. */
function withoutCredentials(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

/** A name that sorts in sending order: 20250102T030405678Z-<id>.eml. */
function fileName(id: string, now = new Date()): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${id}.eml`;
}

/** The transport for this configuration. */
export function createMailTransport(options: MailTransportOptions): MailTransport {
  const domain = fromDomain(options.mailFrom);
  const message = (email: OutgoingEmail) => ({
    from: options.mailFrom,
    to: email.to,
    cc: email.cc,
    bcc: email.bcc,
    subject: email.subject,
    html: email.html,
    ...(email.text ? { text: email.text } : {}),
    ...(email.attachments?.length
      ? {
          attachments: email.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        }
      : {}),
    messageId: `<${email.id}@${domain}>`,
    // RFC 3834: tells auto-responders not to answer.
    headers: { 'Auto-Submitted': 'auto-generated' },
  });

  if (options.smtpUrl) {
    const smtp = nodemailer.createTransport({ url: options.smtpUrl, ...SMTP_TIMEOUTS });
    return {
      kind: 'smtp',
      target: withoutCredentials(options.smtpUrl),
      async send(email) {
        await smtp.sendMail(message(email));
      },
    };
  }

  const directory = mailDirectory(options.dataDir);
  // The stream transport builds the same RFC 822 message as SMTP would send, Bcc kept for reading.
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    kind: 'file',
    target: directory,
    async send(email) {
      const info = await stream.sendMail(message(email));
      await mkdir(directory, { recursive: true });
      const name = fileName(email.id);
      // Written aside then renamed: the development page never sees half a file.
      const partial = path.join(directory, `.${randomUUID()}.partial`);
      await writeFile(partial, info.message as Buffer);
      await rename(partial, path.join(directory, name));
    },
  };
}
