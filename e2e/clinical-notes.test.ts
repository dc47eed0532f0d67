// Clinical notes in Chromium on the real platform: Dr Martin finds a completed consultation with
// Marc in "notes to write", writes a SOAP note (saved by itself while typing), signs it from the
// keyboard, corrects it with an addendum and opens Marc's patient file. In French and in English;
// axe-clean at each step. The database shows what the browser wrote, encrypted.
import { FieldCipher, masterKey } from '@huntzen/crypto';
import {
  clinicalNoteAddenda,
  clinicalNotes,
  consultations,
  employees,
  practitioners,
  users,
} from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENCRYPTION_KEY } from '../apps/api/test/build-test-app';
import {
  type Account,
  enableTwoFactor,
  MARTIN,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

const MARC_EMAIL = 'marc.dupont@techcorp.com';
const HOUR = 3_600_000;
const WAIT = { timeout: 15_000 };
const cipher = new FieldCipher(masterKey(Buffer.from(TEST_ENCRYPTION_KEY, 'base64')));

let platform: Platform;
let sophie: Account;
let martinId: string;
let marc: { id: string; companyId: string; firstName: string; lastName: string };

beforeAll(async () => {
  platform = await startPlatform();
  sophie = { ...MARTIN, totpSecret: await enableTwoFactor(platform, MARTIN.email) };
  const db = platform.db.ownerDb;
  const [martin] = await db
    .select({ id: practitioners.id })
    .from(practitioners)
    .innerJoin(users, eq(users.id, practitioners.userId))
    .where(eq(users.email, MARTIN.email));
  martinId = martin!.id;
  [marc] = (await db
    .select({
      id: employees.id,
      companyId: employees.companyId,
      firstName: employees.firstName,
      lastName: employees.lastName,
    })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(users.email, MARC_EMAIL))) as [typeof marc];
});
afterAll(async () => {
  await platform?.close();
});

/** A COMPLETED 50-minute video consultation of Marc with Dr Martin that ended `hoursAgo` ago. */
async function placeCompleted(hoursAgo: number) {
  // Odd minutes: clear of the seed's consultations, which start on the hour.
  const endedAt = new Date(Date.now() - hoursAgo * HOUR + 7 * 60_000);
  const scheduledAt = new Date(endedAt.getTime() - 50 * 60_000);
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
      scheduledEndAt: endedAt,
      startedAt: scheduledAt,
      endedAt,
      roomName: `hz-e2e-notes-${hoursAgo}`,
    })
    .returning();
  return row!;
}

const TEXT = {
  fr: {
    nav: 'Navigation principale',
    toWrite: 'Notes à rédiger',
    overdue: 'En retard',
    onTime: 'À rédiger',
    newNote: 'Rédiger une note',
    subjective: 'Subjectif (ce que rapporte le patient)',
    objective: 'Objectif (observations)',
    assessment: 'Évaluation',
    plan: 'Plan',
    saved: /Brouillon enregistré à \d\d:\d\d/,
    sign: 'Signer la note',
    signedBy: /Signée par Dr\.? Sophie Martin le/,
    addendum: "Texte de l'addendum",
    addAddendum: "Signer et ajouter l'addendum",
    patientFile: 'Dossier patient de',
    patientTitle: 'Dossier patient :',
    empty: 'Toutes vos notes sont rédigées et signées.',
    summary: 'sans note signée',
  },
  en: {
    nav: 'Main navigation',
    toWrite: 'Notes to write',
    overdue: 'Overdue',
    onTime: 'To write',
    newNote: 'Write a note',
    subjective: 'Subjective (what the patient reports)',
    objective: 'Objective (observations)',
    assessment: 'Assessment',
    plan: 'Plan',
    saved: /Draft saved at \d\d:\d\d/,
    sign: 'Sign the note',
    signedBy: /Signed by Dr\.? Sophie Martin on/,
    addendum: 'Addendum text',
    addAddendum: 'Sign and add the addendum',
    patientFile: 'Patient file of',
    patientTitle: 'Patient file:',
    empty: 'All your notes are written and signed.',
    summary: 'without a signed note',
  },
} as const;

async function noteOf(consultationId: string) {
  const [row] = await platform.db.ownerDb
    .select()
    .from(clinicalNotes)
    .where(eq(clinicalNotes.consultationId, consultationId));
  return row;
}

describe('clinical notes', () => {
  for (const [language, hoursAgo, at] of [
    ['fr', 80, () => Date.now()],
    // The French sign-in used this step's code; a code is accepted once, so the next step's.
    ['en', 10, () => Date.now() + 30_000],
  ] as const) {
    it(`writes, autosaves, signs and corrects a SOAP note, then opens the patient file (${language})`, async () => {
      const text = TEXT[language];
      const c = await placeCompleted(hoursAgo);
      const marker = `e2e-${language}-${c.id.slice(0, 8)}`;
      const page = await newPage(platform, language);
      // The app speaks the practitioner's own language once signed in.
      await platform.db.ownerDb
        .update(practitioners)
        .set({ preferredLanguage: language })
        .where(eq(practitioners.id, martinId));
      await signIn(page, platform, sophie, { at: at() });

      // "Notes to write", from the menu: the consultation is there, overdue after 72 hours.
      await page
        .getByRole('navigation', { name: text.nav })
        .getByRole('link', { name: new RegExp(`^${text.toWrite}`) })
        .click();
      await page.getByRole('heading', { name: text.toWrite, level: 1 }).waitFor(WAIT);
      const row = page.getByRole('row').filter({ has: page.locator(`a[href="/app/consultations/${c.id}"]`) });
      await row.waitFor(WAIT);
      expect(await row.getByText(hoursAgo > 72 ? text.overdue : text.onTime, { exact: true }).count()).toBe(
        1,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `clinical-notes-to-write-${language}`);

      // The consultation's page: start a note (SOAP by default) and type; it saves by itself.
      await row.locator(`a[href="/app/consultations/${c.id}"]`).click();
      await page.getByRole('button', { name: text.newNote }).click();
      await page.getByLabel(text.subjective).fill(`Sommeil difficile ${marker}`);
      await page.getByLabel(text.objective).fill('Discours cohérent');
      await page.getByLabel(text.assessment).fill('Anxiété modérée');
      await page.getByLabel(text.plan).fill('Revoir dans deux semaines');
      await page.getByText(text.saved).waitFor(WAIT);
      await expect
        .poll(async () => {
          const note = await noteOf(c.id);
          if (!note) return null;
          const plain = cipher.decrypt(note, {
            table: 'clinical_notes',
            column: 'encrypted_content',
            rowId: note.id,
          });
          return JSON.parse(plain).sections.plan;
        }, WAIT)
        .toBe('Revoir dans deux semaines');
      const stored = (await noteOf(c.id))!;
      expect(stored.template).toBe('SOAP');
      expect(stored.encryptedContent).not.toContain(marker);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `clinical-notes-editor-${language}`);

      // Sign from the keyboard: Tab from the last section to the button, Enter, Enter to confirm.
      await page.getByLabel(text.plan).focus();
      await page.keyboard.press('Tab');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(text.sign);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor(WAIT);
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Enter');
      await page.getByText(text.signedBy).waitFor(WAIT);
      expect(await page.getByLabel(text.subjective).count()).toBe(0);
      expect((await noteOf(c.id))!.signedBy).toBe(martinId);

      // An addendum: encrypted, signed, listed under the note.
      await page.getByLabel(text.addendum).fill(`Correction ${marker}`);
      await page.getByRole('button', { name: text.addAddendum }).click();
      await page.getByText(`Correction ${marker}`).waitFor(WAIT);
      const addenda = () =>
        platform.db.ownerDb
          .select()
          .from(clinicalNoteAddenda)
          .where(eq(clinicalNoteAddenda.noteId, stored.id));
      await expect.poll(async () => (await addenda()).length, WAIT).toBe(1);
      expect((await addenda())[0]!.encryptedContent).not.toContain(marker);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `clinical-notes-signed-${language}`);

      // The patient file: this note among Marc's, across consultations.
      await page.getByRole('link', { name: new RegExp(`^${text.patientFile}`) }).click();
      await page.getByRole('heading', { name: new RegExp(`^${text.patientTitle}`), level: 1 }).waitFor(WAIT);
      await page.getByText(`Sommeil difficile ${marker}`).waitFor(WAIT);
      await page.getByText(`Correction ${marker}`).waitFor(WAIT);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `clinical-notes-patient-file-${language}`);

      // Signed: the consultation has left "notes to write".
      await page.goto(`${platform.url}/app/clinical-notes`);
      await page.getByRole('heading', { name: text.toWrite, level: 1 }).waitFor(WAIT);
      await page
        .getByText(new RegExp(`${text.empty}|${text.summary}`))
        .first()
        .waitFor(WAIT);
      expect(await page.locator(`a[href="/app/consultations/${c.id}"]`).count()).toBe(0);
      await page.context().close();
    }, 120_000);
  }
});
