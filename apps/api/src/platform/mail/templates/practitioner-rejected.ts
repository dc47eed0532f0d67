// HuntZen sent a practitioner's application back, with the reason (about credentials and the
// profile, written by an admin; never health content). The practitioner fixes it and sends it again.
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { firstName, link } from './fields';

export const practitionerRejected = defineMailTemplate({
  name: 'practitioner-rejected',
  // `link`: the practitioner's profile page (no token).
  schema: z.object({ firstName, reason: z.string().trim().min(1).max(2000), link }),
  // The reason stays in the body: it may name the person's documents.
  stored: ['firstName'],
  content: {
    fr: (d) => ({
      subject: 'Votre candidature HuntZen est à compléter',
      preheader: "L'équipe HuntZen n'a pas pu valider votre candidature en l'état.",
      heading: 'Votre candidature est à compléter',
      greeting: greeting('fr', d.firstName),
      paragraphs: [
        "L'équipe HuntZen n'a pas pu valider votre candidature en l'état, pour la raison suivante :",
        d.reason,
        'Vous pouvez corriger votre dossier puis le renvoyer depuis votre profil.',
      ],
      action: { label: 'Compléter mon dossier', url: d.link },
    }),
    en: (d) => ({
      subject: 'Your HuntZen application needs changes',
      preheader: 'The HuntZen team could not validate your application as it is.',
      heading: 'Your application needs changes',
      greeting: greeting('en', d.firstName),
      paragraphs: [
        'The HuntZen team could not validate your application as it is, for this reason:',
        d.reason,
        'You can fix your application and send it again from your profile.',
      ],
      action: { label: 'Update my application', url: d.link },
    }),
  },
});
