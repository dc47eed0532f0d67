// Articles in Chromium on the real platform. HuntZen's admin writes an article in the editor,
// previews it (rendered by the API), checks the search-result preview and its counters, schedules
// it (a keyed job appears), then publishes it at once (the job is cancelled). An anonymous visitor
// with JavaScript turned off reads the public page, whose source carries the SEO tags, and finds
// the seed article with a French search without accents. Marc (employee) searches and reads in the
// app, in English and French. Axe finds nothing serious; screenshots under e2e/screenshots/.
import { articles } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  enableTwoFactor,
  newPage,
  type Platform,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

const MARC: Account = { email: 'marc.dupont@techcorp.com', password: 'Employee2025!' };
const ADMIN: Account = { email: 'admin@huntzen.care', password: 'HuntZen2025!' };
const TITLE = 'Cinq minutes de cohérence cardiaque';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
  ADMIN.totpSecret = await enableTwoFactor(platform, ADMIN.email);
});
afterAll(async () => {
  await platform?.close();
});

/** When the article's planned publication jobs are due (one at most). */
async function publicationJobs(articleId: string): Promise<Date[]> {
  const { rows } = await platform.db.owner.query<{ run_at: Date }>(
    `select j.run_at from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
      where k.identifier = 'publish_scheduled_article' and j.payload->>'articleId' = $1`,
    [articleId],
  );
  return rows.map((row) => row.run_at);
}

describe('articles', () => {
  let slug = '';

  it('lets an admin write, preview, schedule and publish an article', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, ADMIN);
    await page.getByRole('link', { name: 'Articles', exact: true }).first().click();
    await page.waitForURL(/\/app\/articles$/);
    await page.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
    // The seed's article is listed with its status.
    await page.getByRole('link', { name: 'Comment gérer le stress au travail' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'articles-admin-list-fr');

    await page.getByRole('link', { name: 'Nouvel article' }).click();
    await page.waitForURL(/\/app\/articles\/new$/);
    await page.getByLabel('Titre', { exact: true }).fill(TITLE);
    await page
      .getByLabel(/^Chapeau/)
      .fill('Respirer six fois par minute pendant cinq minutes apaise le stress.');
    await page
      .getByRole('textbox', { name: 'Contenu (Markdown)' })
      .fill(
        '# La méthode\n\nInspirez **cinq secondes**, expirez cinq secondes.\n\n- trois fois par jour\n- [en savoir plus](https://example.org)\n\n<script>alert(1)</script>',
      );
    const serp = page.getByTestId('serp-preview');
    await expect.poll(() => serp.textContent()).toContain(TITLE);
    await expect.poll(() => serp.textContent()).toContain('/articles/cinq-minutes-coherence-cardiaque');
    await page.getByText(`${TITLE.length} / 60 caractères conseillés`).waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/app\/articles\/[0-9a-f-]{36}\/edit$/);
    const id = page.url().match(/articles\/([0-9a-f-]{36})\/edit/)![1]!;
    await page.getByTestId('article-status').filter({ hasText: 'Brouillon' }).waitFor();

    // Preview: the API's renderer; the written <script> is text.
    await page.getByRole('tab', { name: 'Aperçu' }).click();
    const preview = page.getByTestId('article-preview');
    await preview.getByRole('heading', { name: 'La méthode', level: 2 }).waitFor();
    expect(await preview.locator('strong').textContent()).toBe('cinq secondes');
    expect(await preview.locator('script').count()).toBe(0);
    await preview.getByText('<script>alert(1)</script>').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'articles-editor-preview-fr');

    // Schedule two days ahead at 09:30 of the author's zone, with a calendar and a time field
    // written in French (not the browser's date format): a keyed job is due at that instant.
    const { today, ahead, instant } = await page.evaluate(() => {
      const at = new Date();
      const today = at.toLocaleDateString('en-CA');
      at.setDate(at.getDate() + 2);
      at.setHours(9, 30, 0, 0);
      return { today, ahead: at.toLocaleDateString('en-CA'), instant: at.toISOString() };
    });
    const day = page.getByRole('button', { name: 'Publier le', exact: true });
    await day.focus();
    await page.keyboard.press('Enter');
    const calendar = page.getByRole('dialog', { name: 'Publier le : choisir une date' });
    await calendar.waitFor();
    if (DateTime.fromISO(ahead).month !== DateTime.fromISO(today).month)
      await calendar.getByRole('button', { name: 'Mois suivant' }).click();
    const aheadText = DateTime.fromISO(ahead).setLocale('fr').toFormat('d LLLL yyyy');
    await calendar.getByRole('button', { name: aheadText, exact: true }).click();
    await expect.poll(() => day.textContent()).toBe(aheadText);
    await page.getByRole('spinbutton', { name: 'À : heures' }).fill('09');
    await page.getByRole('spinbutton', { name: 'À : minutes' }).fill('30');
    await page.getByRole('button', { name: 'Planifier' }).click();
    await page.getByTestId('article-status').filter({ hasText: 'Planifié' }).waitFor();
    expect((await publicationJobs(id)).map((at) => at.toISOString())).toEqual([instant]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'articles-editor-scheduled-fr');

    // Publish now instead: the planned job goes.
    await page.getByRole('button', { name: 'Publier maintenant' }).click();
    await page.getByTestId('article-status').filter({ hasText: 'Publié' }).waitFor();
    expect(await publicationJobs(id)).toEqual([]);
    const [row] = await platform.db.ownerDb.select().from(articles).where(eq(articles.id, id));
    expect(row).toMatchObject({ status: 'PUBLISHED', slug: 'cinq-minutes-coherence-cardiaque' });
    slug = row!.slug;
    await page.context().close();
  });

  it('serves the published article to an anonymous visitor without JavaScript, with its tags', async () => {
    const context = await platform.browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    const page = await context.newPage();
    const response = await page.goto(`${platform.url}/articles/${slug}`);
    expect(response?.status()).toBe(200);
    const source = await response!.text();
    const canonical = `${platform.url}/articles/${slug}`;
    expect(source).toContain(`<title>${TITLE} · HuntZen</title>`);
    expect(source).toContain(
      '<meta name="description" content="Respirer six fois par minute pendant cinq minutes apaise le stress.">',
    );
    expect(source).toContain(`<link rel="canonical" href="${canonical}">`);
    expect(source).toContain(`<meta property="og:title" content="${TITLE}">`);
    expect(source).toContain(`<meta property="og:url" content="${canonical}">`);
    expect(source).toContain('<meta name="twitter:card" content="summary">');
    const ld = source.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1];
    expect(JSON.parse(ld!)).toMatchObject({
      '@type': 'Article',
      headline: TITLE,
      mainEntityOfPage: { '@id': canonical },
    });
    expect(source.match(/<script/g)).toHaveLength(1);
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'La méthode', level: 2 }).waitFor();
    await page.getByText('1 min de lecture').waitFor();
    await screenshot(page, 'articles-public-page-fr');

    // The public list and its search work without JavaScript too: "gerer stres" finds the seed's article.
    await page.goto(`${platform.url}/articles`);
    await page.getByRole('searchbox').fill('gerer stres');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/q=gerer\+stres/);
    await page.getByRole('link', { name: 'Comment gérer le stress au travail' }).waitFor();
    await screenshot(page, 'articles-public-search-fr');
    await context.close();

    // Axe runs in the page, so in a context with JavaScript (the page itself sends none).
    for (const language of ['fr', 'en'] as const) {
      const checked = await newPage(platform, language);
      await checked.goto(`${platform.url}/articles/${slug}`);
      await checked.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      expect(await seriousViolations(checked)).toEqual([]);
      await checked.goto(`${platform.url}/articles`);
      expect(await seriousViolations(checked)).toEqual([]);
      if (language === 'en') await screenshot(checked, 'articles-public-list-en');
      await checked.context().close();
    }
    const robots = await fetch(`${platform.url}/robots.txt`).then((r) => r.text());
    expect(robots).toContain('Sitemap:');
  });

  it('lets Marc search and read articles in the app, in English and French', async () => {
    for (const language of ['en', 'fr'] as const) {
      const page = await newPage(platform, language);
      await signIn(page, platform, MARC);
      await page.goto(`${platform.url}/app/articles`);
      await page.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
      await page
        .getByRole('searchbox', { name: language === 'en' ? 'Search articles' : 'Rechercher un article' })
        .fill('gerer stres');
      const hit = page.getByRole('link', { name: 'Comment gérer le stress au travail' });
      await hit.waitFor();
      await expect.poll(() => page.getByTestId('article-card').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `articles-employee-search-${language}`);
      await hit.click();
      await page.waitForURL(/\/app\/articles\/comment-gerer-stress-travail$/);
      await page.getByRole('heading', { name: 'Comment gérer le stress au travail', level: 1 }).waitFor();
      await page.getByText(language === 'en' ? '1 min read' : '1 min de lecture').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `articles-employee-reader-${language}`);
      await page.context().close();
    }
  });

  it('answers 404 for an archived article', async () => {
    await platform.db.ownerDb.update(articles).set({ status: 'ARCHIVED' }).where(eq(articles.slug, slug));
    const response = await fetch(`${platform.url}/articles/${slug}`);
    expect(response.status).toBe(404);
  });
});
