// The emails of account life: verification, password reset, admin invitation. Each is an
// email_queue row written in the caller's transaction (sent by the mail worker once it commits).
import type { Tx } from '@huntzen/db';
import {
  ADMIN_INVITATION_LINK_HOURS,
  enqueueEmail,
  kickEmailSender,
  PASSWORD_RESET_LINK_HOURS,
  VERIFY_EMAIL_LINK_HOURS,
} from '../../platform/mail';
import { findRecipient, type NotificationRecipient } from '../../platform/notifications';

/** How long each link lives: what the emails announce. */
export const LINK_TTL_MINUTES = {
  VERIFY_EMAIL: VERIFY_EMAIL_LINK_HOURS * 60,
  RESET_PASSWORD: PASSWORD_RESET_LINK_HOURS * 60,
  ADMIN_INVITATION: ADMIN_INVITATION_LINK_HOURS * 60,
} as const;

export type AccountEmail = 'verify-email' | 'password-reset' | 'admin-invitation';

const PATHS: Record<AccountEmail, string> = {
  'verify-email': '/verify-email',
  'password-reset': '/reset-password',
  'admin-invitation': '/reset-password',
};

/** Who an email is for: address, language, first name and company branding (the account must exist). */
export async function recipientOf(tx: Tx, userId: string): Promise<NotificationRecipient> {
  const recipient = await findRecipient(tx, userId);
  if (!recipient) throw new Error(`no account ${userId}`);
  return recipient;
}

/** Sends the account emails that carry a single-use link. */
export function createAccountMailer(publicUrl: string) {
  return {
    async send(tx: Tx, userId: string, kind: AccountEmail, token: string, language?: 'fr' | 'en') {
      const recipient = await recipientOf(tx, userId);
      const link = `${publicUrl}${PATHS[kind]}?token=${encodeURIComponent(token)}${kind === 'admin-invitation' ? '&invite=1' : ''}`;
      await enqueueEmail(tx, {
        to: recipient.to,
        template: kind,
        language: language ?? recipient.language,
        data: { firstName: recipient.firstName ?? undefined, link },
        priority: 'HIGH',
        branding: recipient.branding,
      });
      await kickEmailSender(tx);
    },
  };
}
export type AccountMailer = ReturnType<typeof createAccountMailer>;
