// A practitioner applied through the public form: received, documents under review.
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { firstName } from './fields';

export const practitionerApplicationReceived = defineMailTemplate({
  name: 'practitioner-application-received',
  schema: z.object({ firstName }),
  stored: ['firstName'],
  content: {
    fr: (d) => ({
      subject: 'Votre candidature HuntZen a bien été reçue',
      preheader: 'Notre équipe vérifie votre dossier.',
      heading: 'Merci pour votre candidature',
      greeting: greeting('fr', d.firstName),
      paragraphs: [
        'Nous avons bien reçu votre candidature pour rejoindre les praticiens de HuntZen.',
        "L'équipe HuntZen vérifie votre dossier et vos justificatifs (diplômes, assurance). " +
          'Vous recevrez un e-mail dès que votre profil sera validé.',
      ],
    }),
    en: (d) => ({
      subject: 'Your HuntZen application was received',
      preheader: 'Our team is reviewing your application.',
      heading: 'Thank you for your application',
      greeting: greeting('en', d.firstName),
      paragraphs: [
        "We have received your application to join HuntZen's practitioners.",
        'The HuntZen team is reviewing your application and documents (diplomas, insurance). ' +
          'You will receive an email as soon as your profile is validated.',
      ],
    }),
  },
});
