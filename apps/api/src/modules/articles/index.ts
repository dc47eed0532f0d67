// Articles: the API under /api/v1/articles (articles.routes.ts) and the public pages rendered on the
// server (articles.pages.ts: /articles, /articles/{slug}, RSS, sitemap, robots.txt). Importing this
// module defines its jobs (scheduled publication, nightly purge of visitor hashes).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fileContentUrl } from '../files';
import { articlePages } from './articles.pages';
import { articlesRoutes } from './articles.routes';
import { type ArticlesService, createArticlesService } from './articles.service';

export { planPublication, publicationTask, purgeVisitsTask } from './articles.jobs';
export { publishScheduled } from './articles.publication';
export { type ArticlesService, createArticlesService } from './articles.service';

function serviceOf(app: FastifyInstance): ArticlesService {
  return createArticlesService({
    db: app.db,
    publicUrl: app.config.publicUrl,
    fileUrl: (id) => fileContentUrl(app.config.publicUrl, id),
  });
}

/** The articles module of `app`: register it under /api/v1/articles. */
export function articlesModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return articlesRoutes(serviceOf(app));
}

/** The public article pages, the feed, the sitemap and robots.txt: register without a prefix. */
export function articlePagesModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return articlePages(serviceOf(app), app.config.publicUrl);
}
