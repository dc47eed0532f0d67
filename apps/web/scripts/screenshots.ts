// Screenshots of the web app for visual review (not a test): public pages in French and English,
// desktop and mobile, plus a few signed-in pages against a mocked API.
// Usage: build, serve (`npx vite preview --port 4173` in apps/web), then
//   npx tsx apps/web/scripts/screenshots.ts
// BASE_URL, OUT_DIR and CHROMIUM override the defaults; ONLY=landing,login takes just those shots.
import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Page, type Route } from 'playwright-core';

const BASE = process.env.BASE_URL ?? 'http://localhost:4173';
const OUT = process.env.OUT_DIR ?? '/tmp/hz-shots';
const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 390, height: 844 },
} as const;
type Viewport = keyof typeof VIEWPORTS;
type Lang = 'fr' | 'en';
type Persona = 'anonymous' | 'employee' | 'hr' | 'superAdmin';

interface Shot {
  name: string;
  path: string;
  persona?: Persona;
  viewports?: Viewport[];
  langs?: Lang[];
  /** Something to do before the picture (open a dialog, submit an empty form…). */
  act?: (page: Page) => Promise<void>;
  /** The visible viewport only (dialogs, menus); the whole page otherwise. */
  viewportOnly?: boolean;
}

const company = {
  id: '8d7f1c2e-1111-4c3b-9a55-0a1b2c3d4e5f',
  name: 'Acme Industries',
  logoUrl: null,
  primaryColor: '#6d28d9',
  secondaryColor: null,
};

function me(role: string, extra: Record<string, unknown> = {}) {
  return {
    id: '0f0e0d0c-2222-4b3a-8c7d-111213141516',
    email: 'camille.martin@acme.fr',
    role,
    firstName: 'Camille',
    lastName: 'Martin',
    preferredLanguage: 'fr',
    emailVerified: true,
    twoFactorEnabled: role !== 'EMPLOYEE' && role !== 'ADMIN_RH',
    twoFactorEnrollmentRequired: false,
    companyId: null,
    employeeId: null,
    practitionerId: null,
    company: null,
    ...extra,
  };
}

const USERS: Record<Exclude<Persona, 'anonymous'>, ReturnType<typeof me>> = {
  employee: me('EMPLOYEE', { company, companyId: company.id }),
  hr: me('ADMIN_RH', { company: { ...company, primaryColor: null }, companyId: company.id }),
  superAdmin: me('SUPER_ADMIN', { email: 'root@huntzen.fr', firstName: 'Alex', lastName: 'Durand' }),
};

const json = (route: Route, status: number, body: unknown, type = 'application/json') =>
  route.fulfill({ status, contentType: type, body: JSON.stringify(body) });

/** A stand-in for the API: enough answers for each persona's pages. */
async function mockApi(page: Page, persona: Persona, lang: Lang): Promise<void> {
  await page.route('**/api/v1/**', (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname.replace('/api/v1', '');
    if (persona === 'anonymous') {
      return json(
        route,
        401,
        {
          type: 'about:blank',
          title: 'Unauthorized',
          status: 401,
          code: 'UNAUTHENTICATED',
          detail: 'No session',
        },
        'application/problem+json',
      );
    }
    const user = { ...USERS[persona], preferredLanguage: lang };
    if (path === '/auth/refresh') {
      return json(route, 200, {
        status: 'OK',
        accessToken: 'token',
        accessTokenExpiresAt: new Date(Date.now() + 900_000).toISOString(),
        user,
      });
    }
    if (path === '/auth/me') return json(route, 200, user);
    if (path === '/employees/pending') {
      return json(route, 200, {
        items: [
          {
            id: 'e1',
            firstName: 'Léa',
            lastName: 'Bernard',
            email: 'lea.bernard@acme.fr',
            createdAt: '2025-03-02T09:00:00Z',
          },
          {
            id: 'e2',
            firstName: 'Hugo',
            lastName: 'Petit',
            email: 'hugo.petit@acme.fr',
            createdAt: '2025-03-03T14:30:00Z',
          },
        ],
        nextCursor: null,
      });
    }
    if (path === '/admins') {
      return json(route, 200, {
        items: [
          {
            id: user.id,
            email: user.email,
            role: 'SUPER_ADMIN',
            isActive: true,
            twoFactorEnabled: true,
            createdAt: '2025-01-01T00:00:00Z',
            lastLoginAt: '2025-03-04T08:00:00Z',
          },
          {
            id: 'a2',
            email: 'ops@huntzen.fr',
            role: 'ADMIN_HUNTZEN',
            isActive: true,
            twoFactorEnabled: true,
            createdAt: '2025-02-01T00:00:00Z',
            lastLoginAt: null,
          },
          {
            id: 'a3',
            email: 'former@huntzen.fr',
            role: 'ADMIN_HUNTZEN',
            isActive: false,
            twoFactorEnabled: false,
            createdAt: '2025-02-01T00:00:00Z',
            lastLoginAt: null,
          },
        ],
        nextCursor: null,
      });
    }
    return json(route, 404, {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      code: 'NOT_FOUND',
      detail: path,
    });
  });
}

const submitEmpty = async (page: Page) => {
  await page.locator('button[type="submit"]').last().click();
  await page.waitForTimeout(150);
};

const SHOTS: Shot[] = [
  { name: 'landing', path: '/' },
  { name: 'login', path: '/login' },
  { name: 'signup-employee', path: '/signup/employee' },
  { name: 'signup-company', path: '/signup/company' },
  { name: 'signup-employee-errors', path: '/signup/employee', viewports: ['desktop'], act: submitEmpty },
  { name: 'signup-company-errors', path: '/signup/company', viewports: ['desktop'], act: submitEmpty },
  { name: 'signup', path: '/signup', viewports: ['desktop'], langs: ['fr'] },
  { name: 'signup-practitioner', path: '/signup/practitioner', viewports: ['desktop'], langs: ['fr'] },
  {
    name: 'crisis-modal',
    path: '/',
    viewportOnly: true,
    langs: ['fr'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Urgence ?' }).click();
      await page.getByRole('dialog').waitFor();
      await page.waitForTimeout(300);
    },
  },
  { name: 'not-found', path: '/nowhere', viewports: ['desktop'], langs: ['fr'] },
  { name: 'app-employee', path: '/app', persona: 'employee' },
  { name: 'app-hr-employees', path: '/app/employees', persona: 'hr', viewports: ['desktop'], langs: ['fr'] },
  { name: 'app-admins', path: '/app/admins', persona: 'superAdmin', viewports: ['desktop'] },
  {
    name: 'account-security',
    path: '/account/security',
    persona: 'employee',
    viewports: ['desktop'],
    langs: ['fr'],
  },
  {
    name: 'app-not-allowed',
    path: '/app/admins',
    persona: 'employee',
    viewports: ['desktop'],
    langs: ['en'],
  },
  {
    name: 'app-employee-menu',
    path: '/app/journal',
    viewportOnly: true,
    persona: 'employee',
    viewports: ['mobile'],
    langs: ['fr'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
      await page.waitForTimeout(400);
    },
  },
];

async function take(browser: Browser, shot: Shot, viewport: Viewport, lang: Lang): Promise<string> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    locale: lang,
    reducedMotion: 'reduce',
  });
  await context.addInitScript((l) => localStorage.setItem('huntzen.language', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await mockApi(page, shot.persona ?? 'anonymous', lang);
  await page.goto(`${BASE}${shot.path}`, { waitUntil: 'networkidle' });
  await page.locator('main h1').first().waitFor({ timeout: 10_000 });
  if (shot.act) await shot.act(page);
  // A sticky header would otherwise be pictured where the page was scrolled to.
  if (!shot.viewportOnly) await page.evaluate(() => window.scrollTo(0, 0));
  const file = `${OUT}/${shot.name}-${lang}-${viewport}.png`;
  await page.screenshot({ path: file, fullPage: !shot.viewportOnly });
  await context.close();
  if (errors.length > 0) console.error(`${file}: page errors: ${errors.join(' | ')}`);
  return file;
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const only = process.env.ONLY?.split(',');
    for (const shot of SHOTS.filter((s) => !only || only.includes(s.name))) {
      for (const lang of shot.langs ?? (['fr', 'en'] as const)) {
        for (const viewport of shot.viewports ?? (['desktop', 'mobile'] as const)) {
          console.info(await take(browser, shot, viewport, lang));
        }
      }
    }
  } finally {
    await browser.close();
  }
}

await main();
