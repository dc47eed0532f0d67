// An employee's first steps in Chromium on the real platform: sign-up with a TechCorp address,
// the emailed confirmation link, first sign-in straight into the onboarding wizard (driven with the
// keyboard), consent, home; then the social profile, edited; then a new consent version, which
// brings the consent screen back and keeps the other pages closed until it is accepted.
import { companies, employees, users } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
  waitForEmail,
} from './harness';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  // The seed's TechCorp waits for HR approval; this journey is about what comes after it.
  await platform.db.ownerDb
    .update(companies)
    .set({ autoApproveEmployees: true })
    .where(eq(companies.slug, 'techcorp-france'));
});
afterAll(async () => {
  await platform?.close();
});

const PASSWORD = 'Brume-Legere-Sur-Le-Rhone-9';

async function employeeRow(email: string) {
  const [row] = await platform.db.ownerDb
    .select({ employee: employees })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(users.email, email));
  return row!.employee;
}

async function switchLanguage(page: Page, to: 'Français' | 'English') {
  await page.getByRole('button', { name: /^(Langue|Language)/ }).click();
  await page.getByRole('menuitem', { name: to }).click();
}

describe('employee onboarding', () => {
  it('signs up, is walked through onboarding and consent, edits the profile, and is asked again for a new consent', async () => {
    const email = `lea.martin.${Date.now()}@techcorp.fr`;
    const page = await newPage(platform, 'fr');

    // Sign-up and the real confirmation email.
    await page.goto(`${platform.url}/signup/employee`);
    await page.getByLabel('Prénom').fill('Léa');
    await page.getByLabel('Nom', { exact: true }).fill('Martin');
    await page.getByLabel('Adresse e-mail professionnelle').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { name: 'Vérifiez votre boîte de réception' }).waitFor();
    const mail = await waitForEmail(platform.mailDir, email, /confirm/i);
    const link = mail.links.find((l) => l.includes('/verify-email?token='));
    expect(link).toBeDefined();
    await page.goto(link!);
    await page.getByText('Adresse confirmée').waitFor();

    // First sign-in: the wizard, whatever page was asked for.
    await signIn(page, platform, { email, password: PASSWORD });
    await page.waitForURL(/\/app\/welcome$/);
    await page.goto(`${platform.url}/app/profile`);
    await page.waitForURL(/\/app\/welcome$/);
    await page.getByRole('heading', { name: 'Bienvenue, Léa' }).waitFor();
    // The emergency numbers stay one click away during onboarding.
    await expect.poll(() => page.getByRole('button', { name: 'Urgence ?' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'onboarding-identity-fr');

    // Step 1: the name from sign-up is there; Enter moves on.
    expect(await page.getByLabel('Prénom').inputValue()).toBe('Léa');
    await page.getByLabel('Prénom').press('Enter');

    // Step 2 is in the URL: a reload stays on it, Back and Forward move between steps, and a
    // hand-typed later step is capped at the first one not saved yet.
    await page.getByRole('heading', { name: 'Votre poste' }).waitFor();
    expect(new URL(page.url()).searchParams.get('step')).toBe('2');
    await page.reload();
    await page.getByRole('heading', { name: 'Votre poste' }).waitFor();
    expect(await page.getByText('Étape 2 sur 4').isVisible()).toBe(true);
    await page.goBack();
    await page.getByRole('heading', { name: 'Vous', exact: true }).waitFor();
    await page.goForward();
    await page.getByRole('heading', { name: 'Votre poste' }).waitFor();
    await page.goto(`${platform.url}/app/welcome?step=4`);
    await page.getByRole('heading', { name: 'Votre poste' }).waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe('2');

    // Step 2, typed field after field; a wrong phone number is refused, then corrected.
    await page.getByLabel('Service').focus();
    await page.keyboard.type('Marketing');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Cheffe de produit');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await page.getByText('Numéro non valide').waitFor();
    await screenshot(page, 'onboarding-work-error-fr');
    await page.getByLabel('Téléphone').fill('06 12 34 56 78');
    await page.getByLabel('Téléphone').press('Enter');

    // Step 3: choosing English switches the interface at once.
    await page.getByRole('heading', { name: 'Préférences' }).waitFor();
    await page.getByRole('radio', { name: 'Français' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: 'Preferences' }).waitFor();
    expect(await page.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);
    const zone = page.getByRole('combobox', { name: 'Time zone' });
    await zone.focus();
    await zone.press('ControlOrMeta+a');
    await page.keyboard.type('Europe/Par');
    await page.getByRole('option', { name: 'Europe/Paris' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await zone.inputValue()).toBe('Europe/Paris');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'onboarding-preferences-en');
    await page.getByRole('button', { name: 'Continue' }).press('Enter');

    // Step 4: the consent, which must be ticked.
    await page.getByRole('heading', { name: 'What HuntZen does with your data' }).waitFor();
    await page.getByRole('button', { name: 'Accept and finish' }).press('Enter');
    await page.getByText('Tick the box to continue.').waitFor();
    expect((await employeeRow(email)).onboardingCompletedAt).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'onboarding-consent-en');
    await page.getByRole('checkbox', { name: /I have read this text/ }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Accept and finish' }).press('Enter');

    // Home, in the chosen language; everything was saved.
    await page.waitForURL((url) => url.pathname === '/app');
    await page.getByRole('heading', { name: 'Hello Léa' }).waitFor();
    // The "ready" message covers neither the emergency button nor the bell (issue 17).
    const ready = page.locator('.mantine-Notification-root', { hasText: 'Your space is ready.' });
    await ready.waitFor();
    const readyBox = (await ready.boundingBox())!;
    for (const control of [
      page.getByRole('button', { name: 'Emergency?' }),
      page.getByRole('button', { name: /^Notifications/ }),
    ]) {
      const box = (await control.boundingBox())!;
      const overlaps =
        box.x < readyBox.x + readyBox.width &&
        readyBox.x < box.x + box.width &&
        box.y < readyBox.y + readyBox.height &&
        readyBox.y < box.y + box.height;
      expect(overlaps).toBe(false);
    }
    await screenshot(page, 'onboarding-ready-toast-en');
    const saved = await employeeRow(email);
    expect(saved).toMatchObject({
      department: 'Marketing',
      position: 'Cheffe de produit',
      phoneNumber: '+33612345678',
      preferredLanguage: 'en',
      timezone: 'Europe/Paris',
      consentVersion: '1.0',
    });
    expect(saved.onboardingCompletedAt).not.toBeNull();
    expect(saved.consentGivenAt).not.toBeNull();
    await screenshot(page, 'onboarding-done-home-en');

    // The profile: edited and shown.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'My profile' })
      .click();
    await page.getByRole('heading', { name: 'Léa Martin', level: 1 }).waitFor();
    await page.getByText('Cheffe de produit · Marketing').waitFor();
    await page.getByRole('button', { name: 'Edit profile' }).click();
    await page.getByLabel('About me').fill('Randonneuse le week-end.\nJ’aime les projets qui ont du sens.');
    await page.getByLabel('City').fill('Lyon');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile-edit-en');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Profile saved.').waitFor();
    await page.getByText('Randonneuse le week-end.').waitFor();
    await page.getByText('at TechCorp France · Lyon').waitFor();
    expect(await page.getByRole('link', { name: '+33612345678' }).getAttribute('href')).toBe(
      'tel:+33612345678',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile-en');
    await switchLanguage(page, 'Français');
    await page.getByRole('heading', { name: 'À propos' }).waitFor();
    await screenshot(page, 'profile-fr');
    const mobile = await newPage(platform, 'fr', { width: 390, height: 844 });
    await signIn(mobile, platform, { email, password: PASSWORD });
    await mobile.goto(`${platform.url}/app/profile`);
    await mobile.getByRole('heading', { name: 'À propos' }).waitFor();
    await screenshot(mobile, 'profile-fr-mobile');

    // A new consent version: the consent screen comes back, and other pages wait for it.
    await platform.db.ownerDb
      .update(employees)
      .set({ consentVersion: '0.9' })
      .where(eq(employees.id, saved.id));
    await page.reload();
    await page.waitForURL(/\/app\/consent$/);
    await page.getByRole('heading', { name: 'Notre texte sur vos données a changé' }).waitFor();
    await page.goto(`${platform.url}/app/consultations`);
    await page.waitForURL(/\/app\/consent$/);
    await expect.poll(() => page.getByRole('button', { name: 'Urgence ?' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'consent-again-fr');
    await switchLanguage(page, 'English');
    await page.getByRole('heading', { name: 'Our text about your data has changed' }).waitFor();
    await screenshot(page, 'consent-again-en');
    await page.getByRole('checkbox', { name: /I have read this text/ }).check();
    await page.getByRole('button', { name: 'I agree' }).click();
    // Back where the employee was going.
    await page.waitForURL(/\/app\/consultations$/);
    expect((await employeeRow(email)).consentVersion).toBe('1.0');
  });

  it('lets the seed’s Marc, who accepted version 1.0, straight in', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, { email: 'marc.dupont@techcorp.com', password: 'Employee2025!' });
    await page.waitForURL((url) => url.pathname === '/app');
    await page.getByRole('heading', { name: 'Bonjour Marc' }).waitFor();
    // He can reread what he accepted.
    await page.goto(`${platform.url}/app/consent`);
    await page.getByText(/Vous avez accepté la version 1\.0 le/).waitFor();
    await screenshot(page, 'consent-accepted-fr');
  });
});
