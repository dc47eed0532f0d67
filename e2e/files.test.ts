// Pictures in Chromium on the real platform: an employee chooses an avatar and a cover on the
// account page and sees them; HR sets the company logo, which appears in the header. The images
// are real PNG files, served back by the API's public content URLs.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { padded, samplePng } from '../apps/api/src/platform/files/sample-files';
import { newPage, type Platform, screenshot, seriousViolations, signIn, startPlatform } from './harness';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

/** Picks `file` in the chooser the button opens, as a user would. */
async function choose(page: Page, button: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(file);
}

/** Waits until the image `alt` shows a file served by the API (not the local preview), decoded. */
async function servedImage(page: Page, alt: string) {
  // In the page's content: the header may show the same picture (the company logo).
  const image = page.getByRole('main').getByRole('img', { name: alt, exact: true });
  await expect
    .poll(
      () =>
        image.evaluate((img: HTMLImageElement) =>
          img.src.includes('/api/v1/files/') && img.complete ? img.naturalWidth : 0,
        ),
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0);
  return image.getAttribute('src');
}

// The account page's other cards belong to other features: this checks the pictures card.
const CARD = 'section[aria-labelledby="profile-media-title"]';

describe('profile pictures', () => {
  it('an employee uploads an avatar and a cover and sees them', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, { email: 'marc.dupont@techcorp.com', password: 'Employee2025!' });
    await page.goto(`${platform.url}/account/security`);
    await page.getByRole('heading', { name: 'Photo et couverture' }).waitFor();
    expect(await seriousViolations(page, CARD)).toEqual([]);

    // Refused in the browser already: not an image.
    await choose(page, 'Ajouter une photo', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('pas une image'),
    });
    await page.getByText('Choisissez une image PNG, JPEG, WebP ou GIF.').waitFor();

    await choose(page, 'Ajouter une photo', {
      name: 'marc.png',
      mimeType: 'image/png',
      buffer: samplePng(96, 96, [47, 107, 94]),
    });
    const avatar = await servedImage(page, 'Votre photo de profil');
    expect(avatar).toMatch(new RegExp(`^${platform.url}/api/v1/files/[0-9a-f-]{36}/content$`));
    await page.getByText('Image enregistrée.').first().waitFor();

    await choose(page, 'Ajouter une couverture', {
      name: 'couverture.png',
      mimeType: 'image/png',
      buffer: padded(samplePng(480, 160, [214, 140, 69]), 200_000),
    });
    await servedImage(page, 'Votre image de couverture');
    await page.getByRole('button', { name: 'Changer la photo' }).waitFor();
    expect(await seriousViolations(page, CARD)).toEqual([]);
    await screenshot(page, 'employee-profile-media-fr');

    // Still there after a reload: saved on the profile, served to anyone by its URL.
    await page.reload();
    expect(await servedImage(page, 'Votre photo de profil')).toBe(avatar);
    const anonymous = await fetch(avatar!);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('content-type')).toBe('image/png');
  });
});

describe('company branding', () => {
  it('HR sets the company logo, and the header shows it', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, { email: 'claire.rousseau@techcorp.com', password: 'AdminRH2025!' });
    await page.goto(`${platform.url}/app/company`);
    await page.getByRole('heading', { name: 'Identité visuelle' }).waitFor();
    await choose(page, 'Ajouter un logo', {
      name: 'techcorp.png',
      mimeType: 'image/png',
      buffer: samplePng(128, 64, [31, 78, 145]),
    });
    const logo = await servedImage(page, 'Logo de TechCorp France');
    expect(logo).toContain('/api/v1/files/');
    // The header's logo comes from the refreshed session profile.
    await expect
      .poll(
        () =>
          page.getByRole('banner').getByRole('img', { name: 'Logo de TechCorp France' }).getAttribute('src'),
        {
          timeout: 15_000,
        },
      )
      .toBe(logo);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'hr-company-branding-fr');
  });
});
