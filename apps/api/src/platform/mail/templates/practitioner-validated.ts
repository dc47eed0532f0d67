// HuntZen validated a practitioner's application: their profile can now be listed.
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { firstName, link } from './fields';

export const practitionerValidated = defineMailTemplate({
  name: 'practitioner-validated',
  // `link`: the practitioner's profile page (no token).
  schema: z.object({ firstName, link }),
  stored: ['firstName'],
  content: {
    fr: (d) => ({
      subject: 'Votre profil HuntZen est validé',
      preheader: 'Vous pouvez recevoir vos premiers rendez-vous.',
      heading: 'Bienvenue parmi les praticiens HuntZen',
      greeting: greeting('fr', d.firstName),
      paragraphs: [
        "L'équipe HuntZen a vérifié vos justificatifs et validé votre candidature.",
        'Votre profil apparaît désormais dans l’annuaire des salariés de nos entreprises clientes. ' +
          'Renseignez vos disponibilités pour recevoir vos premiers rendez-vous ; vous pouvez aussi ' +
          'mettre votre profil en pause à tout moment.',
      ],
      action: { label: 'Voir mon profil', url: d.link },
    }),
    en: (d) => ({
      subject: 'Your HuntZen profile is validated',
      preheader: 'You can now receive your first appointments.',
      heading: "Welcome to HuntZen's practitioners",
      greeting: greeting('en', d.firstName),
      paragraphs: [
        'The HuntZen team has checked your documents and validated your application.',
        "Your profile now appears in the directory of our client companies' employees. Set your " +
          'availability to receive your first appointments; you can also pause your profile at any time.',
      ],
      action: { label: 'View my profile', url: d.link },
    }),
  },
});
