// Proof of control of a company email domain (issue 17): HR chose an address at the domain; whoever
// reads it confirms with a single-use link valid 24 hours. Until then no one signs up through it.
import { DOMAIN_VERIFICATION_LINK_HOURS } from '@huntzen/contracts';
import { z } from 'zod';
import { defineMailTemplate, greeting } from '../template';
import { companyName, firstName, link } from './fields';

export const companyDomainVerification = defineMailTemplate({
  name: 'company-domain-verification',
  // `domain`: with its leading "@". `firstName`: usually unknown (the address is nobody's account).
  schema: z.object({ firstName, companyName, domain: z.string().trim().min(3).max(260), link }),
  stored: ['firstName', 'companyName', 'domain'],
  content: {
    fr: (d) => ({
      subject: `Confirmez le domaine ${d.domain} pour ${d.companyName}`,
      preheader: `Les adresses ${d.domain} pourront rejoindre l'espace HuntZen de ${d.companyName}.`,
      heading: 'Confirmez ce domaine e-mail',
      greeting: greeting('fr', d.firstName),
      paragraphs: [
        `Le service RH de ${d.companyName} souhaite que les personnes ayant une adresse ${d.domain} ` +
          "puissent créer leur compte dans l'espace HuntZen de l'entreprise.",
        `Ce message a été envoyé à une adresse ${d.domain} pour vérifier que l'entreprise contrôle ce ` +
          'domaine. Si vous en êtes d’accord, confirmez avec le bouton ci-dessous.',
      ],
      action: { label: 'Confirmer le domaine', url: d.link },
      notes: [
        `Ce lien est valable ${DOMAIN_VERIFICATION_LINK_HOURS} heures et ne peut servir qu'une fois.`,
        "Si ce domaine n'appartient pas à cette entreprise, ignorez cet e-mail : rien ne change.",
      ],
    }),
    en: (d) => ({
      subject: `Confirm the domain ${d.domain} for ${d.companyName}`,
      preheader: `${d.domain} addresses will be able to join ${d.companyName}'s HuntZen space.`,
      heading: 'Confirm this email domain',
      greeting: greeting('en', d.firstName),
      paragraphs: [
        `The HR team of ${d.companyName} wants people with a ${d.domain} address to be able to ` +
          "create their account in the company's HuntZen space.",
        `This message was sent to a ${d.domain} address to check that the company controls this ` +
          'domain. If you agree, confirm with the button below.',
      ],
      action: { label: 'Confirm the domain', url: d.link },
      notes: [
        `This link is valid for ${DOMAIN_VERIFICATION_LINK_HOURS} hours and can be used only once.`,
        'If this domain does not belong to this company, ignore this email: nothing changes.',
      ],
    }),
  },
});
