import { chromium } from 'playwright-core';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox'],
});
const page = await browser.newPage();
await page.route('**/api/v1/**', (r) =>
  r.fulfill({ status: 401, body: '{}', contentType: 'application/json' }),
);
await page.goto('http://localhost:4173/login');
await page.locator('main h1').waitFor();
for (const [name, exact] of [
  ['Mot de passe', true],
  ['Mot de passe *', true],
  ['Mot de passe', false],
  ['Adresse e-mail', true],
] as const) {
  console.info(name, exact, await page.getByLabel(name, { exact }).count());
}
await browser.close();
