// The video room page in Chromium on the real platform. The browser has no Internet, so Jitsi
// (meet.jit.si, the default JITSI_DOMAIN) is intercepted: its script is refused to show the
// "cannot reach Jitsi" message and its retry, or replaced by a stand-in that records what the page
// asks of Jitsi's external API, to enter and leave the room. Before the window, the page waits and
// counts down without touching Jitsi. In French and in English.
import { randomUUID } from 'node:crypto';
import { consultationEvents, consultations, employees, practitioners, users } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MARC,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

const SCRIPT_URL = 'https://meet.jit.si/external_api.js';
const MINUTE = 60_000;
// The pages answer within a second alone, not always on a machine shared by several test runs.
const WAIT = { timeout: 15_000 };

let platform: Platform;
let martinId: string;
let marc: { id: string; companyId: string; userId: string };
let hour = 0;

beforeAll(async () => {
  platform = await startPlatform();
  const db = platform.db.ownerDb;
  const [martin] = await db
    .select({ id: practitioners.id })
    .from(practitioners)
    .innerJoin(users, eq(users.id, practitioners.userId))
    .where(eq(users.email, 'dr.sophie.martin@huntzen.care'));
  martinId = martin!.id;
  [marc] = (await db
    .select({ id: employees.id, companyId: employees.companyId, userId: employees.userId })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(eq(users.email, MARC.email))) as [typeof marc];
});
afterAll(async () => {
  await platform?.close();
});

/**
 * A confirmed video consultation of Marc with Dr Martin starting `minutesAhead` from now (negative:
 * already started) and lasting `duration` minutes. Those placed around now get distinct, short
 * times; the far ones (waiting) an hour of their own: they never overlap.
 */
async function place(minutesAhead: number, duration = 5) {
  hour += 1;
  const far = minutesAhead > 60 ? hour * 2 * 60 * MINUTE : 0;
  const scheduledAt = new Date(Date.now() + minutesAhead * MINUTE + far);
  const [row] = await platform.db.ownerDb
    .insert(consultations)
    .values({
      companyId: marc.companyId,
      employeeId: marc.id,
      practitionerId: martinId,
      format: 'VIDEO',
      status: 'CONFIRMED',
      duration,
      scheduledAt,
      scheduledEndAt: new Date(scheduledAt.getTime() + duration * MINUTE),
      roomName: `hz-${randomUUID().replaceAll('-', '')}`,
    })
    .returning();
  return row!;
}

async function eventsOf(id: string) {
  const rows = await platform.db.ownerDb
    .select({ type: consultationEvents.eventType })
    .from(consultationEvents)
    .where(eq(consultationEvents.consultationId, id));
  return rows.map((r) => r.type);
}

/** Every request the page makes to the Jitsi server. */
function jitsiRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request: Request) => {
    if (request.url().startsWith('https://meet.jit.si/')) seen.push(request.url());
  });
  return seen;
}

const TEXT = {
  fr: {
    waiting: "La salle n'est pas encore ouverte",
    unreachable: 'Le service de visio est injoignable',
    retry: 'Réessayer',
    message: "Écrire à l'autre participant",
    leave: 'Quitter la salle',
    left: 'Vous avez quitté la salle',
  },
  en: {
    waiting: 'The room is not open yet',
    unreachable: 'The video service cannot be reached',
    retry: 'Try again',
    message: 'Write to the other participant',
    leave: 'Leave the room',
    left: 'You left the room',
  },
} as const;

describe('the video room', () => {
  for (const language of ['fr', 'en'] as const) {
    const text = TEXT[language];

    it(`waits with a countdown before the room opens, without loading Jitsi (${language})`, async () => {
      const c = await place(3 * 60, 50);
      const page = await newPage(platform, language);
      const requested = jitsiRequests(page);
      await signIn(page, platform, MARC);
      await page.goto(`${platform.url}/app/consultations/${c.id}/room`);
      await page.getByRole('heading', { name: text.waiting }).waitFor();
      const timer = page.getByRole('timer');
      const first = await timer.textContent();
      expect(first).toMatch(/\d+ h \d{2} min \d{2} s/);
      // It counts down, second by second.
      await expect.poll(() => timer.textContent(), WAIT).not.toBe(first);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `room-waiting-${language}`);
      expect(requested).toEqual([]);
      expect(await eventsOf(c.id)).toEqual([]);
      await page.context().close();
    });

    it(`says plainly when Jitsi cannot be reached, and tries again on demand (${language})`, async () => {
      // Open now: starting in 5 minutes (French), or started 8 minutes ago (English).
      const c = await place(language === 'fr' ? 5 : -8);
      const page = await newPage(platform, language);
      const requested = jitsiRequests(page);
      // No Internet here: refuse Jitsi's script as a network failure would.
      await page.route('https://meet.jit.si/**', (route) => route.abort('internetdisconnected'));
      await signIn(page, platform, MARC);
      await page.goto(`${platform.url}/app/consultations/${c.id}/room`);
      const alert = page.getByRole('alert').filter({ hasText: text.unreachable });
      await alert.waitFor();
      await expect.poll(() => alert.textContent(), WAIT).toContain('meet.jit.si');
      expect(requested).toEqual([SCRIPT_URL]);
      // Joining was recorded before Jitsi was needed.
      expect(await eventsOf(c.id)).toEqual(['ROOM_JOINED']);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `room-unreachable-${language}`);

      await page.getByRole('button', { name: text.retry }).click();
      await expect.poll(() => requested.length, WAIT).toBe(2);
      expect(requested).toEqual([SCRIPT_URL, SCRIPT_URL]);
      await alert.waitFor();
      // The way round it that exists: the consultation's own thread.
      await alert.getByRole('link', { name: text.message }).click();
      await page.waitForURL(`${platform.url}/app/messages/${c.id}`);
      await page.context().close();
    });
  }

  it('embeds the meeting with what the API returned, and records leaving', async () => {
    const c = await place(-20);
    const page = await newPage(platform, 'fr');
    // A stand-in for Jitsi's external API: it records the options and draws an empty frame.
    await page.route(SCRIPT_URL, (route) =>
      route.fulfill({
        contentType: 'application/javascript',
        body: `window.JitsiMeetExternalAPI = function (domain, options) {
          const { parentNode, ...rest } = options;
          window.__jitsi = { domain, options: rest, disposed: false };
          const frame = document.createElement('iframe');
          frame.src = 'about:blank';
          parentNode.appendChild(frame);
          this.addListener = function () {};
          this.executeCommand = function () {};
          this.getIFrame = function () { return frame; };
          this.dispose = function () { frame.remove(); window.__jitsi.disposed = true; };
        };`,
      }),
    );
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/consultations/${c.id}/room`);
    await page.locator('iframe[title="Visio de la consultation"]').waitFor();
    const jitsi = await page.evaluate(() => (window as unknown as { __jitsi: unknown }).__jitsi);
    expect(jitsi).toMatchObject({
      domain: 'meet.jit.si',
      options: {
        roomName: c.roomName,
        lang: 'fr',
        userInfo: { displayName: 'Marc Dupont' },
        configOverwrite: { startAudioOnly: false },
      },
      disposed: false,
    });
    // No token on the public Jitsi (no credentials configured).
    expect((jitsi as { options: Record<string, unknown> }).options.jwt).toBeUndefined();
    await screenshot(page, 'room-in-fr');

    await page.getByRole('button', { name: TEXT.fr.leave }).click();
    await page.getByRole('heading', { name: TEXT.fr.left }).waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { __jitsi: { disposed: boolean } }).__jitsi.disposed),
    ).toBe(true);
    await expect.poll(() => eventsOf(c.id), WAIT).toEqual(['ROOM_JOINED', 'ROOM_LEFT']);
    await page.context().close();
  });
});
