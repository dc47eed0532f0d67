// Every mail template by name. Adding one: a module in this folder, then a line here.
import type { z } from 'zod';
import { accountActivated } from './account-activated';
import { accountErasure } from './account-erasure';
import { adminInvitation } from './admin-invitation';
import { companyDomainVerification } from './company-domain-verification';
import { companyPending } from './company-pending';
import { companyRejected } from './company-rejected';
import { companyValidated } from './company-validated';
import { consultationReminder } from './consultation-reminder';
import { consultationUpdate } from './consultation-update';
import { genericNotification } from './generic-notification';
import { passwordReset } from './password-reset';
import { practitionerApplicationReceived } from './practitioner-application-received';
import { practitionerRejected } from './practitioner-rejected';
import { practitionerValidated } from './practitioner-validated';
import { verifyEmail } from './verify-email';

export { ADMIN_INVITATION_LINK_HOURS } from './admin-invitation';
export { PASSWORD_RESET_LINK_HOURS } from './password-reset';
export { VERIFY_EMAIL_LINK_HOURS } from './verify-email';

export const MAIL_TEMPLATES = {
  'verify-email': verifyEmail,
  'password-reset': passwordReset,
  'admin-invitation': adminInvitation,
  'account-activated': accountActivated,
  'account-erasure': accountErasure,
  'company-pending': companyPending,
  'company-validated': companyValidated,
  'company-rejected': companyRejected,
  'company-domain-verification': companyDomainVerification,
  'practitioner-application-received': practitionerApplicationReceived,
  'practitioner-validated': practitionerValidated,
  'practitioner-rejected': practitionerRejected,
  'generic-notification': genericNotification,
  'consultation-update': consultationUpdate,
  'consultation-reminder': consultationReminder,
} as const;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;

/** The data a template takes (before its schema's defaults and trimming). */
export type MailTemplateData<N extends MailTemplateName> = z.input<(typeof MAIL_TEMPLATES)[N]['schema']>;
