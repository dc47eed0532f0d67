// Booking and the consultation pages in Chromium on the real platform. Dr Martin (seeded) is open
// every day 08:00-20:00 in her zone. Marc (employee) opens her profile, picks a time with the
// keyboard; someone else takes it while he checks the summary, so he is sent back to fresh times
// and books another one, in video. He sees it in "My consultations" and downloads the .ics. Dr
// Martin sees it in her agenda (FullCalendar, her zone), opens it and confirms it. Marc cancels
// another booking less than 24 hours ahead: the late-cancellation warning, a required reason.
// Then the same pages in English. Finally the consultation takes place: both open the room page,
// she starts and ends it from its page, and he reviews it.
import { consultations, employees, users } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../apps/api/src/platform/auth';
import {
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
  switchToEnglish,
} from './harness';

let platform: Platform;
let martin: Awaited<ReturnType<typeof seededPractitioner>>;
let marc: Awaited<ReturnType<typeof seededEmployee>>;
// What the booking test leaves for the next one: both signed-in pages and the confirmed booking.
let journey: { page: Page; practitionerPage: Page; bookedId: string } | null = null;

beforeAll(async () => {
  platform = await startPlatform();
  martin = await seededPractitioner(platform, MARTIN.email);
  marc = await seededEmployee(platform, MARC.email);
  await openEveryDay(platform, martin.id);
});
afterAll(async () => {
  await platform?.close();
});

/** Dr Martin's first sign-in: the mandatory 2FA enrolment. */
async function enrolMartin(page: Page) {
  await signIn(page, platform, MARTIN, { landed: false });
  await page.waitForURL(/\/setup-2fa/);
  await page.getByRole('button', { name: "Configurer l'application" }).click();
  const secret = ((await page.locator('code').first().textContent()) ?? '').replace(/\s+/g, '');
  await page.getByLabel('Code à 6 chiffres').fill(await currentTotp(secret));
  await page.getByRole('button', { name: 'Activer' }).click();
  await page.getByRole('button', { name: 'Accéder à mon espace' }).click();
  await page.waitForURL(/\/app/);
}

/**
 * `path` in English, through the header's language menu (the test context pins French on every
 * page load, so the choice is made again after each navigation).
 */
async function inEnglish(page: Page, path: string) {
  await page.goto(`${platform.url}${path}`);
  await switchToEnglish(page);
  await page.getByRole('button', { name: /Change language/ }).waitFor();
}

/** Another employee of Marc's company, to take a slot under his nose. */
async function anotherEmployee(): Promise<string> {
  const db = platform.db.ownerDb;
  const [user] = await db
    .insert(users)
    .values({
      email: 'lea.petit@techcorp.com',
      passwordHash: 'x',
      role: 'EMPLOYEE',
      companyId: marc.companyId,
    })
    .returning({ id: users.id });
  const [employee] = await db
    .insert(employees)
    .values({ userId: user!.id, companyId: marc.companyId, firstName: 'Léa', lastName: 'Petit' })
    .returning({ id: employees.id });
  return employee!.id;
}

/** A consultation written directly (owner), 50 minutes from `at`. */
async function place(employeeId: string, at: DateTime) {
  const [row] = await platform.db.ownerDb
    .insert(consultations)
    .values({
      companyId: marc.companyId,
      employeeId,
      practitionerId: martin.id,
      scheduledAt: at.toJSDate(),
      scheduledEndAt: at.plus({ minutes: 50 }).toJSDate(),
      duration: 50,
      format: 'VIDEO',
      roomName: `hz-e2e-${Math.random().toString(16).slice(2)}`,
    })
    .returning({ id: consultations.id });
  return row!.id;
}

/** The slot buttons of the picker (the current week, or the next one when this one is over). */
async function slotButtons(page: Page) {
  const picker = page.getByRole('region', { name: 'Prendre rendez-vous' });
  await picker.getByText(/créneaux? libres? cette semaine|Aucun créneau libre cette semaine/).waitFor();
  // Late on a Sunday this week has a time or two left: the journey needs a few to choose from.
  if ((await picker.locator('button[data-slot]').count()) < 3) {
    await picker.getByRole('button', { name: 'Semaine suivante' }).click();
    await expect.poll(() => picker.locator('button[data-slot]').count()).toBeGreaterThan(2);
  }
  return picker.locator('button[data-slot]');
}

describe('booking and consultations', () => {
  it('an employee books Dr Martin, she confirms in her agenda, he cancels another one late (FR, then EN)', async () => {
    const practitionerPage = await newPage(platform, 'fr');
    await enrolMartin(practitionerPage);

    const page = await newPage(platform, 'fr');
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/practitioners/${martin.id}`);
    const card = page.getByRole('region', { name: 'Prendre rendez-vous' });
    await card.getByText('Heures affichées dans votre fuseau horaire : Europe/Paris').waitFor();
    const slots = await slotButtons(page);
    expect(await slots.count()).toBeGreaterThan(1);

    // The slots are one widget (issue 17): a single Tab stop, the arrows move between the times of a
    // day (up / down) and between days (left / right), Home / End, Enter picks.
    const columns: string[][] = [];
    let lastDay = '';
    for (const { start, day } of await slots.evaluateAll((buttons) =>
      buttons.map((b) => ({
        start: b.getAttribute('data-start') ?? '',
        day: b.closest('section')?.getAttribute('aria-label') ?? '',
      })),
    )) {
      if (day !== lastDay) columns.push([]);
      lastDay = day;
      columns.at(-1)!.push(start);
    }
    const focused = () =>
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.start ?? null);
    expect(await card.locator('button[data-slot][tabindex="0"]').count()).toBe(1);
    await card.getByRole('button', { name: 'Semaine suivante' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(columns[0]![0]);
    await page.keyboard.press('Tab');
    expect(await focused()).toBeNull();
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe(columns[0]![0]);
    if (columns.length > 1) {
      await page.keyboard.press('ArrowRight');
      expect(await focused()).toBe(columns[1]![0]);
      await page.keyboard.press('ArrowLeft');
      expect(await focused()).toBe(columns[0]![0]);
    }
    await page.keyboard.press('End');
    expect(await focused()).toBe(columns[0]!.at(-1));
    await page.keyboard.press('Home');
    expect(await focused()).toBe(columns[0]![0]);
    await page.keyboard.press('ArrowDown');
    // The next time: the day's second, or the next day's first (slots.nth(1) either way).
    expect(await focused()).toBe(columns[0]![1] ?? columns[1]![0]);
    await page.keyboard.press('Enter');
    await expect.poll(() => slots.nth(1).getAttribute('aria-pressed')).toBe('true');
    // The chosen time stays the widget's one Tab stop.
    expect(await slots.nth(1).getAttribute('tabindex')).toBe('0');
    expect(await card.locator('button[data-slot][tabindex="0"]').count()).toBe(1);
    const firstChoice = await slots.nth(1).getAttribute('aria-label');
    // Her formats: video and phone; no in-person.
    await card.getByRole('radio', { name: 'Téléphone (audio)' }).waitFor();
    expect(await card.getByRole('radio', { name: 'En cabinet' }).count()).toBe(0);
    await card.getByRole('radio', { name: 'Vidéo' }).check();
    expect(await seriousViolations(page, 'section[aria-labelledby="booking-title"]')).toEqual([]);
    await screenshot(page, 'booking-picker-fr');

    // Léa books that very time meanwhile: Marc is sent back to fresh times, kindly.
    const takenIso = (await slots.nth(1).getAttribute('data-start'))!;
    const taken = DateTime.fromISO(takenIso);
    await card.getByRole('button', { name: 'Continuer' }).click();
    await card.getByRole('heading', { name: 'Vérifiez votre rendez-vous' }).waitFor();
    await card.getByText('Vidéo', { exact: true }).waitFor();
    await card.getByText('50 minutes').waitFor();
    await card.getByText('Europe/Paris').waitFor();
    await screenshot(page, 'booking-summary-fr');
    const lea = await anotherEmployee();
    await place(lea, taken);
    await card.getByRole('button', { name: 'Confirmer la réservation' }).click();
    await card
      .getByText("Désolé, ce créneau vient d'être réservé par quelqu'un d'autre.", { exact: false })
      .waitFor();
    await expect.poll(() => card.locator(`button[data-start="${takenIso}"]`).count()).toBe(0);
    expect(await card.getByRole('button', { name: firstChoice! }).count()).toBe(0);
    await screenshot(page, 'booking-slot-taken-fr');

    // Another time, in video: booked once, with the Idempotency-Key recorded.
    const fresh = await slotButtons(page);
    await fresh.nth(1).click();
    const bookedAt = DateTime.fromISO((await fresh.nth(1).getAttribute('data-start'))!);
    await card.getByRole('radio', { name: 'Vidéo' }).check();
    await card.getByRole('button', { name: 'Continuer' }).click();
    await card.getByRole('button', { name: 'Confirmer la réservation' }).click();
    await card.getByRole('heading', { name: 'Rendez-vous réservé' }).waitFor();
    await screenshot(page, 'booking-done-fr');
    const booked = await platform.db.ownerDb
      .select()
      .from(consultations)
      .where(and(eq(consultations.employeeId, marc.id), eq(consultations.practitionerId, martin.id)));
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ status: 'SCHEDULED', format: 'VIDEO', duration: 50 });
    expect(booked[0]!.scheduledAt.toISOString()).toBe(bookedAt.toUTC().toISO());
    const keys = await platform.db.owner.query('select key from idempotency_keys where user_id = $1', [
      marc.userId,
    ]);
    expect(keys.rows).toHaveLength(1);
    expect(keys.rows[0].key).toMatch(/^[0-9a-f-]{36}$/);
    const bookedId = booked[0]!.id;

    // "My consultations": the booking, awaiting confirmation; its .ics file.
    await card.getByRole('link', { name: 'Mes consultations' }).click();
    await page.waitForURL(/\/app\/consultations$/);
    await page.getByRole('heading', { name: 'Mes consultations', level: 1 }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: 'Avec Dr. Sophie Martin' });
    await item.getByText('À confirmer').waitFor();
    const download = page.waitForEvent('download');
    await item.getByRole('button', { name: 'Ajouter au calendrier' }).click();
    const ics = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of ics) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toContain(`UID:consultation-${bookedId}@`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'consultations-employee-fr');

    // Dr Martin: the agenda in her zone, the consultation in it; she opens and confirms it.
    await practitionerPage.goto(`${platform.url}/app/agenda`);
    await practitionerPage.getByRole('heading', { name: 'Agenda', level: 1 }).waitFor();
    await practitionerPage
      .getByText(`dans votre fuseau horaire (${martin.timezone})`, { exact: false })
      .waitFor();
    const event = practitionerPage.locator('a.fc-event', { hasText: 'Marc Dupont · Vidéo · À confirmer' });
    await practitionerPage.locator('.fc-timegrid').waitFor();
    // Booked next week when this one had too few times left: the agenda reads that week on demand.
    const bookedThisWeek = bookedAt
      .setZone(martin.timezone)
      .hasSame(DateTime.now().setZone(martin.timezone), 'week');
    if (!bookedThisWeek) await practitionerPage.getByRole('button', { name: 'Période suivante' }).click();
    await event.waitFor();
    // Placed at her local time (FullCalendar's own time label of the event).
    const local = bookedAt.setZone(martin.timezone);
    await event.getByText(local.toFormat('HH:mm'), { exact: false }).first().waitFor();
    expect(await seriousViolations(practitionerPage)).toEqual([]);
    await screenshot(practitionerPage, 'agenda-fr');
    await event.click();
    await practitionerPage.waitForURL(new RegExp(`/app/consultations/${bookedId}$`));
    await practitionerPage.getByRole('heading', { name: 'Consultation avec Marc Dupont' }).waitFor();
    // Not startable before its confirmation, nor absent before it began.
    expect(await practitionerPage.getByRole('button', { name: 'Démarrer la séance' }).isDisabled()).toBe(
      true,
    );
    await practitionerPage.getByRole('button', { name: 'Confirmer la consultation' }).click();
    await practitionerPage.getByText('Consultation confirmée. Le salarié est prévenu.').waitFor();
    await practitionerPage.getByText('Confirmée', { exact: true }).first().waitFor();
    expect(await practitionerPage.getByRole('button', { name: 'Confirmer la consultation' }).count()).toBe(0);
    expect(await seriousViolations(practitionerPage)).toEqual([]);
    await screenshot(practitionerPage, 'consultation-detail-practitioner-fr');
    const [confirmed] = await platform.db.ownerDb
      .select({ status: consultations.status })
      .from(consultations)
      .where(eq(consultations.id, bookedId));
    expect(confirmed!.status).toBe('CONFIRMED');

    // Another booking of Marc's, in a few hours: he cancels it, late, with a reason.
    let soon = DateTime.now().plus({ hours: 5 }).startOf('hour');
    while ([bookedAt, taken].some((other) => Math.abs(soon.diff(other, 'minutes').minutes) < 60)) {
      soon = soon.plus({ hours: 1 });
    }
    const lateId = await place(marc.id, soon);
    await page.reload();
    const lateItem = page
      .getByRole('listitem')
      .filter({ has: page.locator(`a[href="/app/consultations/${lateId}"]`) });
    await lateItem.getByRole('button', { name: 'Annuler' }).click();
    const dialog = page.getByRole('dialog', { name: 'Annuler la consultation' });
    await dialog.getByText('Cette consultation sera tout de même facturée à votre entreprise.').waitFor();
    await dialog.getByRole('button', { name: 'Annuler la consultation' }).click();
    await dialog.getByText('Ce champ est obligatoire.', { exact: false }).waitFor();
    await dialog.getByLabel("Motif de l'annulation").fill('Un imprévu professionnel');
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await screenshot(page, 'consultation-cancel-fr');
    await dialog.getByRole('button', { name: 'Annuler la consultation' }).click();
    await page.getByText('La consultation est annulée.').waitFor();
    const [cancelled] = await platform.db.ownerDb
      .select()
      .from(consultations)
      .where(eq(consultations.id, lateId));
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      cancelledWithin24h: true,
      isBillable: true,
      cancelReason: 'Un imprévu professionnel',
    });
    // No longer among the upcoming ones (as on Doctolib): under "Passées", as cancelled and (late,
    // by him) billed.
    await expect.poll(() => lateItem.count()).toBe(0);
    await page.getByRole('tab', { name: 'Passées' }).click();
    await page.waitForURL(/\?tab=past$/);
    const pastItem = page
      .getByRole('listitem')
      .filter({ has: page.locator(`a[href="/app/consultations/${lateId}"]`) });
    await pastItem.getByText('Annulée', { exact: true }).waitFor();
    await pastItem.getByText('la séance reste facturée à votre entreprise', { exact: false }).waitFor();
    expect(await pastItem.getByRole('button', { name: 'Annuler' }).count()).toBe(0);
    await screenshot(page, 'consultations-cancelled-fr');

    // English.
    await inEnglish(page, `/app/practitioners/${martin.id}`);
    const cardEn = page.getByRole('region', { name: 'Book a session' });
    await cardEn.getByText('Times shown in your time zone: Europe/Paris').waitFor();
    await cardEn.locator('button[data-slot]').first().click();
    await cardEn.getByRole('radio', { name: 'Video' }).check();
    await screenshot(page, 'booking-picker-en');
    await inEnglish(page, '/app/consultations');
    await page.getByRole('heading', { name: 'My consultations', level: 1 }).waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'With Dr. Sophie Martin' })
      .getByText('Confirmed')
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'consultations-employee-en');
    await inEnglish(practitionerPage, '/app/agenda');
    const eventEn = practitionerPage.locator('a.fc-event', { hasText: 'Marc Dupont · Video · Confirmed' });
    await practitionerPage.locator('.fc-timegrid').waitFor();
    if (!bookedThisWeek) await practitionerPage.getByRole('button', { name: 'Next', exact: true }).click();
    await eventEn.first().waitFor();
    await screenshot(practitionerPage, 'agenda-en');
    // On a phone: one day at a time; the week, when chosen, names its days in a letter and a number.
    await practitionerPage.setViewportSize({ width: 375, height: 740 });
    await inEnglish(practitionerPage, '/app/agenda');
    await practitionerPage.locator('.fc-timeGridDay-view').waitFor();
    expect(await practitionerPage.getByRole('radio', { name: 'Day' }).isChecked()).toBe(true);
    await screenshot(practitionerPage, 'agenda-en-phone-day');
    await practitionerPage.getByText('Week', { exact: true }).click();
    await practitionerPage.locator('.fc-timeGridWeek-view').waitFor();
    const headers = await practitionerPage.locator('.fc-col-header-cell').allInnerTexts();
    expect(headers).toHaveLength(7);
    for (const header of headers) expect(header.trim()).toMatch(/^[MTWFS] \d{1,2}$/);
    await screenshot(practitionerPage, 'agenda-en-phone-week');
    await practitionerPage.setViewportSize({ width: 1280, height: 860 });
    await inEnglish(practitionerPage, `/app/consultations/${bookedId}`);
    await practitionerPage.getByRole('heading', { name: 'Consultation with Marc Dupont' }).waitFor();
    await practitionerPage.getByRole('button', { name: 'Start the session' }).waitFor();
    await screenshot(practitionerPage, 'consultation-detail-practitioner-en');
    journey = { page, practitionerPage, bookedId };
  });

  it('the consultation takes place: both in the room, she starts and ends it, he reviews it (FR)', async () => {
    expect(journey, 'the booking test runs first').not.toBeNull();
    const { page, practitionerPage, bookedId } = journey!;
    // The confirmed booking now starts in 5 minutes: its room is open (from 10 minutes before).
    const start = DateTime.now().plus({ minutes: 5 }).startOf('minute');
    await platform.db.ownerDb
      .update(consultations)
      .set({ scheduledAt: start.toJSDate(), scheduledEndAt: start.plus({ minutes: 50 }).toJSDate() })
      .where(eq(consultations.id, bookedId));
    const [{ roomName }] = (await platform.db.ownerDb
      .select({ roomName: consultations.roomName })
      .from(consultations)
      .where(eq(consultations.id, bookedId))) as [{ roomName: string }];

    // Both open the room page (Jitsi's script replaced by a stand-in: no internet here).
    for (const [who, p] of [
      ['employee', page],
      ['practitioner', practitionerPage],
    ] as const) {
      await p.route('https://meet.jit.si/external_api.js', (route) =>
        route.fulfill({
          contentType: 'application/javascript',
          body: `window.JitsiMeetExternalAPI = function (domain, options) {
            const { parentNode, ...rest } = options;
            window.__jitsi = { domain, options: rest };
            const frame = document.createElement('iframe');
            frame.src = 'about:blank';
            parentNode.appendChild(frame);
            this.addListener = function () {};
            this.executeCommand = function () {};
            this.getIFrame = function () { return frame; };
            this.dispose = function () { frame.remove(); };
          };`,
        }),
      );
      await p.goto(`${platform.url}/app/consultations/${bookedId}/room`);
      await p.locator('iframe[title="Visio de la consultation"]').waitFor();
      const jitsi = await p.evaluate(() => (window as unknown as { __jitsi: unknown }).__jitsi);
      expect(jitsi, who).toMatchObject({ domain: 'meet.jit.si', options: { roomName } });
      await screenshot(p, `journey-room-${who}-fr`);
    }
    const joined = await platform.db.owner.query(
      `select actor_role from consultation_events where consultation_id = $1 and event_type = 'ROOM_JOINED'`,
      [bookedId],
    );
    expect(joined.rows.map((r) => r.actor_role).sort()).toEqual(['EMPLOYEE', 'PRACTITIONER']);

    // She starts, then ends the session from its page (ending, not reversible, asks first).
    await practitionerPage.goto(`${platform.url}/app/consultations/${bookedId}`);
    await practitionerPage.getByRole('button', { name: 'Démarrer la séance' }).click();
    await practitionerPage.getByText('Séance démarrée.').waitFor();
    // Ending at once: the dialog says the session will not be billed; she thinks better of it.
    await practitionerPage.getByRole('button', { name: 'Terminer la séance' }).click();
    const shortDialog = practitionerPage.getByRole('dialog', { name: 'Terminer la séance' });
    await shortDialog.getByText(/moins de 10 minutes.*ne sera pas facturée/).waitFor();
    expect(await seriousViolations(practitionerPage, '[role="dialog"]')).toEqual([]);
    await screenshot(practitionerPage, 'journey-end-short-fr');
    await shortDialog.getByRole('button', { name: 'Annuler' }).click();
    await shortDialog.waitFor({ state: 'detached' });
    // 40 minutes later (the start moved back): a real session, billable.
    await platform.db.ownerDb
      .update(consultations)
      .set({ startedAt: DateTime.now().minus({ minutes: 40 }).toJSDate() })
      .where(eq(consultations.id, bookedId));
    await practitionerPage.reload();
    await practitionerPage.getByRole('button', { name: 'Terminer la séance' }).click();
    await practitionerPage
      .getByRole('dialog', { name: 'Terminer la séance' })
      .getByRole('button', { name: 'Terminer la séance' })
      .click();
    await practitionerPage.getByText('Séance terminée.').waitFor();
    await screenshot(practitionerPage, 'journey-completed-practitioner-fr');
    const [ended] = await platform.db.ownerDb
      .select()
      .from(consultations)
      .where(eq(consultations.id, bookedId));
    expect(ended).toMatchObject({ status: 'COMPLETED', billingStatus: 'PENDING', isBillable: true });
    expect(ended!.startedAt).not.toBeNull();
    expect(ended!.actualDuration).toBeGreaterThanOrEqual(40);

    // Marc reviews it from her profile.
    await page.goto(`${platform.url}/app/practitioners/${martin.id}`);
    const reviewCard = page.getByRole('region', { name: 'Votre avis sur Dr. Sophie Martin' });
    await reviewCard.getByRole('button', { name: /^Laisser un avis sur la consultation du/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Donner mon avis' });
    // The stars by keyboard alone: Space picks the focused star, arrows move and set the value.
    await dialog.getByRole('radio', { name: '1 étoile sur 5' }).focus();
    await page.keyboard.press('Space');
    expect(await dialog.getByRole('radio', { name: '1 étoile sur 5' }).isChecked()).toBe(true);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    expect(await dialog.getByRole('radio', { name: '5 étoiles sur 5' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { checked: true }).count()).toBe(1);
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await screenshot(page, 'journey-review-stars-fr');
    await dialog.getByLabel('Votre commentaire (facultatif)').fill('Une séance utile, merci.');
    await dialog.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await page.getByText('Merci ! Votre avis sera publié après modération.').waitFor();
    await screenshot(page, 'journey-review-fr');
    const review = await platform.db.owner.query(
      'select rating, is_published from practitioner_reviews where consultation_id = $1',
      [bookedId],
    );
    expect(review.rows).toEqual([{ rating: 5, is_published: false }]);
  });
});
