// Every page of the navigation, for each role, on a 375 px phone: nothing wider than the screen.
// Wide content scrolls inside its own container (tables, the calendar, charts); anything else that
// overflows (a row of buttons, a segmented control, a count in a card) is cut off or pushes the
// page sideways. French for every role (its words are the longer), English for the employee too.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  ADMIN,
  CLAIRE,
  enableTwoFactor,
  MARC,
  MARTIN,
  newPage,
  type Platform,
  screenshot,
  signIn,
  startPlatform,
} from './harness';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const PHONE = { width: 375, height: 740 };

/** What overflows the page or its box, outside the containers that scroll on purpose. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`the page: ${root.scrollWidth} px wide`);
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(element);
      if (style.display === 'inline' || element.clientWidth === 0) continue;
      if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) continue;
      if (element.closest('.mantine-ScrollArea-root, table, .fc, svg')) continue;
      if (element.scrollWidth > element.clientWidth + 1) {
        const text = (element.textContent ?? '').trim().slice(0, 60);
        found.push(
          `<${element.tagName.toLowerCase()}> ${element.scrollWidth} px in ${element.clientWidth}: "${text}"`,
        );
      }
    }
    return found.slice(0, 5);
  });
}

/** Signs `account` in on a phone and checks every page of its navigation and its account pages. */
async function walk(account: Account, language: 'fr' | 'en', name: string) {
  const page = await newPage(platform, language, PHONE);
  await signIn(page, platform, account);
  await page.getByRole('button', { name: /^(Ouvrir le menu|Open menu)$/ }).waitFor();
  // The navigation, folded away behind the menu button on a phone, is in the page all the same.
  const links = page.locator('#app-navigation a[href^="/"]');
  await links.first().waitFor({ state: 'attached' });
  const paths = new Set<string>();
  for (const link of await links.all()) {
    paths.add((await link.getAttribute('href'))!);
  }
  expect(paths.size).toBeGreaterThan(3);
  paths.add('/account/security');
  paths.add('/account/data');
  const problems: string[] = [];
  for (const path of paths) {
    await page.goto(`${platform.url}${path}`);
    await page.waitForLoadState('networkidle');
    await page.locator('h1').first().waitFor();
    for (const problem of await overflowing(page)) problems.push(`${path}: ${problem}`);
  }
  expect(problems, `${name} (${language})`).toEqual([]);
  await page.goto(`${platform.url}/app`);
  await page.locator('h1').first().waitFor();
  await screenshot(page, `phone-home-${name}-${language}`);
  await page.context().close();
}

describe('on a phone', () => {
  it('fits every page of the employee, in French and in English', async () => {
    await walk(MARC, 'fr', 'employee');
    await walk(MARC, 'en', 'employee');
  });

  it('fits every page of the practitioner, HR and HuntZen admin (French)', async () => {
    await walk(
      { ...MARTIN, totpSecret: await enableTwoFactor(platform, MARTIN.email) },
      'fr',
      'practitioner',
    );
    await walk(CLAIRE, 'fr', 'hr');
    await walk({ ...ADMIN, totpSecret: await enableTwoFactor(platform, ADMIN.email) }, 'fr', 'admin');
  });
});
