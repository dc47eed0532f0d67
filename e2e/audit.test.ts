// The audit log in Chromium on the real platform: the seeded HuntZen admin signs in with 2FA, finds
// their own sign-in by filtering on the LOGIN action, opens its detail with the keyboard, exports
// the filtered rows as CSV (and finds that export audited); in French and in English.
import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  ADMIN,
  enableTwoFactor,
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
  // 2FA is mandatory for HuntZen's admins: enabled as enrolment would leave it.
  admin = { ...ADMIN, totpSecret: await enableTwoFactor(platform, ADMIN.email) };
});
afterAll(async () => {
  await platform?.close();
});

const TEXT = {
  fr: {
    title: "Journal d'audit",
    login: 'Connexion',
    exportAction: 'Export',
    apply: 'Filtrer',
    from: 'Du',
    fromDialog: 'Du : choisir une date',
    export: 'Exporter en CSV',
    details: /^Afficher les détails : Connexion/,
    hide: /^Masquer les détails : Connexion/,
  },
  en: {
    title: 'Audit log',
    login: 'Sign-in',
    exportAction: 'Export',
    apply: 'Apply filters',
    from: 'From',
    fromDialog: 'From: choose a date',
    export: 'Export as CSV',
    details: /^Show details: Sign-in/,
    hide: /^Hide details: Sign-in/,
  },
} as const;

/** Picks `option` in the action select with the keyboard (type, arrow, Enter), then applies the filters. */
async function filterByAction(page: Page, language: 'fr' | 'en', option: string) {
  const select = page.getByRole('combobox', { name: 'Action', exact: true });
  await select.fill(option);
  await page.getByRole('option', { name: option, exact: true }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => select.inputValue()).toBe(option);
  await page.getByRole('button', { name: TEXT[language].apply }).click();
}

describe('audit log', () => {
  for (const [language, at] of [
    ['fr', () => Date.now()],
    // The French sign-in used this step's code; a code is accepted once, so the next step's.
    ['en', () => Date.now() + 30_000],
  ] as const) {
    it(`shows the admin their own sign-in, with its detail and a CSV export (${language})`, async () => {
      const text = TEXT[language];
      const page = await newPage(platform, language);
      await signIn(page, platform, admin, { at: at() });
      await page.goto(`${platform.url}/app/audit`);
      await page.getByRole('heading', { name: text.title, level: 1 }).waitFor();

      await filterByAction(page, language, text.login);
      await page.waitForURL(/[?&]action=LOGIN/);
      const table = page.getByRole('region', {
        name: language === 'fr' ? "Entrées du journal d'audit" : 'Audit log entries',
      });
      const rows = table.locator('tbody tr');
      // Both sign-ins are listed by the time the English pass runs; the newest comes first.
      await expect.poll(() => rows.count()).toBe(language === 'fr' ? 1 : 2);
      const first = rows.first();
      expect(await first.textContent()).toContain(ADMIN.email);
      expect(await first.textContent()).toContain(text.login);
      // Day before month in both languages (British English, as every page writes dates): an
      // audit trail must not read 12/7 as 12 July in one language and 7 December in the other.
      expect(((await first.locator('td').first().textContent()) ?? '').trim()).toMatch(
        /^\d{2}\/\d{2}\/\d{4}( |, )\d{2}:\d{2}:\d{2}$/,
      );
      // The period filter: a day picked in a calendar in the page's language (never the browser's
      // date format), opened from the keyboard; the filter keeps today's sign-ins.
      const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA'));
      const day = DateTime.fromISO(today)
        .setLocale(language === 'fr' ? 'fr' : 'en-GB')
        .toFormat('d LLLL yyyy');
      const from = page.getByRole('button', { name: text.from, exact: true });
      await from.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: text.fromDialog }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `audit-log-calendar-${language}`);
      await page.getByRole('button', { name: day, exact: true }).click();
      await expect.poll(() => from.textContent()).toBe(day);
      await page.getByRole('button', { name: text.apply }).click();
      await page.waitForURL(new RegExp(`[?&]from=${today}`));
      await expect.poll(() => rows.count()).toBe(language === 'fr' ? 1 : 2);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `audit-log-${language}`);

      // The detail opens from the keyboard and shows the details JSON.
      const toggle = page.getByRole('button', { name: text.details }).first();
      await toggle.focus();
      await page.keyboard.press('Enter');
      const hide = page.getByRole('button', { name: text.hide }).first();
      await expect.poll(() => hide.getAttribute('aria-expanded')).toBe('true');
      await table.getByText('"secondFactor": "totp"').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `audit-log-detail-${language}`);

      // The CSV export of the current filters, downloaded as a file.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: text.export }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^audit-logs-\d{8}T\d{6}Z\.csv$/);
      const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
      const lines = csv.trim().split('\r\n');
      expect(lines[0]).toMatch(/^createdAt,actorKind,userId,userEmail,userRole,action,/);
      expect(lines.slice(1).every((line) => line.includes(`,${ADMIN.email},ADMIN_HUNTZEN,LOGIN,user,`))).toBe(
        true,
      );
      expect(lines).toHaveLength(language === 'fr' ? 2 : 3);

      // The export itself is in the log.
      await filterByAction(page, language, text.exportAction);
      await page.waitForURL(/[?&]action=EXPORT/);
      await expect.poll(() => rows.count()).toBe(language === 'fr' ? 1 : 2);
      expect(await rows.first().textContent()).toContain('audit_log');
    });
  }

  it('tells a refused sign-in from a success, shows sensitive rows legibly, details within 1280 px (fr)', async () => {
    // A wrong password through the API: the row the log must not label as a plain "Connexion".
    const refused = await fetch(`${platform.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: 'Not-The-Password-1' }),
    });
    expect(refused.status).toBe(401);
    await platform.db.owner.query(
      `insert into audit_logs (user_id, user_role, user_email, action, resource, is_sensitive)
       select id, role, email, 'READ', 'consultation', true from users where email = $1`,
      [ADMIN.email],
    );
    const page = await newPage(platform, 'fr');
    // The super admin reads it: the HuntZen admin's codes of these steps are spent.
    const superAdmin = { email: 'admin@primesynergy.com', password: 'SuperAdmin2025!' };
    await signIn(page, platform, {
      ...superAdmin,
      totpSecret: await enableTwoFactor(platform, superAdmin.email),
    });
    await page.goto(`${platform.url}/app/audit`);
    const table = page.getByRole('region', { name: "Entrées du journal d'audit" });
    const rows = table.locator('tbody tr');
    await rows.first().waitFor();

    const failed = rows.filter({ hasText: 'Échec de connexion' });
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toContain(ADMIN.email);
    const sensitive = rows.filter({ hasText: 'Sensible' });
    expect(await sensitive.count()).toBe(1);
    expect(await sensitive.textContent()).toContain('Consultation');
    // At 1280 px the table fits its card: no sideways scrolling, every "Détails" button inside it.
    const card = (await table.boundingBox())!;
    const buttons = table.getByRole('button', { name: /^Afficher les détails/ });
    for (const box of await Promise.all((await buttons.all()).map((b) => b.boundingBox())))
      expect(box!.x + box!.width).toBeLessThanOrEqual(card.x + card.width - 8);
    expect(
      await table
        .locator('table')
        .evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth),
    ).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'audit-log-failed-sensitive-fr');
  });
});
