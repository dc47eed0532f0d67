// What happened to a consultation, for one of its participants: booked, confirmed, cancelled, or an
// absence reported. Never health content: no reason, no note, no specialty — only who, when, how
// (video, audio, in person) and a link behind sign-in. The .ics entry travels as an attachment.
import { z } from 'zod';
import { defineMailTemplate, greeting, type MailLanguage } from '../template';
import { firstName, link } from './fields';

const FORMATS: Record<MailLanguage, Record<'VIDEO' | 'AUDIO' | 'IN_PERSON', string>> = {
  fr: { VIDEO: 'en visio', AUDIO: 'en audio', IN_PERSON: 'en cabinet' },
  en: { VIDEO: 'video', AUDIO: 'audio', IN_PERSON: 'in-person' },
};

export const consultationUpdate = defineMailTemplate({
  name: 'consultation-update',
  schema: z.object({
    firstName,
    /**
     * booked: to the practitioner, a new booking; booking-recorded: to the employee who booked;
     * confirmed: to the employee; cancelled: to both; absent: to the participant reported absent;
     * rescheduled: to both (the new time; `movedBy` says who moved it).
     */
    kind: z.enum(['booked', 'booking-recorded', 'confirmed', 'cancelled', 'absent', 'rescheduled']),
    /** The other participant: "Dr Sophie Martin", "Camille Test". */
    withName: z.string().trim().min(1).max(200),
    /** The start, written in the recipient's language and time zone. */
    when: z.string().trim().min(1).max(200),
    format: z.enum(['VIDEO', 'AUDIO', 'IN_PERSON']),
    /** cancelled: who cancelled, seen from the recipient. */
    cancelledBy: z.enum(['you', 'other', 'huntzen']).optional(),
    /** rescheduled: who moved it, seen from the recipient. */
    movedBy: z.enum(['you', 'other']).optional(),
    link,
    /** The ConsultationEvent this e-mail tells about: sending it twice can be recognised. */
    eventId: z.uuid().optional(),
  }),
  stored: ['firstName', 'kind', 'format', 'eventId'],
  content: {
    fr: (d) => {
      const format = FORMATS.fr[d.format];
      const by = { you: 'à votre demande', other: `par ${d.withName}`, huntzen: 'par HuntZen' }[
        d.cancelledBy ?? 'other'
      ];
      const texts = {
        booked: {
          subject: `Nouvelle consultation le ${d.when}`,
          lines: [
            `${d.withName} a réservé une consultation ${format} le ${d.when}.`,
            'Confirmez-la depuis votre agenda HuntZen.',
          ],
        },
        'booking-recorded': {
          subject: `Votre consultation du ${d.when} est réservée`,
          lines: [
            `Votre consultation ${format} avec ${d.withName} le ${d.when} est réservée.`,
            'Vous recevrez un message dès sa confirmation.',
          ],
        },
        confirmed: {
          subject: `Consultation confirmée : ${d.when}`,
          lines: [`${d.withName} a confirmé votre consultation ${format} du ${d.when}.`],
        },
        cancelled: {
          subject: `Consultation annulée : ${d.when}`,
          lines: [`La consultation ${format} du ${d.when} avec ${d.withName} a été annulée ${by}.`],
        },
        rescheduled: {
          subject: `Consultation déplacée : ${d.when}`,
          lines: [
            d.movedBy === 'you'
              ? `Votre consultation ${format} avec ${d.withName} est déplacée au ${d.when}.`
              : `${d.withName} a déplacé votre consultation ${format} au ${d.when}.`,
            'Votre calendrier est mis à jour par l’événement joint.',
          ],
        },
        absent: {
          subject: `Absence signalée : consultation du ${d.when}`,
          lines: [
            `${d.withName} a signalé votre absence à la consultation du ${d.when}.`,
            "S'il s'agit d'une erreur, écrivez au support HuntZen.",
          ],
        },
      }[d.kind];
      return {
        subject: texts.subject,
        preheader: texts.lines[0]!,
        heading: texts.subject,
        greeting: greeting('fr', d.firstName),
        paragraphs: texts.lines,
        action: { label: 'Voir la consultation', url: d.link },
        ...(d.kind === 'absent'
          ? {}
          : { notes: ["L'événement de calendrier (.ics) est joint à ce message."] }),
      };
    },
    en: (d) => {
      const format = FORMATS.en[d.format];
      const by = { you: 'at your request', other: `by ${d.withName}`, huntzen: 'by HuntZen' }[
        d.cancelledBy ?? 'other'
      ];
      const texts = {
        booked: {
          subject: `New consultation on ${d.when}`,
          lines: [
            `${d.withName} booked a ${format} consultation on ${d.when}.`,
            'Confirm it from your HuntZen agenda.',
          ],
        },
        'booking-recorded': {
          subject: `Your consultation on ${d.when} is booked`,
          lines: [
            `Your ${format} consultation with ${d.withName} on ${d.when} is booked.`,
            'You will hear from us as soon as it is confirmed.',
          ],
        },
        confirmed: {
          subject: `Consultation confirmed: ${d.when}`,
          lines: [`${d.withName} confirmed your ${format} consultation on ${d.when}.`],
        },
        cancelled: {
          subject: `Consultation cancelled: ${d.when}`,
          lines: [`The ${format} consultation on ${d.when} with ${d.withName} was cancelled ${by}.`],
        },
        rescheduled: {
          subject: `Consultation moved: ${d.when}`,
          lines: [
            d.movedBy === 'you'
              ? `Your ${format} consultation with ${d.withName} is moved to ${d.when}.`
              : `${d.withName} moved your ${format} consultation to ${d.when}.`,
            'The attached event updates your calendar.',
          ],
        },
        absent: {
          subject: `Absence reported: consultation on ${d.when}`,
          lines: [
            `${d.withName} reported that you did not attend the consultation on ${d.when}.`,
            'If this is a mistake, write to HuntZen support.',
          ],
        },
      }[d.kind];
      return {
        subject: texts.subject,
        preheader: texts.lines[0]!,
        heading: texts.subject,
        greeting: greeting('en', d.firstName),
        paragraphs: texts.lines,
        action: { label: 'See the consultation', url: d.link },
        ...(d.kind === 'absent' ? {} : { notes: ['The calendar event (.ics) is attached to this message.'] }),
      };
    },
  },
});
