// The mood journal in Chromium on the real platform. Marc (seeded employee) writes three entries
// with different moods (the mood picked with a tap and with the arrow keys) and tags, sees them
// listed and charted with his streak, filters by a tag, exports his journal as JSON and CSV. Then
// the page in English, where he opts in to the tone analysis, and at phone width (375 px). Axe
// finds nothing serious.
import { readFile } from 'node:fs/promises';
import { employees, journalEntries, users } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MARC,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

let platform: Platform;
let marcEmployeeId: string;

beforeAll(async () => {
  platform = await startPlatform();
  const [row] = await platform.db.ownerDb
    .select({ id: employees.id })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(users.email, MARC.email));
  marcEmployeeId = row!.id;
});
afterAll(async () => {
  await platform?.close();
});

async function writeEntry(page: Page, entry: { mood: string; text: string; tags: string[] }) {
  const form = page.getByRole('region', { name: /Nouvelle entrée|New entry/ });
  await form.getByRole('radio', { name: entry.mood, exact: true }).click();
  await form.getByLabel(/Votre texte|Your text/).fill(entry.text);
  const tags = form.getByLabel(/^(Étiquettes|Tags)$/);
  for (const tag of entry.tags) {
    await tags.fill(tag);
    await tags.press('Enter');
  }
  await form.getByRole('button', { name: /Enregistrer|Save/ }).click();
  await page.getByText(entry.text).waitFor();
}

describe('the mood journal', () => {
  it('lets Marc write, list, chart, filter and export his journal, in French', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, MARC);
    await page.getByRole('link', { name: 'Journal', exact: true }).first().click();
    await page.waitForURL(/\/app\/journal$/);
    await page.getByRole('heading', { name: 'Mon journal', level: 1 }).waitFor();

    await writeEntry(page, {
      mood: 'Bien',
      text: 'Marche au soleil à midi, ça fait du bien.',
      tags: ['Sport', 'soleil'],
    });
    await writeEntry(page, {
      mood: 'Pas bien',
      text: 'Réunion tendue, je rumine encore.',
      tags: ['travail'],
    });

    // The third mood with the keyboard: focus a mood, then arrow keys choose (radio group).
    const form = page.getByRole('region', { name: 'Nouvelle entrée' });
    // The editor is cleared once the last entry is saved.
    await expect.poll(() => form.getByLabel('Votre texte').inputValue()).toBe('');
    await form.getByRole('radio', { name: 'Neutre', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(
      await form.getByRole('radio', { name: 'Très bien', exact: true }).getAttribute('aria-checked'),
    ).toBe('true');
    await form.getByLabel('Votre texte').fill('Projet livré, bravo de l’équipe !');
    await form.getByLabel('Étiquettes', { exact: true }).fill('travail');
    await form.getByLabel('Étiquettes', { exact: true }).press('Enter');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Projet livré, bravo de l’équipe !').waitFor();
    await page
      .getByTestId('journal-entry')
      .filter({ hasText: 'Projet livré' })
      .getByText('Très bien')
      .waitFor();

    const list = page.getByRole('region', { name: 'Mes entrées' });
    await expect.poll(() => list.getByTestId('journal-entry').count()).toBe(3);
    // Tags are stored normalised.
    await list.getByRole('button', { name: '#sport' }).waitFor();
    const rows = await platform.db.ownerDb
      .select()
      .from(journalEntries)
      .where(eq(journalEntries.employeeId, marcEmployeeId));
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.encryptedContent).join()).not.toContain('soleil');

    // The chart and the streak.
    await page.getByTestId('journal-chart').locator('svg').first().waitFor();
    await page.getByTestId('journal-streak').getByText('1 jour d’affilée').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'journal-fr');

    // Filter by a tag.
    await list.getByLabel('Étiquette').fill('travail');
    await expect.poll(() => list.getByTestId('journal-entry').count()).toBe(2);
    await expect.poll(() => list.getByText('Marche au soleil').count()).toBe(0);
    await screenshot(page, 'journal-fr-filtered');
    await list.getByRole('button', { name: 'Effacer les filtres' }).click();
    await expect.poll(() => list.getByTestId('journal-entry').count()).toBe(3);

    // Export, JSON then CSV, through the authenticated client.
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter (JSON)' }).click(),
    ]);
    const exported = JSON.parse(await readFile((await json.path())!, 'utf8'));
    expect(exported.format).toBe('huntzen-journal');
    expect(exported.entries.map((e: { content: string }) => e.content)).toContain(
      'Réunion tendue, je rumine encore.',
    );
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter (CSV)' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^journal-.*\.csv$/);
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text).toContain('"Marche au soleil à midi, ça fait du bien."');
  });

  it('shows the same journal in English and at phone width', async () => {
    const page = await newPage(platform, 'en');
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/journal`);
    await page.getByRole('heading', { name: 'My journal', level: 1 }).waitFor();
    const list = page.getByRole('region', { name: 'My entries' });
    await expect.poll(() => list.getByTestId('journal-entry').count()).toBe(3);
    await list.getByText('Very good').waitFor();
    // Opting in to the tone analysis scores his (French) entries, shown to him only.
    const tone = page.getByRole('switch', { name: 'Estimate the tone of my entries' });
    await tone.click();
    await expect.poll(() => tone.isChecked()).toBe(true);
    await expect.poll(() => list.getByText(/^Estimated tone: /).count()).toBe(3);
    await page.getByTestId('journal-chart').locator('svg').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'journal-en');

    const phone = await newPage(platform, 'fr', { width: 375, height: 812 });
    await signIn(phone, platform, MARC);
    await phone.goto(`${platform.url}/app/journal`);
    await phone.getByRole('heading', { name: 'Mon journal', level: 1 }).waitFor();
    await phone.getByRole('radio', { name: 'Très bien', exact: true }).waitFor();
    // Nothing wider than the screen.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'journal-fr-phone');
  });
});
