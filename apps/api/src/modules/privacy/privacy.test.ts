// GDPR rights on real PostgreSQL, crypto and files: the export zip holds everything listed and
// decrypts; an erasure leaves neither the e-mail nor the names in any text or JSON column of any
// table, keeps the counters, refuses sign-in and leaves others alone; the audit log's retention
// purge works while the application role still cannot delete audit rows.
import { randomBytes, randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  assessmentSettings,
  assessments,
  auditLogs,
  type Consultation,
  calendarFeeds,
  clinicalNotes,
  consultationEvents,
  emailQueue,
  employees,
  files,
  journalEntries,
  newsViews,
  notifications,
  practitioners,
  SYSTEM_ACTOR,
  users,
  withActor,
} from '@huntzen/db';
import { eq, sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import type { Job } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, login, signedIn, tokenFromEmail } from '../../../test/identity';
import { currentTotp } from '../../platform/auth';
import { multipartBody, samplePdf, samplePng } from '../../platform/files/sample-files';
import { connectTestClient, waitUntil } from '../../platform/realtime/socket-test-client';
import { type Account, giveConsent, placeConsultation } from '../consultations/consultations.fixtures';
import { purgeAuditLogsTask, purgeOldAuditLogs } from './index';

const DAY = 86_400_000;
const hex = () => randomBytes(4).toString('hex');
const FIRST = `Zephyrine${hex()}`;
const LAST = `Quillfeather${hex()}`;
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

let t: TestApp;
let origin: string;
let companyId: string;
let employee: Account;
let colleague: Account;
let practitioner: Account & { totp?: string };
let hr: Account;
let past: Consultation;
let open: Consultation;
let future: Consultation;
const uploaded: Record<string, Buffer> = {};
// What the employee did in the newer modules (questionnaires, calendar feed, HR sharing, news).
let phq9Id: string;
let who5Id: string;
let feedUrl: string;
let newsId: string;
let waitlistId: string;
const NEWS_TITLE = `Séminaire ${hex()}`;

async function upload(
  account: Account,
  fields: Record<string, string>,
  part: { data: Buffer; type: string; filename: string },
) {
  const body = multipartBody([
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    { name: 'file', ...part },
  ]);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...account.headers, ...body.headers },
    payload: body.payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  const id: string = response.json().id;
  uploaded[id] = part.data;
  return id;
}

function exportOf(account: Account) {
  return t.app.inject({ method: 'GET', url: '/api/v1/me/export', headers: account.headers });
}

function unzip(payload: Buffer): Record<string, Buffer> {
  return Object.fromEntries(
    Object.entries(unzipSync(new Uint8Array(payload))).map(([k, v]) => [k, Buffer.from(v)]),
  );
}

/** The database's message of a failed query (drizzle wraps it). */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { message: string; cause?: { message?: string } };
    return e.cause?.message ?? e.message;
  }
  return 'no failure';
}

const jsonOf = (zip: Record<string, Buffer>, name: string) => JSON.parse(zip[name]!.toString('utf8'));

/** Sums of the counters' views, per company and per practitioner, after a refresh. */
async function counters() {
  await t.db.owner.query('select refresh_employee_stats(); select refresh_practitioner_stats();');
  const usage = await t.db.owner.query(
    `select company_id, department, sum(consultation_count)::int as n, sum(total_duration_minutes)::int as m
       from employee_usage_stats group by 1, 2 order by 1, 2`,
  );
  const billing = await t.db.owner.query(
    `select practitioner_id, company_id, period, consultation_count::int as n, total_duration_minutes::int as m
       from practitioner_billing_stats order by 1, 2, 3`,
  );
  return { usage: usage.rows, billing: billing.rows };
}

/** Every text, varchar, json and jsonb column of every table (and the counters' views) holding `needle`. */
async function occurrences(needle: string): Promise<string[]> {
  const { rows: columns } = await t.db.owner.query<{ s: string; t: string; c: string }>(
    `select c.table_schema as s, c.table_name as t, c.column_name as c
       from information_schema.columns c
       join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
      where tb.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
        and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'character')
     union all
     select n.nspname, cl.relname, a.attname from pg_attribute a
       join pg_class cl on cl.oid = a.attrelid join pg_namespace n on n.oid = cl.relnamespace
      where cl.relkind = 'm' and a.attnum > 0 and not a.attisdropped
        and format_type(a.atttypid, a.atttypmod) in ('text', 'character varying', 'json', 'jsonb')`,
  );
  expect(columns.length).toBeGreaterThan(100);
  const hits: string[] = [];
  for (const { s, t: table, c } of columns) {
    const { rows } = await t.db.owner.query(
      `select count(*)::int as n from "${s}"."${table}" where "${c}"::text ilike $1`,
      [`%${needle}%`],
    );
    if (rows[0].n > 0) hits.push(`${s}.${table}.${c} (${rows[0].n})`);
  }
  return hits;
}

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  companyId = (await createCompany(t.db)).id;
  employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  await t.db.ownerDb
    .update(employees)
    .set({
      firstName: FIRST,
      lastName: LAST,
      position: 'Chargée de mission',
      phoneNumber: '+33 6 12 34 56 78',
      bio: `Bonjour, je suis ${FIRST}.`,
      location: 'Lyon',
      birthDate: new Date('1990-04-02'),
      department: 'Finance',
    })
    .where(eq(employees.id, employee.employeeId!));
  await giveConsent(t, employee.employeeId!);
  colleague = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  await giveConsent(t, colleague.employeeId!);
  practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });

  const base = { employeeId: employee.employeeId!, practitionerId: practitioner.practitionerId! };
  past = await placeConsultation(t, {
    ...base,
    scheduledAt: new Date(Date.now() - 10 * DAY),
    status: 'COMPLETED',
    startedAt: new Date(Date.now() - 10 * DAY),
    endedAt: new Date(Date.now() - 10 * DAY + 45 * 60_000),
    actualDuration: 45,
    isBillable: true,
    billingStatus: 'VALIDATED',
    notes: 'Stress au travail',
  });
  open = await placeConsultation(t, {
    ...base,
    scheduledAt: new Date(Date.now() + DAY),
    status: 'CONFIRMED',
  });
  future = await placeConsultation(t, { ...base, scheduledAt: new Date(Date.now() + 5 * DAY) });
  await placeConsultation(t, {
    employeeId: colleague.employeeId!,
    practitionerId: practitioner.practitionerId!,
    scheduledAt: new Date(Date.now() - 12 * DAY),
    status: 'COMPLETED',
    actualDuration: 50,
    isBillable: true,
    billingStatus: 'VALIDATED',
  });
  await t.db.ownerDb.insert(consultationEvents).values({
    consultationId: past.id,
    eventType: 'ENDED',
    actorId: practitioner.user.id,
    actorRole: 'PRACTITIONER',
    ipAddress: '10.9.9.9',
  });
  await t.db.ownerDb.insert(clinicalNotes).values({
    consultationId: past.id,
    practitionerId: practitioner.practitionerId!,
    encryptedContent: 'k.ciphertext',
    iv: 'iv',
  });

  // Chat, journal, files through the API: really encrypted.
  for (const [account, content] of [
    [employee, 'Je dors mal depuis deux semaines.'],
    [practitioner, 'Merci, nous en parlerons demain.'],
  ] as const) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${open.id}/messages`,
      headers: account.headers,
      payload: { content },
    });
    expect(response.statusCode, response.body).toBe(201);
  }
  for (const [mood, content] of [
    ['BAD', 'Journée difficile.'],
    ['GOOD', 'Une belle marche.'],
  ] as const) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/journal-entries',
      headers: employee.headers,
      payload: { content, mood, tags: ['test'] },
    });
    expect(response.statusCode, response.body).toBe(201);
  }
  // Questionnaires (encrypted by their module), one shared with the practitioner; their settings.
  for (const [instrument, answers] of [
    ['PHQ9', [2, 1, 2, 1, 1, 0, 1, 2, 1]],
    ['WHO5', [1, 2, 2, 3, 2]],
  ] as const) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: employee.headers,
      payload: { instrument, answers },
    });
    expect(response.statusCode, response.body).toBe(201);
    if (instrument === 'PHQ9') phq9Id = response.json().id;
    else who5Id = response.json().id;
  }
  const shared = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assessments/${phq9Id}/share`,
    headers: employee.headers,
    payload: {
      practitionerId: practitioner.practitionerId,
      from: new Date(Date.now() + DAY).toISOString(),
      to: new Date(Date.now() + 30 * DAY).toISOString(),
    },
  });
  expect(shared.statusCode, shared.body).toBe(200);
  const settings = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/assessments/settings',
    headers: employee.headers,
    payload: { reminderWeeks: 4, reminderInstrument: 'WHO5' },
  });
  expect(settings.statusCode, settings.body).toBe(200);
  // A private calendar feed, HR usage sharing on, one company news item opened.
  const feed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/calendar-feed',
    headers: employee.headers,
  });
  expect(feed.statusCode, feed.body).toBe(201);
  feedUrl = feed.json().url;
  const sharing = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/hr-sharing',
    headers: employee.headers,
    payload: { shareUsageWithHr: true },
  });
  expect(sharing.statusCode, sharing.body).toBe(200);
  const published = await t.app.inject({
    method: 'POST',
    url: '/api/v1/news',
    headers: hr.headers,
    payload: { title: NEWS_TITLE, content: 'Le séminaire aura lieu jeudi.' },
  });
  expect(published.statusCode, published.body).toBe(201);
  newsId = published.json().id;
  const read = await t.app.inject({ url: `/api/v1/news/${newsId}`, headers: employee.headers });
  expect(read.statusCode, read.body).toBe(200);

  await upload(
    employee,
    { fileType: 'ATTACHMENT', relatedResource: 'consultation', relatedId: open.id },
    { data: samplePdf('Compte rendu'), type: 'application/pdf', filename: `${LAST}-bilan.pdf` },
  );
  const avatar = await upload(
    employee,
    { fileType: 'AVATAR' },
    { data: samplePng(), type: 'image/png', filename: 'moi.png' },
  );
  await t.db.ownerDb
    .update(employees)
    .set({ avatarUrl: `/api/v1/files/${avatar}/content` })
    .where(eq(employees.id, employee.employeeId!));

  // What a booking leaves with others: the practitioner's notification and e-mail name the employee.
  await t.db.ownerDb.insert(notifications).values({
    userId: practitioner.user.id,
    type: 'CONSULTATION_CONFIRMED',
    title: 'Nouvelle consultation',
    message: `${FIRST} ${LAST} a réservé une consultation.`,
    metadata: { employeeName: `${FIRST} ${LAST}`, consultationId: open.id },
  });
  await t.db.ownerDb.insert(emailQueue).values({
    to: practitioner.email,
    subject: `Consultation avec ${FIRST} ${LAST}`,
    htmlBody: `<p>${FIRST} ${LAST} a réservé.</p>`,
    textBody: `${FIRST} ${LAST} a réservé.`,
    templateData: { withName: `${FIRST} ${LAST}` },
    status: 'SENT',
  });
  // A waitlist entry for the practitioner's freed slots.
  const waiting = await t.app.inject({
    method: 'POST',
    url: '/api/v1/waitlist',
    headers: employee.headers,
    payload: {
      practitionerId: practitioner.practitionerId,
      from: new Date(Date.now() + DAY).toISOString(),
      to: new Date(Date.now() + 30 * DAY).toISOString(),
    },
  });
  expect(waiting.statusCode, waiting.body).toBe(201);
  waitlistId = waiting.json().id;
  // An HR action about the employee, audited with a copy of their name.
  await withActor(t.db, SYSTEM_ACTOR, (tx) =>
    tx.execute(sql`select record_audit('UPDATE'::audit_action, 'employee', ${employee.employeeId!}, null, null,
      ${JSON.stringify({ firstName: FIRST })}::jsonb, ${JSON.stringify({ firstName: `${FIRST} ` })}::jsonb, false)`),
  );
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('export of my data', () => {
  it('gives an employee a zip of everything listed, decrypted, with a README and the files', async () => {
    const response = await exportOf(employee);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="huntzen-my-data-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const zip = unzip(response.rawPayload);
    expect(
      Object.keys(zip)
        .filter((n) => !n.startsWith('files/'))
        .sort(),
    ).toEqual(
      [
        'README.txt',
        'account.json',
        'assessments.json',
        'calendar-feed.json',
        'consents.json',
        'consultations.json',
        'files.json',
        'journal.json',
        'messages.json',
        'news.json',
        'notifications.json',
        'profile.json',
        'waitlist.json',
      ].sort(),
    );
    const readme = zip['README.txt']!.toString('utf8');
    for (const name of [
      'account.json',
      'journal.json',
      'messages.json',
      'files.json',
      'assessments.json',
      'calendar-feed.json',
      'news.json',
      'waitlist.json',
    ])
      expect(readme).toContain(name);

    const account = jsonOf(zip, 'account.json');
    expect(account.account).toMatchObject({ email: employee.email, role: 'EMPLOYEE' });
    expect(JSON.stringify(account)).not.toMatch(
      /passwordHash|password_hash|twoFactorSecret|two_factor_secret|\$2b\$/i,
    );
    expect(account.sessions.length).toBeGreaterThan(0);
    expect(jsonOf(zip, 'profile.json').employee).toMatchObject({
      firstName: FIRST,
      lastName: LAST,
      location: 'Lyon',
    });
    const consents = jsonOf(zip, 'consents.json');
    expect(consents.consentVersion).toBeTruthy();
    // The HR usage-sharing choice and when it changed.
    expect(consents.shareUsageWithHr).toBe(true);
    expect(Date.now() - Date.parse(consents.usageSharingChangedAt)).toBeLessThan(DAY);

    // Questionnaires, decrypted: answers, score, band, crisis, sharing; and the settings.
    const questionnaires = jsonOf(zip, 'assessments.json');
    expect(questionnaires.results).toEqual([
      {
        id: phq9Id,
        instrument: 'PHQ9',
        answers: [2, 1, 2, 1, 1, 0, 1, 2, 1],
        score: 11,
        severity: 'MODERATE',
        crisis: true,
        lowWellbeing: null,
        unreadable: false,
        sharedWith: {
          practitionerId: practitioner.practitionerId,
          practitionerName: 'Dr. Alex Test',
          sharedAt: expect.any(String),
        },
        createdAt: expect.any(String),
      },
      {
        id: who5Id,
        instrument: 'WHO5',
        answers: [1, 2, 2, 3, 2],
        score: 40,
        severity: null,
        crisis: false,
        lowWellbeing: true,
        unreadable: false,
        sharedWith: null,
        createdAt: expect.any(String),
      },
    ]);
    expect(questionnaires.settings).toMatchObject({
      alertPractitionerOnCrisis: false,
      reminderWeeks: 4,
      reminderInstrument: 'WHO5',
      nextReminderAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    // Stored encrypted: the export is the module's decryption, not a copy of the column.
    const [stored] = await t.db.ownerDb.select().from(assessments).where(eq(assessments.id, phq9Id));
    expect(stored!.encryptedResult).not.toContain('answers');

    // The calendar feed: that it exists and since when, never its token (nor its digest).
    const feed = jsonOf(zip, 'calendar-feed.json');
    expect(feed).toEqual({ exists: true, createdAt: expect.any(String), lastFetchedAt: null });
    const token = feedUrl
      .split('/')
      .at(-1)!
      .replace(/\.ics$/, '');
    const [feedRow] = await t.db.ownerDb
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, employee.user.id));
    for (const secret of [token, feedRow!.tokenHash]) {
      for (const name of Object.keys(zip)) expect(zip[name]!.toString('latin1'), name).not.toContain(secret);
    }

    // The company news opened.
    expect(jsonOf(zip, 'news.json')).toEqual({
      viewed: [{ newsId, title: NEWS_TITLE, viewedAt: expect.any(String) }],
    });

    // The waitlist entry (the series are empty here: none was booked).
    expect(jsonOf(zip, 'waitlist.json')).toEqual({
      waitlist: [expect.objectContaining({ id: waitlistId, practitionerId: practitioner.practitionerId })],
      series: [],
    });

    const consultations = jsonOf(zip, 'consultations.json');
    expect(consultations.map((c: { id: string }) => c.id).sort()).toEqual(
      [past.id, open.id, future.id].sort(),
    );
    const pastOne = consultations.find((c: { id: string }) => c.id === past.id);
    expect(pastOne).toMatchObject({
      reason: 'Stress au travail',
      status: 'COMPLETED',
      practitionerName: 'Dr. Alex Test',
    });
    // The practitioner's event is listed, without their address.
    expect(pastOne.events).toEqual([
      expect.objectContaining({ type: 'ENDED', byMe: false, ipAddress: null }),
    ]);
    expect(JSON.stringify(consultations)).not.toMatch(/roomPassword|room_password|jitsi/i);

    const messages = jsonOf(zip, 'messages.json');
    expect(messages.map((m: { content: string; sentByMe: boolean }) => [m.sentByMe, m.content])).toEqual([
      [true, 'Je dors mal depuis deux semaines.'],
      [false, 'Merci, nous en parlerons demain.'],
    ]);

    const journal = jsonOf(zip, 'journal.json');
    expect(journal).toMatchObject({ format: 'huntzen-journal', version: 1 });
    expect(journal.entries.map((e: { content: string }) => e.content).sort()).toEqual(
      ['Journée difficile.', 'Une belle marche.'].sort(),
    );
    // The journal's own format: it imports back (every entry already there).
    const reimport = await t.app.inject({
      method: 'POST',
      url: '/api/v1/journal-entries/import',
      headers: employee.headers,
      payload: journal,
    });
    expect(reimport.json()).toEqual({ created: 0, skipped: 2 });

    const listed = jsonOf(zip, 'files.json');
    expect(listed).toHaveLength(2);
    for (const file of listed) {
      expect(zip[file.path], file.path).toBeDefined();
      expect(zip[file.path]!.equals(uploaded[file.id]!), file.path).toBe(true);
    }
    expect(listed.find((f: { fileType: string }) => f.fileType === 'ATTACHMENT').encryptedAtRest).toBe(true);
    expect(Array.isArray(jsonOf(zip, 'notifications.json'))).toBe(true);

    const [audit] = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.resource, 'personal_data'));
    expect(audit).toMatchObject({ action: 'EXPORT', userId: employee.user.id, isSensitive: true });
    expect(JSON.stringify(audit!.details)).not.toMatch(/dors|Journée/);
  });

  it("gives a practitioner their profile, agenda and own messages, never a patient's name, reason or words", async () => {
    const response = await exportOf(practitioner);
    expect(response.statusCode, response.body).toBe(200);
    const zip = unzip(response.rawPayload);
    expect(zip['journal.json']).toBeUndefined();
    expect(zip['assessments.json']).toBeUndefined();
    expect(jsonOf(zip, 'calendar-feed.json')).toEqual({
      exists: false,
      createdAt: null,
      lastFetchedAt: null,
    });
    expect(jsonOf(zip, 'profile.json').practitioner).toMatchObject({ firstName: 'Alex', lastName: 'Test' });
    const consultations = jsonOf(zip, 'consultations.json');
    expect(consultations).toHaveLength(4);
    const all = JSON.stringify(consultations);
    expect(all).not.toContain(FIRST);
    expect(all).not.toContain('Stress au travail');
    expect(jsonOf(zip, 'messages.json').map((m: { content: string }) => m.content)).toEqual([
      'Merci, nous en parlerons demain.',
    ]);
    expect(zip['README.txt']!.toString('utf8')).toMatch(/clinical notes are not in this export/);
  });

  it('gives HR and admins their account and notifications, and limits exports to 5 an hour per account', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await exportOf(hr);
      expect(response.statusCode, response.body).toBe(200);
      const zip = unzip(response.rawPayload);
      expect(jsonOf(zip, 'account.json').account).toMatchObject({ email: hr.email, role: 'ADMIN_RH' });
      expect(zip['messages.json']).toBeUndefined();
    }
    const sixth = await exportOf(hr);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('RATE_LIMITED');
    // Another account is not limited by HR's exports.
    expect((await exportOf(colleague)).statusCode).toBe(200);
    const admin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
    expect((await exportOf(admin)).statusCode).toBe(200);
  });
});

describe('erasure of my account', () => {
  it('refuses a wrong password, and erases nothing before the e-mailed link is used', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure',
      headers: employee.headers,
      payload: { password: 'not-my-password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ path: 'body.password', message: 'incorrect password' }]);
    const bogus = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure/confirm',
      headers: employee.headers,
      payload: { token: randomBytes(32).toString('base64url') },
    });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().code).toBe('TOKEN_INVALID');
    const [still] = await t.db.ownerDb.select().from(users).where(eq(users.id, employee.user.id));
    expect(still).toMatchObject({ email: employee.email, isActive: true });
  });

  it('erases an employee: no e-mail or name left anywhere, counters unchanged, sign-in refused, others unaffected', async () => {
    const before = await counters();
    const storedPaths = (
      await t.db.ownerDb
        .select({ path: files.path })
        .from(files)
        .where(eq(files.uploadedBy, employee.user.id))
    ).map((f) => f.path);
    expect(storedPaths).toHaveLength(2);
    const objectOf = (key: string) => path.join(t.config.dataDir, 'files', key.slice(0, 2), key);
    for (const key of storedPaths) await access(objectOf(key));
    const notesBefore = await t.db.ownerDb.select().from(clinicalNotes);

    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure',
      headers: employee.headers,
      payload: { password: 'Quiet-Harbor-Lantern-42' },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toMatchObject({ status: 'CONFIRMATION_SENT' });
    expect(asked.json().kept.map((k: { item: string }) => k.item)).toContain('CLINICAL_NOTES');
    // The confirmation goes to the address being erased, before anything is erased.
    const [mail] = await t.db.ownerDb.select().from(emailQueue).where(eq(emailQueue.to, employee.email));
    expect(mail).toMatchObject({ templateName: 'account-erasure', status: 'PENDING' });
    const token = await tokenFromEmail(t.db, employee.email, '/account/data/erase');
    // An open page of the account: its socket closes with the erasure.
    const socket = await connectTestClient(origin, employee.headers.authorization.slice('Bearer '.length));
    const closed = { reason: '' };
    socket.socket.on('disconnect', (why) => {
      closed.reason = why;
    });

    const done = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure/confirm',
      headers: employee.headers,
      payload: { token },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'ERASED', cancelledConsultations: 2 });
    // The practitioner is told, without the employee's name.
    const told = await t.db.ownerDb
      .select()
      .from(notifications)
      .where(eq(notifications.userId, practitioner.user.id));
    expect(
      told
        .filter((n) => n.type === 'CONSULTATION_CANCELLED')
        .map((n) => (n.metadata as { consultationId: string }).consultationId)
        .sort(),
    ).toEqual([open.id, future.id].sort());
    // When, in the practitioner's zone and language, as every consultation notice writes it.
    for (const notice of told.filter((n) => n.type === 'CONSULTATION_CANCELLED')) {
      expect(notice.message).toMatch(/\d{1,2} [a-zéû]+ \d{4} à \d{2}:\d{2} \([A-Za-z_]+\/[A-Za-z_]+\)/);
    }

    // Signed out everywhere, sockets closed.
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: employee.headers })).statusCode).toBe(401);
    await waitUntil('the socket to close', () => closed.reason);
    expect(closed.reason).toBe('io server disconnect');
    socket.close();
    // The link is single-use.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure/confirm',
      headers: employee.headers,
      payload: { token },
    });
    expect(again.statusCode).toBe(401);

    // Neither the address nor the names in any text or JSON column of any table (counters' views refreshed).
    expect(await counters()).toEqual(before);
    for (const needle of [employee.email, FIRST, LAST]) {
      expect(await occurrences(needle), needle).toEqual([]);
    }
    // Signing in is refused. (The attempt itself is logged like any unknown address: new input, not kept data.)
    expect((await login(t.app, employee.email)).response.statusCode).toBe(401);

    // What is gone.
    const [employeeRow] = await t.db.ownerDb
      .select()
      .from(employees)
      .where(eq(employees.id, employee.employeeId!));
    expect(employeeRow).toMatchObject({
      phoneNumber: null,
      bio: null,
      birthDate: null,
      avatarUrl: null,
      coverUrl: null,
      position: null,
      location: null,
      department: 'Finance',
    });
    expect(
      await t.db.ownerDb
        .select()
        .from(journalEntries)
        .where(eq(journalEntries.employeeId, employee.employeeId!)),
    ).toEqual([]);
    expect(await t.db.ownerDb.select().from(files).where(eq(files.uploadedBy, employee.user.id))).toEqual([]);
    // HR sharing off; questionnaires, their settings and the calendar feed gone (0028's trigger on the
    // '!erased' mark); which news they opened gone, the item's bare count kept.
    expect(employeeRow).toMatchObject({ shareUsageWithHr: false });
    expect(
      await t.db.ownerDb.select().from(assessments).where(eq(assessments.employeeId, employee.employeeId!)),
    ).toEqual([]);
    expect(
      await t.db.ownerDb
        .select()
        .from(assessmentSettings)
        .where(eq(assessmentSettings.employeeId, employee.employeeId!)),
    ).toEqual([]);
    expect(
      await t.db.ownerDb.select().from(calendarFeeds).where(eq(calendarFeeds.userId, employee.user.id)),
    ).toEqual([]);
    expect((await t.app.inject({ url: feedUrl.slice(feedUrl.indexOf('/calendar/')) })).statusCode).toBe(404);
    expect(
      await t.db.ownerDb.select().from(newsViews).where(eq(newsViews.employeeId, employee.employeeId!)),
    ).toEqual([]);
    const { rows: counted } = await t.db.owner.query('select view_count from news where id = $1', [newsId]);
    expect(counted).toEqual([{ view_count: 1 }]);
    for (const key of storedPaths) await expect(access(objectOf(key))).rejects.toThrow();
    const { rows: theirMessages } = await t.db.owner.query(
      `select encrypted_content, is_deleted from messages where consultation_id = $1 and sender_role = 'EMPLOYEE'`,
      [open.id],
    );
    expect(theirMessages).toEqual([{ encrypted_content: '', is_deleted: true }]);

    // What stays: the consultations (anonymous), the clinical notes, the audit rows (pseudonymous).
    const { rows: kept } = await t.db.owner.query(
      'select id, status, notes from consultations where employee_id = $1 order by scheduled_at',
      [employee.employeeId],
    );
    expect(kept).toEqual([
      { id: past.id, status: 'COMPLETED', notes: null },
      { id: open.id, status: 'CANCELLED', notes: null },
      { id: future.id, status: 'CANCELLED', notes: null },
    ]);
    expect(await t.db.ownerDb.select().from(clinicalNotes)).toEqual(notesBefore);
    const [erasedUser] = await t.db.ownerDb.select().from(users).where(eq(users.id, employee.user.id));
    expect(erasedUser).toMatchObject({ isActive: false, twoFactorSecret: null });
    const audit = await t.db.ownerDb.select().from(auditLogs).where(eq(auditLogs.userId, employee.user.id));
    expect(audit.length).toBeGreaterThan(3);
    expect(new Set(audit.map((a) => a.userEmail))).toEqual(new Set([erasedUser!.email]));
    expect(audit.some((a) => a.action === 'DELETE' && a.resource === 'account')).toBe(true);

    // The others carry on: the colleague signs in, the practitioner still reads their own message.
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: colleague.headers })).statusCode).toBe(200);
    expect((await login(t.app, colleague.email)).response.statusCode).toBe(200);
    const thread = await t.app.inject({
      url: `/api/v1/consultations/${open.id}/messages`,
      headers: practitioner.headers,
    });
    expect(thread.statusCode, thread.body).toBe(200);
    expect(
      thread
        .json()
        .items.map((m: { content: string | null }) => m.content)
        .sort(),
    ).toEqual(['Merci, nous en parlerons demain.', null].sort());
  });

  it('asks a practitioner with 2FA for their code, keeps their name for the records, takes them out of the directory', async () => {
    const doctor = await signedIn(t.app, t.db, 'PRACTITIONER');
    const noCode = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure',
      headers: doctor.headers,
      payload: { password: 'Quiet-Harbor-Lantern-42' },
    });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().errors).toEqual([
      { path: 'body.code', message: 'required: two-factor authentication is on' },
    ]);
    const [row] = await t.db.ownerDb.select().from(users).where(eq(users.id, doctor.user.id));
    const secret = t.app.cipher.decryptJson(row!.twoFactorSecret!, {
      table: 'users',
      column: 'two_factor_secret',
      rowId: doctor.user.id,
    }) as string;
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure',
      headers: doctor.headers,
      payload: { password: 'Quiet-Harbor-Lantern-42', code: await currentTotp(secret, Date.now() + 30_000) },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json().kept.map((k: { item: string }) => k.item)).toContain('PRACTITIONER_IDENTITY');
    const token = await tokenFromEmail(t.db, doctor.email, '/account/data/erase');
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure/confirm',
      headers: doctor.headers,
      payload: { token },
    });
    expect(done.statusCode, done.body).toBe(200);
    const [profile] = await t.db.ownerDb
      .select()
      .from(practitioners)
      .where(eq(practitioners.id, doctor.practitionerId!));
    expect(profile).toMatchObject({ firstName: 'Alex', lastName: 'Test', bio: '', isActive: false });
    expect(await occurrences(doctor.email)).toEqual([]);
  });

  it("erases an HR admin who is not the company's last one, and their address as its contact", async () => {
    const other = await createCompany(t.db);
    const leaving = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: other.id });
    await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: other.id });
    await t.db.owner.query('update companies set contact_email = $1 where id = $2', [
      leaving.email,
      other.id,
    ]);
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure',
      headers: leaving.headers,
      payload: { password: 'Quiet-Harbor-Lantern-42' },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json().kept.map((k: { item: string }) => k.item)).toEqual([
      'BILLING',
      'AUDIT_LOG_PSEUDONYMOUS',
    ]);
    const token = await tokenFromEmail(t.db, leaving.email, '/account/data/erase');
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure/confirm',
      headers: leaving.headers,
      payload: { token },
    });
    expect(done.statusCode, done.body).toBe(200);
    const { rows } = await t.db.owner.query('select contact_email from companies where id = $1', [other.id]);
    expect(rows).toEqual([{ contact_email: null }]);
    expect(await occurrences(leaving.email)).toEqual([]);
  });

  it('keeps the last HR admin of a company, and is not offered to HuntZen staff', async () => {
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure',
      headers: hr.headers,
      payload: { password: 'Quiet-Harbor-Lantern-42' },
    });
    expect(asked.statusCode).toBe(409);
    const admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure',
      headers: admin.headers,
      payload: { password: 'Quiet-Harbor-Lantern-42' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('refuses the erasure function to anyone but the signed-in account holding the token', async () => {
    expect(
      await failure(withActor(t.db, SYSTEM_ACTOR, (tx) => tx.execute(sql`select erase_own_account('x')`))),
    ).toMatch(/only a signed-in employee, practitioner or HR admin/);
    expect(
      await failure(
        withActor(
          t.db,
          { role: 'EMPLOYEE', userId: colleague.user.id, employeeId: colleague.employeeId },
          (tx) => tx.execute(sql`select erase_own_account(${'0'.repeat(64)})`),
        ),
      ),
    ).toMatch(/no live erasure request/);
  });
});

describe('retention of the audit log', () => {
  it('purges rows older than AUDIT_RETENTION_DAYS through the owner-run function; the app role still cannot delete', async () => {
    const stamp = (daysAgo: number) => ({
      userId: randomUUID(),
      userRole: 'EMPLOYEE' as const,
      userEmail: 'someone@example.test',
      action: 'READ' as const,
      resource: `retention-${daysAgo}`,
      createdAt: new Date(Date.now() - daysAgo * DAY),
    });
    await t.db.ownerDb.insert(auditLogs).values([stamp(400), stamp(366), stamp(200), stamp(10)]);
    const left = async () =>
      (
        await t.db.owner.query(`select resource from audit_logs where resource like 'retention-%' order by 1`)
      ).rows.map((r) => r.resource);

    expect(await purgeOldAuditLogs(t.db, 365)).toBe(2);
    expect(await left()).toEqual(['retention-10', 'retention-200']);
    // The job reads the configured retention from the runner's settings.
    await purgeAuditLogsTask.handler(
      {},
      { db: t.db, logger: quiet, job: {} as Job, settings: { auditRetentionDays: 100 }, services: {} },
    );
    expect(await left()).toEqual(['retention-10']);
    const { rows } = await t.db.owner.query(
      `select user_email, details from audit_logs where action = 'DELETE' and resource = 'audit_log' order by created_at`,
    );
    expect(rows.map((r) => r.details.count)).toEqual([2, 1]);

    // huntzen_app: no DELETE on audit_logs, whoever the actor; the function only for SYSTEM, never below 30 days.
    expect(
      await failure(
        withActor(t.db, SYSTEM_ACTOR, (tx) =>
          tx.execute(sql`delete from audit_logs where resource = 'retention-10'`),
        ),
      ),
    ).toMatch(/permission denied/);
    expect(
      await failure(
        withActor(t.db, { role: 'SUPER_ADMIN', userId: randomUUID() }, (tx) =>
          tx.execute(sql`select purge_audit_logs(365)`),
        ),
      ),
    ).toMatch(/only the system/);
    expect(
      await failure(withActor(t.db, SYSTEM_ACTOR, (tx) => tx.execute(sql`select purge_audit_logs(1)`))),
    ).toMatch(/at least 30 days/);
    expect(await left()).toEqual(['retention-10']);
  });
});
