// The README.txt of the export archive: what each file holds, in French and English.
import type { UserRole } from '@huntzen/db';

const FILES: Record<string, { fr: string; en: string }> = {
  'account.json': {
    fr: 'Votre compte : adresse e-mail, rôle, entreprise, dates (création, connexion, vérification), état de la double authentification, et vos sessions ouvertes (date, adresse IP, navigateur). Ni mot de passe ni secret.',
    en: 'Your account: e-mail address, role, company, dates (creation, sign-in, verification), two-factor state, and your open sessions (date, IP address, browser). No password or secret.',
  },
  'profile.json': {
    fr: 'Votre profil. Salarié : identité, poste, coordonnées, photo, langue, fuseau, et les avis que vous avez écrits. Praticien : profil professionnel, disponibilités, avis publiés reçus (sans leur auteur).',
    en: 'Your profile. Employee: identity, position, contact details, pictures, language, time zone, and the reviews you wrote. Practitioner: professional profile, availability, published reviews received (without their author).',
  },
  'consents.json': {
    fr: 'La version du consentement que vous avez acceptée et sa date ; votre choix pour l’analyse de tonalité du journal ; votre choix de partager vos compteurs d’utilisation avec les RH (shareUsageWithHr) et la date de son dernier changement.',
    en: 'The consent version you accepted and when; your choice for the journal tone analysis; your choice to share your usage counters with HR (shareUsageWithHr) and when it last changed.',
  },
  'consultations.json': {
    fr: 'Vos consultations (dates, format, statut, durée, facturation) et leur historique (events). Salarié : avec le nom du praticien et le motif que vous avez donné. Praticien : le patient n’y figure que par un identifiant ; ni son nom ni son motif, qui sont ses données de santé. Adresse IP et navigateur seulement pour vos propres actions.',
    en: 'Your consultations (dates, format, status, duration, billing) and their history (events). Employee: with the practitioner’s name and the reason you gave. Practitioner: the patient appears as an id only, never their name or reason (their health data). IP address and browser only for your own actions.',
  },
  'messages.json': {
    fr: 'Les messages, déchiffrés. Salarié : vos conversations entières avec vos praticiens. Praticien : les messages que vous avez écrits (ceux de vos patients sont leurs données). sentByMe indique l’auteur ; un message supprimé n’a plus de contenu.',
    en: 'Messages, decrypted. Employee: your whole conversations with your practitioners. Practitioner: the messages you wrote (your patients’ ones are their data). sentByMe tells the author; a deleted message has no content.',
  },
  'journal.json': {
    fr: 'Votre journal, déchiffré, au format d’export du journal (format "huntzen-journal", version 1) : il se réimporte tel quel dans HuntZen (Journal → Importer).',
    en: 'Your journal, decrypted, in the journal’s export format ("huntzen-journal", version 1): it imports back as is into HuntZen (Journal → Import).',
  },
  'assessments.json': {
    fr: 'Vos questionnaires (PHQ-9, GAD-7, WHO-5), déchiffrés : réponses, score, niveau (severity) ou bien-être bas (lowWellbeing), signal de crise, le praticien avec qui vous en avez partagé un et depuis quand (sharedWith), dates ; et vos réglages (alerte au praticien, rappels). unreadable signale un résultat qui n’a pas passé son contrôle d’intégrité.',
    en: 'Your questionnaires (PHQ-9, GAD-7, WHO-5), decrypted: answers, score, band (severity) or low well-being (lowWellbeing), crisis flag, the practitioner you shared one with and since when (sharedWith), dates; and your settings (practitioner alert, reminders). unreadable marks a result that failed its integrity check.',
  },
  'calendar-feed.json': {
    fr: 'Si vous avez un agenda privé (lien d’abonnement), sa date de création et de dernière lecture. Le lien lui-même n’est pas conservé par HuntZen et n’y figure donc pas.',
    en: 'Whether you have a private calendar feed (subscription link), when it was created and last read. The link itself is not kept by HuntZen, so it is not included.',
  },
  'news.json': {
    fr: 'Les actualités de votre entreprise que vous avez ouvertes (identifiant, titre, date de lecture). Le titre est vide si l’actualité ne vous est plus destinée.',
    en: 'The company news items you opened (id, title, when). The title is empty when the item is no longer addressed to you.',
  },
  'waitlist.json': {
    fr: 'Vos inscriptions en liste d’attente (praticien, période, quand vous avez été prévenu) et vos séries de consultations récurrentes (rythme, occurrences, consultations de la série).',
    en: 'Your waitlist entries (practitioner, period, when you were told) and your recurring series (interval, occurrences, the series’ consultations).',
  },
  'notifications.json': {
    fr: 'Vos notifications dans l’application.',
    en: 'Your in-app notifications.',
  },
  'files.json': {
    fr: 'La liste des fichiers que vous avez envoyés (nom, type, taille, date) ; chaque fichier est dans le dossier files/, déchiffré.',
    en: 'The files you uploaded (name, type, size, date); each one is in the files/ folder, decrypted.',
  },
};

/** The README of an export of `role` holding `names`, made on `date` (YYYY-MM-DD). */
export function exportReadme(role: UserRole, names: string[], date: string): string {
  const lines = [
    `HuntZen — export de vos données / export of your data (${date})`,
    '',
    'RGPD art. 15 (accès) et 20 (portabilité) / GDPR art. 15 (access) and 20 (portability).',
    `Rôle / role: ${role}. Dates en UTC (ISO 8601) / times in UTC (ISO 8601). Encodage UTF-8.`,
    '',
  ];
  for (const name of names) {
    const file = FILES[name];
    if (!file) continue;
    lines.push(name, `  FR: ${file.fr}`, `  EN: ${file.en}`, '');
  }
  lines.push(
    'Non inclus / not included:',
    '  FR: les notes cliniques des praticiens (dossier médical tenu par le praticien, consultable auprès de lui) ; le journal d’audit (sécurité de la plateforme).',
    '  EN: practitioners’ clinical notes (the medical record kept by the practitioner; ask them for it); the audit log (security of the platform).',
  );
  if (role === 'PRACTITIONER') {
    lines.push(
      '  FR: vos notes cliniques ne sont pas dans cet export : ce sont les données de santé de vos patients, lues une à une (chaque lecture est tracée) dans le dossier patient.',
      '  EN: your clinical notes are not in this export: they are your patients’ health data, read one by one (each read audited) in the patient file.',
    );
  }
  return `${lines.join('\n')}\n`;
}
