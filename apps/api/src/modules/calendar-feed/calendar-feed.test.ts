// The private calendar feed on a real database: a secret URL made once (only its digest stored),
// the file parsed with ical.js (the caller's consultations, "Consultation HuntZen", no health
// content, no other person's consultation), replaced by a new URL, and dead once revoked.
import { calendarFeeds, withActor } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import {
  type Account,
  consentingEmployee,
  openPractitioner,
  placeConsultation,
  slotIn,
} from '../consultations/consultations.fixtures';
import { tokenDigest } from './calendar-feed.service';

let t: TestApp;
let employee: Account;
let other: Account;
let practitioner: Account;
let hr: Account;
const URL_ = '/api/v1/me/calendar-feed';
const REASON = 'Anxiété au travail, insomnie';

beforeAll(async () => {
  t = await buildTestApp();
  const companyId = (await createCompany(t.db)).id;
  employee = await consentingEmployee(t, companyId);
  other = await consentingEmployee(t, companyId);
  practitioner = await openPractitioner(t);
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
});
afterAll(async () => {
  await t?.close();
});

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, summary: e.summary, start: e.startDate.toJSDate(), description: e.description };
  });
}

const fetchFeed = (url: string) => t.app.inject({ method: 'GET', url: new URL(url).pathname });

describe('the private calendar feed', () => {
  it('lists the caller’s consultations without health content, and stops once revoked', async () => {
    const mine = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: slotIn(30),
      notes: REASON,
    });
    await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: slotIn(40),
      status: 'CANCELLED',
      cancelledAt: new Date(),
      cancelReason: REASON,
    });
    const theirs = await placeConsultation(t, {
      employeeId: other.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: slotIn(50),
    });

    expect(
      (await t.app.inject({ method: 'GET', url: URL_, headers: employee.headers })).json(),
    ).toMatchObject({
      active: false,
    });
    const made = await t.app.inject({ method: 'POST', url: URL_, headers: employee.headers });
    expect(made.statusCode, made.body).toBe(201);
    const { url } = made.json() as { url: string };
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = url.split('/').at(-1)!.replace('.ics', '');
    const [stored] = await t.db.ownerDb
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, employee.user.id));
    expect(stored!.tokenHash).toBe(tokenDigest(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const file = await fetchFeed(url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/^text\/calendar/);
    const list = events(file.body);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ summary: 'Consultation HuntZen', start: mine.scheduledAt });
    expect(list[0]!.uid).toContain(mine.id);
    for (const word of ['Anxiété', 'insomnie', 'Martin', theirs.id]) expect(file.body).not.toContain(word);

    // The practitioner's own feed lists both patients' consultations (still nothing of their content).
    const p = await t.app.inject({ method: 'POST', url: URL_, headers: practitioner.headers });
    const pList = events((await fetchFeed(p.json().url)).body);
    expect(pList.map((e) => e.uid).filter((u) => u.includes(theirs.id) || u.includes(mine.id))).toHaveLength(
      2,
    );

    // A new URL replaces the old one.
    const again = await t.app.inject({ method: 'POST', url: URL_, headers: employee.headers });
    expect((await fetchFeed(url)).statusCode).toBe(404);
    expect((await fetchFeed(again.json().url)).statusCode).toBe(200);

    const revoked = await t.app.inject({ method: 'DELETE', url: URL_, headers: employee.headers });
    expect(revoked.statusCode).toBe(204);
    expect((await fetchFeed(again.json().url)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: URL_, headers: employee.headers })).json(),
    ).toMatchObject({
      active: false,
    });
  });

  it('answers 404 to forged or malformed tokens, and 403 to HR', async () => {
    for (const file of [
      'x.ics',
      `${'A'.repeat(43)}.ics`,
      `${'A'.repeat(43)}`,
      '%00.ics',
      `${'é'.repeat(43)}.ics`,
    ]) {
      expect(
        (await t.app.inject({ method: 'GET', url: `/calendar/${encodeURIComponent(file)}` })).statusCode,
      ).toBe(404);
    }
    expect((await t.app.inject({ method: 'POST', url: URL_, headers: hr.headers })).statusCode).toBe(403);
  });

  it('gives HR or another user no sight of a feed row (the application role)', async () => {
    await t.app.inject({ method: 'POST', url: URL_, headers: employee.headers });
    const seen = await t.app.inject({ method: 'GET', url: URL_, headers: other.headers });
    expect(seen.json()).toMatchObject({ active: false });
    for (const who of [other, hr, practitioner]) {
      const rows = await withActor(
        t.db,
        { role: who.user.role, userId: who.user.id, email: who.email, companyId: who.companyId },
        (tx) => tx.select().from(calendarFeeds).where(eq(calendarFeeds.userId, employee.user.id)),
      );
      expect(rows).toEqual([]);
    }
  });
});
