// GDPR rights in Chromium on the real platform. Marc (seeded employee) opens "Mes données" from
// the menu, downloads his data (a zip whose files we open), then, in English, asks for the erasure
// of his account with his password (typed and submitted with the keyboard), follows the link of the
// confirmation e-mail, confirms, is signed out and can no longer sign in. Axe finds nothing serious.
import { readFile } from 'node:fs/promises';
import { employees, users } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MARC,
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

describe('my data', () => {
  it('lets Marc download all his data as a zip, in French', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, MARC);
    await page.getByRole('link', { name: 'Mes données' }).click();
    await page.waitForURL(/\/account\/data$/);
    await page.getByRole('heading', { name: 'Mes données', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Ce qui reste, et pourquoi' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-fr');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger mes données (.zip)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^huntzen-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    for (const name of [
      'README.txt',
      'account.json',
      'profile.json',
      'consents.json',
      'journal.json',
      'messages.json',
    ]) {
      expect(zip[name], name).toBeDefined();
    }
    const text = (name: string) => Buffer.from(zip[name]!).toString('utf8');
    expect(JSON.parse(text('account.json')).account.email).toBe(MARC.email);
    expect(JSON.parse(text('profile.json')).employee).toMatchObject({
      firstName: 'Marc',
      lastName: 'Dupont',
    });
    expect(JSON.parse(text('journal.json')).format).toBe('huntzen-journal');
    await page.getByText('Le téléchargement de vos données a commencé.').waitFor();
    await page.context().close();
  });

  it('lets Marc erase his account in English, confirmed by e-mail; he can no longer sign in', async () => {
    const page = await newPage(platform, 'en');
    await signIn(page, platform, MARC, { at: Date.now() });
    // Signing in applies Marc's language (French); a new load takes the page's (English).
    await page.reload();
    // The account menu reaches the page too.
    await page.getByRole('button', { name: /Marc Dupont's account/ }).click();
    await page.getByRole('menuitem', { name: 'My data' }).click();
    await page.waitForURL(/\/account\/data$/);
    await page.getByRole('heading', { name: 'Delete my account', level: 2 }).waitFor();

    await page.getByRole('button', { name: 'Delete my account…' }).click();
    // The password field has the focus: typed, then submitted with Enter.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('type')))
      .toBe('password');
    await page.keyboard.type('not my password');
    await page.keyboard.press('Enter');
    await page.getByText('incorrect password').waitFor();
    await page.getByLabel('Current password').fill(MARC.password);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .getByText(/A confirmation e-mail was sent to marc\.dupont@techcorp\.com/)
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-en-requested');

    // Nothing is erased yet; the link comes by e-mail, to the address being erased.
    const [still] = await platform.db.ownerDb.select().from(users).where(eq(users.email, MARC.email));
    expect(still?.isActive).toBe(true);
    const mail = await waitForEmail(platform.mailDir, MARC.email, /suppression|deletion/i);
    const link = mail.links.find((l) => l.includes('/account/data/erase?token='));
    expect(link).toBeDefined();

    await page.goto(link!);
    await page.getByRole('heading', { name: 'Confirm the deletion of my account' }).waitFor();
    const erase = page.getByRole('button', { name: 'Delete my account for good' });
    expect(await erase.isDisabled()).toBe(true);
    // The checkbox with the keyboard.
    await page.getByLabel('I understand the deletion is final').focus();
    await page.keyboard.press('Space');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-en-confirm');
    await erase.click();
    await page.getByText('Your account has been deleted. Goodbye, and take care.').waitFor();
    await page.waitForURL((url) => !url.pathname.startsWith('/account'));
    await screenshot(page, 'privacy-en-erased');

    // Erased in the database: no address, no names.
    const [row] = await platform.db.ownerDb
      .select({
        email: users.email,
        active: users.isActive,
        first: employees.firstName,
        last: employees.lastName,
      })
      .from(users)
      .innerJoin(employees, eq(employees.userId, users.id))
      .where(eq(users.id, still!.id));
    expect(row).toMatchObject({ active: false, first: 'Deleted', last: 'account' });
    expect(row!.email).not.toContain('marc');

    // Signing in is refused, like an unknown account.
    await signIn(page, platform, MARC, { landed: false });
    await page
      .getByText(/incorrect/i)
      .first()
      .waitFor();
    expect(page.url()).toMatch(/\/login/);
    await screenshot(page, 'privacy-en-login-refused');
  });
});
