// The HR admin of a company that signed up and is not validated yet: home, employees and billing
// say the company awaits HuntZen's validation and point to the company settings, in French and
// English, accessibility checked with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
  waitForEmail,
} from './harness';

const STRONG = 'Gentle-Tide-Compass-88';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const TEXT = {
  fr: {
    confirmed: 'Adresse confirmée',
    notice: 'Votre entreprise est en attente de validation par HuntZen',
    settings: "Paramètres de l'entreprise",
  },
  en: {
    confirmed: 'Address confirmed',
    notice: 'Your company is awaiting validation by HuntZen',
    settings: 'Company settings',
  },
} as const;

/** Registers a company as the sign-up form does and confirms its HR admin's address; returns the e-mail. */
async function registerCompany(name: string, domain: string, language: 'fr' | 'en') {
  const email = `rh@${domain}`;
  const response = await fetch(`${platform.url}/api/v1/signup/company`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      company: { name, emailDomains: [domain], city: 'Lyon' },
      admin: { email, password: STRONG, preferredLanguage: language },
    }),
  });
  expect(response.status).toBe(201);
  const mail = await waitForEmail(platform.mailDir, email, /confirm/i);
  const link = mail.links.find((l) => l.includes('/verify-email?token='));
  expect(link).toBeDefined();
  return { email, link: link! };
}

describe('HR of a company awaiting validation', () => {
  for (const language of ['fr', 'en'] as const) {
    it(`sees the awaiting-validation notice instead of employees and billing (${language})`, async () => {
      const text = TEXT[language];
      const { email, link } = await registerCompany(
        `Attente ${language}`,
        `attente-${language}.test`,
        language,
      );
      const page = await newPage(platform, language);
      await page.goto(link);
      await page.getByText(text.confirmed).first().waitFor();
      await signIn(page, platform, { email, password: STRONG });

      await page.goto(`${platform.url}/app`);
      await page.getByText(text.notice).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `pending-company-home-${language}`);

      for (const path of ['/app/employees', '/app/billing']) {
        await page.goto(`${platform.url}${path}`);
        await page.getByText(text.notice).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
      }
      await screenshot(page, `pending-company-billing-${language}`);

      // What makes sense meanwhile: the company settings open.
      await page.getByRole('link', { name: text.settings }).click();
      await page.waitForURL(/\/app\/company$/);
      await expect.poll(() => page.getByText(text.notice).count()).toBe(0);
    });
  }
});
