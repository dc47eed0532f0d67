// Test fixtures of the consultation tests (not used by the application): practitioners open every
// hour of every day in UTC, employees who accepted the current consent, consultations placed by
// hand in any state, and the e-mail job run on demand.
import { randomUUID } from 'node:crypto';
import { CURRENT_CONSENT_VERSION } from '@huntzen/contracts';
import {
  availabilities,
  type Consultation,
  consultations,
  employees,
  type NewConsultation,
  practitioners,
  SYSTEM_ACTOR,
  withActor,
} from '@huntzen/db';
import { eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/build-test-app';
import { clientIp, signedIn } from '../../../test/identity';
import { queuedJobs } from '../../../test/jobs';
import { EmailJobSchema, sendConsultationEmails } from './consultation.emails';

export type Account = Awaited<ReturnType<typeof signedIn>>;

const HOUR = 3_600_000;
export const MINUTE = 60_000;

/**
 * Opens the practitioner every day, all day, in UTC: slots start on every whole UTC hour when
 * `slotDuration + buffer` is 60 minutes.
 */
export async function openAllWeek(t: TestApp, practitionerId: string, slotDuration = 50, buffer = 10) {
  await t.db.ownerDb
    .update(practitioners)
    .set({ timezone: 'UTC', bufferTime: buffer })
    .where(eq(practitioners.id, practitionerId));
  await t.db.ownerDb.insert(availabilities).values(
    [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({
      practitionerId,
      type: 'RECURRING' as const,
      dayOfWeek,
      startTime: '00:00',
      endTime: '24:00',
      slotDuration,
    })),
  );
}

/** A signed-in practitioner (2FA done), open all week. */
export async function openPractitioner(t: TestApp, values: Partial<typeof practitioners.$inferInsert> = {}) {
  const account = await signedIn(t.app, t.db, 'PRACTITIONER');
  await openAllWeek(t, account.practitionerId!);
  if (Object.keys(values).length > 0) {
    await t.db.ownerDb.update(practitioners).set(values).where(eq(practitioners.id, account.practitionerId!));
  }
  return account;
}

/** Records the acceptance of the current consent for employee `employeeId`. */
export async function giveConsent(t: TestApp, employeeId: string) {
  await t.db.ownerDb
    .update(employees)
    .set({ consentGivenAt: new Date(), consentVersion: CURRENT_CONSENT_VERSION })
    .where(eq(employees.id, employeeId));
}

/** A signed-in employee of `companyId` who accepted the current consent. */
export async function consentingEmployee(t: TestApp, companyId: string): Promise<Account> {
  const account = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  await giveConsent(t, account.employeeId!);
  return account;
}

/** A whole UTC hour `hours` hours after the next one: a free slot of an open practitioner. */
export function slotIn(hours: number): Date {
  return new Date((Math.floor(Date.now() / HOUR) + 1 + hours) * HOUR);
}

/** POST /api/v1/consultations as `account`. */
export function book(
  t: TestApp,
  account: Account,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/consultations',
    headers: { ...account.headers, 'user-agent': 'HuntZen tests', ...headers },
    payload: body,
    remoteAddress: clientIp(),
  });
}

/** POST /api/v1/consultations/:id/:action as `account`. */
export function act(t: TestApp, account: Account, id: string, action: string, payload?: object) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/consultations/${id}/${action}`,
    headers: { ...account.headers, 'user-agent': 'HuntZen tests' },
    remoteAddress: '203.0.113.7',
    ...(payload ? { payload } : {}),
  });
}

/** A consultation written directly (owner connection), `duration` minutes from `scheduledAt`. */
export async function placeConsultation(
  t: TestApp,
  values: { employeeId: string; practitionerId: string; scheduledAt: Date } & Partial<NewConsultation>,
): Promise<Consultation> {
  const [employee] = await t.db.ownerDb
    .select({ companyId: employees.companyId })
    .from(employees)
    .where(eq(employees.id, values.employeeId));
  const duration = values.duration ?? 50;
  const [row] = await t.db.ownerDb
    .insert(consultations)
    .values({
      companyId: employee!.companyId,
      format: 'VIDEO',
      roomName: `hz-${randomUUID().replaceAll('-', '')}`,
      duration,
      scheduledEndAt: new Date(values.scheduledAt.getTime() + duration * MINUTE),
      ...values,
    })
    .returning();
  return row!;
}

/** The consultation as stored. */
export async function storedConsultation(t: TestApp, id: string): Promise<Consultation> {
  const [row] = await t.db.ownerDb.select().from(consultations).where(eq(consultations.id, id));
  return row!;
}

/** The payloads of the e-mail jobs scheduled for consultation `consultationId`, oldest first. */
export async function emailJobsOf(t: TestApp, consultationId: string) {
  const jobs = await queuedJobs(t.db, 'send_consultation_emails', { consultationId });
  return jobs.map((job) => EmailJobSchema.parse(job.payload));
}

/** Runs the e-mail jobs scheduled for consultation `id` now (as the worker would); returns how many e-mails. */
export async function runEmailJobs(t: TestApp, consultationId: string): Promise<number> {
  let queued = 0;
  for (const job of await emailJobsOf(t, consultationId)) {
    queued += await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      sendConsultationEmails(tx, job, { origin: t.config.publicUrl, organizer: t.config.mailFrom }),
    );
  }
  return queued;
}

/** The e-mails queued to `to` about the consultations, newest last. */
export async function emailsTo(t: TestApp, to: string) {
  const { rows } = await t.db.owner.query<{
    subject: string;
    text_body: string;
    html_body: string;
    template_data: Record<string, unknown>;
    attachments: { filename: string; contentType: string; content: string }[] | null;
  }>(
    `select subject, text_body, html_body, template_data, attachments from email_queue
     where "to" = $1 and template_name = 'consultation-update' order by created_at, id`,
    [to],
  );
  return rows;
}
