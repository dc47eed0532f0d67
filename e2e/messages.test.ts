// The chat in Chromium on the real platform: Marc (employee) and Dr Martin (practitioner), each in
// their own browser context, exchange messages live (each sees the other's appear without
// reloading), with a read receipt, an attachment (an image shown inline, a PDF downloaded), an edit
// and a delete; the thread is opened from the consultation's page; the practitioner's reply promise
// shows on top of the thread; a thread 14 days past its consultation is read-only and says why.
// In French and in English, axe-clean, and on a phone's width.
import { randomUUID } from 'node:crypto';
import { consultations, employees, practitioners, users } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf, samplePng } from '../apps/api/src/platform/files/sample-files';
import {
  type Account,
  enableTwoFactor,
  MARC,
  newPage,
  type Platform,
  MARTIN as SOPHIE,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Pushes cross the database, the socket and a busy machine shared by several test runs.
const WAIT = { timeout: 15_000 };

let platform: Platform;
let sophie: Account;
let martinId: string;
let marc: { id: string; companyId: string };

beforeAll(async () => {
  platform = await startPlatform();
  const db = platform.db.ownerDb;
  const [martin] = await db
    .select({ id: practitioners.id })
    .from(practitioners)
    .innerJoin(users, eq(users.id, practitioners.userId))
    .where(eq(users.email, SOPHIE.email));
  martinId = martin!.id;
  [marc] = (await db
    .select({ id: employees.id, companyId: employees.companyId })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(users.email, MARC.email))) as [typeof marc];
  sophie = { ...SOPHIE, totpSecret: await enableTwoFactor(platform, SOPHIE.email) };
});
afterAll(async () => {
  await platform?.close();
});

let placed = 0;
/** A video consultation of Marc with Dr Martin, `daysAhead` from now (negative: in the past). */
async function place(daysAhead: number, status: 'CONFIRMED' | 'COMPLETED' = 'CONFIRMED') {
  placed += 1;
  // Distinct hours: two consultations of the same pair never overlap.
  const scheduledAt = new Date(Date.now() + daysAhead * DAY + placed * 2 * 60 * MINUTE);
  const scheduledEndAt = new Date(scheduledAt.getTime() + 50 * MINUTE);
  const [row] = await platform.db.ownerDb
    .insert(consultations)
    .values({
      companyId: marc.companyId,
      employeeId: marc.id,
      practitionerId: martinId,
      format: 'VIDEO',
      status,
      duration: 50,
      scheduledAt,
      scheduledEndAt,
      ...(status === 'COMPLETED' ? { startedAt: scheduledAt, endedAt: scheduledEndAt } : {}),
      roomName: `hz-${randomUUID().replaceAll('-', '')}`,
    })
    .returning();
  return row!;
}

const TEXT = {
  fr: {
    nav: 'Navigation principale',
    openThread: 'Ouvrir la conversation',
    threadWith: /^Conversation avec /,
    composer: 'Votre message',
    send: 'Envoyer',
    attach: 'Joindre un fichier',
    read: 'Lu',
    edited: 'modifié',
    deleted: 'Message supprimé',
    actions: /^Actions sur votre message de /,
    edit: 'Modifier',
    editLabel: 'Modifier le message',
    delete: 'Supprimer',
    deleteTitle: 'Supprimer ce message ?',
    imageAlt: 'Image jointe : seance.png',
    download: 'Télécharger exercice.pdf',
    crisis: "Numéros d'urgence",
    crisisTitle: "En cas d'urgence",
    replyPromiseCard: 'Promesse de réponse / horaires',
    replyPromiseLabel: 'Votre promesse de réponse',
    replyPromiseSave: 'Enregistrer',
    replyPromiseOf: /^Délai de réponse de /,
    readOnly: 'Conversation en lecture seule',
    closedSince: /fermée depuis le/,
    messages: {
      marc1: 'Bonjour docteur, je voulais vous poser une question.',
      sophie1: ['Bonjour Marc,', 'je vous écoute.'],
      marcEdited: 'Bonjour docteur, une question sur les exercices de respiration.',
      marc2: 'Voici la photo de mes notes.',
      sophie2: 'Voici la fiche d’exercices.',
      marcGone: 'Message envoyé par erreur.',
    },
    promise: 'Je réponds sous 48 h ouvrées, du lundi au vendredi.',
  },
  en: {
    nav: 'Main navigation',
    openThread: 'Open the conversation',
    threadWith: /^Conversation with /,
    composer: 'Your message',
    send: 'Send',
    attach: 'Attach a file',
    read: 'Read',
    edited: 'edited',
    deleted: 'Message deleted',
    actions: /^Actions on your message of /,
    edit: 'Edit',
    editLabel: 'Edit the message',
    delete: 'Delete',
    deleteTitle: 'Delete this message?',
    imageAlt: 'Attached image: seance.png',
    download: 'Download exercice.pdf',
    crisis: 'Emergency numbers',
    crisisTitle: 'In an emergency',
    replyPromiseCard: 'Reply promise / office hours',
    replyPromiseLabel: 'Your reply promise',
    replyPromiseSave: 'Save',
    replyPromiseOf: /^When .+ replies$/,
    readOnly: 'Read-only conversation',
    closedSince: /closed on/,
    messages: {
      marc1: 'Hello doctor, I have a question.',
      sophie1: ['Hello Marc,', 'I am listening.'],
      marcEdited: 'Hello doctor, a question about the breathing exercises.',
      marc2: 'Here is a photo of my notes.',
      sophie2: 'Here is the exercise sheet.',
      marcGone: 'Sent by mistake.',
    },
    promise: 'I reply within 2 working days, Monday to Friday.',
  },
} as const;

// Each TOTP code is accepted once per account: a second sign-in within the same 30-second step
// uses the next step's code (still inside the accepted window).
let lastStep = -1;
function codeTime(): number {
  const step = Math.max(Math.floor(Date.now() / 30_000), lastStep + 1);
  lastStep = step;
  return Math.max(Date.now(), step * 30_000);
}

/**
 * Signs in and waits until the page's socket has joined the user's room (the server then sends the
 * unread count): from then on, pushes reach the page.
 */
async function signInLive(page: Page, account: Account) {
  let live = false;
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (String(payload).includes('notifications:unread')) live = true;
    }),
  );
  await signIn(page, platform, account, { at: account.totpSecret ? codeTime() : undefined });
  // Signing in switches to the account's language; a page load takes the context's again.
  live = false;
  await page.goto(`${platform.url}/app`);
  await expect.poll(() => live, WAIT).toBe(true);
}

/** The conversation's message list. */
function thread(page: Page): Locator {
  return page.getByRole('region', { name: /^(Messages avec|Messages with) / });
}

/** The list item of the message that contains `text`. */
function bubble(page: Page, text: string): Locator {
  return thread(page).getByRole('listitem').filter({ hasText: text });
}

async function send(page: Page, language: 'fr' | 'en', lines: readonly string[]) {
  const box = page.getByRole('textbox', { name: TEXT[language].composer, exact: true });
  await box.click();
  for (const [index, line] of lines.entries()) {
    if (index > 0) await box.press('Shift+Enter');
    await box.pressSequentially(line);
  }
  await box.press('Enter');
  // Sent: the composer empties and keeps the focus for the next message.
  await expect.poll(() => box.inputValue(), WAIT).toBe('');
  expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
}

async function attach(
  page: Page,
  language: 'fr' | 'en',
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: TEXT[language].attach }).click();
  await (await chooser).setFiles(file);
  await page.getByRole('button', { name: new RegExp(file.name) }).waitFor();
}

/** A full-page screenshot from the top (a scrolled page would draw its fixed header mid-page). */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** True when the page is no wider than its viewport (nothing sticks out sideways). */
async function fitsWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('the chat', () => {
  for (const language of ['fr', 'en'] as const) {
    const text = TEXT[language];
    const said = text.messages;

    it(`lets Marc and Dr Martin talk live, with receipts, files, edits and deletes (${language})`, async () => {
      const c = await place(2);
      const marcPage = await newPage(platform, language);
      const sophiePage = await newPage(platform, language);
      await signInLive(marcPage, MARC);
      await signInLive(sophiePage, sophie);

      // Dr Martin sets her reply promise on the Messages page (in the menu).
      await sophiePage
        .getByRole('navigation', { name: text.nav })
        .getByRole('link', { name: /^Messages/ })
        .click();
      await sophiePage.waitForURL(/\/app\/messages$/);
      await sophiePage.getByRole('heading', { name: text.replyPromiseCard }).waitFor();
      await sophiePage.getByLabel(text.replyPromiseLabel).fill(text.promise);
      await sophiePage.getByRole('button', { name: text.replyPromiseSave }).click();
      await sophiePage.getByText(/^(Promesse de réponse enregistrée|Reply promise saved)\.$/).waitFor();

      // Marc opens the thread from the consultation's page.
      await marcPage.goto(`${platform.url}/app/consultations/${c.id}`);
      await marcPage.getByRole('link', { name: text.openThread }).click();
      await marcPage.waitForURL(new RegExp(`/app/messages/${c.id}$`));
      await marcPage.getByRole('heading', { name: text.threadWith, level: 1 }).waitFor();
      const promise = marcPage.getByText(text.replyPromiseOf);
      await promise.waitFor();
      await marcPage.getByText(text.promise).waitFor();

      // The emergency numbers are one click away.
      await marcPage.getByRole('button', { name: text.crisis }).click();
      const crisis = marcPage.getByRole('dialog', { name: text.crisisTitle });
      await crisis.getByRole('link', { name: /3114/ }).waitFor();
      await marcPage.keyboard.press('Escape');
      await crisis.waitFor({ state: 'hidden' });

      // Marc writes; Dr Martin, on her inbox, sees the thread come up unread, then opens it.
      await send(marcPage, language, [said.marc1]);
      await bubble(marcPage, said.marc1).waitFor();
      const row = sophiePage.locator(`a[href="/app/messages/${c.id}"]`);
      await row.filter({ hasText: /non lu|unread/ }).waitFor(WAIT);
      expect(await seriousViolations(sophiePage)).toEqual([]);
      await shoot(sophiePage, `messages-inbox-${language}`);
      await row.click();
      await bubble(sophiePage, said.marc1).waitFor();

      // Dr Martin has it on screen: Marc sees "Read" under it, without reloading.
      await bubble(marcPage, said.marc1).getByText(text.read, { exact: true }).waitFor(WAIT);

      // She answers on two lines (Shift+Enter); Marc sees it arrive.
      await send(sophiePage, language, said.sophie1);
      const answer = bubble(marcPage, said.sophie1[0]);
      await answer.waitFor(WAIT);
      expect(await answer.textContent()).toContain(`${said.sophie1[0]}\n${said.sophie1[1]}`);

      // Marc sends a picture with a caption; it shows inline for both (fetched with the token).
      await attach(marcPage, language, {
        name: 'seance.png',
        mimeType: 'image/png',
        buffer: samplePng(120, 80),
      });
      await send(marcPage, language, [said.marc2]);
      for (const page of [marcPage, sophiePage]) {
        const image = bubble(page, said.marc2).getByRole('img', { name: text.imageAlt });
        await expect
          .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), WAIT)
          .toBe(120);
        expect(await image.getAttribute('src')).toMatch(/^blob:/);
      }

      // Dr Martin sends a PDF; Marc downloads it.
      await attach(sophiePage, language, {
        name: 'exercice.pdf',
        mimeType: 'application/pdf',
        buffer: samplePdf('Respiration'),
      });
      await send(sophiePage, language, [said.sophie2]);
      const pdf = bubble(marcPage, said.sophie2).getByRole('button', { name: text.download });
      await pdf.waitFor(WAIT);
      const download = marcPage.waitForEvent('download');
      await pdf.click();
      expect((await download).suggestedFilename()).toBe('exercice.pdf');

      // Marc edits his first message (within the edit window); Dr Martin sees the new text.
      await bubble(marcPage, said.marc1).getByRole('button', { name: text.actions }).click();
      await marcPage.getByRole('menuitem', { name: text.edit }).click();
      const editor = marcPage.getByRole('textbox', { name: text.editLabel, exact: true });
      await editor.fill(said.marcEdited);
      await editor.press('Enter');
      await bubble(marcPage, said.marcEdited).waitFor();
      const edited = bubble(sophiePage, said.marcEdited);
      await edited.waitFor(WAIT);
      await edited.getByText(text.edited).waitFor();
      expect(await thread(sophiePage).getByText(said.marc1).count()).toBe(0);

      // Marc sends, then deletes a message; both see it deleted.
      await send(marcPage, language, [said.marcGone]);
      await bubble(sophiePage, said.marcGone).waitFor(WAIT);
      await bubble(marcPage, said.marcGone).getByRole('button', { name: text.actions }).click();
      await marcPage.getByRole('menuitem', { name: text.delete }).click();
      const dialog = marcPage.getByRole('dialog', { name: text.deleteTitle });
      await dialog.getByRole('button', { name: text.delete }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => thread(sophiePage).getByText(said.marcGone).count(), WAIT).toBe(0);
      await expect.poll(() => thread(sophiePage).getByText(text.deleted).count(), WAIT).toBe(1);
      expect(await thread(marcPage).getByText(said.marcGone).count()).toBe(0);
      // Focus went back to the list, not lost on the page.
      expect(await marcPage.evaluate(() => document.activeElement?.id)).toBe('thread-messages');

      // "Read" sits under Marc's last message Dr Martin has read, and only there.
      await expect.poll(() => thread(marcPage).getByText(text.read, { exact: true }).count(), WAIT).toBe(1);

      expect(await seriousViolations(marcPage)).toEqual([]);
      expect(await seriousViolations(sophiePage)).toEqual([]);
      await shoot(marcPage, `messages-thread-employee-${language}`);
      await shoot(sophiePage, `messages-thread-practitioner-${language}`);
      await marcPage.context().close();
      await sophiePage.context().close();
    });
  }

  it('on a phone: the inbox and the thread fit the screen, and the thread stays usable', async () => {
    const c = await place(3);
    const page = await newPage(platform, 'fr', { width: 375, height: 740 });
    await signInLive(page, MARC);
    await page.goto(`${platform.url}/app/messages`);
    await page.locator(`a[href="/app/messages/${c.id}"]`).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shoot(page, 'messages-inbox-phone-fr');
    await page.locator(`a[href="/app/messages/${c.id}"]`).click();
    await page.getByRole('heading', { name: TEXT.fr.threadWith, level: 1 }).waitFor();
    await send(page, 'fr', ['Un message écrit sur mon téléphone, assez long pour passer à la ligne.']);
    await bubble(page, 'Un message écrit sur mon téléphone').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'messages-thread-phone-fr');
    await page.context().close();
  });

  it('shows a thread past its window read-only, saying why and since when', async () => {
    const c = await place(-30, 'COMPLETED');
    const page = await newPage(platform, 'fr');
    await signInLive(page, MARC);
    await page.goto(`${platform.url}/app/messages/${c.id}`);
    const notice = page.getByRole('alert').filter({ hasText: TEXT.fr.readOnly });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(TEXT.fr.closedSince);
    expect(await page.getByRole('textbox', { name: TEXT.fr.composer, exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'messages-thread-closed-fr');
    await page.context().close();
  });
});
