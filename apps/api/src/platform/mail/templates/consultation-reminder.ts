// A consultation's reminder, 24 hours or 1 hour before it starts, for each participant. Never
// health content: who, when, how (video, audio, in person), where for an in-person session, and a
// link behind sign-in.
import { z } from 'zod';
import { defineMailTemplate, greeting, type MailLanguage } from '../template';
import { firstName, link } from './fields';

const FORMATS: Record<MailLanguage, Record<'VIDEO' | 'AUDIO' | 'IN_PERSON', string>> = {
  fr: { VIDEO: 'en visio', AUDIO: 'en audio', IN_PERSON: 'en cabinet' },
  en: { VIDEO: 'video', AUDIO: 'audio', IN_PERSON: 'in-person' },
};

export const consultationReminder = defineMailTemplate({
  name: 'consultation-reminder',
  schema: z.object({
    firstName,
    kind: z.enum(['24h', '1h']),
    /** The other participant: "Dr Sophie Martin", "Camille Test". */
    withName: z.string().trim().min(1).max(200),
    /** The start, written in the recipient's language and time zone. */
    when: z.string().trim().min(1).max(200),
    format: z.enum(['VIDEO', 'AUDIO', 'IN_PERSON']),
    /** IN_PERSON: the practitioner's address. */
    address: z.string().trim().min(1).max(500).optional(),
    /** VIDEO and AUDIO: minutes before the start when the room opens. */
    roomOpensMinutesBefore: z.number().int().min(0).max(60).optional(),
    link,
  }),
  stored: ['firstName', 'kind', 'format'],
  content: {
    fr: (d) => {
      const subject =
        d.kind === '24h' ? `Rappel : consultation demain, ${d.when}` : `Rappel : consultation dans une heure`;
      const lines = [`Votre consultation ${FORMATS.fr[d.format]} avec ${d.withName} a lieu le ${d.when}.`];
      if (d.format === 'IN_PERSON' && d.address) lines.push(`Adresse : ${d.address}`);
      if (d.format !== 'IN_PERSON' && d.roomOpensMinutesBefore !== undefined) {
        lines.push(`La salle ouvre ${d.roomOpensMinutesBefore} minutes avant le début.`);
      }
      return {
        subject,
        preheader: lines[0]!,
        heading: d.kind === '24h' ? 'Votre consultation de demain' : 'Votre consultation commence bientôt',
        greeting: greeting('fr', d.firstName),
        paragraphs: lines,
        action: {
          label: d.format === 'IN_PERSON' || d.kind === '24h' ? 'Voir la consultation' : 'Rejoindre la salle',
          url: d.link,
        },
        notes: ['Un empêchement ? Annulez depuis HuntZen pour libérer le créneau.'],
      };
    },
    en: (d) => {
      const subject =
        d.kind === '24h'
          ? `Reminder: consultation tomorrow, ${d.when}`
          : 'Reminder: consultation in one hour';
      const lines = [`Your ${FORMATS.en[d.format]} consultation with ${d.withName} is on ${d.when}.`];
      if (d.format === 'IN_PERSON' && d.address) lines.push(`Address: ${d.address}`);
      if (d.format !== 'IN_PERSON' && d.roomOpensMinutesBefore !== undefined) {
        lines.push(`The room opens ${d.roomOpensMinutesBefore} minutes before the start.`);
      }
      return {
        subject,
        preheader: lines[0]!,
        heading: d.kind === '24h' ? 'Your consultation tomorrow' : 'Your consultation starts soon',
        greeting: greeting('en', d.firstName),
        paragraphs: lines,
        action: {
          label: d.format === 'IN_PERSON' || d.kind === '24h' ? 'See the consultation' : 'Join the room',
          url: d.link,
        },
        notes: ["Can't make it? Cancel from HuntZen to free the slot."],
      };
    },
  },
});
