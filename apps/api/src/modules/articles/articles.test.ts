// Articles through the HTTP API and the public pages, on real PostgreSQL: writing and the status
// moves, who reads what, slugs, SEO defaults, covers, views and shares, the server-rendered pages
// with their tags, the RSS feed (parsed by rss-parser), the sitemap (parsed as XML), robots.txt and
// conditional requests.
import { articles, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { eq, sql } from 'drizzle-orm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { clientIp, createCompany, signedIn } from '../../../test/identity';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;
let employee: Awaited<ReturnType<typeof signedIn>>;
let hr: Awaited<ReturnType<typeof signedIn>>;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36';

beforeAll(async () => {
  t = await buildTestApp();
  const companyId = (await createCompany(t.db)).id;
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN', { values: { displayName: 'Alice Martin' } });
  employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const draft = (overrides: Record<string, unknown> = {}) => ({
  title: 'Respirer pour apaiser l’anxiété',
  excerpt: 'Trois exercices de respiration à faire au bureau.',
  content: '# Respirer\n\nInspirez **lentement** pendant quatre secondes.\n\n- un\n- deux\n',
  category: 'ANXIETY',
  tags: ['respiration', 'anxiété'],
  ...overrides,
});

async function post(url: string, headers: Record<string, string>, payload: unknown = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    headers,
    payload: payload as object,
    remoteAddress: clientIp(),
  });
}

async function createDraft(overrides: Record<string, unknown> = {}) {
  const response = await post('/api/v1/articles', admin.headers, draft(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function page(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'GET',
    url,
    headers: { 'user-agent': BROWSER, ...headers },
    remoteAddress: clientIp(),
  });
}

describe('writing', () => {
  it('creates a DRAFT with its slug, author and SEO defaults', async () => {
    const article = await createDraft({ title: 'Comment gérer le stress au bureau ?' });
    expect(article).toMatchObject({
      status: 'DRAFT',
      slug: 'comment-gerer-stress-bureau',
      authorName: 'Alice Martin',
      authorRole: 'ADMIN_HUNTZEN',
      publishedAt: null,
      metaTitle: null,
      seo: {
        title: 'Comment gérer le stress au bureau ?',
        description: 'Trois exercices de respiration à faire au bureau.',
        canonicalUrl: `${t.config.publicUrl}/articles/comment-gerer-stress-bureau`,
      },
    });
    expect(article.contentHtml).toContain('<h2>Respirer</h2>');
    expect(article.contentHtml).toContain('<strong>lentement</strong>');
  });

  it('keeps slugs unique and lets a draft’s slug follow its title until it is published', async () => {
    const first = await createDraft({ title: 'Dormir mieux' });
    const second = await createDraft({ title: 'Dormir  mieux !' });
    expect([first.slug, second.slug]).toEqual(['dormir-mieux', 'dormir-mieux-2']);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/articles/${second.id}`,
      headers: admin.headers,
      payload: { title: 'Dormir mieux, même en télétravail' },
    });
    expect(renamed.json().slug).toBe('dormir-mieux-meme-teletravail');
    await post(`/api/v1/articles/${second.id}/publish`, admin.headers);
    const after = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/articles/${second.id}`,
      headers: admin.headers,
      payload: { title: 'Un tout autre titre', metaDescription: 'Une description' },
    });
    expect(after.json()).toMatchObject({
      title: 'Un tout autre titre',
      slug: 'dormir-mieux-meme-teletravail',
      seo: { description: 'Une description' },
    });
    // The database keeps the rule too, whoever writes.
    await expect(
      withActor(t.db, SYSTEM_ACTOR, (tx) =>
        tx.update(articles).set({ slug: 'autre' }).where(eq(articles.id, second.id)),
      ),
    ).rejects.toThrow();
  });

  it('moves between statuses, refusing illegal moves with the current state', async () => {
    const article = await createDraft();
    const archived = await post(`/api/v1/articles/${article.id}/archive`, admin.headers);
    expect(archived.json().status).toBe('ARCHIVED');
    expect((await post(`/api/v1/articles/${article.id}/archive`, admin.headers)).json()).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      currentState: 'ARCHIVED',
    });
    const published = await post(`/api/v1/articles/${article.id}/publish`, admin.headers);
    expect(published.json()).toMatchObject({ status: 'PUBLISHED' });
    expect(published.json().publishedAt).not.toBeNull();
    const again = await post(`/api/v1/articles/${article.id}/publish`, admin.headers);
    expect(again.statusCode).toBe(409);
    const scheduled = await post(`/api/v1/articles/${article.id}/schedule`, admin.headers, {
      scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(scheduled.statusCode).toBe(409);
  });

  it('refuses a planned time in the past or beyond two years, naming the field', async () => {
    const article = await createDraft();
    for (const at of [Date.now() - 60_000, Date.now() + 800 * 86_400_000]) {
      const response = await post(`/api/v1/articles/${article.id}/schedule`, admin.headers, {
        scheduledFor: new Date(at).toISOString(),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ path: 'body.scheduledFor' })]);
    }
  });

  it('takes a cover uploaded through the files module (public), and nothing else', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const boundary = 'articlecover';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="fileType"\r\n\r\nIMAGE\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="relatedResource"\r\n\r\narticle\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cover.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const file = upload.json();
    const article = await createDraft({ coverFileId: file.id });
    expect(article.coverUrl).toBe(`${t.config.publicUrl}/api/v1/files/${file.id}/content`);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/files/${file.id}/content` });
    expect(anonymous.statusCode).toBe(200);
    const bad = await post('/api/v1/articles', admin.headers, draft({ coverFileId: crypto.randomUUID() }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.coverFileId');
  });

  it('lets only HuntZen’s admins write or preview', async () => {
    for (const who of [employee, hr]) {
      expect((await post('/api/v1/articles', who.headers, draft())).statusCode).toBe(403);
      expect((await post('/api/v1/articles/preview', who.headers, { content: 'x' })).statusCode).toBe(403);
    }
    const preview = await post('/api/v1/articles/preview', admin.headers, {
      content: '## Hello\n\n<script>alert(1)</script> [x](javascript:alert(1))',
    });
    expect(preview.json().html).toContain('<h2>Hello</h2>');
    expect(preview.json().html).not.toMatch(/<script|href="javascript/i);
  });
});

describe('reading', () => {
  it('shows published articles to everyone and the rest to admins only', async () => {
    const hidden = await createDraft({ title: 'Brouillon secret' });
    const shown = await createDraft({ title: 'Article public visible' });
    await post(`/api/v1/articles/${shown.id}/publish`, admin.headers);
    for (const headers of [{}, employee.headers, hr.headers]) {
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/articles?limit=100', headers });
      const slugs = list.json().items.map((i: { slug: string }) => i.slug);
      expect(slugs).toContain(shown.slug);
      expect(slugs).not.toContain(hidden.slug);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${hidden.slug}`, headers })).statusCode,
      ).toBe(404);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${shown.id}`, headers })).statusCode,
      ).toBe(200);
    }
    const drafts = await t.app.inject({
      method: 'GET',
      url: '/api/v1/articles?status=DRAFT&limit=100',
      headers: admin.headers,
    });
    expect(drafts.json().items.map((i: { slug: string }) => i.slug)).toContain(hidden.slug);
    expect(drafts.json().items.every((i: { status: string }) => i.status === 'DRAFT')).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/articles?status=DRAFT' })).statusCode).toBe(
      403,
    );
  });

  it('filters by category and tag, and pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) {
      const a = await createDraft({
        title: `Burnout ${i}`,
        category: 'BURNOUT',
        tags: ['épuisement', `n${i}`],
      });
      await post(`/api/v1/articles/${a.id}/publish`, admin.headers);
    }
    const first = await t.app.inject({ method: 'GET', url: '/api/v1/articles?category=BURNOUT&limit=2' });
    expect(first.json().items).toHaveLength(2);
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/v1/articles?category=BURNOUT&limit=2&cursor=${first.json().nextCursor}`,
    });
    expect(next.json()).toMatchObject({
      items: [expect.objectContaining({ title: 'Burnout 0' })],
      nextCursor: null,
    });
    const tagged = await t.app.inject({
      method: 'GET',
      url: `/api/v1/articles?tag=${encodeURIComponent('n1')}`,
    });
    expect(tagged.json().items.map((i: { title: string }) => i.title)).toEqual(['Burnout 1']);
  });

  it('counts a visitor once a day, never a crawler, and shares per network', async () => {
    const a = await createDraft({ title: 'Compter les lectures' });
    await post(`/api/v1/articles/${a.id}/publish`, admin.headers);
    const read = (ip: string, ua: string) =>
      t.app.inject({
        method: 'GET',
        url: `/articles/${a.slug}`,
        headers: { 'user-agent': ua },
        remoteAddress: ip,
      });
    await read('10.1.0.1', BROWSER);
    await read('10.1.0.1', BROWSER);
    await read('10.1.0.2', BROWSER);
    await read('10.1.0.3', 'Googlebot/2.1 (+http://www.google.com/bot.html)');
    await read('10.1.0.4', '');
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/articles/${a.slug}`,
      headers: { 'user-agent': BROWSER },
      remoteAddress: '10.1.0.5',
    });
    // An admin reading their own article is not a reader.
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/articles/${a.slug}`,
      headers: { ...admin.headers, 'user-agent': BROWSER },
      remoteAddress: '10.1.0.6',
    });
    const share = (ip: string, network: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/articles/${a.id}/share`,
        headers: { 'user-agent': BROWSER },
        remoteAddress: ip,
        payload: { network },
      });
    expect((await share('10.1.0.1', 'linkedin')).statusCode).toBe(204);
    await share('10.1.0.1', 'linkedin');
    await share('10.1.0.1', 'x');
    const redirect = await t.app.inject({
      method: 'GET',
      url: `/articles/${a.slug}/share/facebook`,
      headers: { 'user-agent': BROWSER },
      remoteAddress: '10.1.0.9',
    });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toContain('https://www.facebook.com/sharer/sharer.php?u=');
    const [row] = await t.db.ownerDb.select().from(articles).where(eq(articles.id, a.id));
    expect({ views: row!.viewCount, shares: row!.shareCount }).toEqual({ views: 3, shares: 3 });
    // No IP is stored: only hashes, in a schema the application cannot read.
    const visits = await t.db.owner.query(
      "select encode(visitor, 'hex') as v from huntzen_private.article_visits where article_id = $1",
      [a.id],
    );
    expect(visits.rows.length).toBe(6);
    expect(JSON.stringify(visits.rows)).not.toContain('10.1.0');
    const denied = await withActor(t.db, { role: 'ANONYMOUS' }, (tx) =>
      tx.execute(sql`select * from huntzen_private.article_visits`),
    ).catch((error: Error) => String(error.cause));
    expect(denied).toMatch(/permission denied/);
  });

  it('does not let a view change updated_at', async () => {
    const a = await createDraft({ title: 'Horodatage stable' });
    const published = (await post(`/api/v1/articles/${a.id}/publish`, admin.headers)).json();
    await page(`/articles/${a.slug}`);
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/v1/articles/${a.id}`,
      headers: admin.headers,
    });
    expect(again.json()).toMatchObject({ viewCount: 1, updatedAt: published.updatedAt });
  });
});

describe('public pages', () => {
  it('renders a published article with its SEO tags, and 404 for drafts and archives', async () => {
    const a = await createDraft({
      title: 'Pleine conscience au travail',
      excerpt: 'Dix minutes de pleine conscience & de calme.',
      keywords: ['méditation'],
      content: `# Pourquoi\n\n${'mot '.repeat(450)}\n\n<script>alert("x")</script>`,
      category: 'MINDFULNESS',
    });
    const hidden = await page(`/articles/${a.slug}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('text/html');
    await post(`/api/v1/articles/${a.id}/publish`, admin.headers);
    const response = await page(`/articles/${a.slug}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    const canonical = `${t.config.publicUrl}/articles/${a.slug}`;
    expect(html).toContain('<title>Pleine conscience au travail · HuntZen</title>');
    expect(html).toContain(
      '<meta name="description" content="Dix minutes de pleine conscience &amp; de calme.">',
    );
    expect(html).toContain(`<link rel="canonical" href="${canonical}">`);
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain(`<meta property="og:url" content="${canonical}">`);
    expect(html).toContain('<meta name="twitter:card" content="summary">');
    expect(html).toContain('<meta name="keywords" content="méditation">');
    expect(html).toContain('2 min de lecture');
    expect(html).toContain('<h2>Pourquoi</h2>');
    expect(html).toContain('<p>&lt;script&gt;alert("x")&lt;/script&gt;</p>');
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => m[1])).toEqual([' type="application/ld+json"']);
    expect(JSON.parse(scripts[0]![2]!)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: 'Pleine conscience au travail',
      mainEntityOfPage: { '@id': canonical },
      timeRequired: 'PT2M',
    });
    expect(response.headers['content-security-policy']).toContain("script-src 'none'");
    expect(response.headers['cache-control']).toContain('max-age=60');
    const english = await page(`/articles/${a.slug}`, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('2 min read');

    const revalidated = await page(`/articles/${a.slug}`, {
      'if-none-match': response.headers.etag as string,
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');

    await post(`/api/v1/articles/${a.id}/archive`, admin.headers);
    expect((await page(`/articles/${a.slug}`)).statusCode).toBe(404);
  });

  it('lists published articles with categories, search and pages', async () => {
    for (let i = 0; i < 11; i++) {
      const a = await createDraft({ title: `Productivité sereine ${i}`, category: 'PRODUCTIVITY' });
      await post(`/api/v1/articles/${a.id}/publish`, admin.headers);
    }
    const list = await page('/articles?category=PRODUCTIVITY');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<h1>Articles — Productivité</h1>');
    expect(list.body).toContain('href="/articles?category=PRODUCTIVITY&amp;page=2"');
    const second = await page('/articles?category=PRODUCTIVITY&page=2');
    expect(second.body.match(/class="card"/g)).toHaveLength(1);
    const search = await page(`/articles?q=${encodeURIComponent('exercice productivite')}`);
    expect(search.body).toContain('<mark>');
    expect(search.body).toContain('noindex');
    const etag = list.headers.etag as string;
    expect((await page('/articles?category=PRODUCTIVITY', { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('answers hostile input on the public pages with 4xx, never 5xx', async () => {
    for (const url of [
      '/articles?q=%00',
      '/articles?q=a%00b',
      `/articles?q=${'x'.repeat(5000)}`,
      '/articles?q=%ED%A0%80',
      '/articles?page=99999',
      '/articles?page=-1&category=NOPE',
      '/articles?q=%27%3B%20select%20pg_sleep(0)%3B%20--',
      '/articles/%00',
      `/articles/${'a'.repeat(500)}`,
      '/articles/..%2F..%2Fetc%2Fpasswd',
      '/articles/x/share/nope',
    ]) {
      const response = await page(url);
      expect(response.statusCode, url).toBeLessThan(500);
    }
  });

  it('serves an RSS 2.0 feed a feed reader parses', async () => {
    const a = await createDraft({ title: 'Flux & <RSS>' });
    await post(`/api/v1/articles/${a.id}/publish`, admin.headers);
    const response = await page('/articles/rss.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/rss+xml');
    expect(response.body).toContain('<rss version="2.0"');
    const feed = await new Parser().parseString(response.body);
    expect(feed.title).toBe('HuntZen — Articles');
    const item = feed.items.find((i) => i.title === 'Flux & <RSS>');
    expect(item).toMatchObject({ link: `${t.config.publicUrl}/articles/${a.slug}` });
    expect(feed.items.every((i) => i.link?.startsWith(`${t.config.publicUrl}/articles/`))).toBe(true);
  });

  it('serves a sitemap of the public pages and published articles, and robots.txt', async () => {
    const a = await createDraft({ title: 'Dans le plan du site' });
    const hidden = await createDraft({ title: 'Pas dans le plan du site' });
    await post(`/api/v1/articles/${a.id}/publish`, admin.headers);
    const response = await page('/sitemap.xml');
    expect(response.headers['content-type']).toContain('application/xml');
    expect(XMLValidator.validate(response.body)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(response.body);
    expect(doc.urlset['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs: string[] = doc.urlset.url.map((u: { loc: string }) => u.loc);
    expect(locs).toContain(`${t.config.publicUrl}/`);
    expect(locs).toContain(`${t.config.publicUrl}/articles`);
    expect(locs).toContain(`${t.config.publicUrl}/articles/${a.slug}`);
    expect(locs).not.toContain(`${t.config.publicUrl}/articles/${hidden.slug}`);
    const robots = await page('/robots.txt');
    expect(robots.body).toContain(`Sitemap: ${t.config.publicUrl}/sitemap.xml`);
    expect(robots.body).toContain('Disallow: /api/');
  });
});
