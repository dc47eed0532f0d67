// Validated questionnaires in Chromium on the real platform. Marc (seeded employee), who has a
// consultation with Dr Martin and agreed to the urgent alert, takes a PHQ-9 with item 9 above 0 —
// one item chosen with the arrow keys — and sees the crisis help at once; Dr Martin is alerted
// (no score). He shares the result with her, sees his history chart with the severity bands, then
// takes a GAD-7 in English at phone width, one item per screen. Dr Martin finds the shared score on
// his patient file. Axe finds nothing serious.
import { assessments, consultations, notifications } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enableTwoFactor,
  MARC,
  MARTIN,
  newPage,
  type Platform,
  screenshot,
  seededEmployee,
  seededPractitioner,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

let platform: Platform;
let marc: Awaited<ReturnType<typeof seededEmployee>>;
let martin: Awaited<ReturnType<typeof seededPractitioner>>;

beforeAll(async () => {
  platform = await startPlatform();
  const db = platform.db.ownerDb;
  marc = await seededEmployee(platform, MARC.email);
  martin = await seededPractitioner(platform, MARTIN.email);
  // Marc sees Dr Martin in five days: she is "his practitioner".
  const at = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 5 * 86_400_000);
  await db.insert(consultations).values({
    companyId: marc.companyId,
    employeeId: marc.id,
    practitionerId: martin.id,
    scheduledAt: at,
    scheduledEndAt: new Date(at.getTime() + 50 * 60_000),
    duration: 50,
    format: 'VIDEO',
    roomName: `hz-e2e-${Math.random().toString(16).slice(2)}`,
  });
});
afterAll(async () => {
  await platform?.close();
});

/** Chooses option `option` (its label) of item `index` (0-based) of the questionnaire. */
async function answer(page: Page, index: number, option: string) {
  const group = page.getByRole('radiogroup').nth(index);
  await group.getByRole('radio', { name: option, exact: true }).check();
}

describe('questionnaires', () => {
  it('Marc takes a PHQ-9 with item 9 above 0 and sees the crisis help at once (FR)', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, MARC);
    await page.getByRole('link', { name: 'Questionnaires', exact: true }).first().click();
    await page.waitForURL(/\/app\/assessments$/);
    await page.getByRole('heading', { name: 'Questionnaires de suivi', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // He agrees that Dr Martin be alerted.
    const alertSwitch = page.getByRole('switch', { name: /Prévenir mon praticien/ });
    await alertSwitch.click();
    await page.getByText('Réglages enregistrés.').waitFor();
    await expect.poll(() => alertSwitch.isChecked()).toBe(true);

    await page.getByRole('link', { name: 'Répondre — PHQ-9' }).click();
    await page.waitForURL(/\/app\/assessments\/take\/PHQ9$/);
    await page.getByRole('heading', { name: 'Questionnaire PHQ-9', level: 1 }).waitFor();
    await page.getByText('Penser qu’il vaudrait mieux mourir', { exact: false }).waitFor();
    for (let i = 0; i < 8; i++) await answer(page, i, i % 2 === 0 ? 'Plusieurs jours' : 'Jamais');
    // Item 9 with the keyboard: focus "Jamais", then the arrow key moves to "Plusieurs jours".
    await page.getByRole('radiogroup').nth(8).getByRole('radio', { name: 'Jamais', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(
      await page.getByRole('radiogroup').nth(8).getByRole('radio', { name: 'Plusieurs jours' }).isChecked(),
    ).toBe(true);
    await screenshot(page, 'assessments-phq9-fr');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Voir mon résultat' }).click();

    const help = page.getByTestId('crisis-help');
    await help.getByRole('heading', { name: 'Vous n’êtes pas seul·e' }).waitFor();
    await expect.poll(() => help.getByRole('link', { name: /3114/ }).count()).toBe(1);
    await help.getByText(/SOS Amitié/).waitFor();
    await help.getByText(/votre praticien·ne a reçu une notification urgente/).waitFor();
    expect(await page.getByTestId('assessment-score').textContent()).toBe('Score : 5 / 27');
    await screenshot(page, 'assessments-crisis-fr');
    expect(await seriousViolations(page)).toEqual([]);

    // Dr Martin's urgent notification: no score, no answer.
    const alerts = await platform.db.ownerDb
      .select({
        title: notifications.title,
        message: notifications.message,
        metadata: notifications.metadata,
      })
      .from(notifications)
      .where(eq(notifications.userId, martin.userId));
    const urgent = alerts.filter(
      (n) => (n.metadata as { kind?: string } | null)?.kind === 'ASSESSMENT_CRISIS',
    );
    expect(urgent).toHaveLength(1);
    expect(`${urgent[0]!.title} ${urgent[0]!.message}`).not.toMatch(/\b5\b|PHQ|score :/i);

    // He shares this result with her.
    await page.getByRole('button', { name: 'Partager', exact: true }).click();
    await page.getByText(/Partagé avec Dr\.? Sophie Martin/).waitFor();
    const [stored] = await platform.db.ownerDb
      .select({ shared: assessments.sharedWithPractitionerId })
      .from(assessments)
      .where(eq(assessments.employeeId, marc.id));
    expect(stored!.shared).toBe(martin.id);

    // His history: the chart over the bands, the result listed.
    await page.getByRole('link', { name: 'Retour aux questionnaires' }).click();
    await page.getByTestId('assessment-chart').waitFor();
    await page.getByRole('table', { name: 'Mes résultats' }).getByText('Légère').waitFor();
    await screenshot(page, 'assessments-history-fr');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('in English at phone width, one item per screen (GAD-7)', async () => {
    const page = await newPage(platform, 'en', { width: 375, height: 780 });
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/assessments/take/GAD7`);
    await page.getByRole('heading', { name: 'GAD-7 questionnaire', level: 1 }).waitFor();
    // The header fits a phone: the emergency button (its icon, named for screen readers) beside the
    // logo, not over it.
    const crisis = (await page.getByRole('button', { name: 'Emergency?' }).boundingBox())!;
    const logo = (await page.getByRole('link', { name: 'HuntZen — home' }).boundingBox())!;
    expect(crisis.x).toBeGreaterThanOrEqual(logo.x + logo.width);
    for (let i = 0; i < 7; i++) {
      await page.getByText(`Question ${i + 1} of 7`).waitFor();
      expect(await page.getByRole('radiogroup').count()).toBe(1);
      await page.getByRole('radiogroup').getByRole('radio', { name: 'More than half the days' }).check();
      if (i === 0) {
        await screenshot(page, 'assessments-gad7-phone-en');
        expect(await seriousViolations(page)).toEqual([]);
      }
      if (i < 6) await page.getByRole('button', { name: 'Next' }).click();
    }
    await page.getByRole('button', { name: 'See my result' }).click();
    await page.getByRole('heading', { name: /Your result — GAD-7/ }).waitFor();
    expect(await page.getByTestId('assessment-score').textContent()).toBe('Score: 14 / 21');
    await page.getByText('Level: Moderate').waitFor();
    expect(await page.getByTestId('crisis-help').count()).toBe(0);
    await screenshot(page, 'assessments-result-phone-en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows Dr Martin the shared score on Marc’s patient file, never his answers', async () => {
    const secret = await enableTwoFactor(platform, MARTIN.email);
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, { ...MARTIN, totpSecret: secret });
    await page.goto(`${platform.url}/app/patients/${marc.id}`);
    const section = page.getByRole('region', { name: 'Questionnaires partagés avec vous' });
    await section.getByRole('cell', { name: '5 / 27' }).waitFor();
    await section.getByText('Item 9 positif').waitFor();
    // The GAD-7 was not shared.
    expect(await section.getByText('GAD-7').count()).toBe(0);
    await screenshot(page, 'assessments-patient-file-fr');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});
