// The waitlist (/api/v1/waitlist) on a real database: joining, listing with the place in the queue,
// leaving, the validation of the range, RLS of the entries through the application role, and the
// telling of the waiters when a cancellation or a reschedule frees a slot: in the order they
// joined, an in-app notification with its e-mail job, never the consultation's content; then the
// first to book gets the slot and the second gets 409 (concurrent bookers).
import { type Actor, notifications, SYSTEM_ACTOR, users, waitlistEntries, withActor } from '@huntzen/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { dropQueuedJobs, queuedJobs } from '../../../test/jobs';
import { parsedCrontab } from '../../platform/jobs/registry';
import {
  type Account,
  act,
  book,
  consentingEmployee,
  openPractitioner,
  slotIn,
} from '../consultations/consultations.fixtures';
import { announceHorizon, type FreedSlot, tellWaiters } from './index';

const DAY = 86_400_000;
let t: TestApp;
let companyId: string;
let practitioner: Account;
let booker: Account;
let waiters: Account[];
let hr: Account;

beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
  practitioner = await openPractitioner(t);
  booker = await consentingEmployee(t, companyId);
  waiters = [];
  for (let i = 0; i < 3; i += 1) waiters.push(await consentingEmployee(t, companyId));
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
});
afterAll(async () => {
  await t?.close();
});

function call(account: Account, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: account.headers, ...(payload ? { payload } : {}) });
}

const range = (fromDays = 0, toDays = 30) => ({
  practitionerId: practitioner.practitionerId,
  from: new Date(Date.now() + fromDays * DAY).toISOString(),
  to: new Date(Date.now() + toDays * DAY).toISOString(),
});

/** The pending "slot freed" jobs of the practitioner, as the worker would get them. */
async function freedSlotJobs(): Promise<FreedSlot[]> {
  const jobs = await queuedJobs<FreedSlot>(t.db, 'waitlist_slot_freed', {
    practitionerId: practitioner.practitionerId!,
  });
  return jobs.map((job) => job.payload);
}

const clearFreedSlotJobs = () => dropQueuedJobs(t.db, 'waitlist_slot_freed');

/** Runs the pending jobs as the worker would (the system actor), then drops them. */
async function runFreedSlotJobs(): Promise<number> {
  let told = 0;
  for (const job of await freedSlotJobs())
    told += await withActor(t.db, SYSTEM_ACTOR, (tx) => tellWaiters(tx, job));
  await clearFreedSlotJobs();
  return told;
}

async function waitlistNotifications(userIds: string[]) {
  return t.db.ownerDb
    .select()
    .from(notifications)
    .where(
      sql`${inArray(notifications.userId, userIds)} and ${notifications.metadata}->>'waitlistEntryId' is not null`,
    )
    .orderBy(notifications.createdAt, sql`(select 1)`);
}

describe('joining, listing, leaving', () => {
  it('joins, lists with the place in the queue, refuses a second entry, leaves', async () => {
    const [a, b] = waiters as [Account, Account];
    const first = await call(a, 'POST', '/api/v1/waitlist', range());
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ practitionerId: practitioner.practitionerId, position: 1 });
    const second = await call(b, 'POST', '/api/v1/waitlist', range());
    expect(second.json().position).toBe(2);
    expect((await call(a, 'POST', '/api/v1/waitlist', range())).statusCode).toBe(409);

    const listed = await call(b, 'GET', '/api/v1/waitlist');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((e: { id: string }) => e.id)).toEqual([second.json().id]);

    // Another's entry is not found; one's own goes.
    expect((await call(a, 'DELETE', `/api/v1/waitlist/${second.json().id}`)).statusCode).toBe(404);
    expect((await call(a, 'DELETE', `/api/v1/waitlist/${first.json().id}`)).statusCode).toBe(204);
    expect((await call(b, 'GET', '/api/v1/waitlist')).json().items[0].position).toBe(1);
    expect((await call(b, 'DELETE', `/api/v1/waitlist/${second.json().id}`)).statusCode).toBe(204);
  });

  it('refuses a reversed, past or too long range and hostile input with the field at fault', async () => {
    const [a] = waiters as [Account];
    for (const body of [range(10, 5), range(-10, -5), range(0, 120)]) {
      const response = await call(a, 'POST', '/api/v1/waitlist', body);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].path).toBe('body.to');
    }
    for (const body of [
      { ...range(), practitionerId: 'x\u0000' },
      { ...range(), from: 42 },
      { ...range(), to: '9'.repeat(10_000) },
    ]) {
      expect((await call(a, 'POST', '/api/v1/waitlist', body)).statusCode).toBe(400);
    }
    const unknown = await call(a, 'POST', '/api/v1/waitlist', {
      ...range(),
      practitionerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    expect((await call(hr, 'GET', '/api/v1/waitlist')).statusCode).toBe(403);
    expect((await call(practitioner, 'POST', '/api/v1/waitlist', range())).statusCode).toBe(403);
  });
});

describe('row-level security through the application role', () => {
  it('shows and lets write an entry to its employee only', async () => {
    const [a, b] = waiters as [Account, Account];
    const joined = await call(a, 'POST', '/api/v1/waitlist', range());
    const id = joined.json().id as string;
    const actorOf = (account: Account, role: Actor['role']): Actor => ({
      role,
      userId: account.user.id,
      companyId: account.companyId,
      employeeId: account.employeeId,
      practitionerId: account.practitionerId,
    });
    const visibleTo = (actor: Actor) =>
      withActor(t.db, actor, (tx) => tx.select().from(waitlistEntries).where(eq(waitlistEntries.id, id)));
    expect(await visibleTo(actorOf(a, 'EMPLOYEE'))).toHaveLength(1);
    expect(await visibleTo(actorOf(b, 'EMPLOYEE'))).toHaveLength(0);
    expect(await visibleTo(actorOf(hr, 'ADMIN_RH'))).toHaveLength(0);
    expect(await visibleTo(actorOf(practitioner, 'PRACTITIONER'))).toHaveLength(0);
    // WITH CHECK: nobody writes an entry for someone else.
    await expect(
      withActor(t.db, actorOf(b, 'EMPLOYEE'), (tx) =>
        tx.insert(waitlistEntries).values({
          employeeId: a.employeeId!,
          practitionerId: practitioner.practitionerId!,
          rangeStart: new Date(),
          rangeEnd: new Date(Date.now() + DAY),
        }),
      ),
    ).rejects.toThrow();
    // The employee cannot move their entry to another practitioner (column grants).
    await expect(
      withActor(t.db, actorOf(a, 'EMPLOYEE'), (tx) =>
        tx.update(waitlistEntries).set({ rangeEnd: new Date() }).where(eq(waitlistEntries.id, id)),
      ),
    ).rejects.toThrow();
    await call(a, 'DELETE', `/api/v1/waitlist/${id}`);
  });
});

describe('telling the waiters of a freed slot', () => {
  it('tells the waiters in the order they joined when a consultation is cancelled; the first to book gets it', async () => {
    await clearFreedSlotJobs();
    const at = slotIn(72);
    const booked = await book(t, booker, {
      practitionerId: practitioner.practitionerId,
      scheduledAt: at.toISOString(),
      format: 'VIDEO',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    // Three join at the same time: the database orders them (created_at, id), each keeps its place.
    const joined = await Promise.all(waiters.map((w) => call(w, 'POST', '/api/v1/waitlist', range())));
    for (const r of joined) expect(r.statusCode, r.body).toBe(201);
    const order = (
      await t.db.ownerDb
        .select({ employeeId: waitlistEntries.employeeId })
        .from(waitlistEntries)
        .where(eq(waitlistEntries.practitionerId, practitioner.practitionerId!))
        .orderBy(waitlistEntries.createdAt, waitlistEntries.id)
    ).map((r) => r.employeeId);
    // Each one's place, read once all have joined, follows that order.
    const places = new Map<string, number>();
    for (const w of waiters) {
      places.set(w.employeeId!, (await call(w, 'GET', '/api/v1/waitlist')).json().items[0].position);
    }
    expect(order.map((employeeId) => places.get(employeeId))).toEqual([1, 2, 3]);

    const cancelled = await act(t, booker, booked.json().id, 'cancel', { reason: 'Un empêchement' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await freedSlotJobs()).toEqual([
      expect.objectContaining({ practitionerId: practitioner.practitionerId, start: at.toISOString() }),
    ]);
    expect(await runFreedSlotJobs()).toBe(3);

    // Told first come, first told: the notifications were created in the queue's order.
    const byUser = new Map(waiters.map((w) => [w.user.id, w.employeeId]));
    const told = await waitlistNotifications(waiters.map((w) => w.user.id));
    expect(told.map((n) => byUser.get(n.userId))).toEqual(order);
    for (const n of told) {
      expect(n.linkUrl).toBe(
        `/app/practitioners/${practitioner.practitionerId}?at=${encodeURIComponent(at.toISOString())}`,
      );
      // No health content: neither the cancellation reason nor who had the slot.
      expect(`${n.title} ${n.message}`).not.toMatch(/empêchement/);
      expect(`${n.title} ${n.message}`).not.toContain(booker.email);
    }
    // Each notification is e-mailed too (the generic copy's job).
    const { rows } = await t.db.owner.query<{ n: number }>(
      `select count(*)::int as n from graphile_worker._private_jobs where key = any($1)`,
      [told.map((n) => `notification_email:${n.id}`)],
    );
    expect(rows[0]!.n).toBe(3);

    // Concurrent bookers: the database still forbids a double booking; one wins, the others 409.
    const attempts = await Promise.all(
      waiters.map((w) =>
        book(t, w, {
          practitionerId: practitioner.practitionerId,
          scheduledAt: at.toISOString(),
          format: 'VIDEO',
        }),
      ),
    );
    expect(attempts.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });

  it('tells the waiters when a reschedule frees the old time, and only those whose range holds it', async () => {
    await clearFreedSlotJobs();
    const at = slotIn(24 * 5);
    const booked = await book(t, booker, {
      practitionerId: practitioner.practitionerId,
      scheduledAt: at.toISOString(),
      format: 'VIDEO',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const moved = await act(t, booker, booked.json().id, 'reschedule', {
      scheduledAt: slotIn(24 * 8).toISOString(),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const jobs = await freedSlotJobs();
    expect(jobs.map((j) => j.start)).toEqual([at.toISOString()]);

    // Move the ranges: only the first waiter's range still holds the freed time.
    await t.db.ownerDb
      .update(waitlistEntries)
      .set({ rangeStart: new Date(at.getTime() + DAY), rangeEnd: new Date(at.getTime() + 10 * DAY) })
      .where(eq(waitlistEntries.practitionerId, practitioner.practitionerId!));
    await t.db.ownerDb
      .update(waitlistEntries)
      .set({ rangeStart: new Date(at.getTime() - DAY) })
      .where(eq(waitlistEntries.employeeId, waiters[0]!.employeeId!));
    expect(await runFreedSlotJobs()).toBe(1);
  });

  it('tells nobody of a freed time booked again before the job runs', async () => {
    await clearFreedSlotJobs();
    const at = slotIn(24 * 6);
    const body = {
      practitionerId: practitioner.practitionerId,
      scheduledAt: at.toISOString(),
      format: 'VIDEO',
    };
    const booked = await book(t, booker, body);
    expect(booked.statusCode, booked.body).toBe(201);
    expect((await act(t, booker, booked.json().id, 'cancel', { reason: 'Un empêchement' })).statusCode).toBe(
      200,
    );
    expect((await book(t, booker, body)).statusCode).toBe(201);
    expect(await runFreedSlotJobs()).toBe(0);
  });

  it('deletes expired entries and tells nobody of a slot already started', async () => {
    await t.db.ownerDb
      .update(waitlistEntries)
      .set({ rangeStart: new Date(Date.now() - 3 * DAY), rangeEnd: new Date(Date.now() - DAY) })
      .where(eq(waitlistEntries.employeeId, waiters[1]!.employeeId!));
    const past = new Date(Date.now() - 60_000);
    const told = await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      tellWaiters(tx, {
        practitionerId: practitioner.practitionerId!,
        start: past.toISOString(),
        end: new Date(past.getTime() + 50 * 60_000).toISOString(),
      }),
    );
    expect(told).toBe(0);
    const left = await t.db.ownerDb
      .select()
      .from(waitlistEntries)
      .where(eq(waitlistEntries.employeeId, waiters[1]!.employeeId!));
    expect(left).toHaveLength(0);
    expect((await call(waiters[1]!, 'GET', '/api/v1/waitlist')).json().items).toEqual([]);
  });

  it('drops the entries of an erased account', async () => {
    const waiter = waiters[2]!;
    await call(waiter, 'POST', '/api/v1/waitlist', range());
    const before = await t.db.ownerDb
      .select()
      .from(waitlistEntries)
      .where(eq(waitlistEntries.employeeId, waiter.employeeId!));
    expect(before).toHaveLength(1);
    await t.db.ownerDb.update(users).set({ passwordHash: '!erased' }).where(eq(users.id, waiter.user.id));
    const after = await t.db.ownerDb
      .select()
      .from(waitlistEntries)
      .where(eq(waitlistEntries.employeeId, waiter.employeeId!));
    expect(after).toHaveLength(0);
  });
});

describe('telling the waiters of slots coming within the horizon', () => {
  it('tells a waiter whose range runs past the 60-day horizon of each day as it comes within reach, once', async () => {
    // A practitioner of their own, open every hour, and two waiters: one up to 90 days ahead (past
    // the horizon), one for the coming month only.
    const open = await openPractitioner(t);
    const far = await consentingEmployee(t, companyId);
    const near = await consentingEmployee(t, companyId);
    const join = (account: Account, fromDays: number, toDays: number) =>
      call(account, 'POST', '/api/v1/waitlist', {
        ...range(fromDays, toDays),
        practitionerId: open.practitionerId,
      });
    expect((await join(far, 55, 90)).statusCode).toBe(201);
    expect((await join(near, 0, 30)).statusCode).toBe(201);
    const toldSlots = async (account: Account) =>
      (await waitlistNotifications([account.user.id])).map(
        (n) => new Date(String((n.metadata as { slotStart?: string } | null)?.slotStart)),
      );

    // Now: the slots just within the horizon (the last hours before now + 60 days) are announced.
    const now = new Date();
    const horizon = now.getTime() + 60 * DAY;
    await announceHorizon(t.db, now);
    const first = await toldSlots(far);
    expect(first).toHaveLength(1);
    expect(first[0]!.getTime()).toBeLessThanOrEqual(horizon);
    expect(first[0]!.getTime()).toBeGreaterThan(horizon - 6 * 3_600_000);
    expect(await toldSlots(near)).toEqual([]);
    // The same run again tells nobody again.
    await announceHorizon(t.db, now);
    expect(await toldSlots(far)).toHaveLength(1);

    // A day later, a slot that was beyond the horizon today: told, with the link to book it.
    await announceHorizon(t.db, new Date(now.getTime() + DAY));
    const second = await toldSlots(far);
    expect(second).toHaveLength(2);
    expect(second[1]!.getTime()).toBeGreaterThan(horizon);
    const [, notice] = await waitlistNotifications([far.user.id]);
    expect(notice?.linkUrl).toBe(
      `/app/practitioners/${open.practitionerId}?at=${encodeURIComponent(second[1]!.toISOString())}`,
    );
    expect(await toldSlots(near)).toEqual([]);
  });

  it('runs every hour', () => {
    expect(parsedCrontab().find((item) => item.identifier === 'waitlist_horizon')).toMatchObject({
      task: 'waitlist_horizon',
    });
  });
});
