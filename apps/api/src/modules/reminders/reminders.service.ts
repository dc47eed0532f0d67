// Sending one reminder: in one transaction, lock the consultation, check it is still ahead at the
// planned time, claim the reminder (its REMINDER_SENT event, unique per consultation, kind and
// start), then notify both participants in the app and by e-mail. Everything commits together, or
// nothing does and the job's retry starts over: a reminder is never sent twice nor half sent.
import { ROOM_WINDOW } from '@huntzen/contracts';
import type { Tx } from '@huntzen/db';
import { type MailLanguage, mailDateTime, mailLanguage } from '../../platform/mail';
import { notify } from '../../platform/notifications';
import { REMINDER_NOTIFICATION, type ReminderKind, skipReason } from './reminders.policy';
import * as repo from './reminders.repository';

export interface ReminderJob {
  consultationId: string;
  kind: ReminderKind;
  /** The planned start the reminder was planned for. */
  scheduledAt: Date;
}

export type ReminderOutcome = 'sent' | 'already-sent' | 'gone' | 'status' | 'moved' | 'late';

const FORMAT_WORDS: Record<MailLanguage, Record<'VIDEO' | 'AUDIO' | 'IN_PERSON', string>> = {
  fr: { VIDEO: 'en visio', AUDIO: 'en audio', IN_PERSON: 'en cabinet' },
  en: { VIDEO: 'video', AUDIO: 'audio', IN_PERSON: 'in-person' },
};

function notificationTexts(
  kind: ReminderKind,
  language: MailLanguage,
  format: 'VIDEO' | 'AUDIO' | 'IN_PERSON',
  withName: string,
  when: string,
): { title: string; message: string; linkLabel: string } {
  const room = format !== 'IN_PERSON' && kind === '1h';
  if (language === 'fr') {
    return {
      title: kind === '24h' ? 'Rappel : consultation demain' : 'Rappel : consultation dans une heure',
      message: `Votre consultation ${FORMAT_WORDS.fr[format]} avec ${withName} a lieu le ${when}.`,
      linkLabel: room ? 'Rejoindre la salle' : 'Voir la consultation',
    };
  }
  return {
    title: kind === '24h' ? 'Reminder: consultation tomorrow' : 'Reminder: consultation in one hour',
    message: `Your ${FORMAT_WORDS.en[format]} consultation with ${withName} is on ${when}.`,
    linkLabel: room ? 'Join the room' : 'See the consultation',
  };
}

/** Sends reminder `job` (as the SYSTEM actor, in `tx`) at `now`; says what happened. */
export async function sendReminder(
  tx: Tx,
  job: ReminderJob,
  options: { origin: string; now: Date },
): Promise<ReminderOutcome> {
  const c = await repo.lockForReminder(tx, job.consultationId);
  const skip = skipReason(job, c, options.now);
  if (skip || !c) return skip ?? 'gone';
  if (!(await repo.claimReminder(tx, c.id, job.kind, c.scheduledAt))) return 'already-sent';
  const parties = await repo.findParticipants(tx, c.employeeId, c.practitionerId);
  if (!parties) throw new Error(`consultation ${c.id} has lost a participant`);
  const { employee: e, practitioner: p } = parties;
  const names = {
    employee: `${e.firstName} ${e.lastName}`.trim(),
    practitioner: `${p.title} ${p.firstName} ${p.lastName}`.replace(/\s+/g, ' ').trim(),
  };
  const origin = options.origin.replace(/\/+$/, '');
  // An hour before a video or audio session, straight to the room (its page waits until it opens).
  const path =
    job.kind === '1h' && c.format !== 'IN_PERSON'
      ? `/app/consultations/${c.id}/room`
      : `/app/consultations/${c.id}`;
  const recipients = [
    { ...e, withName: names.practitioner, side: 'employee' as const },
    { ...p, withName: names.employee, side: 'practitioner' as const },
  ];
  for (const r of recipients) {
    const language = mailLanguage(r.language);
    const when = mailDateTime(c.scheduledAt, r.timezone, language);
    const texts = notificationTexts(job.kind, language, c.format, r.withName, when);
    const branding =
      r.side === 'employee'
        ? { companyName: e.companyName, primaryColor: e.primaryColor, logoUrl: e.logoUrl }
        : undefined;
    await notify(tx, {
      userId: r.userId,
      type: REMINDER_NOTIFICATION[job.kind],
      title: texts.title,
      message: texts.message,
      linkUrl: path,
      linkLabel: texts.linkLabel,
      metadata: { consultationId: c.id, reminder: job.kind },
      // Worth nothing once the session is over.
      expiresAt: c.scheduledEndAt,
      // Our own template (where, when, how), queued in this transaction: the job may read addresses.
      email: {
        to: r.email,
        language,
        priority: 'HIGH',
        ...(branding ? { branding } : {}),
        template: 'consultation-reminder',
        data: {
          firstName: r.firstName,
          kind: job.kind,
          withName: r.withName,
          when,
          format: c.format,
          ...(c.format === 'IN_PERSON' && p.address ? { address: p.address } : {}),
          ...(c.format === 'IN_PERSON' ? {} : { roomOpensMinutesBefore: ROOM_WINDOW.opensMinutesBefore }),
          link: `${origin}${path}`,
        },
      },
    });
  }
  return 'sent';
}
