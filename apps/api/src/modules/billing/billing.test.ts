// Billing through the API on a real database: what is listed (and what never is), every transition
// and refusal, a month validated in one go, disputes by HR and by HuntZen, the audit, the counters'
// refresh, and the row-level security that keeps HR from changing consultations itself.
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  auditLogs,
  billingDisputes,
  type Consultation,
  consultationEvents,
  consultations,
  type NewConsultation,
  withActor,
} from '@huntzen/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { refreshCounters } from '../../platform/jobs';

const MINUTE = 60_000;
type Account = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let companyA: string;
let companyB: string;
let admin: Account;
let superAdmin: Account;
let hrA: Account;
let hrB: Account;
let employeeA: Account;
let employeeB: Account;
let practitioner: Account;
let hour = 0;

beforeAll(async () => {
  t = await buildTestApp();
  companyA = (await createCompany(t.db, { name: 'Alpha Corp' })).id;
  companyB = (await createCompany(t.db, { name: 'Beta Corp' })).id;
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
  superAdmin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
  hrA = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: companyA });
  hrB = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: companyB });
  employeeA = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: companyA });
  employeeB = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: companyB });
  practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
});
afterAll(async () => {
  await t?.close();
});

const HEALTH = 'SECRET-HEALTH-CONTENT';

/**
 * A consultation of `employee` in `month` (an hour of its own), COMPLETED and billable unless told,
 * with health content in its notes and reason that billing must never show.
 */
async function place(
  month: string,
  values: Partial<NewConsultation> & { employee?: Account; at?: Date } = {},
): Promise<Consultation> {
  const { employee = employeeA, at, ...rest } = values;
  hour += 1;
  const scheduledAt = at ?? new Date(Date.parse(`${month}-01T00:00:00Z`) + hour * 60 * MINUTE);
  const [row] = await t.db.ownerDb
    .insert(consultations)
    .values({
      companyId: employee.companyId!,
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      format: 'VIDEO',
      status: 'COMPLETED',
      duration: 50,
      actualDuration: 47,
      scheduledAt,
      scheduledEndAt: new Date(scheduledAt.getTime() + 50 * MINUTE),
      notes: HEALTH,
      cancelReason: HEALTH,
      ...rest,
    })
    .returning();
  return row!;
}

const stored = async (id: string) =>
  (await t.db.ownerDb.select().from(consultations).where(eq(consultations.id, id)))[0]!;

function get(account: Account, url: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/billing${url}`, headers: account.headers });
}
function post(account: Account, url: string, payload: object = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/billing${url}`,
    headers: { ...account.headers, 'user-agent': 'HuntZen billing test' },
    payload,
    remoteAddress: '198.51.100.4',
  });
}

async function refreshJobQueued(): Promise<boolean> {
  const { rows } = await t.db.owner.query(
    "select 1 from graphile_worker._private_jobs where key = 'refresh_counters' and run_at <= now() + interval '1 second'",
  );
  return rows.length > 0;
}
async function clearRefreshJob() {
  await t.db.owner.query("delete from graphile_worker._private_jobs where key = 'refresh_counters'");
}

describe('the list', () => {
  it('shows billable, finished consultations by billing status, with no health content', async () => {
    const month = '2026-01';
    const completed = await place(month);
    const absentEmployee = await place(month, {
      status: 'NO_SHOW',
      noShowBy: 'employee',
      actualDuration: null,
    });
    const lateCancel = await place(month, {
      status: 'CANCELLED',
      cancelledWithin24h: true,
      actualDuration: null,
    });
    // Not billable: not over yet, an absent practitioner, an early cancellation.
    await place(month, { status: 'CONFIRMED', actualDuration: null });
    await place(month, { status: 'IN_PROGRESS', actualDuration: null });
    await place(month, {
      status: 'NO_SHOW',
      noShowBy: 'practitioner',
      isBillable: false,
      actualDuration: null,
    });
    await place(month, { status: 'CANCELLED', isBillable: false, actualDuration: null });
    // Another month, another status.
    await place('2026-02');
    await place(month, { billingStatus: 'VALIDATED' });

    const response = await get(admin, `/consultations?month=${month}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).not.toContain(HEALTH);
    expect(response.body).not.toMatch(/"notes"|"cancelReason"|"roomPassword"|"roomName"/);
    const body = response.json();
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([
      completed.id,
      absentEmployee.id,
      lateCancel.id,
    ]);
    expect(body.items[0]).toEqual({
      id: completed.id,
      scheduledAt: completed.scheduledAt.toISOString(),
      status: 'COMPLETED',
      format: 'VIDEO',
      duration: 50,
      actualDuration: 47,
      billableMinutes: 47,
      billingStatus: 'PENDING',
      billedAt: null,
      company: { id: companyA, name: 'Alpha Corp' },
      practitioner: { id: practitioner.practitionerId, title: 'Dr.', firstName: 'Alex', lastName: 'Test' },
      employee: { id: employeeA.employeeId, firstName: 'Camille', lastName: expect.any(String) },
      dispute: null,
    });
    expect(body.items[1].billableMinutes).toBe(50);
    expect(body.nextCursor).toBeNull();

    const validated = (await get(superAdmin, `/consultations?month=${month}&status=VALIDATED`)).json();
    expect(validated.items).toHaveLength(1);
  });

  it('filters by company and practitioner and pages with a cursor', async () => {
    const month = '2026-05';
    const a1 = await place(month);
    const b1 = await place(month, { employee: employeeB });
    const a2 = await place(month);
    const onlyB = (await get(admin, `/consultations?month=${month}&companyId=${companyB}`)).json();
    expect(onlyB.items.map((i: { id: string }) => i.id)).toEqual([b1.id]);
    const other = (await get(admin, `/consultations?month=${month}&practitionerId=${randomUUID()}`)).json();
    expect(other.items).toEqual([]);

    const first = (await get(admin, `/consultations?month=${month}&limit=2`)).json();
    expect(first.items.map((i: { id: string }) => i.id)).toEqual([a1.id, b1.id]);
    const second = (
      await get(admin, `/consultations?month=${month}&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([a2.id]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses bad filters, field by field', async () => {
    for (const [query, path] of [
      ['month=2026-13', 'query.month'],
      ['month=March', 'query.month'],
      ['status=PAID', 'query.status'],
      ['companyId=acme', 'query.companyId'],
      ['limit=0', 'query.limit'],
      ['limit=101', 'query.limit'],
      ['cursor=not-a-cursor', 'query.cursor'],
    ] as const) {
      const response = await get(admin, `/consultations?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(
        response.json().errors.map((e: { path: string }) => e.path),
        query,
      ).toContain(path);
    }
    expect((await get(admin, '/summary')).statusCode).toBe(400);
  });

  it('sums up a month by billing status, with the companies and practitioners that have bills', async () => {
    const month = '2026-06';
    await place(month);
    await place(month, { employee: employeeB, actualDuration: 30 });
    await place(month, { billingStatus: 'BILLED', actualDuration: null });
    await place(month, { status: 'CONFIRMED' }); // not billable: not counted
    const summary = (await get(admin, `/summary?month=${month}`)).json();
    expect(summary).toEqual({
      month,
      totals: {
        PENDING: { count: 2, minutes: 77 },
        VALIDATED: { count: 0, minutes: 0 },
        BILLED: { count: 1, minutes: 50 },
        DISPUTED: { count: 0, minutes: 0 },
      },
      companies: [
        { id: companyA, name: 'Alpha Corp', count: 2 },
        { id: companyB, name: 'Beta Corp', count: 1 },
      ],
      practitioners: [
        { id: practitioner.practitionerId, title: 'Dr.', firstName: 'Alex', lastName: 'Test', count: 3 },
      ],
    });
  });
});

describe('validating and billing', () => {
  it('validates one bill, audits it, schedules the counters refresh, and they then count it', async () => {
    await clearRefreshJob();
    const c = await place('2026-07');
    const response = await post(admin, `/consultations/${c.id}/validate`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ count: 1 });
    expect((await stored(c.id)).billingStatus).toBe('VALIDATED');
    expect(await refreshJobQueued()).toBe(true);

    const audits = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, c.id), eq(auditLogs.action, 'VALIDATE')));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      userId: admin.user.id,
      resource: 'consultation',
      companyId: companyA,
      ipAddress: '198.51.100.4',
      details: { billingStatus: { from: 'PENDING', to: 'VALIDATED' } },
    });
    // The consultation's own trigger records the row change too.
    const updates = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, c.id), eq(auditLogs.action, 'UPDATE')));
    expect(updates.map((u) => (u.changesAfter as { billing_status: string }).billing_status)).toEqual([
      'VALIDATED',
    ]);
    expect(JSON.stringify(updates)).not.toContain(HEALTH);

    // What the refresh job runs: the practitioner's counters now include the validated session.
    await refreshCounters(t.db);
    const { rows } = await t.db.owner.query(
      `select consultation_count::int as n, total_duration_minutes::int as minutes from practitioner_billing_stats
        where practitioner_id = $1 and company_id = $2 and to_char(period, 'YYYY-MM') = '2026-07'`,
      [practitioner.practitionerId, companyA],
    );
    expect(rows).toEqual([{ n: 1, minutes: 47 }]);
  });

  it('marks a validated bill billed, and refuses every illegal transition with the current state', async () => {
    const c = await place('2026-07');
    expect((await post(admin, `/consultations/${c.id}/bill`)).json()).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      currentState: 'PENDING',
    });
    await post(admin, `/consultations/${c.id}/validate`);
    const again = await post(admin, `/consultations/${c.id}/validate`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'VALIDATED' });

    const billed = await post(admin, `/consultations/${c.id}/bill`);
    expect(billed.statusCode, billed.body).toBe(200);
    const row = await stored(c.id);
    expect(row.billingStatus).toBe('BILLED');
    expect(row.billedAt).toBeInstanceOf(Date);
    expect(Math.abs(row.billedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect((await post(admin, `/consultations/${c.id}/bill`)).json()).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      currentState: 'BILLED',
    });
    expect((await post(admin, `/consultations/${c.id}/validate`)).json()).toMatchObject({
      currentState: 'BILLED',
    });

    const notBillable = await place('2026-07', { status: 'CONFIRMED', actualDuration: null });
    const refused = await post(admin, `/consultations/${notBillable.id}/validate`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'NOT_BILLABLE', currentState: 'CONFIRMED' });
    expect((await post(admin, `/consultations/${randomUUID()}/validate`)).statusCode).toBe(404);
    expect((await post(admin, '/consultations/nope/validate')).statusCode).toBe(400);
  });

  it('validates or bills a selection all or none', async () => {
    const a = await place('2026-08');
    const b = await place('2026-08');
    const done = await place('2026-08', { billingStatus: 'BILLED' });
    const refused = await post(admin, '/consultations/validate', { ids: [a.id, b.id, done.id] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'BILLED' });
    expect((await stored(a.id)).billingStatus).toBe('PENDING');
    const missing = await post(admin, '/consultations/validate', { ids: [a.id, randomUUID()] });
    expect(missing.statusCode).toBe(404);
    expect((await stored(a.id)).billingStatus).toBe('PENDING');

    const ok = await post(admin, '/consultations/validate', { ids: [a.id, b.id, a.id.toUpperCase()] });
    expect(ok.json()).toEqual({ count: 2 });
    const billed = await post(superAdmin, '/consultations/bill', { ids: [a.id, b.id] });
    expect(billed.json()).toEqual({ count: 2 });
    expect((await stored(b.id)).billingStatus).toBe('BILLED');

    for (const payload of [
      {},
      { ids: [] },
      { ids: ['x'] },
      { ids: Array.from({ length: 201 }, () => randomUUID()) },
    ]) {
      const response = await post(admin, '/consultations/validate', payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
      expect(response.json().errors[0].path).toMatch(/^body\.ids/);
    }
  });

  it('validates a whole month in one go: its PENDING bills, within its UTC bounds, filtered if asked', async () => {
    await clearRefreshJob();
    const month = '2026-03';
    const first = await place(month, { at: new Date('2026-03-01T00:00:00.000Z') });
    const last = await place(month, { at: new Date('2026-03-31T23:00:00.000Z'), employee: employeeB });
    const before = await place('2026-02', { at: new Date('2026-02-28T22:00:00.000Z') });
    const after = await place('2026-04', { at: new Date('2026-04-01T00:00:00.000Z') });
    const disputed = await place(month, { billingStatus: 'DISPUTED' });
    const notBillable = await place(month, {
      status: 'NO_SHOW',
      noShowBy: 'practitioner',
      isBillable: false,
    });

    const onlyA = await post(admin, `/months/${month}/validate`, { companyId: companyA });
    expect(onlyA.json()).toEqual({ count: 1 });
    expect((await stored(first.id)).billingStatus).toBe('VALIDATED');
    expect((await stored(last.id)).billingStatus).toBe('PENDING');
    expect(await refreshJobQueued()).toBe(true);

    const rest = await post(admin, `/months/${month}/validate`);
    expect(rest.json()).toEqual({ count: 1 });
    expect((await stored(last.id)).billingStatus).toBe('VALIDATED');
    for (const c of [before, after, notBillable]) expect((await stored(c.id)).billingStatus).toBe('PENDING');
    expect((await stored(disputed.id)).billingStatus).toBe('DISPUTED');
    expect((await post(admin, `/months/${month}/validate`)).json()).toEqual({ count: 0 });

    const audit = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resource, 'billing_month'), eq(auditLogs.resourceId, month)));
    expect(audit.map((a) => (a.details as { count: number }).count)).toEqual([1, 1, 0]);
    expect(audit[0]).toMatchObject({ action: 'VALIDATE', userId: admin.user.id, companyId: companyA });

    const bad = await post(admin, '/months/2026-3/validate');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('params.month');
    expect((await post(admin, `/months/${month}/validate`, { practitionerId: 'x' })).statusCode).toBe(400);
  });
});

describe('disputes', () => {
  it('lets HR dispute a bill of its company with a reason, and HuntZen validate it again', async () => {
    await clearRefreshJob();
    const c = await place('2026-09', { billingStatus: 'VALIDATED' });
    const response = await post(hrA, `/consultations/${c.id}/dispute`, {
      reason: '  Salarié parti en janvier  ',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect((await stored(c.id)).billingStatus).toBe('DISPUTED');
    // Out of the counted statuses: the counters are refreshed.
    expect(await refreshJobQueued()).toBe(true);
    const [dispute] = await t.db.ownerDb
      .select()
      .from(billingDisputes)
      .where(eq(billingDisputes.consultationId, c.id));
    expect(dispute).toMatchObject({
      companyId: companyA,
      reason: 'Salarié parti en janvier',
      disputedBy: hrA.user.id,
      disputedByRole: 'ADMIN_RH',
      previousStatus: 'VALIDATED',
      resolvedAt: null,
    });
    // Audited as HR's update, without the free text.
    const audits = await t.db.ownerDb.select().from(auditLogs).where(eq(auditLogs.resourceId, c.id));
    // One from the service (billing status from → to), one from the consultations' trigger (the row).
    expect(audits.map((a) => [a.action, a.userId, a.userRole])).toEqual([
      ['UPDATE', hrA.user.id, 'ADMIN_RH'],
      ['UPDATE', hrA.user.id, 'ADMIN_RH'],
    ]);
    expect(JSON.stringify(audits)).not.toContain('janvier');

    // Both HuntZen and HR see the open dispute.
    const listed = (await get(admin, '/consultations?month=2026-09&status=DISPUTED')).json();
    expect(listed.items[0].dispute).toMatchObject({
      reason: 'Salarié parti en janvier',
      disputedByRole: 'ADMIN_RH',
    });
    const mine = (await get(hrA, '/company?month=2026-09')).json();
    expect(mine.items).toEqual([
      {
        id: c.id,
        month: '2026-09',
        employee: { id: employeeA.employeeId, firstName: 'Camille', lastName: expect.any(String) },
        billableMinutes: 47,
        billingStatus: 'DISPUTED',
        dispute: {
          reason: 'Salarié parti en janvier',
          disputedAt: expect.any(String),
          disputedByRole: 'ADMIN_RH',
        },
      },
    ]);

    const twice = await post(hrA, `/consultations/${c.id}/dispute`, { reason: 'Encore' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentState: 'DISPUTED' });

    // HuntZen looked into it: validated again, the dispute closed; it may be disputed anew later.
    expect((await post(admin, `/consultations/${c.id}/validate`)).json()).toEqual({ count: 1 });
    const [resolved] = await t.db.ownerDb
      .select()
      .from(billingDisputes)
      .where(eq(billingDisputes.consultationId, c.id));
    expect(resolved).toMatchObject({ resolvedBy: admin.user.id });
    expect(resolved!.resolvedAt).toBeInstanceOf(Date);
    expect(
      (await post(admin, `/consultations/${c.id}/dispute`, { reason: 'Doublon de facture' })).statusCode,
    ).toBe(200);
    const all = await t.db.ownerDb
      .select()
      .from(billingDisputes)
      .where(eq(billingDisputes.consultationId, c.id));
    expect(all.map((d) => [d.disputedByRole, d.resolvedAt === null])).toEqual(
      expect.arrayContaining([
        ['ADMIN_RH', false],
        ['ADMIN_HUNTZEN', true],
      ]),
    );
  });

  it('keeps HR to its own company and to billable consultations, and wants a reason', async () => {
    const ofB = await place('2026-10', { employee: employeeB });
    const notFinished = await place('2026-10', { status: 'SCHEDULED', actualDuration: null });
    const billed = await place('2026-10', { billingStatus: 'BILLED' });
    const other = await post(hrA, `/consultations/${ofB.id}/dispute`, { reason: 'Pas chez nous' });
    expect(other.statusCode).toBe(404);
    expect((await stored(ofB.id)).billingStatus).toBe('PENDING');
    expect(
      (await post(hrA, `/consultations/${notFinished.id}/dispute`, { reason: 'Pas terminée' })).json(),
    ).toMatchObject({
      code: 'NOT_BILLABLE',
      currentState: 'SCHEDULED',
    });
    // An invoiced session may still be contested.
    expect(
      (await post(hrA, `/consultations/${billed.id}/dispute`, { reason: 'Facturée deux fois' })).statusCode,
    ).toBe(200);
    for (const payload of [{}, { reason: '  x ' }, { reason: 'x'.repeat(1001) }]) {
      const response = await post(hrA, `/consultations/${ofB.id}/dispute`, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].path).toBe('body.reason');
    }
    // HR of B sees its bill and nothing of A's.
    const mineB = (await get(hrB, '/company?month=2026-10')).json();
    expect(mineB.items.map((i: { id: string }) => i.id)).toEqual([ofB.id]);
    const mineA = await get(hrA, '/company?month=2026-10');
    expect(mineA.body).not.toMatch(/practitioner|format|scheduledAt|SECRET/);
    expect(mineA.json().items.map((i: { id: string }) => i.id)).toEqual([billed.id]);
    expect((await get(hrA, '/company')).statusCode).toBe(400);
  });

  it('pages HR list by employee name', async () => {
    const month = '2026-11';
    for (let i = 0; i < 3; i++) await place(month);
    await place(month, { employee: employeeB });
    const first = (await get(hrA, `/company?month=${month}&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    const second = (await get(hrA, `/company?month=${month}&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('HR of a company awaiting validation (issue 17)', () => {
  it('acts on no bill and lists none until HuntZen validates the company', async () => {
    const pending = await createCompany(t.db, { name: 'Pending Corp', isActive: false });
    const hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: pending.id });
    const ofA = await place('2026-12');
    const list = await get(hr, '/company?month=2026-12');
    expect(list.statusCode).toBe(403);
    expect(list.json()).toMatchObject({ code: 'FORBIDDEN', currentState: 'PENDING' });
    const dispute = await post(hr, `/consultations/${ofA.id}/dispute`, { reason: 'Avant validation' });
    expect(dispute.statusCode).toBe(403);
    expect(dispute.json()).toMatchObject({ code: 'FORBIDDEN', currentState: 'PENDING' });
    expect((await stored(ofA.id)).billingStatus).toBe('PENDING');
  });
});

describe('row-level security (as the application role)', () => {
  const asActor = (account: Account): Actor => ({
    role: account.user.role,
    userId: account.user.id,
    email: account.email,
    companyId: account.companyId,
    employeeId: account.employeeId,
    practitionerId: account.practitionerId,
  });
  const rlsError = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      const text = `${(error as Error).message} ${String((error as { cause?: Error }).cause?.message ?? '')}`;
      return text;
    }
    return 'no error';
  };

  it('lets HR read its consultations but change none, and dispute only through the function', async () => {
    const c = await place('2026-12');
    await withActor(t.db, asActor(hrA), async (tx) => {
      const seen = await tx
        .select({ id: consultations.id })
        .from(consultations)
        .where(eq(consultations.id, c.id));
      expect(seen).toHaveLength(1);
      const changed = await tx
        .update(consultations)
        .set({ billingStatus: 'VALIDATED' })
        .where(eq(consultations.id, c.id))
        .returning({ id: consultations.id });
      expect(changed).toEqual([]);
      const removed = await tx
        .delete(consultations)
        .where(eq(consultations.id, c.id))
        .returning({ id: consultations.id });
      expect(removed).toEqual([]);
    });
    expect((await stored(c.id)).billingStatus).toBe('PENDING');

    expect(
      await rlsError(
        withActor(t.db, asActor(hrA), (tx) =>
          tx.insert(consultations).values({
            companyId: companyA,
            employeeId: employeeA.employeeId!,
            practitionerId: practitioner.practitionerId!,
            format: 'VIDEO',
            scheduledAt: new Date('2027-01-05T10:00:00Z'),
            scheduledEndAt: new Date('2027-01-05T10:50:00Z'),
          }),
        ),
      ),
    ).toMatch(/row-level security/);
    expect(
      await rlsError(
        withActor(t.db, asActor(hrA), (tx) =>
          tx.insert(consultationEvents).values({
            consultationId: c.id,
            eventType: 'CONFIRMED',
            actorId: hrA.user.id,
            actorRole: 'ADMIN_RH',
          }),
        ),
      ),
    ).toMatch(/row-level security/);
    expect(
      await rlsError(
        withActor(t.db, asActor(hrA), (tx) =>
          tx.insert(billingDisputes).values({
            consultationId: c.id,
            companyId: companyA,
            reason: 'Direct insert',
            disputedBy: hrA.user.id,
            disputedByRole: 'ADMIN_RH',
            previousStatus: 'PENDING',
          }),
        ),
      ),
    ).toMatch(/permission denied/);

    // The function: HR of another company and non-HR roles get "not_found" and change nothing.
    const call = (account: Account) =>
      withActor(t.db, asActor(account), async (tx) => {
        const result = await tx.execute<{ outcome: string }>(
          sql`select outcome from dispute_consultation_billing(${c.id}::uuid, 'Motif valable')`,
        );
        return result.rows[0]!.outcome;
      });
    expect(await call(hrB)).toBe('not_found');
    expect(await call(employeeA)).toBe('not_found');
    expect(await call(practitioner)).toBe('not_found');
    expect((await stored(c.id)).billingStatus).toBe('PENDING');
    expect(await call(hrA)).toBe('disputed');
    expect((await stored(c.id)).billingStatus).toBe('DISPUTED');
  });

  it('lets the participants and the platform keep writing consultations', async () => {
    const c = await place('2027-02', { status: 'CONFIRMED', actualDuration: null });
    const changed = await withActor(t.db, asActor(employeeA), (tx) =>
      tx
        .update(consultations)
        .set({ cancelReason: 'ok' })
        .where(eq(consultations.id, c.id))
        .returning({ id: consultations.id }),
    );
    expect(changed).toHaveLength(1);
    const byAdmin = await withActor(t.db, asActor(admin), (tx) =>
      tx
        .update(consultations)
        .set({ billingStatus: 'PENDING' })
        .where(eq(consultations.id, c.id))
        .returning({ id: consultations.id }),
    );
    expect(byAdmin).toHaveLength(1);
    // HR reads disputes of its company only.
    const seen = await withActor(t.db, asActor(hrB), (tx) => tx.select().from(billingDisputes));
    expect(seen.every((d) => d.companyId === companyB)).toBe(true);
  });
});
