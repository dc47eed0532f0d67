// Reading consultations: one consultation (participants and admins; HR and strangers 404), the
// caller's lists with their cursors, and what admins do not see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import {
  type Account,
  consentingEmployee,
  MINUTE,
  openPractitioner,
  placeConsultation,
} from './consultations.fixtures';

const DAY = 24 * 60 * MINUTE;
let t: TestApp;
let companyId: string;
let employee: Account;
let practitioner: Account;
let cancelledId: string;
const upcoming: string[] = [];
const past: string[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
  practitioner = await openPractitioner(t);
  employee = await consentingEmployee(t, companyId);
  const place = (days: number, values: object = {}) =>
    placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: new Date(Date.now() + days * DAY),
      ...values,
    });
  for (const days of [3, 1, 2, 5, 4]) upcoming.push((await place(days)).id);
  for (const days of [-3, -1, -2]) past.push((await place(days, { status: 'COMPLETED' })).id);
  cancelledId = (
    await place(6, {
      status: 'CANCELLED',
      cancelledAt: new Date(),
      cancelledBy: employee.user.id,
      cancelReason: 'Raison personnelle et privée',
      cancelledWithin24h: false,
      isBillable: false,
    })
  ).id;
});
afterAll(async () => {
  await t?.close();
});

const get = (account: Account | null, url: string) =>
  t.app.inject({ method: 'GET', url, headers: account?.headers ?? {} });

async function allPages(account: Account, when: 'upcoming' | 'past', limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await get(
      account,
      `/api/v1/consultations?when=${when}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i: { id: string }) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('GET /api/v1/consultations/:id', () => {
  it('shows a consultation to its two participants, the cancellation reason included', async () => {
    for (const who of [employee, practitioner]) {
      const response = await get(who, `/api/v1/consultations/${cancelledId}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        id: cancelledId,
        status: 'CANCELLED',
        cancelledBy: 'employee',
        cancelReason: 'Raison personnelle et privée',
        employee: { id: employee.employeeId },
        practitioner: { id: practitioner.practitionerId, timezone: 'UTC' },
      });
    }
  });

  it('shows HuntZen admins the facts without the reason', async () => {
    for (const role of ['SUPER_ADMIN', 'ADMIN_HUNTZEN'] as const) {
      const admin = await signedIn(t.app, t.db, role);
      const response = await get(admin, `/api/v1/consultations/${cancelledId}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        status: 'CANCELLED',
        cancelledBy: 'employee',
        cancelReason: null,
      });
      expect(response.body).not.toContain('Raison');
    }
  });

  it('answers 404 to HR, a colleague, another company, another practitioner, and for nothing', async () => {
    const others = [
      await signedIn(t.app, t.db, 'ADMIN_RH', { companyId }),
      await consentingEmployee(t, companyId),
      await consentingEmployee(t, (await createCompany(t.db)).id),
      await signedIn(t.app, t.db, 'PRACTITIONER'),
    ];
    for (const who of others) {
      for (const path of ['', '/calendar.ics']) {
        const response = await get(who, `/api/v1/consultations/${upcoming[0]}${path}`);
        // HR may not download calendars at all (403); for the rest the consultation does not exist.
        const expected = who.user.role === 'ADMIN_RH' && path ? 403 : 404;
        expect(response.statusCode, `${who.user.role} ${path}`).toBe(expected);
      }
    }
    expect(
      (await get(employee, '/api/v1/consultations/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect((await get(employee, '/api/v1/consultations/42')).statusCode).toBe(400);
    expect((await get(null, `/api/v1/consultations/${upcoming[0]}`)).statusCode).toBe(401);
  });
});

describe('the API documentation', () => {
  it('describes every consultation route', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths).filter((p) => p.startsWith('/api/v1/consultations'));
    expect(paths.sort()).toEqual([
      '/api/v1/consultations/',
      '/api/v1/consultations/series',
      '/api/v1/consultations/series/{id}/cancel',
      '/api/v1/consultations/{id}',
      '/api/v1/consultations/{id}/calendar.ics',
      '/api/v1/consultations/{id}/cancel',
      '/api/v1/consultations/{id}/clinical-notes',
      '/api/v1/consultations/{id}/confirm',
      '/api/v1/consultations/{id}/end',
      '/api/v1/consultations/{id}/join',
      '/api/v1/consultations/{id}/leave',
      '/api/v1/consultations/{id}/messages',
      '/api/v1/consultations/{id}/messages/read',
      '/api/v1/consultations/{id}/messages/thread',
      '/api/v1/consultations/{id}/no-show',
      '/api/v1/consultations/{id}/reschedule',
      '/api/v1/consultations/{id}/series',
      '/api/v1/consultations/{id}/start',
    ]);
  });
});

describe('GET /api/v1/consultations', () => {
  it('lists the employee’s upcoming consultations soonest first and past ones latest first, page by page', async () => {
    // Placed in 3, 1, 2, 5 and 4 days; then 3, 1 and 2 days ago. The one cancelled for in 6 days
    // is past already (isUpcomingConsultation), the latest of them.
    expect(await allPages(employee, 'upcoming', 2)).toEqual([
      upcoming[1],
      upcoming[2],
      upcoming[0],
      upcoming[4],
      upcoming[3],
    ]);
    expect(await allPages(employee, 'past', 2)).toEqual([cancelledId, past[1], past[2], past[0]]);
  });

  it('lists the practitioner’s own, and nobody else’s', async () => {
    expect((await allPages(practitioner, 'upcoming', 100)).sort()).toEqual([...upcoming].sort());
    const newcomer = await openPractitioner(t);
    expect(await allPages(newcomer, 'upcoming', 100)).toEqual([]);
    const colleague = await consentingEmployee(t, companyId);
    expect(await allPages(colleague, 'past', 100)).toEqual([]);
  });

  it('lists every consultation for admins, without reasons', async () => {
    const admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
    const response = await get(admin, '/api/v1/consultations?when=upcoming&limit=100');
    expect(response.json().items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(upcoming));
    const pastPage = await get(admin, '/api/v1/consultations?when=past&limit=100');
    expect(pastPage.json().items.map((i: { id: string }) => i.id)).toContain(cancelledId);
    expect(pastPage.body).not.toContain('Raison');
  });

  it('refuses HR (403), bad limits and forged cursors (400)', async () => {
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
    expect((await get(hr, '/api/v1/consultations')).statusCode).toBe(403);
    for (const query of [
      'limit=0',
      'limit=101',
      'when=soon',
      'cursor=%%%',
      `cursor=${Buffer.from('{"t":"x","id":"y"}').toString('base64url')}`,
    ]) {
      const response = await get(employee, `/api/v1/consultations?${query}`);
      expect(response.statusCode, query).toBe(400);
    }
  });
});
