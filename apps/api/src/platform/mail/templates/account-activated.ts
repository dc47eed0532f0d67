// The company's HR approved an employee's account (autoApproveEmployees=false).
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { companyName, firstName, link } from './fields';

export const accountActivated = defineMailTemplate({
  name: 'account-activated',
  // `link`: the sign-in page (no token).
  schema: z.object({ firstName, companyName: companyName.optional(), link }),
  stored: ['firstName', 'companyName'],
  content: {
    fr: (d, { companyName: brand }) => {
      const company = d.companyName ?? brand;
      return {
        subject: 'Votre compte HuntZen est activé',
        preheader: 'Vous pouvez maintenant vous connecter à HuntZen.',
        heading: 'Votre compte est activé',
        greeting: greeting('fr', d.firstName),
        paragraphs: [
          company
            ? `Votre compte HuntZen a été validé par ${company}.`
            : 'Votre compte HuntZen a été validé par votre entreprise.',
          'Vous pouvez maintenant vous connecter. Tout ce que vous y faites reste confidentiel : ' +
            "votre employeur n'a jamais accès au contenu de vos échanges.",
        ],
        action: { label: 'Me connecter', url: d.link },
      };
    },
    en: (d, { companyName: brand }) => {
      const company = d.companyName ?? brand;
      return {
        subject: 'Your HuntZen account is active',
        preheader: 'You can now sign in to HuntZen.',
        heading: 'Your account is active',
        greeting: greeting('en', d.firstName),
        paragraphs: [
          company
            ? `Your HuntZen account was approved by ${company}.`
            : 'Your HuntZen account was approved by your company.',
          'You can now sign in. Everything you do there stays confidential: your employer never ' +
            'sees the content of your exchanges.',
        ],
        action: { label: 'Sign in', url: d.link },
      };
    },
  },
});
