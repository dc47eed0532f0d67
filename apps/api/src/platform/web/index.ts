// The web application (apps/web, built by Vite into apps/web/dist) served by the API: static
// assets, and index.html for every other page path so the client-side router takes over. /api and
// /dev paths never fall back to the page: an unknown one is a 404 problem.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../errors';

export const WEB_DIST = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>HuntZen</title>
<p>The web application is not built yet: run <code>npm run build</code> (npm start does it for you).</p></html>`;

/** Serves `root` (default apps/web/dist) with a fallback to its index.html. */
export function webApp(root: string = WEB_DIST): FastifyPluginAsync {
  return async (app) => {
    const indexFile = path.join(root, 'index.html');
    const built = existsSync(indexFile);
    if (built) {
      // Hashed assets never change: cache them for a year. index.html must always be revalidated.
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        setHeaders: (res, file) => {
          res.setHeader(
            'cache-control',
            file.includes(`${path.sep}assets${path.sep}`)
              ? 'public, max-age=31536000, immutable'
              : 'no-cache',
          );
        },
      });
    }
    const page = built ? readFileSync(indexFile, 'utf8') : NOT_BUILT;
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const pathname = request.url.split('?')[0] ?? '/';
      if (/^\/(api|dev)(\/|$)/.test(pathname) || path.extname(pathname)) {
        throw new AppError('NOT_FOUND', `Nothing at ${request.method} ${pathname}`);
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
    });
  };
}
