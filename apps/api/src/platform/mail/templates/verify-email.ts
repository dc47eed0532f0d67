// Sign-up: confirm the e-mail address with a single-use link valid 24 hours.
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { firstName, link } from './fields';

/** Validity of the verification link, as stated in the e-mail. */
export const VERIFY_EMAIL_LINK_HOURS = 24;

export const verifyEmail = defineMailTemplate({
  name: 'verify-email',
  schema: z.object({ firstName, link }),
  stored: ['firstName'],
  content: {
    fr: (d) => ({
      subject: 'Confirmez votre adresse e-mail',
      preheader: 'Un dernier pas pour activer votre compte HuntZen.',
      heading: 'Confirmez votre adresse e-mail',
      greeting: greeting('fr', d.firstName),
      paragraphs: [
        'Merci de votre inscription sur HuntZen. Pour activer votre compte, confirmez votre adresse ' +
          'e-mail avec le bouton ci-dessous.',
      ],
      action: { label: 'Confirmer mon adresse', url: d.link },
      notes: [
        `Ce lien est valable ${VERIFY_EMAIL_LINK_HOURS} heures et ne peut servir qu'une fois.`,
        "Si vous n'êtes pas à l'origine de cette inscription, ignorez simplement cet e-mail.",
      ],
    }),
    en: (d) => ({
      subject: 'Confirm your email address',
      preheader: 'One last step to activate your HuntZen account.',
      heading: 'Confirm your email address',
      greeting: greeting('en', d.firstName),
      paragraphs: [
        'Thank you for signing up to HuntZen. To activate your account, confirm your email address ' +
          'with the button below.',
      ],
      action: { label: 'Confirm my address', url: d.link },
      notes: [
        `This link is valid for ${VERIFY_EMAIL_LINK_HOURS} hours and can be used only once.`,
        'If you did not sign up, simply ignore this email.',
      ],
    }),
  },
});
