// Company news (registered under /api/v1/news, see news.routes.ts).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { newsRoutes } from './news.routes';
import { createNewsService } from './news.service';

/** The news module of `app`. */
export function newsModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return newsRoutes(createNewsService({ db: app.db, publicUrl: app.config.publicUrl }));
}
