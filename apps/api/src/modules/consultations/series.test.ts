// Recurring series (POST /api/v1/consultations/series, POST /api/v1/consultations/series/{id}/cancel)
// on a real database: each occurrence booked on its own through the ordinary booking, a taken week
// reported as TAKEN while the others go through, a series with nothing free refused, the rules of a
// single booking holding for the whole series, membership in the side table, and cancelling the
// rest of a series (and one occurrence alone with the ordinary route).
import { consultationSeries, consultationSeriesMembers, consultations } from '@huntzen/db';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import {
  type Account,
  act,
  book,
  consentingEmployee,
  openPractitioner,
  placeConsultation,
  slotIn,
  storedConsultation,
} from './consultations.fixtures';
import { occurrenceStarts } from './series.service';

const WEEK = 7 * 86_400_000;
let t: TestApp;
let companyId: string;
let employee: Account;
let other: Account;
let practitioner: Account;
let hr: Account;

beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
  employee = await consentingEmployee(t, companyId);
  other = await consentingEmployee(t, companyId);
  practitioner = await openPractitioner(t);
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
});
afterAll(async () => {
  await t?.close();
});

function bookSeries(account: Account, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/consultations/series',
    headers: { ...account.headers, 'user-agent': 'HuntZen tests' },
    payload: body,
  });
}

function cancelSeries(account: Account, id: string, reason = 'Plus disponible') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/consultations/series/${id}/cancel`,
    headers: account.headers,
    payload: { reason },
  });
}

describe('the starts of a series', () => {
  it('keeps the local hour across a change of summer time', () => {
    // 2027-03-22 09:00 in Paris (UTC+1), then 2027-03-29 09:00 (UTC+2).
    const starts = occurrenceStarts(new Date('2027-03-22T08:00:00Z'), 1, 2, 'Europe/Paris');
    expect(starts.map((d) => d.toISOString())).toEqual([
      '2027-03-22T08:00:00.000Z',
      '2027-03-29T07:00:00.000Z',
    ]);
    expect(
      occurrenceStarts(new Date('2027-01-04T08:00:00Z'), 2, 3, 'UTC').map((d) => d.toISOString()),
    ).toEqual(['2027-01-04T08:00:00.000Z', '2027-01-18T08:00:00.000Z', '2027-02-01T08:00:00.000Z']);
  });
});

describe('booking a series', () => {
  it('books each free week on its own and lists the week someone else has', async () => {
    const first = slotIn(48);
    // Week 3 is already someone else's.
    const taken = await book(t, other, {
      practitionerId: practitioner.practitionerId,
      scheduledAt: new Date(first.getTime() + 2 * WEEK).toISOString(),
      format: 'VIDEO',
    });
    expect(taken.statusCode, taken.body).toBe(201);

    const response = await bookSeries(employee, {
      practitionerId: practitioner.practitionerId,
      scheduledAt: first.toISOString(),
      format: 'VIDEO',
      interval: 'WEEKLY',
      occurrences: 4,
    });
    expect(response.statusCode, response.body).toBe(201);
    const answer = response.json();
    expect(answer.booked).toBe(3);
    expect(answer.occurrences.map((o: { status: string }) => o.status)).toEqual([
      'BOOKED',
      'BOOKED',
      'TAKEN',
      'BOOKED',
    ]);
    expect(answer.occurrences[2]).toMatchObject({ code: 'SLOT_TAKEN', consultationId: null });
    expect(answer.occurrences.map((o: { scheduledAt: string }) => o.scheduledAt)).toEqual(
      [0, 1, 2, 3].map((k) => new Date(first.getTime() + k * WEEK).toISOString()),
    );

    // Each one is an ordinary consultation, in the side table with its place in the series.
    const ids = answer.occurrences
      .filter((o: { consultationId: string | null }) => o.consultationId)
      .map((o: { consultationId: string }) => o.consultationId);
    const rows = await t.db.ownerDb.select().from(consultations).where(inArray(consultations.id, ids));
    expect(rows.every((r) => r.status === 'SCHEDULED' && r.employeeId === employee.employeeId)).toBe(true);
    const members = await t.db.ownerDb
      .select()
      .from(consultationSeriesMembers)
      .where(eq(consultationSeriesMembers.seriesId, answer.seriesId));
    expect(members.map((m) => m.occurrence).sort()).toEqual([1, 2, 4]);

    // Each occurrence knows its series (its participants only).
    const ofSeries = (account: Account, id: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/consultations/${id}/series`, headers: account.headers });
    const seen = await ofSeries(employee, ids[1]);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ seriesId: answer.seriesId, interval: 'WEEKLY' });
    expect(seen.json().occurrences.map((o: { consultationId: string }) => o.consultationId)).toEqual(ids);
    expect((await ofSeries(practitioner, ids[0])).statusCode).toBe(200);
    expect((await ofSeries(other, ids[0])).statusCode).toBe(404);
    expect((await ofSeries(other, taken.json().id)).statusCode).toBe(404);

    // Cancel one occurrence with the ordinary route, then the rest of the series.
    expect((await act(t, employee, ids[0], 'cancel', { reason: 'Un empêchement' })).statusCode).toBe(200);
    expect((await cancelSeries(hr, answer.seriesId)).statusCode).toBe(403);
    expect((await cancelSeries(other, answer.seriesId)).statusCode).toBe(404);
    const rest = await cancelSeries(employee, answer.seriesId);
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().cancelled.sort()).toEqual([ids[1], ids[2]].sort());
    for (const id of ids) expect((await storedConsultation(t, id)).status).toBe('CANCELLED');
    // Nothing left to cancel: an empty answer.
    expect((await cancelSeries(employee, answer.seriesId)).json().cancelled).toEqual([]);
  });

  it('lets the practitioner cancel the rest of a series fortnightly, and reports the employee’s own other consultation as BUSY', async () => {
    const first = slotIn(24 * 20);
    const practitioner2 = await openPractitioner(t);
    await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner2.practitionerId!,
      scheduledAt: new Date(first.getTime() + 2 * WEEK),
    });
    const response = await bookSeries(employee, {
      practitionerId: practitioner.practitionerId,
      scheduledAt: first.toISOString(),
      format: 'VIDEO',
      interval: 'FORTNIGHTLY',
      occurrences: 3,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().occurrences.map((o: { status: string }) => o.status)).toEqual([
      'BOOKED',
      'BUSY',
      'BOOKED',
    ]);
    const rest = await cancelSeries(practitioner, response.json().seriesId);
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().cancelled).toHaveLength(2);
  });

  it('books all 12 fortnightly occurrences past the usual 60-day horizon, which a single booking keeps', async () => {
    const far = await openPractitioner(t);
    const booker = await consentingEmployee(t, companyId);
    const first = slotIn(24 * 3);
    const response = await bookSeries(booker, {
      practitionerId: far.practitionerId,
      scheduledAt: first.toISOString(),
      format: 'VIDEO',
      interval: 'FORTNIGHTLY',
      occurrences: 12,
    });
    expect(response.statusCode, response.body).toBe(201);
    const { booked, occurrences } = response.json();
    expect(booked).toBe(12);
    // The last one is 22 weeks ahead, far past the 60 days a single booking may reach.
    expect(new Date(occurrences[11].scheduledAt).getTime() - Date.now()).toBeGreaterThan(150 * 86_400_000);
    const single = await book(t, other, {
      practitionerId: far.practitionerId,
      scheduledAt: new Date(first.getTime() + 11 * WEEK).toISOString(),
      format: 'VIDEO',
    });
    expect(single.statusCode, single.body).toBe(400);
    expect(single.json().code).toBe('VALIDATION_FAILED');
  });

  it('refuses a series with no free occurrence (409, each listed) and keeps no series row', async () => {
    const twoTaken = slotIn(24 * 50);
    for (const k of [0, 1]) {
      await book(t, other, {
        practitionerId: practitioner.practitionerId,
        scheduledAt: new Date(twoTaken.getTime() + k * WEEK).toISOString(),
        format: 'VIDEO',
      });
    }
    const count = (await t.db.ownerDb.select().from(consultationSeries)).length;
    const none = await bookSeries(employee, {
      practitionerId: practitioner.practitionerId,
      scheduledAt: twoTaken.toISOString(),
      format: 'VIDEO',
      interval: 'WEEKLY',
      occurrences: 2,
    });
    expect(none.statusCode, none.body).toBe(409);
    expect(none.json().code).toBe('SLOT_TAKEN');
    expect(none.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'occurrences.1',
      'occurrences.2',
    ]);
    expect((await t.db.ownerDb.select().from(consultationSeries)).length).toBe(count);
  });

  it('holds the rules of a single booking for the whole series and refuses hostile input', async () => {
    const at = slotIn(24 * 60).toISOString();
    const base = {
      practitionerId: practitioner.practitionerId,
      scheduledAt: at,
      format: 'VIDEO',
      interval: 'WEEKLY',
    };
    for (const occurrences of [1, 13, 2.5, '4']) {
      expect((await bookSeries(employee, { ...base, occurrences })).statusCode).toBe(400);
    }
    expect((await bookSeries(employee, { ...base, occurrences: 2, interval: 'DAILY' })).statusCode).toBe(400);
    expect(
      (await bookSeries(employee, { ...base, occurrences: 2, practitionerId: 'a\u0000' })).statusCode,
    ).toBe(400);
    const unknown = await bookSeries(employee, {
      ...base,
      occurrences: 2,
      practitionerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    // Not a slot at all (a minute past the hour): the first occurrence says so, nothing is booked.
    const odd = await bookSeries(employee, {
      ...base,
      occurrences: 2,
      scheduledAt: new Date(new Date(at).getTime() + 60_000).toISOString(),
    });
    expect(odd.statusCode).toBe(409);
    expect((await bookSeries(hr, { ...base, occurrences: 2 })).statusCode).toBe(403);
    expect((await bookSeries(practitioner, { ...base, occurrences: 2 })).statusCode).toBe(403);
  });
});
