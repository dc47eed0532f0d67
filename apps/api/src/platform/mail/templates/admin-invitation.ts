// An administrator account created for someone (HR of a company, or HuntZen staff): a link to
// choose a password, valid 72 hours.
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { companyName, firstName, link } from './fields';

/** Validity of the invitation link, as stated in the e-mail. */
export const ADMIN_INVITATION_LINK_HOURS = 72;

export const adminInvitation = defineMailTemplate({
  name: 'admin-invitation',
  // No company: an administrator of the HuntZen platform itself.
  schema: z.object({ firstName, companyName: companyName.optional(), link }),
  stored: ['firstName', 'companyName'],
  content: {
    fr: (d) => ({
      subject: d.companyName
        ? `Invitation à administrer l'espace ${d.companyName} sur HuntZen`
        : 'Invitation à administrer HuntZen',
      preheader: 'Choisissez votre mot de passe pour accéder à votre compte administrateur.',
      heading: 'Votre compte administrateur vous attend',
      greeting: greeting('fr', d.firstName),
      paragraphs: [
        d.companyName
          ? `Un compte administrateur de l'espace ${d.companyName} sur HuntZen a été créé pour vous.`
          : 'Un compte administrateur de la plateforme HuntZen a été créé pour vous.',
        'Pour y accéder, choisissez votre mot de passe avec le bouton ci-dessous.',
      ],
      action: { label: 'Choisir mon mot de passe', url: d.link },
      notes: [
        `Ce lien est valable ${ADMIN_INVITATION_LINK_HOURS} heures et ne peut servir qu'une fois.`,
        'Si vous ne vous attendiez pas à cette invitation, ignorez cet e-mail.',
      ],
    }),
    en: (d) => ({
      subject: d.companyName
        ? `Invitation to administer the ${d.companyName} space on HuntZen`
        : 'Invitation to administer HuntZen',
      preheader: 'Choose your password to access your administrator account.',
      heading: 'Your administrator account is waiting',
      greeting: greeting('en', d.firstName),
      paragraphs: [
        d.companyName
          ? `An administrator account of the ${d.companyName} space on HuntZen was created for you.`
          : 'An administrator account of the HuntZen platform was created for you.',
        'To access it, choose your password with the button below.',
      ],
      action: { label: 'Choose my password', url: d.link },
      notes: [
        `This link is valid for ${ADMIN_INVITATION_LINK_HOURS} hours and can be used only once.`,
        'If you were not expecting this invitation, ignore this email.',
      ],
    }),
  },
});
