// The web client's one authenticated call (apps/web/src/lib/api.ts, apiFetch) in Chromium on the
// real platform: when the API refuses an expired access token, the page exchanges its refresh
// cookie once and retries, for a JSON read, a file download and a multipart upload alike. The
// expired token is real: the page's own claims signed by the platform's secret with an issue time
// two hours ago, swapped into the Authorization header of one request; the API answers it 401.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from '../apps/api/src/platform/auth';
import { samplePng } from '../apps/api/src/platform/files/sample-files';
import { TEST_JWT_SECRET } from '../apps/api/test/build-test-app';
import { MARC, newPage, type Platform, signIn, startPlatform } from './harness';

const SECRET = Buffer.from(TEST_JWT_SECRET, 'base64');

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

/**
 * Sends the next request to /api/v1`path` (query string ignored) with an expired token carrying
 * the page's own claims; records the status of every answer to that path, and to /auth/refresh
 * from then on.
 */
async function expireNextCall(page: Page, path: string, method = 'GET') {
  const statuses: { path: number[]; refresh: number[] } = { path: [], refresh: [] };
  const target = `${platform.url}/api/v1${path}`;
  let swapped = false;
  // Listening before the route is armed: no answer to it can come unheard.
  page.on('response', (response) => {
    const url = response.url().split('?')[0];
    if (url === target && response.request().method() === method) statuses.path.push(response.status());
    // After the swap: a page load's own refresh (the session's bootstrap) comes before it.
    if (swapped && url === `${platform.url}/api/v1/auth/refresh`) statuses.refresh.push(response.status());
  });
  await page.route(
    (url) => url.href.split('?')[0] === target,
    async (route) => {
      const request = route.request();
      const bearer = request.headers().authorization?.replace(/^Bearer /, '');
      if (swapped || request.method() !== method || !bearer) return route.continue();
      swapped = true;
      const claims = await verifyAccessToken(SECRET, bearer);
      const { token } = await signAccessToken(SECRET, claims, new Date(Date.now() - 2 * 3_600_000));
      await route.continue({ headers: { ...request.headers(), authorization: `Bearer ${token}` } });
    },
  );
  return statuses;
}

describe('an expired access token', () => {
  it('is refreshed once and the call retried: a JSON read, a download, an upload', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, MARC);

    // A JSON read: the list of consultations still shows. From a blank page: the home page that
    // signing in lands on reads consultations too, and its request, if still to come, would take
    // the expired token instead of the list's.
    await page.goto('about:blank');
    const list = await expireNextCall(page, '/consultations');
    await page.goto(`${platform.url}/app/consultations`);
    await page.getByRole('heading', { name: 'Mes consultations', level: 1 }).waitFor();
    await expect.poll(() => list.path).toEqual([401, 200]);
    expect(list.refresh).toEqual([200]);
    expect(page.url()).toMatch(/\/app\/consultations$/);

    // A download (not JSON): the zip of my data is still saved.
    const exported = await expireNextCall(page, '/me/export');
    await page.goto(`${platform.url}/account/data`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger mes données (.zip)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^huntzen-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(exported.path).toEqual([401, 200]);
    expect(exported.refresh).toEqual([200]);

    // A multipart upload: the same form is sent again, and the picture is saved once.
    const uploaded = await expireNextCall(page, '/files', 'POST');
    await page.goto(`${platform.url}/account/security`);
    await page.getByRole('heading', { name: 'Photo et couverture' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Ajouter une photo' }).click();
    await (await chooser).setFiles({
      name: 'marc.png',
      mimeType: 'image/png',
      buffer: samplePng(64, 64, [47, 107, 94]),
    });
    await page.getByText('Image enregistrée.').first().waitFor();
    expect(uploaded.path).toEqual([401, 201]);
    expect(uploaded.refresh).toEqual([200]);
    const { rows } = await platform.db.owner.query<{ n: number }>(
      `select count(*)::int as n from files f join users u on u.id = f.uploaded_by
        where u.email = $1 and f.file_type = 'AVATAR'`,
      [MARC.email],
    );
    expect(rows[0]!.n).toBe(1);
  });
});
