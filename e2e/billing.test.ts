// Billing in Chromium on the real platform. Completed consultations of Marc with Dr Martin (and an
// absence of Marc) are written in the database for a past month; the seeded HuntZen admin signs in
// with 2FA, validates one bill from the table, then the rest of the month in one go, and marks them
// billed. In English, another month is validated and one bill disputed with a reason. Claire (HR of
// TechCorp) sees her company's bills of that month, with no practitioner, and disputes another.
import {
  type BillingStatus,
  billingDisputes,
  consultations,
  employees,
  practitioners,
  users,
} from '@huntzen/db';
import { eq, inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  ADMIN,
  CLAIRE,
  enableTwoFactor,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

const MINUTE = 60_000;
// The pages answer within a second alone, not always on a machine shared by several test runs.
const WAIT = { timeout: 15_000 };

let platform: Platform;
let admin: Account;
let martinId: string;
let marc: { id: string; companyId: string };

beforeAll(async () => {
  platform = await startPlatform();
  const db = platform.db.ownerDb;
  // 2FA is mandatory for HuntZen's admins: enabled as enrolment would leave it.
  admin = { ...ADMIN, totpSecret: await enableTwoFactor(platform, ADMIN.email) };
  const [martin] = await db
    .select({ id: practitioners.id })
    .from(practitioners)
    .innerJoin(users, eq(users.id, practitioners.userId))
    .where(eq(users.email, 'dr.sophie.martin@huntzen.care'));
  martinId = martin!.id;
  [marc] = (await db
    .select({ id: employees.id, companyId: employees.companyId })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(users.email, 'marc.dupont@techcorp.com'))) as [typeof marc];
});
afterAll(async () => {
  await platform?.close();
});

/** A finished consultation of Marc with Dr Martin on `day` at 10:00 UTC (completed unless told). */
async function place(day: string, values: Partial<typeof consultations.$inferInsert> = {}) {
  const scheduledAt = new Date(`${day}T10:00:00Z`);
  const [row] = await platform.db.ownerDb
    .insert(consultations)
    .values({
      companyId: marc.companyId,
      employeeId: marc.id,
      practitionerId: martinId,
      format: 'VIDEO',
      status: 'COMPLETED',
      duration: 50,
      scheduledAt,
      scheduledEndAt: new Date(scheduledAt.getTime() + 50 * MINUTE),
      startedAt: scheduledAt,
      endedAt: new Date(scheduledAt.getTime() + 48 * MINUTE),
      actualDuration: 48,
      ...values,
    })
    .returning();
  return row!;
}

async function statuses(ids: string[]): Promise<BillingStatus[]> {
  const rows = await platform.db.ownerDb
    .select({ id: consultations.id, status: consultations.billingStatus })
    .from(consultations)
    .where(inArray(consultations.id, ids));
  return ids.map((id) => rows.find((r) => r.id === id)!.status);
}

const rowsOf = (page: Page, label: string) => page.getByRole('region', { name: label }).locator('tbody tr');

describe('billing', () => {
  it('validates one bill, then the whole month, then marks them billed (fr)', async () => {
    const march = [
      await place('2026-03-02'),
      await place('2026-03-09'),
      await place('2026-03-16'),
      await place('2026-03-23', { status: 'NO_SHOW', noShowBy: 'employee', actualDuration: null }),
    ];
    // Not billable: cancelled early; not finished: never listed.
    await place('2026-03-25', { status: 'CANCELLED', isBillable: false, actualDuration: null });
    const ids = march.map((c) => c.id);

    const page = await newPage(platform, 'fr');
    await signIn(page, platform, admin, { at: Date.now() });
    await page.goto(`${platform.url}/app/billing?month=2026-03`);
    await page.getByRole('heading', { name: 'Facturation', level: 1 }).waitFor();
    const rows = rowsOf(page, 'Consultations facturables');
    await expect.poll(() => rows.count(), WAIT).toBe(4);
    await expect.poll(() => rows.nth(3).textContent(), WAIT).toContain('Salarié absent');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'billing-pending-fr');

    // One bill, from its checkbox.
    await rows.first().getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Valider la sélection (1)' }).click();
    await page.getByText('1 consultation validée.').waitFor();
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    expect(await statuses(ids)).toEqual(['VALIDATED', 'PENDING', 'PENDING', 'PENDING']);

    // The rest of the month, in one go.
    await page.getByRole('button', { name: 'Valider tout mars 2026' }).click();
    const dialog = page.getByRole('dialog', { name: 'Valider mars 2026' });
    await dialog.getByText('Les 3 consultations en attente de mars 2026 seront validées.').waitFor();
    await dialog.getByRole('button', { name: 'Valider le mois' }).click();
    await page.getByText('3 consultations validées.').waitFor();
    await page.getByText('Aucune consultation dans ce statut pour ce mois et ces filtres.').waitFor();
    expect(await statuses(ids)).toEqual(['VALIDATED', 'VALIDATED', 'VALIDATED', 'VALIDATED']);

    // Then billed: the validated ones, all selected.
    await page.getByRole('button', { name: /^Validées/ }).click();
    await page.waitForURL(/status=VALIDATED/);
    await expect.poll(() => rows.count(), WAIT).toBe(4);
    await page.getByRole('checkbox', { name: 'Tout sélectionner sur cette page' }).check();
    await page.getByRole('button', { name: 'Marquer facturées (4)' }).click();
    await page.getByText('4 consultations marquées facturées.').waitFor();
    expect(await statuses(ids)).toEqual(['BILLED', 'BILLED', 'BILLED', 'BILLED']);
    await page.getByRole('button', { name: /^Facturées/ }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'billing-billed-fr');
    await page.context().close();
  });

  it('validates a month and disputes a bill with a reason (en)', async () => {
    const april = [await place('2026-04-06'), await place('2026-04-13'), await place('2026-04-20')];
    const ids = april.map((c) => c.id);
    const page = await newPage(platform, 'en');
    // Each TOTP code is accepted once: the next step's code.
    await signIn(page, platform, admin, { at: Date.now() + 30_000 });
    await page.goto(`${platform.url}/app/billing?month=2026-04`);
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    const rows = rowsOf(page, 'Billable consultations');
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    await screenshot(page, 'billing-pending-en');

    await page.getByRole('button', { name: 'Validate all of April 2026' }).click();
    const dialog = page.getByRole('dialog', { name: 'Validate April 2026' });
    await dialog.getByRole('button', { name: 'Validate the month' }).click();
    await page.getByText('3 consultations validated.').waitFor();
    expect(await statuses(ids)).toEqual(['VALIDATED', 'VALIDATED', 'VALIDATED']);

    await page.getByRole('button', { name: /^Validated/ }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    await rows
      .nth(1)
      .getByRole('button', { name: /^Dispute:/ })
      .click();
    const disputeDialog = page.getByRole('dialog', { name: 'Dispute the bill' });
    // A reason is required.
    await disputeDialog.getByRole('button', { name: 'Dispute' }).click();
    await disputeDialog.getByText('This field is required.').waitFor();
    await disputeDialog.getByLabel('Reason').fill('Invoiced twice for the same session');
    await screenshot(page, 'billing-dispute-en');
    await disputeDialog.getByRole('button', { name: 'Dispute' }).click();
    await page.getByText('The dispute is recorded.').waitFor();
    expect(await statuses(ids)).toEqual(['VALIDATED', 'DISPUTED', 'VALIDATED']);
    const [dispute] = await platform.db.ownerDb
      .select()
      .from(billingDisputes)
      .where(eq(billingDisputes.consultationId, ids[1]!));
    expect(dispute).toMatchObject({
      reason: 'Invoiced twice for the same session',
      disputedByRole: 'ADMIN_HUNTZEN',
    });

    await page.getByRole('button', { name: /^Disputed/ }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    await expect
      .poll(() => rows.first().textContent(), WAIT)
      .toContain('Reason: Invoiced twice for the same session');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'billing-disputed-en');
    // On a phone the four totals sit two by two, each within its card.
    await page.setViewportSize({ width: 375, height: 740 });
    const totals = page.getByRole('button', { name: /^(Pending|Validated|Billed|Disputed)/ });
    expect(await totals.count()).toBe(4);
    // (Polled: the page lays itself out again for the narrow screen, the navigation collapsing.)
    for (const card of await totals.all()) {
      await expect.poll(() => card.evaluate((node) => node.scrollWidth <= node.clientWidth), WAIT).toBe(true);
    }
    await screenshot(page, 'billing-disputed-en-phone');
    await page.context().close();
  });

  it("shows HR its company's bills without the practitioner, and lets it dispute one (fr)", async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, CLAIRE);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Facturation' })
      .click();
    await page.waitForURL(/\/app\/billing/);
    await page.goto(`${platform.url}/app/billing?month=2026-04`);
    const rows = rowsOf(page, "Consultations facturables de l'entreprise");
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    const region = page.getByRole('region', { name: "Consultations facturables de l'entreprise" });
    await expect.poll(() => region.textContent(), WAIT).toContain('Marc Dupont');
    expect(await region.textContent()).not.toMatch(/Martin|visio|avril/i);

    // The one HuntZen disputed has no button any more: the first that has one.
    await region
      .getByRole('button', { name: /^Contester/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Contester la facturation' });
    await dialog.getByLabel('Motif').fill('Salarié en congé ce jour-là');
    await dialog.getByRole('button', { name: 'Contester' }).click();
    await page.getByText('La contestation est enregistrée.').waitFor();
    await expect.poll(() => region.textContent(), WAIT).toContain('Motif : Salarié en congé ce jour-là');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'billing-hr-fr');
    const disputes = await platform.db.ownerDb.select().from(billingDisputes);
    expect(disputes.map((d) => d.disputedByRole).sort()).toEqual(['ADMIN_HUNTZEN', 'ADMIN_RH']);
    await page.context().close();
  });
});
