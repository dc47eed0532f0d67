// HuntZen validated a company's sign-up: its HR admin can now set it up and invite employees.
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { companyName, firstName, link } from './fields';

export const companyValidated = defineMailTemplate({
  name: 'company-validated',
  // `link`: the company settings page (behind sign-in, no token).
  schema: z.object({ firstName, companyName, link }),
  stored: ['firstName', 'companyName'],
  content: {
    fr: (d) => ({
      subject: `L'espace de ${d.companyName} est validé`,
      preheader: 'Vos collaborateurs peuvent maintenant rejoindre HuntZen.',
      heading: 'Votre entreprise est validée',
      greeting: greeting('fr', d.firstName),
      paragraphs: [
        `L'équipe HuntZen a validé l'inscription de ${d.companyName}.`,
        'Vous pouvez maintenant personnaliser votre espace (logo, couleurs), vérifier les domaines ' +
          "e-mail de l'entreprise et les règles d'inscription. Vos collaborateurs peuvent créer " +
          'leur compte avec leur adresse professionnelle.',
      ],
      action: { label: 'Configurer mon entreprise', url: d.link },
    }),
    en: (d) => ({
      subject: `${d.companyName}'s space is validated`,
      preheader: 'Your colleagues can now join HuntZen.',
      heading: 'Your company is validated',
      greeting: greeting('en', d.firstName),
      paragraphs: [
        `The HuntZen team validated the registration of ${d.companyName}.`,
        'You can now brand your space (logo, colours) and check the company email domains and ' +
          'sign-up rules. Your colleagues can create their account with their work address.',
      ],
      action: { label: 'Set up my company', url: d.link },
    }),
  },
});
