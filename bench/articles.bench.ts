// What the public article pages and the French search cost.
// (a) The public page of a published article (/articles/{slug}: one transaction reading it and
//     counting the visit, the cached render, the HTML with its SEO tags), requested over HTTP with
//     keep-alive by 16 concurrent clients, against a static file of the same size served by the same
//     Fastify server (the web application's @fastify/static) in the same run: the ratio is what
//     rendering on the server costs next to the cheapest answer the server can give. Then the same
//     page revalidated with If-None-Match (304).
// (b) The search (GET /api/v1/articles?q=…) over 10 000 articles (db:demo's --articles generator),
//     against the newest-first list of the same route.
// BENCH_QUICK=1: 300 articles, few requests.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabase } from '@huntzen/db';
import { generateDemoArticles } from '@huntzen/db/demo/articles';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { createLogger } from '../apps/api/src/platform/logging';
import { type BenchDatabase, opsPerSecond, report, sized } from './harness';

const ARTICLES = sized(10_000, 300);
const REQUESTS = sized(4_000, 200);
const CONCURRENCY = 16;
const SEARCHES = sized(200, 10);
const QUERIES = [
  'gerer stres',
  'anxiété au travail',
  'sommeil',
  'épuisement professionnel',
  'emotions equipe',
];
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36';

/** Requests per second for `total` GETs of `url` by `concurrency` clients; every answer must be `status`. */
async function requestsPerSecond(
  url: string,
  headers: Record<string, string>,
  status: number,
): Promise<number> {
  let sent = 0;
  const client = async () => {
    while (sent < REQUESTS) {
      sent += 1;
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status !== status) throw new Error(`${url} answered ${response.status}, not ${status}`);
    }
  };
  // Warm-up: connections open, caches filled.
  for (let i = 0; i < 20; i++) await (await fetch(url, { headers })).arrayBuffer();
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  return REQUESTS / ((performance.now() - start) / 1000);
}

/** Runs the benchmark and prints its ratios. */
export async function benchArticles(bench: BenchDatabase): Promise<void> {
  const started = performance.now();
  await generateDemoArticles(bench.db, { count: ARTICLES, seed: 7 });
  const generated = ((performance.now() - started) / 1000).toFixed(1);
  const { rows } = await bench.db.owner.query<{ slug: string }>(
    `select slug from articles where status = 'PUBLISHED' order by published_at desc limit 1`,
  );
  const slug = rows[0]!.slug;

  const webDir = await mkdtemp(path.join(tmpdir(), 'huntzen-articles-bench-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: webDir,
    DATABASE_URL: bench.url,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'false',
    ROLE: 'web',
    // As in production: answers by their compiled serializers alone.
    CHECK_RESPONSES: 'false',
    WEB_DIST_DIR: webDir,
  });
  await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>HuntZen</title>');
  const db = createDatabase({ url: bench.url, maxConnections: CONCURRENCY });
  const app = await buildApp({ config, db, logger: createLogger(config) });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const page = await fetch(`${origin}/articles/${slug}`, { headers: { 'user-agent': BROWSER } });
    const html = await page.text();
    if (page.status !== 200) throw new Error(`the article page answered ${page.status}`);
    // The baseline: the same bytes, as a file of the web application.
    await writeFile(path.join(webDir, 'same-size.html'), html);
    await app.close();
    const served = await buildApp({ config, db, logger: createLogger(config) });
    await served.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(served.server.address() as AddressInfo).port}`;
    try {
      const headers = { 'user-agent': BROWSER };
      const staticRate = await requestsPerSecond(`${base}/same-size.html`, headers, 200);
      const pageRate = await requestsPerSecond(`${base}/articles/${slug}`, headers, 200);
      const etag = page.headers.get('etag')!;
      const notModified = await requestsPerSecond(
        `${base}/articles/${slug}`,
        { ...headers, 'if-none-match': etag },
        304,
      );
      const listRate = await requestsPerSecond(`${base}/articles`, headers, 200);

      let q = 0;
      const searchRate = await opsPerSecond(SEARCHES, async () => {
        const response = await served.inject({
          method: 'GET',
          url: `/api/v1/articles?q=${encodeURIComponent(QUERIES[q++ % QUERIES.length]!)}&limit=20`,
        });
        if (response.statusCode !== 200 || response.json().items.length === 0) {
          throw new Error(`search failed: ${response.statusCode} ${response.body.slice(0, 200)}`);
        }
      });
      const newestRate = await opsPerSecond(SEARCHES, async () => {
        const response = await served.inject({ method: 'GET', url: '/api/v1/articles?limit=20' });
        if (response.statusCode !== 200) throw new Error(`list failed: ${response.statusCode}`);
      });

      console.info(
        `\nArticles: ${ARTICLES} generated in ${generated} s; public page of ${(html.length / 1024).toFixed(1)} KiB, ${CONCURRENCY} HTTP clients`,
      );
      report('static file of the same size (@fastify/static)', 'itself', staticRate, staticRate);
      report('public article page (read + view + render)', 'static file', staticRate, pageRate);
      report('public article page, If-None-Match → 304', 'static file', staticRate, notModified);
      report('public list /articles (page 1)', 'static file', staticRate, listRate);
      report('API newest-first list (20)', 'itself', newestRate, newestRate);
      report(`API French search (20 of ${ARTICLES}, snippets)`, 'newest-first list', newestRate, searchRate);
    } finally {
      await served.close();
    }
  } finally {
    await db.close();
    await rm(webDir, { recursive: true, force: true });
  }
}
