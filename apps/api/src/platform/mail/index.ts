// E-mail: templates (French and English, HTML + text), the `email_queue` outbox, and its sender
// (SMTP, or .eml files in development). Importing this registers the `send_email_batch` job.
export { type Branding, HUNTZEN_COLOR } from './branding';
export { type EnqueueEmailInput, enqueueEmail } from './enqueue';
export { escapeHtml } from './html';
export { kickEmailSender, SEND_EMAIL_JOB_KEY, sendEmailBatchTask } from './mail.jobs';
export { InvalidMailDataError, type RenderedEmail, renderEmail } from './render';
export { BATCH_LIMIT, LEASE_SECONDS, type SendEmailBatchResult, sendEmailBatch } from './sender';
export { MAIL_LANGUAGES, type MailLanguage, mailDateTime, mailLanguage } from './template';
export {
  ADMIN_INVITATION_LINK_HOURS,
  MAIL_TEMPLATES,
  type MailTemplateData,
  type MailTemplateName,
  PASSWORD_RESET_LINK_HOURS,
  VERIFY_EMAIL_LINK_HOURS,
} from './templates';
export {
  createMailTransport,
  type MailTransport,
  type MailTransportOptions,
  mailDirectory,
  type OutgoingEmail,
} from './transport';
