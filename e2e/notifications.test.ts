// Notifications in Chromium on the real platform: a signed-in employee sees the bell's count go up
// without reloading when notifications are created for them (pushed over socket.io once their
// transaction commits), opens the dropdown, then the notification centre, and marks all read.
import { SYSTEM_ACTOR, users, withActor } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotifyInput, notify } from '../apps/api/src/platform/notifications';
import { MARC, newPage, type Platform, screenshot, seriousViolations, startPlatform } from './harness';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

/** Creates a notification for `userId` as the platform would (committed, then pushed). */
function notifyUser(userId: string, values: Partial<NotifyInput>) {
  return withActor(platform.db, SYSTEM_ACTOR, (tx) =>
    notify(tx, { userId, type: 'SYSTEM', title: 'Titre', message: 'Message.', email: false, ...values }),
  );
}

describe('the notification bell', () => {
  it('counts new notifications live, lists them, and marks them read', async () => {
    const [marc] = await platform.db.ownerDb.select().from(users).where(eq(users.email, MARC.email));
    const page = await newPage(platform, 'fr');
    // The server sends the unread count as soon as the socket has joined the user's room: from
    // then on a new notification is pushed (before, it would only be counted on connection).
    let live = false;
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        if (String(payload).includes('notifications:unread')) live = true;
      }),
    );
    await page.goto(`${platform.url}/login`);
    await page.getByLabel('Adresse e-mail').fill(MARC.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(MARC.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/app/);
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications');
    await expect.poll(() => live, { timeout: 15_000 }).toBe(true);

    await notifyUser(marc!.id, {
      type: 'CONSULTATION_CONFIRMED',
      title: 'Consultation confirmée',
      message: 'Votre consultation de lundi à 10 h est confirmée.',
      linkUrl: '/app/consultations',
      linkLabel: 'Voir mes consultations',
    });
    await page.getByRole('button', { name: 'Notifications : 1 non lue' }).waitFor();
    // The toast comes only with the pushed notification itself, not from a count refresh.
    await page.getByRole('status').filter({ hasText: 'Consultation confirmée' }).waitFor();

    await notifyUser(marc!.id, {
      type: 'NEWS_PUBLISHED',
      title: 'Nouvelle actualité',
      message: 'TechCorp publie son programme bien-être de l’automne.',
    });
    await page.getByRole('button', { name: 'Notifications : 2 non lues' }).waitFor();
    expect(page.url()).toMatch(/\/app$/);
    await page.getByRole('status').filter({ hasText: 'Nouvelle actualité' }).waitFor();
    await screenshot(page, 'notifications-live-fr');

    await page.getByRole('button', { name: 'Notifications : 2 non lues' }).click();
    const dropdown = page.getByRole('dialog', { name: 'Notifications' });
    await dropdown.getByText('Nouvelle actualité').waitFor();
    await dropdown.getByText('Consultation confirmée').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'notifications-bell-fr');

    await dropdown.getByRole('link', { name: 'Voir toutes les notifications' }).click();
    await page.waitForURL(/\/app\/notifications$/);
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByText('2 notifications non lues').waitFor();
    await page.getByRole('link', { name: 'Voir mes consultations' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'notifications-centre-fr');

    await page.getByRole('button', { name: 'Marquer « Nouvelle actualité » comme lue' }).click();
    await page.getByRole('button', { name: 'Notifications : 1 non lue' }).waitFor();
    await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await page.getByText('Vous êtes à jour.').waitFor();
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications');
  });
});
