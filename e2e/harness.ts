// The whole platform for browser tests: its own database (seeded with the spec's data), the HTTP
// server on a free loopback port, the jobs runner sending emails as .eml files into DATA_DIR/mail,
// and Debian's Chromium driven by playwright-core.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { FieldCipher, masterKey } from '@huntzen/crypto';
import { availabilities, employees, practitioners, users } from '@huntzen/db';
import { findFreePort } from '@huntzen/db/embedded';
import { SEED_ACCOUNTS, seedDatabase } from '@huntzen/db/seed';
import { createTestDatabase } from '@huntzen/db/testing/test-database';
import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { currentTotp, newTotpSecret } from '../apps/api/src/platform/auth';
import { createLocalFileStorage } from '../apps/api/src/platform/files';
import { startJobs } from '../apps/api/src/platform/jobs';
import { createLogger } from '../apps/api/src/platform/logging';
import { createMailTransport } from '../apps/api/src/platform/mail';
import { TEST_ENCRYPTION_KEY, TEST_JWT_SECRET } from '../apps/api/test/build-test-app';

export const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

export interface Platform {
  url: string;
  browser: Browser;
  mailDir: string;
  db: Awaited<ReturnType<typeof createTestDatabase>>['db'];
  close(): Promise<void>;
}

/** Starts the platform and a headless Chromium (and makes sure the screenshots' folder exists). */
export async function startPlatform(): Promise<Platform> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'huntzen-e2e-'));
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'warn',
    BCRYPT_COST: '10',
    // Lets parallel work build the web application to its own folder.
    WEB_DIST_DIR: process.env.WEB_DIST_DIR,
  });
  const logger = createLogger(config);
  await seedDatabase(database.db, { bcryptCost: config.bcryptCost });
  const jobs = await startJobs({
    ownerUrl: database.url,
    db: database.db,
    logger,
    pollInterval: 200,
    settings: { publicUrl: url, mailFrom: config.mailFrom },
    services: {
      mail: createMailTransport({ smtpUrl: undefined, mailFrom: config.mailFrom, dataDir }),
      files: createLocalFileStorage(dataDir),
    },
  });
  const app = await buildApp({ config, db: database.db, jobs, logger });
  await app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    url,
    browser,
    mailDir: path.join(dataDir, 'mail'),
    db: database.db,
    async close() {
      await browser.close();
      await app.close();
      await jobs.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits (bounded) for an email to `to` in the mail folder and returns its subject, text and links. */
export async function waitForEmail(mailDir: string, to: string, subject: RegExp, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = await readdir(mailDir).catch(() => [] as string[]);
    for (const file of files
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .reverse()) {
      const mail = await simpleParser(await readFile(path.join(mailDir, file)));
      const recipients = [mail.to]
        .flat()
        .flatMap((a) => a?.value ?? [])
        .map((a) => a.address?.toLowerCase());
      if (recipients.includes(to.toLowerCase()) && subject.test(mail.subject ?? '')) {
        const links = [...(mail.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
        return { subject: mail.subject ?? '', text: mail.text ?? '', links };
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${to} matching ${subject} within ${timeoutMs} ms`);
}

/** A fresh browser context (no cookies) in the given language, with a page. */
export async function newPage(
  platform: Platform,
  language: 'fr' | 'en' = 'fr',
  viewport = { width: 1280, height: 860 },
  /** The browser's time zone (IANA), when a test needs it to differ from the person's profile. */
  timezoneId?: string,
): Promise<Page> {
  // Reduced motion: no fade-in transitions, so axe measures colours at full opacity.
  const context = await platform.browser.newContext({
    reducedMotion: 'reduce',
    locale: language === 'fr' ? 'fr-FR' : 'en-GB',
    viewport,
    ...(timezoneId ? { timezoneId } : {}),
  });
  await context.addInitScript((lang) => window.localStorage.setItem('huntzen.language', lang), language);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Saves a full-page screenshot under e2e/screenshots/. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * 2FA enabled for `email` as enrolment would leave it (the secret encrypted with the platform's
 * key); returns the secret, for `currentTotp`. Admins and practitioners must have it to sign in.
 */
export async function enableTwoFactor(platform: Platform, email: string): Promise<string> {
  const db = platform.db.ownerDb;
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`no account ${email}`);
  const secret = newTotpSecret();
  const cipher = new FieldCipher(masterKey(Buffer.from(TEST_ENCRYPTION_KEY, 'base64')));
  const stored = cipher.encrypt(secret, { table: 'users', column: 'two_factor_secret', rowId: user.id });
  await db
    .update(users)
    .set({ twoFactorEnabled: true, twoFactorSecret: JSON.stringify(stored) })
    .where(eq(users.id, user.id));
  return secret;
}

/** Serious or critical accessibility violations of the page, or of `selector` in it. */
export async function seriousViolations(page: Page, selector?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const results = await (selector ? builder.include(selector) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary})`).join(', ')}`);
}

/** The seeded accounts the journeys sign in with (the spec's seed, packages/db SEED_ACCOUNTS). */
export const MARC: Account = SEED_ACCOUNTS.employee;
export const MARTIN: Account = SEED_ACCOUNTS.practitioner;
export const CLAIRE: Account = SEED_ACCOUNTS.adminRh;
export const ADMIN: Account = SEED_ACCOUNTS.adminHuntzen;

/** The employee row of a seeded account. */
export async function seededEmployee(platform: Platform, email: string) {
  const [row] = await platform.db.ownerDb
    .select({
      id: employees.id,
      userId: employees.userId,
      companyId: employees.companyId,
      timezone: employees.timezone,
    })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(users.email, email));
  if (!row) throw new Error(`no seeded employee ${email}`);
  return row;
}

/** The practitioner row of a seeded account. */
export async function seededPractitioner(platform: Platform, email: string) {
  const [row] = await platform.db.ownerDb
    .select({ id: practitioners.id, userId: practitioners.userId, timezone: practitioners.timezone })
    .from(practitioners)
    .innerJoin(users, eq(users.id, practitioners.userId))
    .where(eq(users.email, email));
  if (!row) throw new Error(`no seeded practitioner ${email}`);
  return row;
}

/** Opens a practitioner every day, 08:00-20:00 in her zone: free slots whatever the day and hour of the run. */
export async function openEveryDay(platform: Platform, practitionerId: string): Promise<void> {
  const db = platform.db.ownerDb;
  await db
    .delete(availabilities)
    .where(and(eq(availabilities.practitionerId, practitionerId), eq(availabilities.type, 'RECURRING')));
  await db.insert(availabilities).values(
    [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({
      practitionerId,
      type: 'RECURRING' as const,
      dayOfWeek,
      startTime: '08:00',
      endTime: '20:00',
      slotDuration: 50,
    })),
  );
}

export interface Account {
  email: string;
  password: string;
  /** The account's TOTP secret (from `enableTwoFactor`) when 2FA is on. */
  totpSecret?: string;
}

/**
 * Switches the interface to English with the header's language menu. The header may render again
 * just after sign-in or a navigation (the account's own language arriving), closing a menu opened
 * before: the menu is opened again until the choice is taken.
 */
export async function switchToEnglish(page: Page): Promise<void> {
  const html = page.locator('html');
  await vi.waitFor(
    async () => {
      if ((await html.getAttribute('lang')) === 'en') return;
      const english = page.getByRole('menuitem', { name: 'English' });
      if (!(await english.isVisible())) {
        await page
          .getByRole('button', { name: /Changer de langue|^Langue : Français/ })
          .click({ timeout: 5_000 });
      }
      await english.click({ timeout: 5_000 });
      await expect.poll(() => html.getAttribute('lang'), { timeout: 5_000 }).toBe('en');
    },
    { timeout: 45_000, interval: 200 },
  );
}

/**
 * Signs in through the login page, in whichever language the page is in. With a TOTP secret it
 * passes the 2FA step with the code of time `at`: a code is accepted once, so each sign-in of one
 * account in a file needs its own 30-second step (e.g. `Date.now() + n * 30_000`). Waits for the
 * signed-in space unless `landed: false` (to check a refusal).
 */
export async function signIn(
  page: Page,
  platform: Platform,
  account: Account,
  options: { at?: number; landed?: boolean } = {},
): Promise<void> {
  await page.goto(`${platform.url}/login`);
  await page.getByLabel(/^(Adresse e-mail|E-mail address)/).fill(account.email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(account.password);
  await page.getByRole('button', { name: /^(Se connecter|Log in)$/ }).click();
  if (account.totpSecret) {
    await page.waitForURL(/\/login\/2fa/);
    await page
      .getByLabel(/^(Code à 6 chiffres|6-digit code)/)
      .fill(await currentTotp(account.totpSecret, options.at));
    await page.getByRole('button', { name: /^(Vérifier|Verify)$/ }).click();
  }
  if (options.landed !== false) await page.waitForURL(/\/app/);
}
