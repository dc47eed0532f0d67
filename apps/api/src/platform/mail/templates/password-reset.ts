// Forgotten password: a single-use reset link valid 1 hour.
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { firstName, link } from './fields';

/** Validity of the reset link, as stated in the e-mail. */
export const PASSWORD_RESET_LINK_HOURS = 1;

export const passwordReset = defineMailTemplate({
  name: 'password-reset',
  schema: z.object({ firstName, link }),
  stored: ['firstName'],
  content: {
    fr: (d) => ({
      subject: 'Réinitialisation de votre mot de passe',
      preheader: 'Choisissez un nouveau mot de passe pour votre compte HuntZen.',
      heading: 'Réinitialisez votre mot de passe',
      greeting: greeting('fr', d.firstName),
      paragraphs: [
        'Une réinitialisation du mot de passe de votre compte HuntZen a été demandée. ' +
          'Choisissez un nouveau mot de passe avec le bouton ci-dessous.',
      ],
      action: { label: 'Choisir un nouveau mot de passe', url: d.link },
      notes: [
        `Ce lien est valable ${PASSWORD_RESET_LINK_HOURS} heure et ne peut servir qu'une fois.`,
        "Si vous n'avez rien demandé, ignorez cet e-mail : votre mot de passe actuel reste valable.",
      ],
    }),
    en: (d) => ({
      subject: 'Reset your password',
      preheader: 'Choose a new password for your HuntZen account.',
      heading: 'Reset your password',
      greeting: greeting('en', d.firstName),
      paragraphs: [
        'A password reset was requested for your HuntZen account. Choose a new password with the ' +
          'button below.',
      ],
      action: { label: 'Choose a new password', url: d.link },
      notes: [
        `This link is valid for ${PASSWORD_RESET_LINK_HOURS} hour and can be used only once.`,
        'If you did not ask for this, ignore this email: your current password still works.',
      ],
    }),
  },
});
