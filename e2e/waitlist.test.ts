// The waitlist and recurring series (issue 14, parts 3 and 4) in Chromium on the real platform.
// Marc (seeded employee) joins Dr Martin's waitlist from her booking card; Dr Martin cancels another
// employee's consultation in the range; the jobs runner tells Marc (notification in the bell and
// an e-mail), without anything about the cancelled consultation. In English, Marc books the same
// slot for 4 weeks while week 3 is taken meanwhile: the answer lists the 3 booked and the taken one;
// then he cancels the rest of the series from a session's page.
// Axe finds nothing serious; the screenshots are in e2e/screenshots.
import { consultations, notifications, waitlistEntries } from '@huntzen/db';
import { createEmployee } from '@huntzen/db/testing/factories';
import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
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
  waitForEmail,
} from './harness';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

let platform: Platform;
let marc: Awaited<ReturnType<typeof seededEmployee>>;
let martin: Awaited<ReturnType<typeof seededPractitioner>>;
let otherEmployeeId: string;

beforeAll(async () => {
  platform = await startPlatform();
  const db = platform.db.ownerDb;
  marc = await seededEmployee(platform, MARC.email);
  martin = await seededPractitioner(platform, MARTIN.email);
  await openEveryDay(platform, martin.id);
  otherEmployeeId = (await createEmployee(db, { companyId: marc.companyId })).employee.id;
});
afterAll(async () => {
  await platform?.close();
});

/** A browser zone whose date is not today's date in `zone` now (UTC+14 or UTC−11: one always is). */
function anotherDayZone(zone: string): string {
  const day = DateTime.now().setZone(zone).toISODate();
  return ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find(
    (z) => DateTime.now().setZone(z).toISODate() !== day,
  )!;
}

/** A consultation of another employee with Dr Martin written directly (owner), 50 minutes from `at`. */
async function placeOther(at: Date) {
  const [row] = await platform.db.ownerDb
    .insert(consultations)
    .values({
      companyId: marc.companyId,
      employeeId: otherEmployeeId,
      practitionerId: martin.id,
      scheduledAt: at,
      scheduledEndAt: new Date(at.getTime() + 50 * 60_000),
      duration: 50,
      format: 'VIDEO',
      status: 'SCHEDULED',
      roomName: `hz-e2e-${Math.random().toString(16).slice(2)}`,
    })
    .returning({ id: consultations.id });
  return row!.id;
}

describe('the waitlist', () => {
  it('Marc joins Dr Martin’s waitlist and is told when her slot frees up (FR)', async () => {
    // The browser's zone is on another day than Marc's (his profile's): the card's dates are days
    // of Marc's zone, whichever the page starts with before his profile has loaded.
    const page = await newPage(platform, 'fr', undefined, anotherDayZone(marc.timezone));
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/practitioners/${martin.id}`);
    const waitlist = page.getByRole('region', { name: 'Aucun créneau ne vous convient ?' });
    // The period in the page's language (never the browser's date format): "Du" reads today and
    // "Au" a month ahead in French words; a nearer end is picked in the calendar, opened from the
    // keyboard.
    const inWords = (day: DateTime) => day.setLocale('fr').toFormat('d LLLL yyyy');
    const today = DateTime.now().setZone(marc.timezone).startOf('day');
    const since = waitlist.getByRole('button', { name: 'Du', exact: true });
    await expect.poll(() => since.textContent(), { timeout: 15_000 }).toBe(inWords(today));
    const until = waitlist.getByRole('button', { name: 'Au', exact: true });
    expect(await until.textContent()).toBe(inWords(today.plus({ days: 30 })));
    const end = today.plus({ days: 14 });
    await until.focus();
    await page.keyboard.press('Enter');
    const calendar = page.getByRole('dialog', { name: 'Au : choisir une date' });
    await calendar.waitFor();
    if (end.month !== today.plus({ days: 30 }).month)
      await calendar.getByRole('button', { name: 'Mois précédent' }).click();
    await calendar.getByRole('button', { name: inWords(end), exact: true }).click();
    await expect.poll(() => until.textContent()).toBe(inWords(end));
    await waitlist.getByRole('button', { name: 'M’inscrire sur la liste d’attente' }).click();
    await waitlist.getByText(/Vous êtes sur la liste d’attente de .*Martin.*\(place 1\)/).waitFor();
    // Until the chosen day.
    await waitlist.getByText(`au ${inWords(end)} (place 1)`, { exact: false }).waitFor();
    expect((await seriousViolations(page)).join('\n')).toBe('');
    await waitlist.scrollIntoViewIfNeeded();
    await screenshot(page, 'waitlist-joined-fr');
    const [entry] = await platform.db.ownerDb
      .select()
      .from(waitlistEntries)
      .where(eq(waitlistEntries.employeeId, marc.id));
    expect(entry).toMatchObject({ practitionerId: martin.id, lastNotifiedAt: null });
    // Until the end of the chosen day in Marc's zone.
    expect(entry!.rangeEnd.getTime()).toBe(end.plus({ days: 1 }).startOf('day').toMillis());

    // Dr Martin cancels another employee's consultation, four days ahead at 10:00 in her zone.
    const freed = DateTime.now()
      .setZone(martin.timezone)
      .plus({ days: 4 })
      .set({ hour: 10, minute: 0, second: 0, millisecond: 0 })
      .toJSDate();
    const id = await placeOther(freed);
    const secret = await enableTwoFactor(platform, MARTIN.email);
    const doctor = await newPage(platform, 'fr');
    await signIn(doctor, platform, { ...MARTIN, totpSecret: secret });
    await doctor.goto(`${platform.url}/app/consultations/${id}`);
    await doctor.getByRole('button', { name: 'Annuler la consultation', exact: true }).click();
    const dialog = doctor.getByRole('dialog', { name: 'Annuler la consultation' });
    await dialog.getByLabel("Motif de l'annulation").fill('Un empêchement personnel');
    await dialog.getByRole('button', { name: 'Annuler la consultation' }).click();
    await doctor.getByText('La consultation est annulée.').waitFor();
    await doctor.context().close();

    // The jobs runner tells Marc: a notification (bell) and its e-mail copy, no health content.
    await expect
      .poll(
        async () =>
          (
            await platform.db.ownerDb
              .select({ id: notifications.id })
              .from(notifications)
              .where(
                and(
                  eq(notifications.userId, marc.userId),
                  sql`${notifications.metadata}->>'waitlistEntryId' = ${entry!.id}`,
                ),
              )
          ).length,
        { timeout: 20_000 },
      )
      .toBe(1);
    const mail = await waitForEmail(platform.mailDir, MARC.email, /Un créneau est disponible/);
    expect(mail.text).not.toMatch(/empêchement/);
    expect(mail.links.some((l) => l.includes(`/app/practitioners/${martin.id}`))).toBe(true);
    await page.reload();
    await page.getByRole('button', { name: /^Notifications : \d+ non lue/ }).click();
    const dropdown = page.getByRole('dialog', { name: 'Notifications' });
    await dropdown.getByText('Un créneau est disponible').first().waitFor();
    // The page behind the dropdown settles first (the booking card reloads its week): axe judges
    // what stays, not a frame of loading.
    await expect.poll(() => page.locator('.mantine-Loader-root, [aria-busy="true"]').count()).toBe(0);
    expect((await seriousViolations(page)).join('\n')).toBe('');
    await screenshot(page, 'waitlist-notified-fr');
    await page.context().close();
  }, 150_000);
});

describe('a recurring series', () => {
  it('Marc books the same slot for 4 weeks; week 3, taken meanwhile, is listed as taken (EN)', async () => {
    const page = await newPage(platform, 'en');
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/practitioners/${martin.id}`);
    await page.getByRole('button', { name: 'Next week' }).click();
    await expect.poll(() => page.locator('button[data-slot]').count()).toBeGreaterThan(3);
    const slot = page.locator('button[data-slot]').nth(3);
    const start = new Date((await slot.getAttribute('data-start'))!);
    await slot.click();
    const video = page.getByRole('radio', { name: 'Video' });
    if (await video.count()) await video.check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('radio', { name: 'Every week' }).check();
    await page.getByLabel('Number of sessions').waitFor();
    expect(await page.getByLabel('Number of sessions').inputValue()).toBe('4');
    expect((await seriousViolations(page)).join('\n')).toBe('');
    await screenshot(page, 'series-confirm-en');

    // Meanwhile, week 3 goes to someone else.
    await placeOther(new Date(start.getTime() + 2 * WEEK));
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByRole('heading', { name: '3 sessions booked' }).waitFor();
    const result = page.getByTestId('series-result');
    const items = result.getByRole('listitem');
    expect(await items.count()).toBe(4);
    expect(await items.nth(2).textContent()).toContain('Taken by someone else');
    for (const i of [0, 1, 3]) expect(await items.nth(i).textContent()).toContain('Booked');
    expect((await seriousViolations(page)).join('\n')).toBe('');
    await screenshot(page, 'series-result-en');

    const booked = await platform.db.ownerDb
      .select({ at: consultations.scheduledAt })
      .from(consultations)
      .where(and(eq(consultations.employeeId, marc.id), eq(consultations.practitionerId, martin.id)));
    const times = booked.map((b) => b.at.getTime());
    for (const k of [0, 1, 3]) expect(times).toContain(start.getTime() + k * WEEK);

    // From the first session's page, he cancels the rest of the series.
    await items.nth(0).getByRole('link', { name: 'View the consultation' }).click();
    const panel = page.getByRole('region', { name: 'Weekly series' });
    await panel.getByRole('listitem').nth(2).waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(3);
    await panel.getByRole('button', { name: 'Cancel the rest of the series' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel the rest of the series' });
    await dialog.getByLabel(/Reason for cancelling/).fill('Change of plans');
    expect((await seriousViolations(page, '[role="dialog"]')).join('\n')).toBe('');
    await screenshot(page, 'series-cancel-en');
    await dialog.getByRole('button', { name: 'Cancel the rest of the series' }).click();
    await panel.getByText('3 sessions cancelled.').waitFor();
    const left = await platform.db.ownerDb
      .select({ status: consultations.status })
      .from(consultations)
      .where(and(eq(consultations.employeeId, marc.id), eq(consultations.practitionerId, martin.id)));
    expect(left.filter((c) => c.status !== 'CANCELLED')).toEqual([]);
    await page.context().close();
  }, 150_000);
});
