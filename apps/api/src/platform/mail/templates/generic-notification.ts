// The e-mail copy of an in-app notification: a title, a message and maybe a link. The caller writes
// them: never health content (no consultation reason, no message or note text, no practitioner's
// specialty) — only that something happened and where to look, behind sign-in.
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { firstName, link } from './fields';

export const genericNotification = defineMailTemplate({
  name: 'generic-notification',
  schema: z.object({
    firstName,
    title: z.string().trim().min(1).max(200),
    message: z.string().trim().min(1).max(5000),
    link: link.optional(),
    /** Label of the button (default: "Ouvrir HuntZen" / "Open HuntZen"). */
    linkLabel: z.string().trim().min(1).max(80).optional(),
  }),
  // The title says what kind of notification it was; the message stays out of the table.
  stored: ['firstName', 'title'],
  content: {
    fr: (d) => ({
      subject: d.title,
      preheader: d.title,
      heading: d.title,
      greeting: greeting('fr', d.firstName),
      paragraphs: d.message.split(/\r?\n\s*\r?\n/),
      ...(d.link ? { action: { label: d.linkLabel ?? 'Ouvrir HuntZen', url: d.link } } : {}),
    }),
    en: (d) => ({
      subject: d.title,
      preheader: d.title,
      heading: d.title,
      greeting: greeting('en', d.firstName),
      paragraphs: d.message.split(/\r?\n\s*\r?\n/),
      ...(d.link ? { action: { label: d.linkLabel ?? 'Open HuntZen', url: d.link } } : {}),
    }),
  },
});
