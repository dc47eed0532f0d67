// The e-mails of a consultation's changes, with their .ics entry. Queued by a job (as SYSTEM) that
// the change schedules in its own transaction: the participant who acts may not read the other's
// e-mail address (row-level security), and needs not. Once per event: the event id is kept with
// each e-mail, and a job that runs again finds it.
import { companies, consultations, emailQueue, employees, practitioners, type Tx, users } from '@huntzen/db';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  enqueueEmail,
  kickEmailSender,
  type MailLanguage,
  mailDateTime,
  mailLanguage,
} from '../../platform/mail';
import { type CalendarMethod, calendarAttachment } from './consultation.ics';
import { consultationColumns } from './consultations.repository';
import { employeeName, practitionerName } from './consultations.view';

export const EmailJobSchema = z.object({
  consultationId: z.uuid(),
  eventId: z.uuid(),
  kind: z.enum(['booked', 'confirmed', 'cancelled', 'no-show', 'rescheduled']),
  /** Who acted. */
  by: z.enum(['employee', 'practitioner', 'admin']),
  /** SEQUENCE of the calendar entry. */
  sequence: z.number().int().min(0),
});
export type EmailJob = z.infer<typeof EmailJobSchema>;

type Side = 'employee' | 'practitioner';

interface Participant {
  email: string;
  language: MailLanguage;
  timezone: string;
  firstName: string;
  displayName: string;
  branding?: { companyName: string; primaryColor: string | null; logoUrl: string | null };
}

/** The address in `Name <address>` (or the text itself). */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

async function load(tx: Tx, consultationId: string) {
  const [row] = await tx
    .select({
      consultation: consultationColumns,
      employee: {
        firstName: employees.firstName,
        lastName: employees.lastName,
        language: employees.preferredLanguage,
        timezone: employees.timezone,
        email: users.email,
        companyName: companies.name,
        primaryColor: companies.primaryColor,
        logoUrl: companies.logoUrl,
      },
      practitioner: {
        title: practitioners.title,
        firstName: practitioners.firstName,
        lastName: practitioners.lastName,
        language: practitioners.preferredLanguage,
        timezone: practitioners.timezone,
        address: practitioners.inPersonAddress,
        userId: practitioners.userId,
      },
    })
    .from(consultations)
    .innerJoin(employees, eq(employees.id, consultations.employeeId))
    .innerJoin(users, eq(users.id, employees.userId))
    .innerJoin(companies, eq(companies.id, employees.companyId))
    .innerJoin(practitioners, eq(practitioners.id, consultations.practitionerId))
    .where(eq(consultations.id, consultationId));
  if (!row) return undefined;
  const [practitionerUser] = await tx
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, row.practitioner.userId));
  if (!practitionerUser) return undefined;
  const e = row.employee;
  const p = row.practitioner;
  const participants: Record<Side, Participant> = {
    employee: {
      email: e.email,
      language: mailLanguage(e.language),
      timezone: e.timezone,
      firstName: e.firstName,
      displayName: employeeName(e),
      branding: { companyName: e.companyName, primaryColor: e.primaryColor, logoUrl: e.logoUrl },
    },
    practitioner: {
      email: practitionerUser.email,
      language: mailLanguage(p.language),
      timezone: p.timezone,
      firstName: p.firstName,
      displayName: practitionerName(p),
    },
  };
  return { consultation: row.consultation, participants, address: p.address };
}

interface Plan {
  to: Side;
  kind: 'booked' | 'booking-recorded' | 'confirmed' | 'cancelled' | 'absent' | 'rescheduled';
  method: CalendarMethod | null;
}

/** Who gets which e-mail for `job`. */
export function emailPlan(job: Pick<EmailJob, 'kind' | 'by'>, noShowBy: string | null): Plan[] {
  switch (job.kind) {
    case 'booked':
      return [
        { to: 'practitioner', kind: 'booked', method: 'REQUEST' },
        { to: 'employee', kind: 'booking-recorded', method: 'REQUEST' },
      ];
    case 'confirmed':
      return [{ to: 'employee', kind: 'confirmed', method: 'REQUEST' }];
    case 'cancelled':
      // Both: each calendar must drop the entry, the canceller's included.
      return [
        { to: 'employee', kind: 'cancelled', method: 'CANCEL' },
        { to: 'practitioner', kind: 'cancelled', method: 'CANCEL' },
      ];
    case 'rescheduled':
      // Both: each calendar moves the entry (same UID, higher SEQUENCE), the mover's included.
      return [
        { to: 'employee', kind: 'rescheduled', method: 'REQUEST' },
        { to: 'practitioner', kind: 'rescheduled', method: 'REQUEST' },
      ];
    case 'no-show':
      return noShowBy === 'employee' || noShowBy === 'practitioner'
        ? [{ to: noShowBy, kind: 'absent', method: null }]
        : [];
  }
}

/** Queues the e-mails of `job` unless done already; returns how many were queued. */
/** Where the e-mails point and who organizes their calendar entries (from the process's settings). */
export interface EmailSettings {
  /** PUBLIC_URL, without a trailing slash: links and the UID's host. */
  origin: string;
  /** The ORGANIZER of the calendar entry (the MAIL_FROM address). */
  organizer: string;
}

export async function sendConsultationEmails(
  tx: Tx,
  job: EmailJob,
  settings: EmailSettings,
): Promise<number> {
  const [already] = await tx
    .select({ id: emailQueue.id })
    .from(emailQueue)
    .where(
      and(
        eq(emailQueue.templateName, 'consultation-update'),
        sql`${emailQueue.templateData}->>'eventId' = ${job.eventId}`,
      ),
    )
    .limit(1);
  if (already) return 0;
  const loaded = await load(tx, job.consultationId);
  if (!loaded) return 0;
  const { consultation: c, participants } = loaded;
  const origin = settings.origin.replace(/\/+$/, '');
  const link = `${origin}/app/consultations/${c.id}`;
  const host = new URL(origin).hostname;
  let queued = 0;
  for (const plan of emailPlan(job, c.noShowBy)) {
    const me = participants[plan.to];
    const other = participants[plan.to === 'employee' ? 'practitioner' : 'employee'];
    const cancelledBy =
      job.kind !== 'cancelled'
        ? undefined
        : job.by === 'admin'
          ? 'huntzen'
          : job.by === plan.to
            ? 'you'
            : 'other';
    await enqueueEmail(tx, {
      to: me.email,
      language: me.language,
      ...(plan.to === 'employee' && me.branding ? { branding: me.branding } : {}),
      template: 'consultation-update',
      data: {
        firstName: me.firstName,
        kind: plan.kind,
        withName: other.displayName,
        when: mailDateTime(c.scheduledAt, me.timezone, me.language),
        format: c.format,
        ...(cancelledBy ? { cancelledBy } : {}),
        ...(job.kind === 'rescheduled' ? { movedBy: job.by === plan.to ? 'you' : 'other' } : {}),
        link,
        eventId: job.eventId,
      },
      ...(plan.method
        ? {
            attachments: [
              calendarAttachment({
                consultationId: c.id,
                host,
                method: plan.method,
                sequence: job.sequence,
                start: c.scheduledAt,
                end: c.scheduledEndAt,
                // As of the event, not of when the job runs (a later change has its own e-mail).
                status:
                  plan.method === 'CANCEL'
                    ? 'CANCELLED'
                    : job.kind === 'booked'
                      ? 'SCHEDULED'
                      : job.kind === 'rescheduled'
                        ? c.status
                        : 'CONFIRMED',
                format: c.format,
                language: me.language,
                withName: other.displayName,
                url: link,
                address: loaded.address,
                organizer: { name: 'HuntZen', email: addressOf(settings.organizer) },
                attendee: { name: me.displayName, email: me.email },
                now: new Date(),
              }),
            ],
          }
        : {}),
    });
    queued++;
  }
  if (queued > 0) await kickEmailSender(tx);
  return queued;
}
