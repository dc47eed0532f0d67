// The stored next free slots (practitioner_next_slots, migration 0031, ADR 0003): the directory's
// answer is always the slot engine's answer of the moment, whatever changed since it was stored —
// a booking, a cancellation, a move, new availability, an exception, the practitioner's settings,
// or time passing — and the table leaks nothing and takes no direct write. Also the stored search
// documents of the same migration.
import {
  type Actor,
  availabilities,
  consultations,
  practitionerNextSlots,
  practitioners,
  withActor,
} from '@huntzen/db';
import { createConsultation, createEmployee, createPractitioner } from '@huntzen/db/testing/factories';
import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { nextFreeSlots } from '../availability';

const DAY = 24 * 3600_000;
let t: TestApp;
let employee: Awaited<ReturnType<typeof signedIn>>;
let actor: Actor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  const companyId = (await createCompany(t.db)).id;
  employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  actor = {
    role: 'EMPLOYEE',
    userId: employee.user.id,
    companyId: employee.companyId,
    employeeId: employee.employeeId,
  };
  for (const key of ['weekly', 'empty', 'moved', 'hidden']) {
    const { practitioner } = await createPractitioner(t.db.ownerDb, {
      lastName: `Slots-${key}`,
      ...(key === 'hidden' ? { isValidated: false, validatedAt: null } : {}),
    });
    ids[key] = practitioner.id;
  }
  // Every day 08:00–20:00 (Paris), 50-minute slots: a free slot within hours whatever the time.
  await t.db.ownerDb.insert(availabilities).values(
    ['weekly', 'moved', 'hidden'].flatMap((key) =>
      [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({
        practitionerId: ids[key]!,
        type: 'RECURRING' as const,
        dayOfWeek,
        startTime: '08:00',
        endTime: '20:00',
        slotDuration: 50,
      })),
    ),
  );
});
afterAll(async () => {
  await t?.close();
});

/** The directory's next slot of practitioner `key` (sorted by next slot, within `days` if given). */
async function directorySlot(key: string, days?: number): Promise<string | null | undefined> {
  const query = new URLSearchParams({ sort: 'nextSlot', limit: '100' });
  if (days) query.set('availableWithinDays', String(days));
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/practitioners?${query}`,
    headers: employee.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  const items = response.json().items as { id: string; nextSlot: string | null }[];
  const item = items.find((i) => i.id === ids[key]);
  return item ? item.nextSlot : undefined;
}

/** The engine's answer, computed afresh from the consultations and rules (no stored row). */
async function engineSlot(key: string, days = 60): Promise<string | null> {
  const now = new Date();
  const slots = await withActor(t.db, actor, (tx) =>
    nextFreeSlots(tx, [ids[key]!], { from: now, to: new Date(now.getTime() + days * DAY) }, { now }),
  );
  return slots.get(ids[key]!)?.start.toISOString() ?? null;
}

async function stored(key: string) {
  const [row] = await t.db.ownerDb
    .select()
    .from(practitionerNextSlots)
    .where(eq(practitionerNextSlots.practitionerId, ids[key]!));
  return row!;
}

/** Both answers, which must agree. */
async function agreed(key: string, days?: number) {
  const shown = await directorySlot(key, days);
  expect(shown ?? null).toBe(await engineSlot(key, days));
  return shown ?? null;
}

describe('stored next free slots', () => {
  it('stores the answer once and reads it back while nothing changes', async () => {
    const first = await agreed('weekly');
    expect(first).not.toBeNull();
    const row = await stored('weekly');
    expect(row.computedVersion).toBe(row.version);
    expect(row.nextSlotAt?.toISOString()).toBe(first);
    expect(await directorySlot('weekly')).toBe(first);
    // Not computed again: the same row, the same computation time.
    expect((await stored('weekly')).computedAt).toEqual(row.computedAt);
  });

  it('follows a booking, its cancellation and a move', async () => {
    const before = (await agreed('weekly'))!;
    const { employee: someone } = await createEmployee(t.db.ownerDb);
    const booking = await createConsultation(t.db.ownerDb, {
      employee: someone,
      practitionerId: ids.weekly!,
      scheduledAt: new Date(before),
      duration: 50,
    });
    const afterBooking = await agreed('weekly');
    expect(afterBooking).not.toBe(before);
    // A note or billing change leaves the slots alone, and the stored row with them.
    const version = (await stored('weekly')).version;
    await t.db.ownerDb
      .update(consultations)
      .set({ roomName: `room-${booking.id}` })
      .where(eq(consultations.id, booking.id));
    expect((await stored('weekly')).version).toBe(version);

    await t.db.ownerDb
      .update(consultations)
      .set({ status: 'CANCELLED' })
      .where(eq(consultations.id, booking.id));
    expect(await agreed('weekly')).toBe(before);

    // Another booking, two days later, moved onto the first free slot.
    const later = new Date(new Date(before).getTime() + 2 * DAY);
    const moved = await createConsultation(t.db.ownerDb, {
      employee: someone,
      practitionerId: ids.weekly!,
      scheduledAt: later,
      duration: 50,
    });
    expect(await agreed('weekly')).toBe(before);
    await t.db.ownerDb
      .update(consultations)
      .set({
        scheduledAt: new Date(before),
        scheduledEndAt: new Date(new Date(before).getTime() + 50 * 60_000),
      })
      .where(eq(consultations.id, moved.id));
    expect(await agreed('weekly')).not.toBe(before);
    await t.db.ownerDb.delete(consultations).where(eq(consultations.id, moved.id));
    expect(await agreed('weekly')).toBe(before);
  });

  it('follows new availability, an exception and the practitioner’s settings', async () => {
    expect(await agreed('empty')).toBeNull();
    const inThreeDays = DateTime.now().setZone('Europe/Paris').plus({ days: 3 });
    await t.db.ownerDb.insert(availabilities).values({
      practitionerId: ids.empty!,
      type: 'EXCEPTION',
      date: new Date(`${inThreeDays.toISODate()}T00:00:00Z`),
      isAvailable: true,
      startTime: '09:00',
      endTime: '12:00',
      slotDuration: 50,
    });
    const opening = await agreed('empty');
    expect(DateTime.fromISO(opening!, { zone: 'Europe/Paris' }).toFormat('yyyy-MM-dd HH:mm')).toBe(
      `${inThreeDays.toISODate()} 09:00`,
    );
    expect(await agreed('empty', 2)).toBeNull();
    expect(await agreed('empty', 4)).toBe(opening);

    // A day off on the date of the next slot moves it to another day.
    const before = (await agreed('moved'))!;
    const date = DateTime.fromISO(before, { zone: 'Europe/Paris' }).toISODate();
    await t.db.ownerDb.insert(availabilities).values({
      practitionerId: ids.moved!,
      type: 'EXCEPTION',
      date: new Date(`${date}T00:00:00Z`),
      isAvailable: false,
    });
    const after = (await agreed('moved'))!;
    expect(DateTime.fromISO(after, { zone: 'Europe/Paris' }).toISODate()).not.toBe(date);
    // The practitioner's zone, then their activity.
    await t.db.ownerDb
      .update(practitioners)
      .set({ timezone: 'America/New_York' })
      .where(eq(practitioners.id, ids.moved!));
    expect(await agreed('moved')).not.toBe(after);
    await t.db.ownerDb.update(practitioners).set({ isActive: false }).where(eq(practitioners.id, ids.moved!));
    expect(await directorySlot('moved')).toBeUndefined();
    expect((await stored('moved')).listed).toBe(false);
    await t.db.ownerDb.update(practitioners).set({ isActive: true }).where(eq(practitioners.id, ids.moved!));
    expect((await stored('moved')).listed).toBe(true);
    expect(await agreed('moved')).not.toBeNull();
    expect((await stored('moved')).computedVersion).toBe((await stored('moved')).version);
  });

  it('computes again what time made stale: a slot now within the minimum notice, a range too short', async () => {
    const truth = await agreed('weekly');
    // As if stored an hour ago: its slot, 30 minutes from now, is now inside the 2-hour notice.
    const soon = new Date(Date.now() + 30 * 60_000);
    await t.db.ownerDb
      .update(practitionerNextSlots)
      .set({ nextSlotAt: soon, nextSlotEnd: new Date(soon.getTime() + 50 * 60_000) })
      .where(eq(practitionerNextSlots.practitionerId, ids.weekly!));
    expect(await agreed('weekly')).toBe(truth);
    expect((await stored('weekly')).nextSlotAt?.toISOString()).toBe(truth);

    // "No free slot" searched 10 days ahead says nothing about 60 days.
    expect(await agreed('empty')).not.toBeNull();
    await t.db.ownerDb
      .update(practitionerNextSlots)
      .set({ nextSlotAt: null, nextSlotEnd: null, searchedUntil: new Date(Date.now() + 10 * DAY) })
      .where(eq(practitionerNextSlots.practitionerId, ids.empty!));
    expect(await agreed('empty')).not.toBeNull();
  });

  it('asks the engine when the stored slot straddles the end of the range', async () => {
    const truth = await agreed('weekly', 7);
    // A stored slot that starts before the end of a 7-day range and ends after it (an extra
    // opening over a weekly window can make a shorter slot inside it the answer).
    const end = Date.now() + 7 * DAY;
    await t.db.ownerDb
      .update(practitionerNextSlots)
      .set({ nextSlotAt: new Date(end - 10 * 60_000), nextSlotEnd: new Date(end + 40 * 60_000) })
      .where(eq(practitionerNextSlots.practitionerId, ids.weekly!));
    expect(await agreed('weekly', 7)).toBe(truth);
    // The forged row out of date again (a real one holds the engine's answer).
    await t.db.ownerDb
      .update(practitionerNextSlots)
      .set({ version: sql`${practitionerNextSlots.version} + 1` })
      .where(eq(practitionerNextSlots.practitionerId, ids.weekly!));
  });

  it('keeps an answer computed before a change from being stored over it', async () => {
    await agreed('weekly');
    const row = await stored('weekly');
    const { employee: someone } = await createEmployee(t.db.ownerDb);
    await createConsultation(t.db.ownerDb, {
      employee: someone,
      practitionerId: ids.weekly!,
      scheduledAt: row.nextSlotAt!,
      duration: 50,
    });
    const count = await withActor(t.db, actor, async (tx) => {
      const { rows } = await tx.execute<{ stored: number }>(sql`select practitioner_next_slots_store(
        array[${ids.weekly}]::uuid[], array[${row.version}]::bigint[],
        array[${row.nextSlotAt!.toISOString()}]::timestamptz[], array[${row.nextSlotEnd!.toISOString()}]::timestamptz[],
        now(), now() + interval '67 days') as stored`);
      return rows[0]!.stored;
    });
    expect(count).toBe(0);
    const now = await stored('weekly');
    expect(now.version).toBeGreaterThan(row.version);
    expect(now.computedVersion).toBe(row.version);
    expect(await agreed('weekly')).not.toBe(row.nextSlotAt!.toISOString());
  });

  it('keeps the stored search documents (0031) in step with the profile', async () => {
    const find = async (q: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/practitioners?${new URLSearchParams({ q })}`,
        headers: employee.headers,
      });
      expect(response.statusCode).toBe(200);
      return (response.json().items as { id: string }[]).map((i) => i.id);
    };
    expect(await find('Slots-weekly')).toEqual([ids.weekly]);
    expect(await find('sophrologue')).not.toContain(ids.weekly);
    await t.db.ownerDb
      .update(practitioners)
      .set({ bio: 'Sophrologue diplômée.', lastName: 'Renamed-weekly' })
      .where(eq(practitioners.id, ids.weekly!));
    expect(await find('sophrologue')).toContain(ids.weekly);
    expect(await find('Renamed-weekly')).toEqual([ids.weekly]);
    expect(await find('Slots-weekly')).toEqual([]);
    // Read by directory_search only: not by the application role.
    await expect(
      withActor(t.db, actor, (tx) => tx.execute(sql`select * from practitioner_search_documents`)),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
  });

  it('shows employees the rows of listed practitioners only, and takes no direct write', async () => {
    await withActor(t.db, actor, async (tx) => {
      const { rows } = await tx.execute<{ id: string }>(
        sql`select practitioner_id as id from practitioner_next_slots`,
      );
      const seen = rows.map((r) => r.id);
      expect(seen).toContain(ids.weekly);
      expect(seen).not.toContain(ids.hidden);
      // Nor through the store function.
      const { rows: stored } = await tx.execute<{ stored: number }>(sql`select practitioner_next_slots_store(
        array[${ids.hidden}]::uuid[], array[1]::bigint[], array[null]::timestamptz[], array[null]::timestamptz[],
        now(), now() + interval '67 days') as stored`);
      expect(stored[0]!.stored).toBe(0);
    });
    for (const statement of [
      sql`update practitioner_next_slots set next_slot_at = null, next_slot_end = null`,
      sql`delete from practitioner_next_slots`,
      sql`insert into practitioner_next_slots (practitioner_id) values (${ids.hidden})`,
      sql`select practitioner_next_slots_touch(array[${ids.weekly}]::uuid[])`,
    ]) {
      await expect(withActor(t.db, actor, (tx) => tx.execute(statement))).rejects.toMatchObject({
        cause: { code: '42501' },
      });
    }
  });
});
