// Company news in Chromium on the real platform. Claire (HR of TechCorp) writes an item with an
// image for the "Développement" department, picking the department with the keyboard. Marc
// (Développement) is notified, finds it on his home and on the News page, and reads it; Léa
// (Marketing) sees neither it nor its page. Then in English Claire sees the read count, edits and
// deletes an item. Axe finds nothing serious.
import { employees, news, notifications, users } from '@huntzen/db';
import bcrypt from 'bcrypt';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePng } from '../apps/api/src/platform/files/sample-files';
import {
  CLAIRE,
  MARC,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

const LEA = { email: 'lea.moreau@techcorp.com', password: 'Lea-Marketing-2025!' };
const TITLE = 'Hackathon bien-être de l’équipe Développement';

let platform: Platform;
let marcUserId: string;
let leaUserId: string;

/** Léa, a second employee of TechCorp, in Marketing, ready to use the app. */
async function createLea(companyId: string): Promise<string> {
  const now = new Date();
  const [user] = await platform.db.ownerDb
    .insert(users)
    .values({
      email: LEA.email,
      passwordHash: await bcrypt.hash(LEA.password, 10),
      role: 'EMPLOYEE',
      companyId,
      isActive: true,
      emailVerified: true,
      approvedAt: now,
    })
    .returning({ id: users.id });
  await platform.db.ownerDb.insert(employees).values({
    userId: user!.id,
    companyId,
    firstName: 'Léa',
    lastName: 'Moreau',
    department: 'Marketing',
    onboardingCompletedAt: now,
    consentGivenAt: now,
    consentVersion: '1.0',
  });
  return user!.id;
}

beforeAll(async () => {
  platform = await startPlatform();
  const [marc] = await platform.db.ownerDb.select().from(users).where(eq(users.email, MARC.email));
  marcUserId = marc!.id;
  leaUserId = await createLea(marc!.companyId!);
});
afterAll(async () => {
  await platform?.close();
});

async function newsNotificationsOf(userId: string) {
  return platform.db.ownerDb
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, 'NEWS_PUBLISHED')));
}

async function openNews(page: Page, name: RegExp) {
  await page.getByRole('navigation').getByRole('link', { name }).first().click();
  await page.waitForURL(/\/app\/news$/);
}

describe('company news', () => {
  it('Claire publishes targeted news that Marc sees and Léa does not (FR)', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, CLAIRE);
    await openNews(page, /^Actualités$/);
    await page.getByRole('heading', { name: 'Actualités', level: 1 }).waitFor();
    await page.getByText('Vous n’avez encore publié aucune actualité.').waitFor();
    await page.getByRole('button', { name: 'Écrire une actualité' }).click();

    const form = page.getByRole('region', { name: 'Nouvelle actualité' });
    await form.getByLabel('Titre').fill(TITLE);
    await form.getByLabel('Texte').fill('Jeudi de 14 h à 17 h, salle Atlas.\nAteliers sommeil et posture.');
    // The department, with the keyboard: the list offers the departments of the company's employees.
    const departments = form.getByLabel('Services concernés');
    await departments.focus();
    await departments.pressSequentially('Dév');
    await page.getByRole('option', { name: 'Développement' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await form.locator('input[type=file]').setInputFiles({
      name: 'atelier.png',
      mimeType: 'image/png',
      buffer: samplePng(64, 32, [47, 107, 94]),
    });
    await form.getByRole('img', { name: 'Aperçu de l’image' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'news-hr-editor-fr');
    await form.getByRole('button', { name: 'Publier' }).click();

    const list = page.getByRole('region', { name: 'Liste des actualités' });
    const card = list.getByRole('article', { name: TITLE });
    await card.waitFor();
    await card.getByText('Pour : Développement').waitFor();
    await card.getByText('0 lecture').waitFor();
    await card.getByRole('img', { name: `Illustration de « ${TITLE} »` }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'news-hr-list-fr');

    const [stored] = await platform.db.ownerDb.select().from(news).where(eq(news.title, TITLE));
    expect(stored!.targetDepartments).toEqual(['Développement']);
    expect(stored!.imageUrl).toMatch(/\/api\/v1\/files\/[0-9a-f-]{36}\/content$/);
    // Marc (Développement) is told, Léa (Marketing) is not.
    expect(await newsNotificationsOf(marcUserId)).toHaveLength(1);
    expect(await newsNotificationsOf(leaUserId)).toHaveLength(0);
    await page.context().close();

    // Marc: his home shows it, the News page lists it as new, its page shows text and image.
    const marc = await newPage(platform, 'fr');
    await signIn(marc, platform, MARC);
    const homeNews = marc.getByRole('region', { name: 'Actualités de l’entreprise' });
    await homeNews.getByRole('link', { name: TITLE }).waitFor();
    await openNews(marc, /^Actualités$/);
    const item = marc.getByRole('article', { name: TITLE });
    await item.getByText('Nouveau').waitFor();
    expect(await seriousViolations(marc)).toEqual([]);
    await screenshot(marc, 'news-employee-list-fr');
    await item.getByRole('link', { name: TITLE }).click();
    await marc.waitForURL(/\/app\/news\/[0-9a-f-]{36}$/);
    await marc.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await marc.getByText('Ateliers sommeil et posture.').waitFor();
    await marc.getByRole('img', { name: `Illustration de « ${TITLE} »` }).waitFor();
    expect(await seriousViolations(marc)).toEqual([]);
    await screenshot(marc, 'news-employee-detail-fr');
    const itemUrl = marc.url();
    await expect
      .poll(
        async () =>
          (await platform.db.ownerDb.select().from(news).where(eq(news.title, TITLE)))[0]!.viewCount,
      )
      .toBe(1);
    await marc.context().close();

    // Léa: nothing on her News page, and the item's address is "not found".
    const lea = await newPage(platform, 'fr');
    await signIn(lea, platform, LEA);
    const leaHome = lea.getByRole('region', { name: 'Actualités de l’entreprise' });
    await leaHome.getByText('Aucune actualité pour le moment.').waitFor();
    await openNews(lea, /^Actualités$/);
    await lea.getByText('Aucune actualité pour le moment.').waitFor();
    expect(await lea.getByText(TITLE).count()).toBe(0);
    await lea.goto(itemUrl);
    await lea
      .getByRole('alert')
      .or(lea.getByText(/introuvable|n’existe pas|Not found/i))
      .first()
      .waitFor();
    expect(await lea.getByText(TITLE).count()).toBe(0);
    expect(await seriousViolations(lea)).toEqual([]);
    await screenshot(lea, 'news-other-department-fr');
    await lea.context().close();
  });

  it('Claire sees the reads, edits and deletes items, in English', async () => {
    const page = await newPage(platform, 'en');
    await signIn(page, platform, CLAIRE);
    // Signing in applies the account's language (French); a new load takes the page's (English) again.
    await page.goto(`${platform.url}/app`);
    await openNews(page, /^News$/);
    await page.getByRole('heading', { name: 'News', level: 1 }).waitFor();
    const list = page.getByRole('region', { name: 'News list' });
    await list.getByRole('article', { name: TITLE }).getByText('1 read').waitFor();

    // A second item, for everyone, to delete.
    await page.getByRole('button', { name: 'Write news' }).click();
    const form = page.getByRole('region', { name: 'New item' });
    await form.getByLabel('Title').fill('Office closed on Friday');
    await form.getByLabel('Text').fill('The office is closed on Friday for maintenance.');
    await form.getByRole('button', { name: 'Publish' }).click();
    const second = list.getByRole('article', { name: 'Office closed on Friday' });
    await second.getByText('For everyone').waitFor();
    // Both employees hear of an item for everyone.
    expect(await newsNotificationsOf(leaUserId)).toHaveLength(1);

    // Edit the first one's title.
    await list.getByRole('article', { name: TITLE }).getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the item' });
    await dialog.getByLabel('Title').fill('Wellbeing hackathon (moved to Friday)');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'news-hr-edit-en');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await list.getByRole('article', { name: 'Wellbeing hackathon (moved to Friday)' }).waitFor();

    // Delete the second one.
    await second.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this item?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => list.getByRole('article', { name: 'Office closed on Friday' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'news-hr-list-en');
    await page.context().close();
  });
});
