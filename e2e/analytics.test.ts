// Admin analytics and the e-mail queue in Chromium on the real platform. Counted consultations
// (completed, bill validated or billed) of Dr Martin with TechCorp and of Dr Bernard with Globex
// are written in the database over two past months, with consultations that must not count, and
// the counters refreshed; two e-mails are left FAILED. The seeded HuntZen admin signs in with 2FA,
// opens "Analytics" from the menu, filters by month, company and practitioner (keyboard), finds the
// figures of a count made by hand, downloads the CSV (and the export is audited), then opens the
// e-mail queue and sends a failed e-mail again (audited); in French and in English, axe clean.
import { readFile } from 'node:fs/promises';
import { companies, consultations, emailQueue, employees, practitioners, users } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  enableTwoFactor,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
  switchToEnglish,
} from './harness';

const MINUTE = 60_000;
// Two whole months before the current one (UTC), so the trend shows them whatever the date.
const now = new Date();
const monthOf = (delta: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + delta, 1)).toISOString().slice(0, 7);
const EARLIER = monthOf(-2);
const LAST = monthOf(-1);

let platform: Platform;
let secret: string;
const ids = { martin: '', bernard: '', techcorp: '', globex: '', marc: '', globexEmployee: '' };
const failed = { fr: '', en: '' };

interface Placed {
  month: string;
  company: string;
  practitioner: string;
  minutes: number;
  counted: boolean;
}
const placed: Placed[] = [];
let hour = 0;

async function place(
  month: string,
  who: 'martin' | 'bernard',
  minutes: number,
  values: Partial<typeof consultations.$inferInsert> = {},
) {
  hour += 2;
  const scheduledAt = new Date(Date.parse(`${month}-02T06:00:00Z`) + hour * 60 * MINUTE);
  const row = {
    companyId: who === 'martin' ? ids.techcorp : ids.globex,
    employeeId: who === 'martin' ? ids.marc : ids.globexEmployee,
    practitionerId: ids[who],
    format: 'VIDEO' as const,
    status: 'COMPLETED' as const,
    billingStatus: 'VALIDATED' as const,
    duration: 50,
    scheduledAt,
    scheduledEndAt: new Date(scheduledAt.getTime() + 50 * MINUTE),
    startedAt: scheduledAt,
    endedAt: new Date(scheduledAt.getTime() + minutes * MINUTE),
    actualDuration: minutes,
    notes: 'SECRET-HEALTH-CONTENT',
    ...values,
  };
  await platform.db.ownerDb.insert(consultations).values(row);
  placed.push({
    month,
    company: row.companyId,
    practitioner: row.practitionerId,
    minutes,
    counted: row.status === 'COMPLETED' && ['VALIDATED', 'BILLED'].includes(row.billingStatus),
  });
}

const count = (filter: (p: Placed) => boolean) => {
  const rows = placed.filter((p) => p.counted && filter(p));
  return { consultations: rows.length, minutes: rows.reduce((sum, p) => sum + p.minutes, 0) };
};

beforeAll(async () => {
  platform = await startPlatform();
  const db = platform.db.ownerDb;
  secret = await enableTwoFactor(platform, ADMIN.email);
  const [martin] = await db
    .select({ id: practitioners.id })
    .from(practitioners)
    .innerJoin(users, eq(users.id, practitioners.userId))
    .where(eq(users.email, 'dr.sophie.martin@huntzen.care'));
  const [marc] = await db
    .select({ id: employees.id, companyId: employees.companyId })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(users.email, 'marc.dupont@techcorp.com'));
  ids.martin = martin!.id;
  ids.marc = marc!.id;
  ids.techcorp = marc!.companyId;
  const [globex] = await db
    .insert(companies)
    .values({ name: 'Globex', slug: 'globex', emailDomains: ['@globex.test'], isActive: true })
    .returning();
  ids.globex = globex!.id;
  const [employeeUser] = await db
    .insert(users)
    .values({ email: 'lea@globex.test', passwordHash: 'x', role: 'EMPLOYEE', companyId: ids.globex })
    .returning();
  const [employee] = await db
    .insert(employees)
    .values({ userId: employeeUser!.id, companyId: ids.globex, firstName: 'Léa', lastName: 'Roux' })
    .returning();
  ids.globexEmployee = employee!.id;
  const [doctorUser] = await db
    .insert(users)
    .values({ email: 'paul.bernard@huntzen.test', passwordHash: 'x', role: 'PRACTITIONER' })
    .returning();
  const [bernard] = await db
    .insert(practitioners)
    .values({
      userId: doctorUser!.id,
      firstName: 'Paul',
      lastName: 'Bernard',
      title: 'Dr.',
      specialty: 'PSYCHIATRE',
      bio: 'Psychiatre.',
      isValidated: true,
    })
    .returning();
  ids.bernard = bernard!.id;

  await place(EARLIER, 'martin', 50);
  await place(EARLIER, 'martin', 44, { billingStatus: 'BILLED' });
  await place(EARLIER, 'bernard', 30);
  await place(LAST, 'martin', 48);
  await place(LAST, 'martin', 52);
  await place(LAST, 'martin', 45, { billingStatus: 'PENDING' });
  await place(LAST, 'bernard', 60);
  await place(LAST, 'bernard', 35, { billingStatus: 'BILLED' });
  await place(LAST, 'bernard', 50, {
    status: 'CANCELLED',
    startedAt: null,
    endedAt: null,
    actualDuration: null,
    cancelReason: 'SECRET-HEALTH-CONTENT',
  });
  await platform.db.owner.query('select refresh_practitioner_stats()');

  for (const language of ['fr', 'en'] as const) {
    const [row] = await db
      .insert(emailQueue)
      .values({
        to: `bounce-${language}@example.test`,
        subject: 'SECRET-SUBJECT',
        htmlBody: '<p>SECRET-BODY</p>',
        textBody: 'SECRET-BODY',
        templateName: 'password-reset',
        status: 'FAILED',
        retryCount: 3,
        failedAt: new Date(),
        errorMessage: `550 5.1.1 <bounce-${language}@example.test>: Recipient address rejected`,
      })
      .returning();
    failed[language] = row!.id;
  }
});
afterAll(async () => {
  await platform?.close();
});

const TEXT = {
  fr: {
    nav: 'Statistiques',
    title: 'Statistiques',
    company: 'Entreprise',
    practitioner: 'Praticien',
    month: 'Mois',
    export: 'Télécharger le CSV',
    queueNav: "File d'e-mails",
    queueTitle: "File d'e-mails",
    retry: (to: string) => `Renvoyer l'e-mail à ${to}`,
    retried: (to: string) => `L'e-mail à ${to} est de nouveau dans la file.`,
    failedList: 'E-mails : En échec',
    consultations: 'Consultations',
    minutes: 'Minutes',
  },
  en: {
    nav: 'Analytics',
    title: 'Analytics',
    company: 'Company',
    practitioner: 'Practitioner',
    month: 'Month',
    export: 'Download CSV',
    queueNav: 'E-mail queue',
    queueTitle: 'E-mail queue',
    retry: (to: string) => `Retry the e-mail to ${to}`,
    retried: (to: string) => `The e-mail to ${to} is back in the queue.`,
    failedList: 'E-mails: Failed',
    consultations: 'Consultations',
    minutes: 'Minutes',
  },
} as const;

/** Picks `option` in the select labelled `label` with the keyboard (type, arrow, Enter). */
async function pick(page: Page, label: string, option: string) {
  const select = page.getByRole('combobox', { name: label, exact: true });
  await select.focus();
  await select.fill(option);
  await page.getByRole('option', { name: option, exact: true }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => select.inputValue()).toBe(option);
}

/** The big figure under `label` in the totals. */
async function total(page: Page, label: string) {
  const section = page.getByRole('region', { name: /^(Totaux|Totals)/ });
  const card = section.locator('.mantine-Card-root').filter({ has: page.getByText(label, { exact: true }) });
  return (await card.textContent())?.replace(label, '').replace(/\s/g, '');
}

describe('admin analytics and the e-mail queue', () => {
  for (const [language, at] of [
    ['fr', () => Date.now()],
    // The French sign-in used this step's code; a code is accepted once, so the next step's.
    ['en', () => Date.now() + 30_000],
  ] as const) {
    it(`filters the analytics, downloads the CSV, retries a failed e-mail (${language})`, async () => {
      const text = TEXT[language];
      const page = await newPage(platform, language);
      await signIn(page, platform, { ...ADMIN, totpSecret: secret }, { at: at() });

      // The admin's account speaks French: the English pass switches from the header's menu.
      if (language === 'en') {
        await switchToEnglish(page);
        await page.getByRole('button', { name: /Change language/ }).waitFor();
      }

      // From the menu.
      await page.getByRole('link', { name: text.nav }).first().click();
      await page.getByRole('heading', { name: text.title, level: 1 }).waitFor();
      const all = count(() => true);
      await expect.poll(() => total(page, text.consultations)).toBe(String(all.consultations));
      await page.getByTestId('analytics-trend-chart').locator('svg').first().waitFor();
      // The platform figures (their own query): every consultation placed, whatever its status.
      await page.getByText(new RegExp(`^${placed.length} consultations (prévues|planned)`)).waitFor();
      expect(await page.content()).not.toContain('SECRET-HEALTH-CONTENT');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `analytics-all-${language}`);

      // The month from the picker (keyboard), then the company and the practitioner.
      const monthInput = page.getByRole('button', { name: text.month, exact: true });
      await monthInput.focus();
      await page.keyboard.press('Enter');
      const monthName = new Intl.DateTimeFormat(language === 'fr' ? 'fr' : 'en-GB', {
        month: 'short',
        timeZone: 'UTC',
      }).format(new Date(`${LAST}-01T00:00:00Z`));
      const picker = page.locator('.mantine-Popover-dropdown');
      if (LAST.slice(0, 4) !== String(now.getUTCFullYear())) {
        await picker
          .getByRole('button', { name: language === 'fr' ? 'Année précédente' : 'Previous year' })
          .click();
      }
      await picker
        .getByRole('button', { name: new RegExp(`^${monthName.replace('.', '\\.?')}`, 'i') })
        .click();
      await page.waitForURL(new RegExp(`[?&]month=${LAST}`));
      const lastMonth = count((p) => p.month === LAST);
      await expect.poll(() => total(page, text.consultations)).toBe(String(lastMonth.consultations));

      await pick(page, text.company, 'Globex');
      await page.waitForURL(new RegExp(`[?&]companyId=${ids.globex}`));
      await pick(page, text.practitioner, 'Paul Bernard');
      await page.waitForURL(new RegExp(`[?&]practitionerId=${ids.bernard}`));
      const scoped = count(
        (p) => p.month === LAST && p.company === ids.globex && p.practitioner === ids.bernard,
      );
      await expect.poll(() => total(page, text.consultations)).toBe(String(scoped.consultations));
      expect(await total(page, text.minutes)).toBe(String(scoped.minutes));
      const table = page.getByRole('region', { name: /^(Détail|Detail)$/ });
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      expect(await table.locator('tbody tr').first().textContent()).toContain('Globex');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `analytics-filtered-${language}`);

      // The CSV of these filters, downloaded as a file, and audited.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: text.export }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^huntzen-analytics-${LAST}-\\d{8}T\\d{6}Z\\.csv$`),
      );
      const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
      const lines = csv.trim().split('\r\n');
      expect(lines[0]).toMatch(/^month,practitionerId,practitionerFirstName,practitionerLastName,/);
      expect(lines.slice(1)).toEqual([
        `${LAST},${ids.bernard},Paul,Bernard,PSYCHIATRE,${ids.globex},Globex,${scoped.consultations},${scoped.minutes},${
          Math.round((scoped.minutes / scoped.consultations) * 10) / 10
        }`,
      ]);
      const { rows: exports } = await platform.db.owner.query(
        `select details from audit_logs where action = 'EXPORT' and resource = 'practitioner_billing_stats'
         and user_email = $1 order by created_at desc limit 1`,
        [ADMIN.email],
      );
      expect(exports[0]?.details).toMatchObject({
        format: 'csv',
        filters: { month: LAST, companyId: ids.globex, practitionerId: ids.bernard },
      });

      // The e-mail queue, from the menu: the failed e-mail of this pass is sent again.
      await page.getByRole('link', { name: text.queueNav }).first().click();
      await page.getByRole('heading', { name: text.queueTitle, level: 1 }).waitFor();
      const list = page.getByRole('region', { name: text.failedList });
      const to = `bounce-${language}@example.test`;
      await list.getByRole('cell', { name: to, exact: true }).waitFor();
      expect(await page.content()).not.toContain('SECRET-');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `email-queue-${language}`);

      const retry = page.getByRole('button', { name: text.retry(to) });
      await retry.focus();
      await page.keyboard.press('Enter');
      await page.getByText(text.retried(to)).waitFor();
      await expect.poll(() => list.getByRole('cell', { name: to, exact: true }).count()).toBe(0);
      const [row] = await platform.db.ownerDb
        .select({ status: emailQueue.status })
        .from(emailQueue)
        .where(eq(emailQueue.id, failed[language]));
      // The jobs runner may already have sent it again.
      expect(['PENDING', 'SENT']).toContain(row!.status);
      const { rows: audit } = await platform.db.owner.query(
        `select action, details from audit_logs where resource = 'email_queue' and resource_id = $1`,
        [failed[language]],
      );
      expect(audit).toEqual([{ action: 'UPDATE', details: expect.objectContaining({ retry: true }) }]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `email-queue-retried-${language}`);
    });
  }
});
