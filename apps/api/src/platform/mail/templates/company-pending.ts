// A company registered through the public form: received, awaiting HuntZen's validation.
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { companyName, firstName } from './fields';

export const companyPending = defineMailTemplate({
  name: 'company-pending',
  schema: z.object({ firstName, companyName }),
  stored: ['firstName', 'companyName'],
  content: {
    fr: (d) => ({
      subject: `Demande d'inscription de ${d.companyName} reçue`,
      preheader: 'Notre équipe vérifie votre demande.',
      heading: 'Nous avons bien reçu votre demande',
      greeting: greeting('fr', d.firstName),
      paragraphs: [
        `Merci d'avoir inscrit ${d.companyName} sur HuntZen. L'équipe HuntZen vérifie maintenant ` +
          'votre demande.',
        "Vous recevrez un e-mail dès que l'espace de votre entreprise sera validé ; vous pourrez alors " +
          'le configurer et y inviter vos collaborateurs.',
      ],
    }),
    en: (d) => ({
      subject: `Registration of ${d.companyName} received`,
      preheader: 'Our team is reviewing your request.',
      heading: 'We have received your request',
      greeting: greeting('en', d.firstName),
      paragraphs: [
        `Thank you for registering ${d.companyName} on HuntZen. The HuntZen team is now reviewing ` +
          'your request.',
        "You will receive an email as soon as your company's space is validated; you will then be " +
          'able to set it up and invite your colleagues.',
      ],
    }),
  },
});
