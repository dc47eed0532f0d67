// The availability page in Chromium on the real platform: Dr Martin (seeded, Monday-Friday hours)
// enrols in 2FA, sets Monday to 09:00-12:00 and 14:00-18:00 (partly with the keyboard), adds a day
// off with the date picker, and sees the API's preview of her free slots in her time zone; then
// the same page in English.
import { availabilities, practitioners, users } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../apps/api/src/platform/auth';
import {
  MARTIN,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

const ZONE = 'Europe/Paris';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

/**
 * Types `time` ("HH:mm") in the time field named `name`: its hours, then its minutes (times follow
 * the interface language, 24-hour in French).
 */
async function setTime(page: Page, name: string, time: string) {
  const [hours, minutes] = time.split(':');
  await page.getByRole('spinbutton', { name: `${name} : heures` }).fill(hours!);
  await page.getByRole('spinbutton', { name: `${name} : minutes` }).fill(minutes!);
}

/** First sign-in: the mandatory 2FA enrolment; returns the TOTP secret. */
async function enrol(page: Page): Promise<string> {
  await signIn(page, platform, MARTIN, { landed: false });
  await page.waitForURL(/\/setup-2fa/);
  await page.getByRole('button', { name: "Configurer l'application" }).click();
  const secret = ((await page.locator('code').first().textContent()) ?? '').replace(/\s+/g, '');
  await page.getByLabel('Code à 6 chiffres').fill(await currentTotp(secret));
  await page.getByRole('button', { name: 'Activer' }).click();
  await page.getByRole('button', { name: 'Accéder à mon espace' }).click();
  await page.waitForURL(/\/app/);
  return secret;
}

/** The slots of `date` (Paris) that the preview must show: whole slots, 2 h ahead, within 7 days. */
function expectedSlots(date: DateTime, hours: number[]) {
  const now = DateTime.now();
  return hours
    .map((hour) => date.set({ hour }))
    .filter(
      (start) => start >= now.plus({ hours: 2 }) && start.plus({ minutes: 50 }) <= now.plus({ days: 7 }),
    )
    .map((start) => start.toFormat('HH:mm'));
}

const label = (date: DateTime, locale: string) => {
  const text = date.setLocale(locale).toFormat('cccc d LLLL yyyy');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

describe('availability', () => {
  it('a practitioner sets her Monday, adds a day off and sees the preview (FR, then EN)', async () => {
    const page = await newPage(platform, 'fr');
    const secret = await enrol(page);
    await page.goto(`${platform.url}/app/availability`);
    await page.getByRole('heading', { name: 'Disponibilités', level: 1 }).waitFor();
    await page.getByText('Fuseau horaire : Europe/Paris').waitFor();

    // The seeded Monday is 09:00-17:00: end it at 12:00, then add 14:00-18:00.
    await setTime(page, 'Fin – plage 1 du lundi', '12:00');
    const add = page.getByRole('button', { name: 'Ajouter une plage le lundi' });
    await add.focus();
    await page.keyboard.press('Enter');
    await setTime(page, 'Début – plage 2 du lundi', '14:00');
    await setTime(page, 'Fin – plage 2 du lundi', '18:00');
    await page.getByRole('button', { name: 'Enregistrer la semaine type' }).click();
    await page.getByText('Semaine type enregistrée.').waitFor();
    // Times follow the interface language, not the browser: 24-hour in French, no AM/PM.
    expect(await page.getByRole('spinbutton', { name: 'Fin – plage 2 du lundi : heures' }).inputValue()).toBe(
      '18',
    );
    expect(await page.getByRole('combobox', { name: /matin ou après-midi$/ }).count()).toBe(0);

    const [martin] = await platform.db.ownerDb
      .select({ id: practitioners.id })
      .from(practitioners)
      .innerJoin(users, eq(users.id, practitioners.userId))
      .where(eq(users.email, MARTIN.email));
    const monday = await platform.db.ownerDb
      .select({ start: availabilities.startTime, end: availabilities.endTime })
      .from(availabilities)
      .where(and(eq(availabilities.practitionerId, martin!.id), eq(availabilities.dayOfWeek, 1)))
      .orderBy(availabilities.startTime);
    expect(monday).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ]);

    // A day off on the first Tuesday-Friday at least two days ahead (inside the 7-day preview).
    let dayOff = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 2 });
    while (dayOff.weekday > 5 || dayOff.weekday === 1) dayOff = dayOff.plus({ days: 1 });
    await page.getByRole('button', { name: 'Date', exact: true }).click();
    // The open picker: a named dialog, every day (the unavailable ones too) readable.
    await page.getByRole('dialog', { name: "Choisir la date de l'exception" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'availability-picker-fr');
    if (dayOff.month !== DateTime.now().setZone(ZONE).month) {
      await page.getByRole('button', { name: 'Mois suivant' }).click();
    }
    await page
      .getByRole('button', { name: dayOff.setLocale('fr').toFormat('d LLLL yyyy'), exact: true })
      .click();
    await page.getByRole('button', { name: "Ajouter l'exception" }).click();
    await page.getByText('Exception ajoutée.').waitFor();
    const exceptions = page.getByRole('region', { name: 'Exceptions à venir' });
    await exceptions.getByText(label(dayOff, 'fr')).waitFor();
    await exceptions.getByText('Journée off').waitFor();

    // The preview: next Monday's slots, nothing on the day off.
    const nextMonday = DateTime.now()
      .setZone(ZONE)
      .startOf('day')
      .plus({ days: (8 - DateTime.now().setZone(ZONE).weekday) % 7 || 7 });
    const preview = page.getByRole('region', { name: 'Aperçu des 7 prochains jours' });
    const mondaySlots = expectedSlots(nextMonday, [9, 10, 11, 14, 15, 16, 17]);
    if (mondaySlots.length > 0) {
      const item = preview.getByRole('listitem').filter({ hasText: label(nextMonday, 'fr') });
      await expect.poll(() => item.getByText(/^\d\d:\d\d$/).allTextContents()).toEqual(mondaySlots);
    }
    await expect.poll(() => preview.getByText(label(dayOff, 'fr')).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'availability-fr');

    // English: signed in again (the next TOTP step: each code is accepted once).
    const english = await newPage(platform, 'en');
    await signIn(english, platform, { ...MARTIN, totpSecret: secret }, { at: Date.now() + 30_000 });
    await english.goto(`${platform.url}/app/availability`);
    await english.getByRole('heading', { name: 'Weekly schedule' }).waitFor();
    await english.getByText('Time zone: Europe/Paris').waitFor();
    // Times in English as in the agenda and the booking (British English): 24-hour, 18:00, no AM/PM.
    const end = 'End – range 2 on Monday';
    expect(await english.getByRole('spinbutton', { name: `${end}: hours` }).inputValue()).toBe('18');
    expect(await english.getByRole('spinbutton', { name: `${end}: minutes` }).inputValue()).toBe('00');
    expect(await english.getByRole('combobox', { name: `${end}: AM or PM` }).count()).toBe(0);
    await english.getByRole('region', { name: 'Upcoming exceptions' }).getByText('Day off').waitFor();
    await english
      .getByRole('region', { name: 'Next 7 days preview' })
      .getByRole('listitem')
      .first()
      .waitFor();
    expect(await seriousViolations(english)).toEqual([]);
    await screenshot(english, 'availability-en');
  });
});
