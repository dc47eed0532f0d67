// Confirmation of an account erasure (GDPR art. 17), sent to the address being erased before
// anything is erased: the single-use link of the e-mail confirms it (modules/privacy).
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { firstName, link } from './fields';

/** Validity of the confirmation link, as stated in the e-mail (ERASURE_LINK_MINUTES). */
export const ERASURE_LINK_MINUTES_TEXT = 30;

export const accountErasure = defineMailTemplate({
  name: 'account-erasure',
  schema: z.object({ firstName, link }),
  // As every template; the erasure wipes the row (to, bodies, template data) when it happens.
  stored: ['firstName'],
  content: {
    fr: (d) => ({
      subject: 'Confirmez la suppression de votre compte HuntZen',
      preheader: 'Votre compte et vos données personnelles seront effacés après confirmation.',
      heading: 'Suppression de votre compte',
      greeting: greeting('fr', d.firstName),
      paragraphs: [
        'Vous avez demandé la suppression de votre compte HuntZen. Après confirmation, vous ne pourrez ' +
          'plus vous connecter et vos données personnelles seront effacées : identité, coordonnées, ' +
          'profil, photos, journal, vos messages et vos fichiers.',
        'Restent, sans votre nom ni votre adresse : les consultations (pour les compteurs et la ' +
          'facturation), les notes cliniques de votre praticien (dossier médical conservé 20 ans, ' +
          'obligation légale) et le journal d’audit pseudonymisé.',
        'Pensez à exporter vos données avant de confirmer (page « Mes données »).',
      ],
      action: { label: 'Confirmer la suppression', url: d.link },
      notes: [
        `Ce lien est valable ${ERASURE_LINK_MINUTES_TEXT} minutes et ne peut servir qu'une fois ; il faut être connecté.`,
        "Si vous n'avez rien demandé, ignorez cet e-mail et changez votre mot de passe : rien ne sera supprimé.",
      ],
    }),
    en: (d) => ({
      subject: 'Confirm the deletion of your HuntZen account',
      preheader: 'Your account and personal data will be erased once you confirm.',
      heading: 'Deleting your account',
      greeting: greeting('en', d.firstName),
      paragraphs: [
        'You asked to delete your HuntZen account. Once you confirm, you can no longer sign in and ' +
          'your personal data are erased: identity, contact details, profile, pictures, journal, your ' +
          'messages and your files.',
        'What stays, without your name or address: consultations (for counters and billing), your ' +
          "practitioner's clinical notes (a medical record kept 20 years by law) and the pseudonymised " +
          'audit log.',
        'Export your data before you confirm ("My data" page).',
      ],
      action: { label: 'Confirm the deletion', url: d.link },
      notes: [
        `This link is valid for ${ERASURE_LINK_MINUTES_TEXT} minutes and can be used only once; you must be signed in.`,
        'If you did not ask for this, ignore this email and change your password: nothing will be deleted.',
      ],
    }),
  },
});
