// The e-mails of a consultation and their calendar entries, read back with a real iCalendar parser
// (ical.js): an invitation on booking, an update on confirmation, a cancellation with the same UID
// and a higher SEQUENCE, the download; no health content anywhere; the attachment survives the
// sender (the .eml the transport writes).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { practitioners } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany } from '../../../test/identity';
import { createMailTransport, mailDirectory, sendEmailBatch } from '../../platform/mail';
import {
  type Account,
  act,
  book,
  consentingEmployee,
  emailsTo,
  MINUTE,
  openPractitioner,
  placeConsultation,
  runEmailJobs,
  slotIn,
} from './consultations.fixtures';

let t: TestApp;
let employee: Account;
let practitioner: Account;
let host: string;
const REASON = 'Rendez-vous médical urgent, anxiété';

beforeAll(async () => {
  t = await buildTestApp();
  host = new URL(t.config.publicUrl).hostname;
  practitioner = await openPractitioner(t, { preferredLanguage: 'en' });
  employee = await consentingEmployee(t, (await createCompany(t.db, { name: 'Calm Corp' })).id);
});
afterAll(async () => {
  await t?.close();
});

interface Parsed {
  method: string;
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  status: string;
  klass: string;
  attendees: string[];
  organizer: string | null;
  summary: string;
  description: string;
}

function parseIcs(text: string): Parsed {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    status: String(vevent.getFirstPropertyValue('status')),
    klass: String(vevent.getFirstPropertyValue('class')),
    // The URI scheme is case-insensitive (ical-generator writes MAILTO:).
    attendees: vevent
      .getAllProperties('attendee')
      .map((p) => String(p.getFirstValue()).replace(/^mailto:/i, 'mailto:')),
    organizer: vevent.hasProperty('organizer') ? String(vevent.getFirstPropertyValue('organizer')) : null,
    summary: event.summary,
    description: event.description,
  };
}

function attachmentOf(email: Awaited<ReturnType<typeof emailsTo>>[number]) {
  expect(email.attachments).toHaveLength(1);
  return email.attachments![0]!;
}

describe('consultation e-mails with their .ics', () => {
  let id: string;
  let at: Date;

  it('invites both participants on booking (METHOD:REQUEST), each in their language, once', async () => {
    at = slotIn(6);
    const response = await book(t, employee, {
      practitionerId: practitioner.practitionerId,
      scheduledAt: at.toISOString(),
      format: 'VIDEO',
    });
    expect(response.statusCode, response.body).toBe(201);
    id = response.json().id;
    expect(await runEmailJobs(t, id)).toBe(2);
    // A job that runs again (a worker crash, a retry) queues nothing more.
    expect(await runEmailJobs(t, id)).toBe(0);

    const [toPractitioner] = await emailsTo(t, practitioner.email);
    expect(toPractitioner!.subject).toMatch(/^New consultation on /);
    expect(toPractitioner!.text_body).toContain('Camille');
    const [toEmployee] = await emailsTo(t, employee.email);
    expect(toEmployee!.subject).toMatch(/^Votre consultation du .* est réservée$/);
    expect(toEmployee!.text_body).toContain('Dr. Alex Test');
    expect(toEmployee!.text_body).toContain(`${t.config.publicUrl}/app/consultations/${id}`);

    for (const [email, who] of [
      [toPractitioner!, practitioner],
      [toEmployee!, employee],
    ] as const) {
      const file = attachmentOf(email);
      expect(file).toMatchObject({
        filename: 'invitation.ics',
        contentType: 'text/calendar; charset=utf-8; method=REQUEST',
      });
      expect(parseIcs(file.content)).toMatchObject({
        method: 'REQUEST',
        uid: `consultation-${id}@${host}`,
        sequence: 0,
        start: at,
        end: new Date(at.getTime() + 50 * MINUTE),
        status: 'TENTATIVE',
        klass: 'PRIVATE',
        attendees: [`mailto:${who.email}`],
        organizer: 'mailto:no-reply@huntzen.care',
      });
    }
  });

  it('sends the employee an update on confirmation (same UID, next SEQUENCE, CONFIRMED)', async () => {
    expect((await act(t, practitioner, id, 'confirm')).statusCode).toBe(200);
    expect(await runEmailJobs(t, id)).toBe(1);
    const emails = await emailsTo(t, employee.email);
    expect(emails).toHaveLength(2);
    expect(emails[1]!.subject).toMatch(/^Consultation confirmée/);
    expect(parseIcs(attachmentOf(emails[1]!).content)).toMatchObject({
      method: 'REQUEST',
      uid: `consultation-${id}@${host}`,
      sequence: 1,
      status: 'CONFIRMED',
    });
  });

  it('cancels the calendar entry of both (METHOD:CANCEL, same UID, higher SEQUENCE), without the reason', async () => {
    expect((await act(t, employee, id, 'cancel', { reason: REASON })).statusCode).toBe(200);
    expect(await runEmailJobs(t, id)).toBe(2);
    for (const who of [employee, practitioner]) {
      const emails = await emailsTo(t, who.email);
      const last = emails.at(-1)!;
      const file = attachmentOf(last);
      expect(file).toMatchObject({
        filename: 'cancellation.ics',
        contentType: 'text/calendar; charset=utf-8; method=CANCEL',
      });
      expect(parseIcs(file.content)).toMatchObject({
        method: 'CANCEL',
        uid: `consultation-${id}@${host}`,
        sequence: 2,
        status: 'CANCELLED',
        start: at,
      });
      for (const email of emails) {
        const everything = JSON.stringify(email);
        for (const word of ['médical', 'anxiété', 'Rendez-vous médical'])
          expect(everything).not.toContain(word);
      }
    }
    const toEmployee = (await emailsTo(t, employee.email)).at(-1)!;
    expect(toEmployee.text_body).toContain('à votre demande');
    const toPractitioner = (await emailsTo(t, practitioner.email)).at(-1)!;
    expect(toPractitioner.text_body).toContain('was cancelled by Camille');
  });

  it('tells the absent participant, without a calendar file', async () => {
    const c = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: new Date(Date.now() - 30 * MINUTE),
      status: 'CONFIRMED',
    });
    expect((await act(t, practitioner, c.id, 'no-show')).statusCode).toBe(200);
    expect(await runEmailJobs(t, c.id)).toBe(1);
    const last = (await emailsTo(t, employee.email)).at(-1)!;
    expect(last.subject).toMatch(/^Absence signalée/);
    expect(last.attachments).toBeNull();
  });

  it('downloads the entry as text/calendar (METHOD:PUBLISH) for each participant', async () => {
    for (const who of [employee, practitioner]) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/consultations/${id}/calendar.ics`,
        headers: who.headers,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="huntzen-consultation.ics"');
      const parsed = parseIcs(response.body);
      expect(parsed).toMatchObject({
        method: 'PUBLISH',
        uid: `consultation-${id}@${host}`,
        start: at,
        end: new Date(at.getTime() + 50 * MINUTE),
        status: 'CANCELLED',
        sequence: 2,
        attendees: [],
      });
      expect(parsed.summary).toContain(who === employee ? 'Dr. Alex Test' : 'Camille');
    }
  });

  it('gives an in-person entry the practitioner’s address', async () => {
    await t.db.ownerDb
      .update(practitioners)
      .set({ offersInPerson: true, inPersonAddress: '12 rue des Lilas, 75011 Paris' })
      .where(eq(practitioners.id, practitioner.practitionerId!));
    const response = await book(t, employee, {
      practitionerId: practitioner.practitionerId,
      scheduledAt: slotIn(9).toISOString(),
      format: 'IN_PERSON',
    });
    const ics = await t.app.inject({
      method: 'GET',
      url: `/api/v1/consultations/${response.json().id}/calendar.ics`,
      headers: employee.headers,
    });
    const vevent = new ICAL.Component(ICAL.parse(ics.body)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('location')).toBe('12 rue des Lilas, 75011 Paris');
  });

  it('reaches the mailbox with the invitation attached (through the sender and transport)', async () => {
    const transport = createMailTransport({
      smtpUrl: undefined,
      mailFrom: t.config.mailFrom,
      dataDir: t.config.dataDir,
    });
    const result = await sendEmailBatch({ db: t.db, transport, limit: 100 });
    // Booking (2), confirmation (1), cancellation (2), absence (1).
    expect(result.sent).toBe(6);
    const folder = mailDirectory(t.config.dataDir);
    let found = 0;
    for (const name of await readdir(folder)) {
      const mail = await simpleParser(await readFile(path.join(folder, name)));
      const invitation = mail.attachments.find((a) => a.filename === 'invitation.ics');
      if (!invitation) continue;
      found++;
      expect(invitation.contentType).toBe('text/calendar');
      expect(parseIcs(invitation.content.toString('utf8')).method).toBe('REQUEST');
    }
    expect(found).toBeGreaterThanOrEqual(3);
  });
});
