// HR's usage dashboard and "what my HR sees" in Chromium on the real platform. TechCorp gets more
// employees (three departments, one too small to show) and completed consultations; the counters
// are refreshed as the 5-minute job does. Claire (HR) reads the dashboard by month and by
// department — the small department and its complement are shown as suppressed, in words — and
// downloads the CSV (audited). Marc opens "What my HR sees", sees his account as HR's list shows
// it and no counters, switches sharing on; Claire then sees his counters. In French and English,
// axe finds nothing serious.
import { readFile } from 'node:fs/promises';
import { companies, type Employee, employees, users } from '@huntzen/db';
import { createConsultation, createPractitioner } from '@huntzen/db/testing/factories';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCounters } from '../apps/api/src/platform/jobs/refresh-counters';
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

let platform: Platform;
let marcEmployeeId: string;

const TEXT = {
  fr: {
    nav: 'Utilisation',
    title: 'Utilisation de HuntZen',
    department: 'Service',
    suppressed: 'Masqué',
    csv: 'Télécharger le CSV',
    hrNav: 'Ce que voit mon RH',
    switch: /Partager mes compteurs/,
    on: /Les RH voient les compteurs/,
    off: /Non partagés/,
    shared: 'Compteurs partagés par les salariés',
  },
  en: {
    nav: 'Usage',
    title: 'Usage of HuntZen',
    department: 'Department',
    suppressed: 'Suppressed',
    csv: 'Download CSV',
    hrNav: 'What my HR sees',
    switch: /Share my counters/,
    on: /HR sees the counters below/,
    off: /Not shared/,
    shared: 'Counters shared by employees',
  },
} as const;

beforeAll(async () => {
  platform = await startPlatform();
  const db = platform.db.ownerDb;
  const [marc] = await db
    .select({ employee: employees })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(users.email, MARC.email));
  marcEmployeeId = marc!.employee.id;
  const [company] = await db.select().from(companies).where(eq(companies.id, marc!.employee.companyId));
  const { practitioner } = await createPractitioner(db);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000);
  let hour = 0;
  const consult = async (employee: Employee, monthsAgo: number, minutes: number) => {
    const at = new Date();
    at.setUTCDate(1);
    at.setUTCMonth(at.getUTCMonth() - monthsAgo);
    at.setUTCHours(0, 0, 0, 0);
    at.setTime(at.getTime() + 3_600_000 * hour++);
    await createConsultation(db, {
      employee,
      practitionerId: practitioner.id,
      scheduledAt: at,
      status: 'COMPLETED',
      startedAt: at,
      endedAt: new Date(at.getTime() + minutes * 60_000),
      actualDuration: minutes,
    });
  };
  // Développement (Marc's) 8, Ventes 6, Juridique 2: Juridique is suppressed, and Ventes with it.
  for (const [department, n] of [
    ['Développement', 7],
    ['Ventes', 6],
    ['Juridique', 2],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const [user] = await db
        .insert(users)
        .values({
          email: `${department.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')}-${i}@techcorp.com`,
          passwordHash: 'x',
          role: 'EMPLOYEE',
          companyId: company!.id,
          emailVerified: true,
          isActive: true,
          approvedAt: yearAgo,
          createdAt: yearAgo,
        })
        .returning();
      const [employee] = await db
        .insert(employees)
        .values({
          userId: user!.id,
          companyId: company!.id,
          firstName: 'Test',
          lastName: `${department} ${i}`,
          department,
          createdAt: yearAgo,
        })
        .returning();
      if (i < 3) await consult(employee!, 1, 45);
      if (i < 2) await consult(employee!, 2, 50);
    }
  }
  await consult(marc!.employee, 1, 55);
  await refreshCounters(platform.db);
});
afterAll(async () => {
  await platform?.close();
});

/**
 * Signs in. Signing in switches to the account's language (French); a page load takes the
 * context's again (newPage's), so the English pass reloads rather than racing the header's menu.
 */
async function signInAs(page: Page, account: typeof CLAIRE, language: 'fr' | 'en') {
  await signIn(page, platform, account);
  if (language === 'en') {
    await page.goto(`${platform.url}/app`);
    await page.getByRole('button', { name: /Change language/ }).waitFor();
  }
}

async function openDashboard(page: Page, language: 'fr' | 'en') {
  const text = TEXT[language];
  await page.getByRole('link', { name: text.nav, exact: true }).first().click();
  await page.waitForURL(/\/app\/insights$/);
  await page.getByRole('heading', { name: text.title, level: 1 }).waitFor();
  await page.getByTestId('insights-table').waitFor();
}

describe('HR usage dashboard and what my HR sees', () => {
  for (const language of ['fr', 'en'] as const) {
    const text = TEXT[language];

    it(`shows HR thresholded figures by month and department and downloads the CSV (${language})`, async () => {
      const page = await newPage(platform, language);
      await signInAs(page, CLAIRE, language);
      await openDashboard(page, language);
      // By month: every month shows (the company is large enough), with a chart.
      await page.getByTestId('insights-chart').waitFor();
      expect(await page.getByTestId('insights-total').textContent()).toMatch(/16/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `insights-month-${language}`);

      // By department, with the keyboard: focus the grouping, arrow to the next option.
      await page.getByRole('radio', { name: language === 'fr' ? 'Mois' : 'Month', exact: true }).focus();
      await page.keyboard.press('ArrowRight');
      const table = page.getByTestId('insights-table');
      await expect
        .poll(async () => (await table.locator('tbody tr').allTextContents()).join('|'))
        .toContain('Juridique');
      const rows = await table.locator('tbody tr').allTextContents();
      expect(rows.find((r) => r.startsWith('Développement'))).toMatch(/8/);
      for (const small of ['Juridique', 'Ventes']) {
        expect(rows.find((r) => r.startsWith(small))).toContain(text.suppressed);
      }
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `insights-department-${language}`);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: text.csv }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^usage-department-\d{4}-\d{2}-\d{4}-\d{2}\.csv$/);
      const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
      const lines = csv.trim().split('\r\n');
      expect(lines).toContain('Juridique,true,,,,,,');
      expect(lines.find((l) => l.startsWith('Développement,false,8,'))).toBeDefined();
      expect(csv).not.toMatch(/PSYCH|VIDEO|Dr\./);
      const { rows: audit } = await platform.db.owner.query(
        `select count(*)::int as n from audit_logs where action = 'EXPORT' and resource = 'usage_insights'`,
      );
      expect(audit[0].n).toBeGreaterThan(0);
      await page.context().close();
    });

    it(`lets Marc see what HR sees and share his counters, which HR then sees (${language})`, async () => {
      const page = await newPage(platform, language);
      await signInAs(page, MARC, language);
      await page.getByRole('link', { name: text.hrNav, exact: true }).first().click();
      await page.waitForURL(/\/app\/what-my-hr-sees$/);
      await page.getByRole('heading', { name: text.hrNav, level: 1 }).waitFor();
      expect(await page.getByTestId('hr-account').textContent()).toContain(MARC.email);
      const toggle = page.getByRole('switch', { name: text.switch });
      // Each language's run starts from "not shared".
      if (await toggle.isChecked()) {
        await toggle.click();
        await expect.poll(() => page.getByTestId('hr-sharing-state').textContent()).toMatch(text.off);
      }
      expect(await page.getByTestId('hr-counters').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `hr-visibility-off-${language}`);

      // The switch with the keyboard.
      await toggle.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => page.getByTestId('hr-sharing-state').textContent()).toMatch(text.on);
      await page.getByTestId('hr-counters').waitFor();
      expect(await page.getByTestId('hr-counters').textContent()).toContain('55');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `hr-visibility-on-${language}`);
      const { rows } = await platform.db.owner.query(
        `select count(*)::int as n from audit_logs where resource = 'hr_sharing' and resource_id = $1`,
        [marcEmployeeId],
      );
      expect(rows[0].n).toBeGreaterThan(0);
      await page.context().close();

      const hr = await newPage(platform, language);
      await signInAs(hr, CLAIRE, language);
      await openDashboard(hr, language);
      const shared = hr.getByRole('region', { name: text.shared });
      await shared.getByTestId('insights-shared').waitFor();
      expect(await shared.textContent()).toMatch(/Marc/);
      expect(await shared.textContent()).toMatch(/55/);
      expect(await seriousViolations(hr)).toEqual([]);
      await screenshot(hr, `insights-shared-${language}`);
      await hr.context().close();
    });
  }
});
