// Issue 17, item 1, in Chromium: a domain TechCorp's HR adds stays "pending verification" (no one
// signs up through it) until someone opens the link sent to an address at that domain chosen by HR.
// French, accessibility checked with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLAIRE as HR,
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
});
afterAll(async () => {
  await platform?.close();
});

describe('proof of control of a new email domain', () => {
  it('keeps an added domain pending until the link sent to an address there is opened', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, HR);
    await page.goto(`${platform.url}/app/company`);
    await page.getByRole('heading', { name: 'Mon entreprise', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ajouter un domaine' }).click();
    await page
      .getByRole('textbox', { name: /^Domaine \d$/ })
      .last()
      .fill('techcorp-labs.test');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText('Réglages enregistrés.').waitFor();

    const card = page.getByRole('region', { name: 'Vérification des domaines e-mail' });
    const added = card.getByRole('region', { name: '@techcorp-labs.test' });
    await added.getByText('En attente de vérification').waitFor();
    expect(await card.getByRole('region', { name: '@techcorp.com' }).getByText('Vérifié').count()).toBe(1);

    // The address must be at the domain.
    const address = added.getByRole('textbox', {
      name: 'Adresse en @techcorp-labs.test qui recevra le lien',
    });
    await address.fill('claire@gmail.com');
    await added.getByRole('button', { name: 'Envoyer le lien de vérification' }).click();
    await added.getByText("L'adresse doit se terminer par @techcorp-labs.test.").waitFor();
    await address.fill('it@techcorp-labs.test');
    await added.getByRole('button', { name: 'Envoyer le lien de vérification' }).click();
    await added.getByText(/Lien envoyé à it@techcorp-labs\.test/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'domain-verification-pending-fr');

    const mail = await waitForEmail(platform.mailDir, 'it@techcorp-labs.test', /Confirmez le domaine/);
    const link = mail.links.find((l) => l.includes('/verify-domain?token='));
    expect(link).toBeDefined();
    const reader = await newPage(platform, 'fr');
    await reader.goto(link!);
    await reader.getByText('Domaine vérifié').waitFor();
    await reader.getByText(/Le domaine @techcorp-labs\.test est vérifié/).waitFor();
    expect(await seriousViolations(reader)).toEqual([]);
    await screenshot(reader, 'domain-verification-done-fr');

    await page.reload();
    await page
      .getByRole('region', { name: '@techcorp-labs.test' })
      .getByText('Vérifié', { exact: true })
      .waitFor();
  });
});
