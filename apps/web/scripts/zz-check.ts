import AxeBuilder from '@axe-core/playwright';
import { chromium, type Page, type Route } from 'playwright-core';

const BASE = 'http://localhost:4173';
const user = (extra: Record<string, unknown> = {}) => ({
  id: '0f0e0d0c-2222-4b3a-8c7d-111213141516',
  email: 'a@acme.fr',
  role: 'EMPLOYEE',
  firstName: 'Camille',
  lastName: 'M',
  preferredLanguage: 'en',
  emailVerified: true,
  twoFactorEnabled: false,
  twoFactorEnrollmentRequired: false,
  companyId: null,
  employeeId: null,
  practitionerId: null,
  company: null,
  ...extra,
});
const session = (u: unknown, token = 't1') => ({
  status: 'OK',
  accessToken: token,
  accessTokenExpiresAt: new Date(Date.now() + 9e5).toISOString(),
  user: u,
});
const json = (r: Route, status: number, body?: unknown) =>
  r.fulfill({
    status,
    contentType: status >= 400 ? 'application/problem+json' : 'application/json',
    body: body === undefined ? '' : JSON.stringify(body),
  });
const problem = (status: number, code: string, errors?: unknown[]) => ({
  type: 'about:blank',
  title: code,
  status,
  code,
  detail: code,
  instance: '/',
  errors,
});

async function run(
  name: string,
  fn: (page: Page, log: string[]) => Promise<void>,
  handler: (
    path: string,
    r: Route,
    log: string[],
    body: string | null,
    auth: string | undefined,
  ) => Promise<void> | void,
) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const log: string[] = [];
  page.on('pageerror', (e) => log.push(`PAGEERROR ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') log.push(`console.error ${m.text()}`);
  });
  await page.route('**/api/v1/**', async (r) => {
    const path = new URL(r.request().url()).pathname.replace('/api/v1', '');
    const auth = r.request().headers().authorization;
    log.push(`${r.request().method()} ${path} ${auth ?? ''} ${r.request().postData() ?? ''}`);
    await handler(path, r, log, r.request().postData(), auth);
  });
  try {
    await fn(page, log);
    console.info(`OK ${name}`);
  } catch (e) {
    console.info(`FAIL ${name}: ${(e as Error).message}`);
  }
  console.info(log.map((l) => `   ${l}`).join('\n'));
  await browser.close();
}

// 1. anonymous bootstrap: refresh once, login → /app
await run(
  'login flow',
  async (page) => {
    await page.goto(`${BASE}/login`);
    await page.getByLabel('Adresse e-mail').fill('a@acme.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('secret-password');
    await page.getByRole('button', { name: 'Se connecter' }).last().click();
    await page.waitForURL('**/app');
    await page.getByRole('heading', { name: 'Hello Camille' }).waitFor();
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== 'en') throw new Error(`lang ${lang}`);
  },
  (path, r) => {
    if (path === '/auth/refresh') return json(r, 401, problem(401, 'UNAUTHENTICATED'));
    if (path === '/auth/login') return json(r, 200, session(user()));
    return json(r, 404, problem(404, 'NOT_FOUND'));
  },
);

// 2. login wrong password + 2FA flow, with from redirect
await run(
  '2fa flow + return path',
  async (page) => {
    await page.goto(`${BASE}/app/journal`);
    await page.waitForURL('**/login');
    await page.getByLabel('Adresse e-mail').fill('a@acme.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Se connecter' }).last().click();
    await page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    await page.getByLabel('Mot de passe', { exact: true }).fill('right');
    await page.getByRole('button', { name: 'Se connecter' }).last().click();
    await page.waitForURL('**/login/2fa');
    await page.getByLabel('Code à 6 chiffres').fill('12345');
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByText('Saisissez les 6 chiffres du code.').waitFor();
    await page.getByLabel('Code à 6 chiffres').fill('000000');
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByText("Ce code n'est pas valide").waitFor();
    await page.locator('label', { hasText: 'Utiliser un code de secours' }).click();
    await page.getByLabel('Code de secours', { exact: true }).fill('abcd-efgh-ijkl');
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.waitForURL('**/app/journal');
  },
  (path, r, _log, body) => {
    if (path === '/auth/refresh') return json(r, 401, problem(401, 'UNAUTHENTICATED'));
    if (path === '/auth/login')
      return body?.includes('wrong')
        ? json(r, 401, problem(401, 'UNAUTHENTICATED'))
        : json(r, 200, { status: 'TWO_FACTOR_REQUIRED', challengeToken: 'ch' });
    if (path === '/auth/2fa/verify')
      return body?.includes('recoveryCode')
        ? json(r, 200, session(user({ preferredLanguage: 'fr' })))
        : json(r, 401, problem(401, 'UNAUTHENTICATED'));
    return json(r, 404, problem(404, 'NOT_FOUND'));
  },
);

// 3. enrolment required → /setup-2fa, then confirm → codes → /app
await run(
  'enrolment',
  async (page) => {
    await page.goto(`${BASE}/app`);
    await page.waitForURL('**/setup-2fa');
    await page.getByRole('button', { name: "Configurer l'application" }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    await page.getByLabel('Code à 6 chiffres').fill('123456');
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.getByText('AAAA-BBBB').waitFor();
    await page.getByRole('button', { name: 'Accéder à mon espace' }).click();
    await page.waitForURL('**/app');
  },
  (path, r) => {
    const u = user({ role: 'PRACTITIONER', preferredLanguage: 'fr', twoFactorEnrollmentRequired: true });
    if (path === '/auth/refresh') return json(r, 200, session(u));
    if (path === '/auth/2fa/setup')
      return json(r, 200, {
        secret: 'JBSWY3DPEHPK3PXP',
        otpauthUrl: 'otpauth://x',
        qrCodeDataUrl:
          'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      });
    if (path === '/auth/2fa/confirm')
      return json(r, 200, {
        recoveryCodes: ['AAAA-BBBB', 'CCCC-DDDD'],
        session: session({ ...u, twoFactorEnrollmentRequired: false, twoFactorEnabled: true }, 't2'),
      });
    return json(r, 404, problem(404, 'NOT_FOUND'));
  },
);

// 4. 401 on a call → one refresh → retry with new token; HR approve
let pendingCalls = 0;
await run(
  'silent refresh + approve',
  async (page) => {
    await page.goto(`${BASE}/app/employees`);
    await page.getByRole('button', { name: 'Approuver Léa Bernard' }).click();
    await page.getByText('Le compte de Léa Bernard est approuvé.').waitFor();
  },
  (path, r, _log, _b, auth) => {
    const u = user({ role: 'ADMIN_RH', preferredLanguage: 'fr' });
    if (path === '/auth/refresh') {
      pendingCalls++;
      return json(r, 200, session(u, `tok${pendingCalls}`));
    }
    if (path.startsWith('/employees/pending')) {
      if (auth === 'Bearer tok1') return json(r, 401, problem(401, 'UNAUTHENTICATED'));
      return json(r, 200, {
        items: [
          {
            id: 'e1',
            firstName: 'Léa',
            lastName: 'Bernard',
            email: 'l@acme.fr',
            createdAt: '2025-03-02T09:00:00Z',
          },
        ],
        nextCursor: null,
      });
    }
    if (path === '/employees/e1/approve') return json(r, 204);
    return json(r, 404, problem(404, 'NOT_FOUND'));
  },
);

// 5. company signup: server field errors mapped, then success page
await run(
  'company signup errors + done',
  async (page) => {
    await page.goto(`${BASE}/signup/company`);
    await page.getByLabel("Nom de l'entreprise").fill('Acme');
    await page.getByLabel('Domaine 1', { exact: true }).fill('acme.fr');
    await page.getByRole('button', { name: 'Ajouter un domaine' }).click();
    await page.getByLabel('Domaine 2', { exact: true }).fill('not a domain');
    await page.getByLabel('SIRET', { exact: true }).fill('123');
    await page.getByLabel('Adresse e-mail professionnelle').fill('rh@acme.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('a-very-long-password');
    await page.getByRole('button', { name: 'Inscrire mon entreprise' }).click();
    await page.getByText('Le SIRET comporte 14 chiffres.').waitFor();
    await page.getByText('Saisissez un domaine comme @entreprise.fr.').waitFor();
    await page.getByRole('button', { name: 'Retirer le domaine 2' }).click();
    await page.getByLabel('SIRET', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Inscrire mon entreprise' }).click();
    await page.getByText('This password is too common').waitFor();
    await page.getByLabel('Mot de passe', { exact: true }).fill('another-long-password');
    await page.getByRole('button', { name: 'Inscrire mon entreprise' }).click();
    await page.waitForURL('**/signup/done?status=VERIFY_EMAIL&kind=company');
    await page.getByText('rh@acme.fr').first().waitFor();
  },
  (path, r, _l, body) => {
    if (path === '/auth/refresh') return json(r, 401, problem(401, 'UNAUTHENTICATED'));
    if (path === '/signup/company') {
      return body?.includes('a-very-long-password')
        ? json(
            r,
            400,
            problem(400, 'VALIDATION_FAILED', [
              { path: 'body.admin.password', message: 'This password is too common' },
            ]),
          )
        : json(r, 201, { status: 'VERIFY_EMAIL' });
    }
    return json(r, 404, problem(404, 'NOT_FOUND'));
  },
);

await run('verify email once', async (page, log) => {
  await page.goto(`${BASE}/verify-email?token=abcdefghijklmnopqrstuvwxyz`);
  await page.getByText('Votre entreprise doit encore approuver votre compte.').waitFor();
  await page.waitForTimeout(500);
  const n = log.filter((l) => l.startsWith('POST /auth/verify-email ')).length;
  if (n !== 1) throw new Error(`verify-email called ${n} times`);
}, (path, r) => {
  if (path === '/auth/refresh') return json(r, 401, problem(401, 'UNAUTHENTICATED'));
  if (path === '/auth/verify-email') return json(r, 200, { status: 'PENDING_APPROVAL' });
  return json(r, 404, problem(404, 'NOT_FOUND'));
});

await run('logout', async (page) => {
  await page.goto(`${BASE}/app`);
  await page.getByRole('button', { name: /Compte de Camille/ }).click();
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await page.waitForURL(`${BASE}/`);
  await page.getByRole('link', { name: 'Se connecter' }).first().waitFor();
  await page.goto(`${BASE}/app`);
  await page.waitForURL('**/login');
}, (path, r, log) => {
  const loggedOut = log.some((l) => l.startsWith('POST /auth/logout'));
  if (path === '/auth/refresh') return loggedOut ? json(r, 401, problem(401, 'UNAUTHENTICATED')) : json(r, 200, session(user({ preferredLanguage: 'fr' })));
  if (path === '/auth/logout') return json(r, 204);
  return json(r, 404, problem(404, 'NOT_FOUND'));
});

// 6. axe on public pages + keyboard skip link
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
for (const path of [
  '/',
  '/login',
  '/signup',
  '/signup/employee',
  '/signup/company',
  '/signup/practitioner',
  '/forgot-password',
  '/reset-password?token=abcdefghijklmnopqrstuvwxyz',
  '/verify-email',
  '/nowhere',
]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/api/v1/**', (r) => json(r, 401, problem(401, 'UNAUTHENTICATED')));
  await page.goto(`${BASE}${path}`, { waitUntil: 'networkidle' });
  await page.locator('main h1').first().waitFor();
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  console.info(`axe ${path}: ${result.violations.length} violations`);
  for (const v of result.violations)
    console.info(
      `   ${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? ''}`,
    );
  if (path === '/') {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement?.id);
    console.info(`   first tab: "${text}", after Enter focus on #${focused}`);
  }
  await context.close();
}
for (const [path, role] of [
  ['/app', 'EMPLOYEE'],
  ['/app/employees', 'ADMIN_RH'],
  ['/app/admins', 'SUPER_ADMIN'],
  ['/account/security', 'EMPLOYEE'],
  ['/app/journal', 'EMPLOYEE'],
  ['/app/admins', 'EMPLOYEE'],
  ['/setup-2fa', 'PRACTITIONER'],
] as const) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const u = user({
    role,
    preferredLanguage: 'fr',
    twoFactorEnrollmentRequired: path === '/setup-2fa',
    company:
      role === 'EMPLOYEE'
        ? {
            id: '8d7f1c2e-1111-4c3b-9a55-0a1b2c3d4e5f',
            name: 'Acme',
            logoUrl: null,
            primaryColor: '#f5d90a',
            secondaryColor: null,
          }
        : null,
  });
  await page.route('**/api/v1/**', (r) => {
    const p = new URL(r.request().url()).pathname.replace('/api/v1', '');
    if (p === '/auth/refresh') return json(r, 200, session(u));
    if (p.startsWith('/employees/pending'))
      return json(r, 200, {
        items: [
          {
            id: 'e1',
            firstName: 'Léa',
            lastName: 'B',
            email: 'l@acme.fr',
            createdAt: '2025-03-02T09:00:00Z',
          },
        ],
        nextCursor: null,
      });
    if (p.startsWith('/admins'))
      return json(r, 200, {
        items: [
          {
            id: 'a2',
            email: 'ops@huntzen.fr',
            role: 'ADMIN_HUNTZEN',
            isActive: false,
            twoFactorEnabled: true,
            createdAt: '2025-02-01T00:00:00Z',
            lastLoginAt: null,
          },
        ],
        nextCursor: null,
      });
    return json(r, 404, problem(404, 'NOT_FOUND'));
  });
  await page.goto(`${BASE}${path}`, { waitUntil: 'networkidle' });
  await page.locator('main h1').first().waitFor();
  if (role === 'EMPLOYEE' && path === '/app') {
    await page.getByRole('button', { name: 'Urgence ?' }).click();
    await page.getByRole('dialog').waitFor();
    await page.waitForTimeout(300);
  }
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  console.info(`axe ${role} ${path}: ${result.violations.length} violations`);
  for (const v of result.violations)
    console.info(
      `   ${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? ''}`,
    );
  if (path === '/app' && role === 'EMPLOYEE') {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    await page.screenshot({ path: '/tmp/hz-yellow.png' });
  }
  await context.close();
}
await browser.close();
