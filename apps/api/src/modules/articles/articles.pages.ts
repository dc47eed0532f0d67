// The public pages rendered on the server (outside /api, before the web application's fallback):
// /articles (list, categories, search, pages), /articles/{slug}, /articles/rss.xml (RSS 2.0),
// /sitemap.xml, /robots.txt, and the share buttons' /articles/{slug}/share/{network} redirects.
// No JavaScript is sent. ETag + Cache-Control: a repeated read answers 304 without rendering.
import { createHash } from 'node:crypto';
import { ARTICLE_CATEGORIES, type ArticleCategory } from '@huntzen/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Feed } from 'feed';
import { z } from 'zod';
import { articlePage, CATEGORY_LABELS, listPage, notFoundPage, type PageLanguage } from './articles.html';
import { RENDERER_VERSION } from './articles.render';
import { visitorOf } from './articles.routes';
import type { ArticlesService } from './articles.service';

const PAGE_SIZE = 10;
const FEED_ITEMS = 50;
// Readers may keep a page a minute; browsers and proxies then revalidate (ETag), cheaply.
const PAGE_CACHE = 'public, max-age=60, stale-while-revalidate=600';
const FEED_CACHE = 'public, max-age=300';
// No script at all (JSON-LD is data, never run); images from anywhere over HTTPS (covers and
// Markdown images), styles inline (the page's own <style>).
const PAGE_CSP =
  "default-src 'self'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/** The public pages indexed besides articles (the sitemap). */
export const PUBLIC_PAGES = ['/', '/articles', '/signup', '/login'] as const;

const SHARE_TARGETS = {
  x: (url: string, title: string) =>
    `https://twitter.com/intent/tweet?url=${encodeURIComponent(url)}&text=${encodeURIComponent(title)}`,
  linkedin: (url: string) => `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`,
  facebook: (url: string) => `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`,
  email: (url: string, title: string) =>
    `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`,
} as const;

/** The page language: `?lang=`, else the browser's first of French / English, else French. */
export function pageLanguage(request: FastifyRequest): PageLanguage {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang;
  if (asked === 'en' || asked === 'fr') return asked;
  const header = request.headers['accept-language'] ?? '';
  for (const part of header.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'fr' || tag === 'en') return tag;
  }
  return 'fr';
}

function etag(...parts: (string | number)[]): string {
  return `W/"${createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 27)}"`;
}

/** Sets the validators; true when the client's copy is current (the caller answers 304). */
function fresh(
  request: FastifyRequest,
  reply: FastifyReply,
  tag: string,
  cache: string,
  modified?: Date | null,
) {
  reply.header('etag', tag).header('cache-control', cache).header('vary', 'Accept-Language');
  if (modified) reply.header('last-modified', modified.toUTCString());
  const match = request.headers['if-none-match'];
  return typeof match === 'string' && match.split(',').some((m) => m.trim() === tag || m.trim() === '*');
}

const ListQuery = z.object({
  category: z.enum(ARTICLE_CATEGORIES).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
  lang: z.enum(['fr', 'en']).optional().catch(undefined),
});
const SlugParams = z.object({ slug: z.string().max(200) });
const ShareParams = z.object({
  slug: z.string().max(200),
  network: z.enum(['x', 'linkedin', 'facebook', 'email']),
});

/** The public pages of articles, served by the API process. */
export function articlePages(service: ArticlesService, publicUrl: string): FastifyPluginAsyncZod {
  return async (app) => {
    const html = (reply: FastifyReply) =>
      reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP);

    app.get('/articles', { schema: { hide: true, querystring: ListQuery } }, async (request, reply) => {
      const lang = pageLanguage(request);
      const category = (request.query.category ?? null) as ArticleCategory | null;
      const q = (request.query.q ?? '').trim();
      const page = request.query.page ?? 1;
      const actor = request.actor;
      const last = await service.lastChange(actor);
      const tag = etag('list', last?.getTime() ?? 0, category ?? '', q, page, lang, RENDERER_VERSION);
      if (fresh(request, reply, tag, PAGE_CACHE, last)) return reply.code(304).send();
      const [{ items, total }, categories] = await Promise.all([
        service.publicList(actor, { category: category ?? undefined, q, page, pageSize: PAGE_SIZE }),
        service.categories(actor),
      ]);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const body = listPage(
        { items, total, page, pages, category, q, categories },
        { lang, publicUrl, path: request.url },
      );
      return html(reply)
        .code(page > pages ? 404 : 200)
        .send(body);
    });

    app.get('/articles/rss.xml', { schema: { hide: true } }, async (request, reply) => {
      const actor = request.actor;
      const last = await service.lastChange(actor);
      const tag = etag('rss', last?.getTime() ?? 0, RENDERER_VERSION);
      if (fresh(request, reply, tag, FEED_CACHE, last)) return reply.code(304).send();
      const items = await service.feedItems(actor, FEED_ITEMS);
      const feed = new Feed({
        title: 'HuntZen — Articles',
        description: 'Articles bien-être et santé mentale au travail, par l’équipe HuntZen',
        id: `${publicUrl}/articles`,
        link: `${publicUrl}/articles`,
        language: 'fr',
        copyright: `© ${new Date().getUTCFullYear()} HuntZen`,
        updated: last ?? new Date(0),
        generator: 'HuntZen',
        feedLinks: { rss: `${publicUrl}/articles/rss.xml` },
      });
      for (const article of items) {
        feed.addItem({
          title: article.title,
          id: article.seo.canonicalUrl,
          link: article.seo.canonicalUrl,
          description: article.excerpt,
          content: article.contentHtml,
          date: new Date(article.publishedAt ?? article.updatedAt),
          category: [{ name: CATEGORY_LABELS.fr[article.category] }],
          author: [{ name: article.authorName }],
          ...(article.coverUrl ? { image: article.coverUrl } : {}),
        });
      }
      return reply.type('application/rss+xml; charset=utf-8').send(feed.rss2());
    });

    app.get('/articles/:slug', { schema: { hide: true, params: SlugParams } }, async (request, reply) => {
      const lang = pageLanguage(request);
      const found = await service.page(request.actor, request.params.slug, visitorOf(request));
      if (!found) {
        return html(reply)
          .code(404)
          .header('cache-control', 'no-cache')
          .send(notFoundPage({ lang, publicUrl, path: request.url }));
      }
      const { article, related } = found;
      const tag = etag(
        'article',
        article.id,
        article.updatedAt,
        related.map((r) => `${r.slug}:${r.title}`).join(','),
        lang,
        RENDERER_VERSION,
      );
      if (fresh(request, reply, tag, PAGE_CACHE, new Date(article.updatedAt))) return reply.code(304).send();
      return html(reply).send(articlePage(article, related, { lang, publicUrl, path: request.url }));
    });

    app.get(
      '/articles/:slug/share/:network',
      { schema: { hide: true, params: ShareParams } },
      async (request, reply) => {
        const { slug, network } = request.params;
        const article = await service
          .share(request.actor, slug, network, visitorOf(request))
          .catch(() => null);
        if (!article) {
          return html(reply)
            .code(404)
            .send(notFoundPage({ lang: pageLanguage(request), publicUrl, path: request.url }));
        }
        const target = SHARE_TARGETS[network](article.seo.canonicalUrl, article.seo.title);
        return reply.header('cache-control', 'no-store').redirect(target, 302);
      },
    );

    app.get('/sitemap.xml', { schema: { hide: true } }, async (request, reply) => {
      const last = await service.lastChange(request.actor);
      const tag = etag('sitemap', last?.getTime() ?? 0);
      if (fresh(request, reply, tag, FEED_CACHE, last)) return reply.code(304).send();
      const entries = await service.sitemap(request.actor);
      const url = (loc: string, lastmod?: Date) =>
        `<url><loc>${xml(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}</url>`;
      const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${PUBLIC_PAGES.map((p) => url(`${publicUrl}${p === '/' ? '/' : p}`, p === '/articles' ? (last ?? undefined) : undefined)).join('\n')}
${entries.map((entry) => url(service.pageUrl(entry.slug), entry.updatedAt)).join('\n')}
</urlset>
`;
      return reply.type('application/xml; charset=utf-8').send(body);
    });

    app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(
          [
            'User-agent: *',
            'Allow: /',
            'Disallow: /api/',
            'Disallow: /app/',
            'Disallow: /dev/',
            'Disallow: /articles/*/share/',
            '',
            `Sitemap: ${publicUrl}/sitemap.xml`,
            '',
          ].join('\n'),
        ),
    );
  };
}

/** Escapes text for XML content. */
function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
