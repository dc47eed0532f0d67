// HuntZen refused a company's sign-up: the HR admin who registered it gets the reason, written by
// HuntZen's team for them (never health content: there is none at this stage).
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { companyName, firstName, link } from './fields';

export const companyRejected = defineMailTemplate({
  name: 'company-rejected',
  // `link`: the company sign-up form, to register again once the reason is dealt with.
  schema: z.object({ firstName, companyName, reason: z.string().trim().min(1).max(2000), link }),
  // The reason stays in the body and the audit log, not in the queue's statistics.
  stored: ['firstName', 'companyName'],
  content: {
    fr: (d) => ({
      subject: `Inscription de ${d.companyName} sur HuntZen : demande non validée`,
      preheader: "Votre demande d'inscription n'a pas pu être validée.",
      heading: "Votre demande n'a pas été validée",
      greeting: greeting('fr', d.firstName),
      paragraphs: [
        `L'équipe HuntZen n'a pas pu valider l'inscription de ${d.companyName}, pour la raison suivante :`,
        d.reason,
        'Les domaines e-mail de cette demande sont libérés : vous pouvez inscrire votre entreprise ' +
          'à nouveau une fois ce point réglé, ou répondre à cet e-mail pour toute question.',
      ],
      action: { label: 'Inscrire mon entreprise', url: d.link },
    }),
    en: (d) => ({
      subject: `Registration of ${d.companyName} on HuntZen: request not validated`,
      preheader: 'Your registration request could not be validated.',
      heading: 'Your request was not validated',
      greeting: greeting('en', d.firstName),
      paragraphs: [
        `The HuntZen team could not validate the registration of ${d.companyName}, for this reason:`,
        d.reason,
        "This request's email domains are released: you may register your company again once this " +
          'is dealt with, or reply to this email with any question.',
      ],
      action: { label: 'Register my company', url: d.link },
    }),
  },
});
