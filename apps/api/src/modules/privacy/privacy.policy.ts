// Who may erase their account, and what an erasure removes and keeps for each role (the answer and
// the web page show it; docs/security.md "Privacy rights" gives the reasons).
import { ERASABLE_ROLES, ERASURE_KEPT_BY_ROLE, type ErasureKept } from '@huntzen/contracts';
import type { UserRole } from '@huntzen/db';

/** Roles that may call the erasure routes. */
export const ERASURE_ROLES = ERASABLE_ROLES;

/** True when `role` may erase its own account. */
export function mayErase(role: UserRole): boolean {
  return (ERASABLE_ROLES as readonly string[]).includes(role);
}

const KEPT: Record<ErasureKept['item'], string> = {
  CONSULTATIONS_ANONYMOUS:
    'Consultations stay without your name, contact details or reason: usage counters and billing of the ' +
    'company and the practitioner (accounting records, Code de commerce art. L123-22, 10 years).',
  CLINICAL_NOTES:
    "The practitioner's clinical notes stay, encrypted and readable by their author only: a medical " +
    'record kept 20 years after the last consultation (Code de la santé publique art. R.1112-7; GDPR ' +
    'art. 17(3)(c)).',
  AUDIT_LOG_PSEUDONYMOUS:
    'Audit rows stay for their retention period (AUDIT_RETENTION_DAYS) with a pseudonym instead of your ' +
    'e-mail address (security of the platform; GDPR art. 17(3)(b) and (e)).',
  PRACTITIONER_IDENTITY:
    'Your title, name and professional id stay on the consultations and clinical notes you authored ' +
    '(medical record, 20 years) and on billed consultations (10 years); your profile leaves the directory.',
  PRACTITIONER_MESSAGES:
    "Your patients' own messages stay in their conversations (their data); yours are wiped.",
  BILLING: 'Billing figures of your company (counts and minutes, never a name) stay for accounting.',
};

/** What stays after the erasure of an account of `role`. */
export function keptFor(role: UserRole): ErasureKept[] {
  if (!mayErase(role)) return [];
  const items = ERASURE_KEPT_BY_ROLE[role as (typeof ERASABLE_ROLES)[number]];
  return items.map((item) => ({ item, reason: KEPT[item] }));
}

/** What the erasure of an account of `role` removes. */
export function erasedFor(role: UserRole): string[] {
  const common = [
    'e-mail address (replaced by a pseudonym), password, two-factor secret, sessions (signed out everywhere)',
    'notifications, and your name and address in e-mails and notifications kept for others',
    'files you uploaded (pictures, documents, attachments)',
  ];
  if (role === 'EMPLOYEE') {
    return [
      ...common,
      'first and last name, position, phone, bio, location, birth date, avatar and cover',
      'journal entries',
      'questionnaire results and their settings',
      'the sharing of your usage counters with HR (switched off)',
      'the record of which company news you opened',
      'your private calendar feed',
      'the content and attachments of the messages you wrote',
      'the reasons you gave when booking, the comments of your reviews',
      'upcoming consultations (cancelled, not billed)',
    ];
  }
  if (role === 'PRACTITIONER') {
    return [
      ...common,
      'bio, pictures, video, education, address of your office, availability; you leave the directory',
      'your private calendar feed',
      'the content and attachments of the messages you wrote',
      'upcoming consultations (cancelled, not billed)',
    ];
  }
  return [...common, 'your address as contact or billing e-mail of your company'];
}
