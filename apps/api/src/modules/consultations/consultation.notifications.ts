// The in-app notifications of a consultation's changes, in the recipient's language and time zone.
// Types from the spec's enum: CONSULTATION_CONFIRMED and CONSULTATION_CANCELLED where they exist,
// SYSTEM otherwise (a booking, a start, an end, an absence). E-mails are sent separately, with
// their calendar entry (consultation.emails.ts), so these are created with `email: false`.
// Never health content: who, when, what happened.
import type { NotificationType, Tx } from '@huntzen/db';
import { type MailLanguage, mailDateTime, mailLanguage } from '../../platform/mail';
import { type NotifyInput, notify } from '../../platform/notifications';

export type NotifiedChange =
  | 'booked'
  | 'confirmed'
  | 'started'
  | 'ended'
  | 'cancelled'
  | 'absent'
  | 'rescheduled';

export interface NotificationRecipient {
  userId: string;
  language: string | null;
  timezone: string;
}

const TYPES: Record<NotifiedChange, NotificationType> = {
  booked: 'SYSTEM',
  confirmed: 'CONSULTATION_CONFIRMED',
  started: 'SYSTEM',
  ended: 'SYSTEM',
  cancelled: 'CONSULTATION_CANCELLED',
  absent: 'SYSTEM',
  rescheduled: 'SYSTEM',
};

function texts(
  change: NotifiedChange,
  language: MailLanguage,
  withName: string,
  when: string,
  byHuntZen: boolean,
) {
  if (language === 'fr') {
    return {
      booked: ['Nouvelle consultation', `${withName} a réservé une consultation le ${when}.`],
      confirmed: ['Consultation confirmée', `${withName} a confirmé votre consultation du ${when}.`],
      started: ['Consultation commencée', `${withName} a commencé la consultation du ${when}.`],
      ended: ['Consultation terminée', `Votre consultation du ${when} avec ${withName} est terminée.`],
      cancelled: [
        'Consultation annulée',
        `La consultation du ${when} avec ${withName} a été annulée${byHuntZen ? ' par HuntZen' : ` par ${withName}`}.`,
      ],
      absent: ['Absence signalée', `${withName} a signalé votre absence à la consultation du ${when}.`],
      rescheduled: ['Consultation déplacée', `${withName} a déplacé votre consultation au ${when}.`],
    }[change];
  }
  return {
    booked: ['New consultation', `${withName} booked a consultation on ${when}.`],
    confirmed: ['Consultation confirmed', `${withName} confirmed your consultation on ${when}.`],
    started: ['Consultation started', `${withName} started the consultation on ${when}.`],
    ended: ['Consultation ended', `Your consultation on ${when} with ${withName} has ended.`],
    cancelled: [
      'Consultation cancelled',
      `The consultation on ${when} with ${withName} was cancelled${byHuntZen ? ' by HuntZen' : ` by ${withName}`}.`,
    ],
    absent: ['Absence reported', `${withName} reported that you did not attend the consultation on ${when}.`],
    rescheduled: ['Consultation moved', `${withName} moved your consultation to ${when}.`],
  }[change];
}

/** Notifies `to` of `change` to consultation `consultationId` (starting at `at`) made by `withName`. */
export async function notifyChange(
  tx: Tx,
  to: NotificationRecipient,
  change: NotifiedChange,
  details: ChangeDetails,
): Promise<void> {
  await notify(tx, changeNotification(to, change, details));
}

export interface ChangeDetails {
  consultationId: string;
  at: Date;
  withName: string;
  byHuntZen?: boolean;
}

/** The notification of `notifyChange`, to write along with other rows (`prepareNotification`). */
export function changeNotification(
  to: NotificationRecipient,
  change: NotifiedChange,
  details: ChangeDetails,
): NotifyInput {
  const language = mailLanguage(to.language);
  const when = mailDateTime(details.at, to.timezone, language);
  const [title, message] = texts(change, language, details.withName, when, details.byHuntZen ?? false) as [
    string,
    string,
  ];
  return {
    userId: to.userId,
    type: TYPES[change],
    title,
    message,
    linkUrl: `/app/consultations/${details.consultationId}`,
    linkLabel: language === 'fr' ? 'Voir la consultation' : 'See the consultation',
    metadata: { consultationId: details.consultationId, change },
    email: false,
  };
}
