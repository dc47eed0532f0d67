// Companies and HR's employee management in Chromium on the real platform: a company signs up, the
// HuntZen admin (2FA) validates it — and rejects another with a reason — in the browser; TechCorp's
// HR sets its colours (which Marc, an employee, then sees), edits its domains, approves a waiting
// employee, deactivates Marc (whose open page loses its session) and reactivates him. French and
// English, accessibility checked with axe.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  ADMIN,
  MARC as EMPLOYEE,
  enableTwoFactor,
  CLAIRE as HR,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
  waitForEmail,
} from './harness';

const STRONG = 'Gentle-Tide-Compass-88';

let platform: Platform;
let admin: Account;
beforeAll(async () => {
  platform = await startPlatform();
  // 2FA is mandatory for HuntZen's admins: enabled as enrolment would leave it.
  admin = { ...ADMIN, totpSecret: await enableTwoFactor(platform, ADMIN.email) };
});
afterAll(async () => {
  await platform?.close();
});

/** A company registered through the public API, as the sign-up form does. */
async function registerCompany(name: string, domain: string, language: 'fr' | 'en') {
  const response = await fetch(`${platform.url}/api/v1/signup/company`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      company: { name, emailDomains: [domain], city: 'Lyon' },
      admin: { email: `rh@${domain}`, password: STRONG, preferredLanguage: language },
    }),
  });
  expect(response.status).toBe(201);
}

/** The computed colour `property` of the first element matching `selector`. */
function computed(page: Page, selector: string, property: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
}

describe('HuntZen reviews new companies', () => {
  it('validates one and rejects another with a reason, in French', async () => {
    await registerCompany('Nova Studio', 'nova-studio.test', 'en');
    await registerCompany('Ombre Conseil', 'ombre-conseil.test', 'fr');
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, admin, { at: Date.now() });
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Entreprises' })
      .click();
    await page.getByRole('heading', { name: 'Entreprises', level: 1 }).waitFor();
    const queue = page.getByRole('table', { name: 'Entreprises en attente de validation' });
    await queue.getByRole('link', { name: 'Nova Studio' }).waitFor();
    await queue.getByRole('link', { name: 'Ombre Conseil' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'companies-queue-fr');

    // Validate Nova Studio from its page.
    await queue.getByRole('link', { name: 'Nova Studio' }).click();
    await page.getByRole('heading', { name: 'Nova Studio', level: 1 }).waitFor();
    await page.getByText('rh@nova-studio.test').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'company-detail-pending-fr');
    await page.getByRole('button', { name: "Valider l'entreprise" }).click();
    const confirm = page.getByRole('dialog', { name: 'Valider Nova Studio ?' });
    await confirm.getByRole('button', { name: "Valider l'entreprise" }).click();
    await page.getByText('Nova Studio est validée.').waitFor();
    await page.getByText('Active', { exact: true }).first().waitFor();
    await expect.poll(() => page.getByRole('button', { name: "Valider l'entreprise" }).count()).toBe(0);
    // Its HR admin chose English at sign-up.
    const validated = await waitForEmail(platform.mailDir, 'rh@nova-studio.test', /space is validated/);
    expect(validated.links.some((link) => link.endsWith('/app/company'))).toBe(true);

    // Reject Ombre Conseil: the reason is required.
    await page.getByRole('link', { name: 'Toutes les entreprises' }).click();
    await page
      .getByRole('table', { name: 'Entreprises en attente de validation' })
      .getByRole('link', { name: 'Ombre Conseil' })
      .click();
    await page.getByRole('button', { name: 'Refuser…' }).click();
    const dialog = page.getByRole('dialog', { name: "Refuser l'inscription de Ombre Conseil" });
    await dialog.getByRole('button', { name: "Refuser l'inscription" }).click();
    await dialog.getByText('Ce champ est obligatoire.').waitFor();
    await dialog
      .getByLabel('Raison du refus')
      .fill('Le SIRET fourni ne correspond à aucune entreprise active.');
    await screenshot(page, 'company-reject-dialog-fr');
    await dialog.getByRole('button', { name: "Refuser l'inscription" }).click();
    await page.getByText("L'inscription de Ombre Conseil est refusée.").waitFor();
    await page.getByText(/Inscription refusée le/).waitFor();
    const rejected = await waitForEmail(platform.mailDir, 'rh@ombre-conseil.test', /non validée/);
    expect(rejected.text).toContain('Le SIRET fourni ne correspond à aucune entreprise active.');

    // Both left the queue.
    await page.getByRole('link', { name: 'Toutes les entreprises' }).click();
    await page.getByText("Aucune entreprise n'attend de validation.").waitFor();
  });

  it('searches every company, in English', async () => {
    const page = await newPage(platform, 'en');
    await signIn(page, platform, admin, { at: Date.now() + 30_000 });
    await page.goto(`${platform.url}/app/companies`);
    await page.getByRole('tab', { name: 'All companies' }).click();
    await page.getByLabel('Search', { exact: true }).fill('nova');
    await page.getByRole('button', { name: 'Search' }).click();
    const table = page.getByRole('table', { name: 'Companies' });
    await table.getByRole('link', { name: 'Nova Studio' }).waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(2); // header + Nova Studio
    await page.getByLabel('Search', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await table.getByRole('link', { name: 'TechCorp France' }).waitFor();
    await table.getByRole('link', { name: 'Ombre Conseil' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'companies-list-en');
  });
});

describe("TechCorp's HR", () => {
  it('sets the colours, which employees see, and edits the email domains', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, HR);
    await page.goto(`${platform.url}/app/company`);
    await page.getByRole('heading', { name: 'Mon entreprise', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Identité visuelle' }).waitFor();
    // The saved colours are in the form before anything is typed over them.
    const primary = page.getByLabel('Couleur principale');
    await expect.poll(() => primary.inputValue()).toBe('#4A90E2');

    await primary.fill('#1E5AA8');
    await page.keyboard.press('Escape');
    // The live preview follows before anything is saved.
    await expect
      .poll(() => computed(page, '[data-testid="brand-preview-button"]', 'background-color'))
      .toBe('rgb(30, 90, 168)');
    await page.getByLabel('Couleur secondaire').fill('#F2A33A');
    await page.keyboard.press('Escape');
    await expect.poll(() => primary.inputValue()).toBe('#1E5AA8');
    await expect
      .poll(() => computed(page, '[data-testid="brand-preview-button"]', 'background-color'))
      .toBe('rgb(30, 90, 168)');

    // A domain of another company (Nova Studio, validated above) is refused by the server.
    await page.getByRole('button', { name: 'Ajouter un domaine' }).click();
    await page.getByRole('textbox', { name: 'Domaine 3' }).fill('nova-studio.test');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText('Un domaine appartient déjà à une autre entreprise inscrite sur HuntZen.').waitFor();
    await page.getByText('Déjà utilisé par une autre entreprise : @nova-studio.test.').waitFor();
    // Malformed: refused in the browser already.
    await page.getByRole('textbox', { name: 'Domaine 3' }).fill('pas un domaine');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText('Saisissez un domaine comme @entreprise.fr.').waitFor();
    // A public webmail domain would open the company to anyone: the server refuses it, on its field.
    await page.getByRole('textbox', { name: 'Domaine 3' }).fill('gmail.com');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page
      .getByText("@gmail.com est une messagerie publique : n'importe qui peut y créer une adresse.", {
        exact: false,
      })
      .waitFor();
    await page.getByRole('textbox', { name: 'Domaine 3' }).fill('TechCorp.io');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText('Réglages enregistrés.').waitFor();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Domaine 3' }).inputValue())
      .toBe('@techcorp.io');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'hr-company-settings-fr');

    // Marc, an employee, sees TechCorp's colours: a filled button, the company name in the header,
    // and the accent line under the header.
    const marc = await newPage(platform, 'fr');
    await signIn(marc, platform, EMPLOYEE);
    const header = marc.getByRole('banner');
    await header.getByText('TechCorp France').waitFor();
    expect(await header.getByText('TechCorp France').evaluate((el) => getComputedStyle(el).color)).toBe(
      'rgb(30, 90, 168)',
    );
    expect(await computed(marc, 'header', 'border-bottom-color')).toBe('rgb(242, 163, 58)');
    expect(
      await marc.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--mantine-primary-color-filled').trim(),
      ),
    ).toBe('#1e5aa8');
    expect(await seriousViolations(marc)).toEqual([]);
    await screenshot(marc, 'employee-branded-fr');
  });

  it('approves a waiting employee, deactivates Marc (his session ends) and reactivates him', async () => {
    const signup = await fetch(`${platform.url}/api/v1/signup/employee`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'julie.martin@techcorp.com',
        password: STRONG,
        firstName: 'Julie',
        lastName: 'Martin',
      }),
    });
    expect(signup.status).toBe(201);
    const marc = await newPage(platform, 'fr');
    await signIn(marc, platform, EMPLOYEE);

    const page = await newPage(platform, 'fr');
    await signIn(page, platform, HR);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Employés' })
      .click();
    await page.getByRole('heading', { name: 'Employés', level: 1 }).waitFor();
    await page.getByRole('tab', { name: /En attente/ }).click();
    const approve = page.getByRole('button', { name: 'Approuver Julie Martin' });
    // With the keyboard: focus, Enter, then the dialog's confirm button has the focus.
    await approve.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Approuver Julie Martin ?' });
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('Le compte de Julie Martin est approuvé.').waitFor();
    await page
      .getByText('Aucune inscription en attente d’approbation.')
      .or(page.getByText("Aucune inscription en attente d'approbation."))
      .waitFor();

    await page.getByRole('tab', { name: 'Tous' }).click();
    await page.getByLabel('Rechercher', { exact: true }).fill('dupont');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('button', { name: 'Désactiver Marc Dupont' }).click();
    const deactivate = page.getByRole('dialog', { name: 'Désactiver Marc Dupont ?' });
    await deactivate.getByLabel('Motif (facultatif)').fill('Test de désactivation');
    await deactivate.getByRole('button', { name: 'Désactiver' }).click();
    await page.getByText('Le compte de Marc Dupont est désactivé.').waitFor();
    await page.getByRole('button', { name: 'Réactiver Marc Dupont' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'hr-employees-fr');

    // Marc's open page has lost its session: the next request sends him to the sign-in page.
    await marc.reload();
    await marc.waitForURL(/\/login/);
    await signIn(marc, platform, EMPLOYEE, { landed: false });
    await marc.getByText('Ce compte est désactivé.').waitFor();

    await page.getByRole('button', { name: 'Réactiver Marc Dupont' }).click();
    await page
      .getByRole('dialog', { name: 'Réactiver Marc Dupont ?' })
      .getByRole('button', { name: 'Réactiver' })
      .click();
    await page.getByText('Le compte de Marc Dupont est réactivé.').waitFor();
    await signIn(marc, platform, EMPLOYEE);
  });

  it('shows the employee list and the settings in English', async () => {
    const page = await newPage(platform, 'en');
    await signIn(page, platform, HR);
    await page.goto(`${platform.url}/app/employees`);
    await page.getByRole('heading', { name: 'Employees', level: 1 }).waitFor();
    await page.getByRole('table').getByText('Julie Martin').waitFor();
    await page.getByRole('table').getByText('Marc Dupont').waitFor();
    // No health data in the list: no consultation, practitioner or counter column.
    const headers = await page.getByRole('columnheader').allTextContents();
    expect(headers.filter(Boolean)).toEqual([
      'Name',
      'E-mail address',
      'Department',
      'Position',
      'Status',
      'Signed up',
      'Actions',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'hr-employees-en');

    await page.goto(`${platform.url}/app/company`);
    await page.getByRole('heading', { name: 'My company', level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel('Primary colour').inputValue()).toBe('#1E5AA8');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'hr-company-settings-en');
  });
});
