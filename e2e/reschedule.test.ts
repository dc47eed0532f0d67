// Rescheduling in Chromium on the real platform. Marc (seeded employee) moves his consultation
// with Dr Martin, three days ahead, to another of her free slots with the booking feature's slot
// picker: the consultation moves, a SCHEDULED event marked rescheduled is recorded and Dr Martin is told. In
// English, a consultation in five hours cannot be moved by him any more (the button says why),
// while Dr Martin still can. Then he subscribes his calendar to his private feed (parsed with
// ical.js) and revokes it. Axe finds nothing serious.
import { consultationEvents, consultations, notifications } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enableTwoFactor,
  MARC,
  MARTIN,
  newPage,
  openEveryDay,
  type Platform,
  screenshot,
  seededEmployee,
  seededPractitioner,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

const HOUR = 3_600_000;

let platform: Platform;
let marc: Awaited<ReturnType<typeof seededEmployee>>;
let martin: Awaited<ReturnType<typeof seededPractitioner>>;

beforeAll(async () => {
  platform = await startPlatform();
  marc = await seededEmployee(platform, MARC.email);
  martin = await seededPractitioner(platform, MARTIN.email);
  await openEveryDay(platform, martin.id);
});
afterAll(async () => {
  await platform?.close();
});

/** A consultation of Marc with Dr Martin written directly (owner), 50 minutes from `at`. */
async function place(at: Date, status: 'SCHEDULED' | 'CONFIRMED' = 'CONFIRMED') {
  const [row] = await platform.db.ownerDb
    .insert(consultations)
    .values({
      companyId: marc.companyId,
      employeeId: marc.id,
      practitionerId: martin.id,
      scheduledAt: at,
      scheduledEndAt: new Date(at.getTime() + 50 * 60_000),
      duration: 50,
      format: 'VIDEO',
      status,
      roomName: `hz-e2e-${Math.random().toString(16).slice(2)}`,
    })
    .returning({ id: consultations.id });
  return row!.id;
}

async function stored(id: string) {
  const [row] = await platform.db.ownerDb.select().from(consultations).where(eq(consultations.id, id));
  return row!;
}

/** Opens the move dialog, goes to the next week, chooses the third free slot and moves there; returns its start. */
async function moveToAnotherSlot(page: Page, fr: boolean): Promise<string> {
  await page.getByRole('button', { name: fr ? 'Déplacer' : 'Move', exact: true }).click();
  const dialog = page.getByRole('dialog', {
    name: fr ? 'Déplacer la consultation' : 'Move the consultation',
  });
  await dialog.getByRole('button', { name: fr ? 'Semaine suivante' : 'Next week' }).click();
  await expect.poll(() => dialog.locator('button[data-slot]').count()).toBeGreaterThan(3);
  const slot = dialog.locator('button[data-slot]').nth(2);
  const start = (await slot.getAttribute('data-start'))!;
  await slot.click();
  await dialog.getByText(fr ? /^Nouveau créneau/ : /^New slot/).waitFor();
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
  await screenshot(page, fr ? 'reschedule-dialog-fr' : 'reschedule-dialog-en');
  await dialog.getByRole('button', { name: fr ? 'Déplacer à ce créneau' : 'Move to this slot' }).click();
  await page.getByText(fr ? /La consultation est déplacée/ : /The consultation is moved/).waitFor();
  return start;
}

describe('rescheduling', () => {
  it('Marc moves his consultation three days ahead to another free slot of Dr Martin (FR)', async () => {
    const id = await place(new Date(Math.ceil(Date.now() / HOUR) * HOUR + 72 * HOUR));
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/consultations/${id}`);
    await page.getByRole('heading', { level: 1, name: /Dr\.? Sophie Martin/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const start = await moveToAnotherSlot(page, true);
    await expect
      .poll(async () => (await stored(id)).scheduledAt.toISOString())
      .toBe(new Date(start).toISOString());
    const events = await platform.db.ownerDb
      .select({ type: consultationEvents.eventType, metadata: consultationEvents.metadata })
      .from(consultationEvents)
      .where(eq(consultationEvents.consultationId, id));
    const moves = events.filter(
      (e) => e.type === 'SCHEDULED' && (e.metadata as { rescheduled?: boolean } | null)?.rescheduled,
    );
    expect(moves).toHaveLength(1);
    const told = await platform.db.ownerDb
      .select({ metadata: notifications.metadata })
      .from(notifications)
      .where(eq(notifications.userId, martin.userId));
    expect(told.some((n) => (n.metadata as { change?: string } | null)?.change === 'rescheduled')).toBe(true);
    await screenshot(page, 'reschedule-done-fr');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('in five hours only Dr Martin may move it; Marc sees why (EN)', async () => {
    const soon = new Date(Math.ceil(Date.now() / HOUR) * HOUR + 5 * HOUR);
    const id = await place(soon);
    const page = await newPage(platform, 'en');
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/consultations/${id}`);
    const move = page.getByRole('button', { name: 'Move', exact: true });
    await move.waitFor();
    expect(await move.isDisabled()).toBe(true);
    await page.getByText(/only the practitioner may move the consultation/).waitFor();
    await screenshot(page, 'reschedule-too-late-en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();

    const secret = await enableTwoFactor(platform, MARTIN.email);
    const doctor = await newPage(platform, 'en');
    await signIn(doctor, platform, { ...MARTIN, totpSecret: secret });
    await doctor.goto(`${platform.url}/app/consultations/${id}`);
    const start = await moveToAnotherSlot(doctor, false);
    await expect
      .poll(async () => (await stored(id)).scheduledAt.toISOString())
      .toBe(new Date(start).toISOString());
    expect((await stored(id)).status).toBe('CONFIRMED');
    await doctor.context().close();
  }, 120_000);

  it('Marc subscribes his calendar to a private feed, which stops once revoked (FR)', async () => {
    const id = await place(new Date(Math.ceil(Date.now() / HOUR) * HOUR + 100 * HOUR));
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/consultations`);
    const card = page.getByRole('region', { name: 'Mes consultations dans mon agenda' });
    await card.getByRole('button', { name: 'Créer mon lien privé' }).click();
    const url = ((await card.getByTestId('calendar-feed-url').textContent()) ?? '').trim();
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await screenshot(page, 'calendar-feed-fr');
    expect(await seriousViolations(page)).toEqual([]);

    const feed = await fetch(url.replace(/^https?:\/\/[^/]+/, platform.url));
    expect(feed.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.some((e) => e.uid.includes(id) && e.summary === 'Consultation HuntZen')).toBe(true);

    await card.getByRole('button', { name: 'Révoquer le lien' }).click();
    await card.getByRole('button', { name: 'Créer mon lien privé' }).waitFor();
    expect((await fetch(url.replace(/^https?:\/\/[^/]+/, platform.url))).status).toBe(404);
    await page.context().close();
  }, 120_000);
});
