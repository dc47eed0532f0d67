// A practitioner's validation in Chromium on the real platform (seed data, real e-mails as .eml
// files): a practitioner applies with the public form, confirms their address, enrols in 2FA,
// completes the application and uploads a PDF diploma, sends it; HuntZen's admin opens the queue,
// reads the diploma in the page, marks the documents verified and validates; the practitioner sees
// the validated profile and the notification. The pages in English too.
import { passesLuhn } from '@huntzen/contracts';
import { auditLogs } from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../apps/api/src/platform/auth';
import { samplePdf } from '../apps/api/src/platform/files/sample-files';
import {
  ADMIN,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
  switchToEnglish,
  waitForEmail,
} from './harness';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const PASSWORD = 'Divan-Bleu-Quai-Voltaire-9';

/** A valid RPPS number (11 digits, leading 1, Luhn key), different at each run. */
function rpps(): string {
  const body = `1${String(Date.now()).slice(-9)}`;
  return body + [...'0123456789'].find((d) => passesLuhn(body + d))!;
}

/**
 * First sign-in of a role that must use 2FA: enrols with the TOTP secret shown. Signing in switches
 * the page to the account's language, French for these accounts.
 */
async function enrolTwoFactor(page: Page): Promise<string> {
  await page.waitForURL(/\/setup-2fa/);
  await page.getByRole('button', { name: "Configurer l'application" }).click();
  const secret = ((await page.locator('code').first().textContent()) ?? '').replace(/\s+/g, '');
  await page.getByLabel('Code à 6 chiffres').fill(await currentTotp(secret));
  await page.getByRole('button', { name: 'Activer' }).click();
  await page.getByRole('button', { name: 'Accéder à mon espace' }).click();
  await page.waitForURL(/\/app/);
  return secret;
}

/** A full-page screenshot from the top of the page, no control focused. */
async function capture(page: Page, name: string) {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await screenshot(page, name);
}

/** Picks an option of a Mantine Select by its label. */
async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('practitioner validation', () => {
  it('a practitioner applies, completes the application and is validated by HuntZen', {
    timeout: 300_000,
  }, async () => {
    const email = `lea.morel.${Date.now()}@cabinet-morel.test`;
    const number = rpps();

    // The public application form.
    const page = await newPage(platform, 'fr');
    await page.goto(`${platform.url}/signup/practitioner`);
    await page.getByLabel('Titre').fill('Dr');
    await page.getByLabel('Prénom').fill('Léa');
    await page.getByLabel('Nom', { exact: true }).fill('Morel');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await pick(page, 'Spécialité', 'Psychologue clinicien');
    await page
      .getByLabel('Présentation')
      .fill('Psychologue clinicienne, j’accompagne les salariés face au stress et à l’épuisement.');
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await page.getByRole('heading', { name: 'Vérifiez votre boîte de réception' }).waitFor();
    const mail = await waitForEmail(platform.mailDir, email, /confirm/i);
    const link = mail.links.find((l) => l.includes('/verify-email?token='));
    expect(link).toBeDefined();
    await page.goto(link!);
    await page.getByRole('status').waitFor();

    // First sign-in: 2FA enrolment, then the profile page.
    await signIn(page, platform, { email, password: PASSWORD }, { landed: false });
    await enrolTwoFactor(page);
    await page.goto(`${platform.url}/app/profile`);
    await page.getByRole('heading', { name: 'Mon profil praticien' }).waitFor();
    await page.getByText('Brouillon').waitFor();
    expect(await seriousViolations(page, 'main')).toEqual([]);
    await capture(page, 'practitioner-application-draft-fr');

    // A mistyped RPPS number is caught before it is sent (its Luhn key), then corrected.
    await pick(page, 'Répertoire', 'RPPS');
    const wrong = number.slice(0, 10) + String((Number(number[10]) + 1) % 10);
    await page.getByLabel('Numéro professionnel').fill(wrong);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page
      .getByText('Ce numéro RPPS n’est pas valide')
      .or(page.getByText("Ce numéro RPPS n'est pas valide"))
      .waitFor();
    await capture(page, 'practitioner-application-invalid-rpps-fr');
    await page.getByLabel('Numéro professionnel').fill(number);
    await page.getByRole('checkbox', { name: 'Au cabinet' }).check();
    await page.getByLabel('Adresse du cabinet').fill('12 rue de Rivoli, 75004 Paris');
    await page.getByLabel('Diplômes', { exact: true }).first().fill('Master 2 psychologie clinique (2011)');
    await page.keyboard.press('Enter');
    await page.getByLabel('Vidéo de présentation').fill('https://vimeo.com/123456');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Profil enregistré.').first().waitFor();

    // The diploma, a real PDF, through the file picker.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Ajouter un document' }).click();
    await (await chooser).setFiles({
      name: 'diplome-master.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf('Master 2 Psychologie clinique - Lea Morel'),
    });
    await page.getByText('diplome-master.pdf a été ajouté.').first().waitFor();
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await page.getByText('En cours de vérification', { exact: true }).waitFor();
    await capture(page, 'practitioner-application-submitted-fr');

    // HuntZen's admin: first sign-in with 2FA enrolment, the queue, the application.
    const admin = await newPage(platform, 'fr');
    await signIn(admin, platform, ADMIN, { landed: false });
    await enrolTwoFactor(admin);
    await admin.goto(`${platform.url}/app/practitioners`);
    await admin.getByRole('tab', { name: 'À vérifier', selected: true }).waitFor();
    expect(await seriousViolations(admin, 'main')).toEqual([]);
    await screenshot(admin, 'admin-practitioner-queue-fr');
    await admin.getByRole('button', { name: 'Examiner la candidature de Dr Léa Morel' }).click();
    await admin.getByRole('heading', { name: 'Dr Léa Morel' }).waitFor();
    await admin.getByText(`RPPS ${number}`).waitFor();

    // The diploma is shown in the page from a blob: URL, fetched with the admin's token.
    const frame = admin.getByTitle('Aperçu de diplome-master.pdf');
    await frame.waitFor();
    const src = (await frame.getAttribute('src')) ?? '';
    expect(src).toMatch(/^blob:/);
    // The download is in the audit log, under the admin's name.
    const downloads = await platform.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'DOWNLOAD'), eq(auditLogs.userEmail, ADMIN.email)));
    expect(downloads.length).toBeGreaterThan(0);

    // A first round: sent back with a reason, written in the dialog with the keyboard.
    await admin.getByRole('button', { name: 'Renvoyer avec un motif' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Renvoyer la candidature' });
    await dialog.getByRole('button', { name: 'Renvoyer la candidature' }).click();
    await dialog.getByText('Ce champ est obligatoire.').waitFor();
    const reason = 'Merci de joindre aussi votre attestation d’assurance professionnelle.';
    await dialog.getByLabel('Motif').fill(reason);
    expect(await seriousViolations(admin, '[role="dialog"]')).toEqual([]);
    await screenshot(admin, 'admin-practitioner-reject-fr');
    await admin.keyboard.press('Tab');
    await admin.keyboard.press('Tab');
    await admin.keyboard.press('Enter');
    await admin.getByText('La candidature de Léa Morel lui a été renvoyée.').waitFor();
    await admin.getByText(reason).waitFor();

    // The practitioner reads the reason, adds the document and sends the application again.
    await page.reload();
    await page.getByText('À compléter', { exact: true }).waitFor();
    await page.getByText(reason).waitFor();
    await capture(page, 'practitioner-application-rejected-fr');
    const second = page.waitForEvent('filechooser');
    await pick(page, 'Type de document', 'Autre justificatif');
    await page.getByRole('button', { name: 'Ajouter un document' }).click();
    await (await second).setFiles({
      name: 'assurance-rcp.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf('Attestation RCP 2026 - Lea Morel'),
    });
    await page.getByText('assurance-rcp.pdf a été ajouté.').first().waitFor();
    await page.getByRole('button', { name: 'Renvoyer ma candidature' }).click();
    await page.getByText('En cours de vérification', { exact: true }).waitFor();

    // Back in the queue: this time the documents are verified and the practitioner validated.
    await admin.getByRole('button', { name: /Retour aux candidatures/ }).click();
    await admin.getByRole('button', { name: 'Examiner la candidature de Dr Léa Morel' }).click();
    await admin.getByRole('button', { name: 'Autre justificatif · assurance-rcp.pdf' }).click();
    await admin.getByTitle('Aperçu de assurance-rcp.pdf').waitFor();
    const validate = admin.getByRole('button', { name: 'Valider le praticien' });
    expect(await validate.isDisabled()).toBe(true);
    const verified = admin.getByRole('checkbox', { name: 'Justificatifs vérifiés' });
    await verified.click();
    await expect.poll(() => verified.isChecked()).toBe(true);
    await expect.poll(() => validate.isEnabled()).toBe(true);
    expect(await seriousViolations(admin, 'main')).toEqual([]);
    await screenshot(admin, 'admin-practitioner-review-fr');
    await validate.click();
    await admin.getByText('Léa Morel est validé(e) et prévenu(e) par e-mail.').waitFor();
    await admin.getByText(/^Validé le /).waitFor();
    await screenshot(admin, 'admin-practitioner-validated-fr');

    // The practitioner: validated, listed, told in the app and by e-mail.
    await page.reload();
    await page.getByText('Validé', { exact: true }).waitFor();
    await page
      .getByRole('switch', { name: 'Profil visible dans l’annuaire' })
      .or(page.getByRole('switch', { name: "Profil visible dans l'annuaire" }))
      .waitFor();
    expect(await seriousViolations(page, 'main')).toEqual([]);
    await capture(page, 'practitioner-profile-validated-fr');
    await page.goto(`${platform.url}/app/notifications`);
    await page.getByText('Votre profil est validé').first().waitFor();
    await capture(page, 'practitioner-notification-validated-fr');
    const validated = await waitForEmail(platform.mailDir, email, /profil HuntZen est validé/);
    expect(validated.links.some((l) => l.endsWith('/app/profile'))).toBe(true);
  });

  it('shows the queue and the validated profile in English', { timeout: 240_000 }, async () => {
    // The platform's owner (SUPER_ADMIN) also reviews applications.
    const admin = await newPage(platform, 'en');
    await signIn(
      admin,
      platform,
      { email: 'admin@primesynergy.com', password: 'SuperAdmin2025!' },
      { landed: false },
    );
    await enrolTwoFactor(admin);
    await switchToEnglish(admin);
    await admin.goto(`${platform.url}/app/practitioners?status=validated`);
    await admin.getByRole('tab', { name: 'Validated', selected: true }).waitFor();
    await admin.getByRole('button', { name: 'Review the application of Dr Léa Morel' }).waitFor();
    expect(await seriousViolations(admin, 'main')).toEqual([]);
    await screenshot(admin, 'admin-practitioner-queue-en');
    await admin.getByRole('button', { name: 'Review the application of Dr Léa Morel' }).click();
    await admin.getByText(/^Validated on /).waitFor();
    await admin.getByTitle('Preview of diplome-master.pdf').waitFor();
    await screenshot(admin, 'admin-practitioner-review-en');

    // A seeded, validated practitioner's page in English.
    const page = await newPage(platform, 'en');
    await signIn(
      page,
      platform,
      { email: 'dr.sophie.martin@huntzen.care', password: 'Praticien2025!' },
      { landed: false },
    );
    await enrolTwoFactor(page);
    await switchToEnglish(page);
    await page.goto(`${platform.url}/app/profile`);
    await page.getByRole('heading', { name: 'My practitioner profile' }).waitFor();
    await page.getByRole('switch', { name: 'I accept new clients' }).waitFor();
    expect(await seriousViolations(page, 'main')).toEqual([]);
    await capture(page, 'practitioner-profile-validated-en');
    // Pausing new clients is one keyboard action.
    await page.getByRole('switch', { name: 'I accept new clients' }).focus();
    await page.keyboard.press('Space');
    await page.getByText('Visibility saved.').first().waitFor();
    expect(await page.getByRole('switch', { name: 'I accept new clients' }).isChecked()).toBe(false);
  });
});
