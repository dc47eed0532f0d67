// The employee's home in Chromium on the real platform. Marc has a video consultation with Dr
// Martin starting in 5 minutes (its room is open: the join button is live), two unread messages
// from her, one unread notification and a company news item: the home shows them all with the
// crisis numbers, in French, in English and at phone width (375 px). Axe finds nothing serious.
import { randomUUID } from 'node:crypto';
import { FieldCipher, masterKey, messageContentContext } from '@huntzen/crypto';
import { consultations, employees, messages, news, notifications, practitioners, users } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENCRYPTION_KEY } from '../apps/api/test/build-test-app';
import {
  MARC,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

const CLAIRE_EMAIL = 'claire.rousseau@techcorp.com';
const MARTIN_EMAIL = 'dr.sophie.martin@huntzen.care';
const NEWS_TITLE = 'La cafétéria propose des menus équilibrés';

let platform: Platform;
let consultationId: string;

beforeAll(async () => {
  platform = await startPlatform();
  const db = platform.db.ownerDb;
  const [marc] = await db
    .select({ userId: users.id, employeeId: employees.id, companyId: employees.companyId })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(users.email, MARC.email));
  const [martin] = await db
    .select({ id: practitioners.id })
    .from(practitioners)
    .innerJoin(users, eq(users.id, practitioners.userId))
    .where(eq(users.email, MARTIN_EMAIL));
  const [claire] = await db.select().from(users).where(eq(users.email, CLAIRE_EMAIL));

  // A confirmed video consultation in 5 minutes: its room opened 10 minutes before the start.
  const start = new Date(Date.now() + 5 * 60_000);
  const [consultation] = await db
    .insert(consultations)
    .values({
      companyId: marc!.companyId,
      employeeId: marc!.employeeId,
      practitionerId: martin!.id,
      scheduledAt: start,
      scheduledEndAt: new Date(start.getTime() + 50 * 60_000),
      duration: 50,
      format: 'VIDEO',
      status: 'CONFIRMED',
      roomName: `hz-e2e-${randomUUID()}`,
    })
    .returning({ id: consultations.id });
  consultationId = consultation!.id;

  // Two unread messages from Dr Martin, encrypted as the chat writes them.
  const cipher = new FieldCipher(masterKey(Buffer.from(TEST_ENCRYPTION_KEY, 'base64')));
  for (const text of ['Bonjour Marc, à tout à l’heure.', 'Le lien est dans votre espace.']) {
    const id = randomUUID();
    const sealed = cipher.encrypt(text, messageContentContext({ id, consultationId }));
    await db.insert(messages).values({
      id,
      consultationId,
      senderId: martin!.id,
      senderRole: 'PRACTITIONER',
      ...sealed,
    });
  }
  await db.insert(notifications).values({
    userId: marc!.userId,
    type: 'SYSTEM',
    title: 'Bienvenue sur HuntZen',
    message: 'Votre espace est prêt.',
  });
  await db.insert(news).values({
    companyId: marc!.companyId,
    title: NEWS_TITLE,
    content: 'Dès lundi, des menus équilibrés à la cafétéria du 3e étage.',
    authorId: claire!.id,
    authorName: 'Claire Rousseau',
  });
});
afterAll(async () => {
  await platform?.close();
});

async function expectHome(page: Page, labels: Record<string, string | RegExp>) {
  const next = page.getByRole('region', { name: labels.next });
  await next.getByText(/Dr\.? Sophie Martin/).waitFor();
  const join = next.getByRole('link', { name: labels.join });
  await join.waitFor();
  expect(await join.getAttribute('href')).toBe(`/app/consultations/${consultationId}/room`);
  const unread = page.getByRole('region', { name: labels.unread });
  await unread.getByRole('link', { name: labels.messages }).waitFor();
  await unread.getByRole('link', { name: labels.notifications }).waitFor();
  await page.getByRole('region', { name: labels.news }).getByRole('link', { name: NEWS_TITLE }).waitFor();
  const crisis = page.getByRole('region', { name: labels.crisis });
  await crisis.getByRole('link', { name: /3114/ }).waitFor();
}

describe("the employee's home", () => {
  it('shows the next consultation to join, unread counts, news and the crisis numbers (FR)', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, MARC);
    await page.getByRole('heading', { name: 'Bonjour Marc', level: 1 }).waitFor();
    await expectHome(page, {
      next: 'Ma prochaine consultation',
      join: 'Rejoindre la séance',
      unread: 'Non lus',
      messages: /^2\s*messages non lus$/,
      notifications: /^1\s*notification non lue$/,
      news: 'Actualités de l’entreprise',
      crisis: 'Besoin d’aide tout de suite ?',
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'home-employee-fr');

    // The unread counters lead to their pages, by keyboard too.
    const messagesLink = page
      .getByRole('region', { name: 'Non lus' })
      .getByRole('link', { name: /messages non lus/ });
    await messagesLink.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/messages$/);
    await page.context().close();
  });

  it('reads in English and fits a phone screen', async () => {
    const page = await newPage(platform, 'en');
    await signIn(page, platform, MARC);
    // Signing in applies the account's language (French); a new load takes the page's (English) again.
    await page.goto(`${platform.url}/app`);
    await page.getByRole('heading', { name: 'Hello Marc', level: 1 }).waitFor();
    await expectHome(page, {
      next: 'My next consultation',
      join: 'Join the session',
      unread: 'Unread',
      messages: /^2\s*unread messages$/,
      notifications: /^1\s*unread notification$/,
      news: 'Company news',
      crisis: 'Need help right now?',
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'home-employee-en');
    await page.context().close();

    const phone = await newPage(platform, 'fr', { width: 375, height: 812 });
    await signIn(phone, platform, MARC);
    await phone
      .getByRole('region', { name: 'Ma prochaine consultation' })
      .getByRole('link', { name: 'Rejoindre la séance' })
      .waitFor();
    await phone.getByRole('region', { name: 'Besoin d’aide tout de suite ?' }).waitFor();
    // Nothing wider than the screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'home-employee-phone-fr');
    await phone.context().close();
  });
});
