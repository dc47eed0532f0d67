// Issue 17, item 10: HR and HuntZen's admins have no profile; their home greets them by a display
// name — the seeded HR admin by hers, an admin without one is asked for it on the home page and can
// change it on the account page. French, accessibility checked with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  ADMIN,
  enableTwoFactor,
  CLAIRE as HR,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

let platform: Platform;
let admin: Account;
beforeAll(async () => {
  platform = await startPlatform();
  admin = { ...ADMIN, totpSecret: await enableTwoFactor(platform, ADMIN.email) };
});
afterAll(async () => {
  await platform?.close();
});

describe('display names', () => {
  it('greets the HR admin by her name', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, HR);
    await page.getByRole('heading', { name: 'Bonjour Claire Rousseau', level: 1 }).waitFor();
    expect(
      await page.getByRole('heading', { name: "Comment souhaitez-vous que l'on vous appelle ?" }).count(),
    ).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'home-hr-named-fr');
  });

  it('asks an admin without a name for one, then greets them by it', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, admin, { at: Date.now() });
    await page.getByRole('heading', { name: 'Bonjour', exact: true, level: 1 }).waitFor();
    const prompt = page.getByRole('region', { name: "Comment souhaitez-vous que l'on vous appelle ?" });
    await prompt.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'home-admin-name-prompt-fr');
    await prompt.getByRole('button', { name: 'Enregistrer' }).click();
    await prompt
      .getByText(/au moins 1 caractère|obligatoire|Saisissez/i)
      .first()
      .waitFor();
    await prompt.getByRole('textbox', { name: 'Nom affiché' }).fill('Julien Morel');
    await prompt.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: 'Bonjour Julien Morel', level: 1 }).waitFor();
    await prompt.waitFor({ state: 'detached' });

    await page.goto(`${platform.url}/account/security`);
    const card = page.getByRole('region', { name: 'Votre nom' });
    expect(await card.getByRole('textbox', { name: 'Nom affiché' }).inputValue()).toBe('Julien Morel');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
