// French full-text search on real PostgreSQL (migration 0024): accents, plurals, stemming, typos in
// titles, ranking order, snippets escaped and highlighted — starting with the seed's own article.
import { seedDatabase } from '@huntzen/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { clientIp, signedIn } from '../../../test/identity';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;

async function publish(values: Record<string, unknown>) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/articles',
    headers: admin.headers,
    remoteAddress: clientIp(),
    payload: { excerpt: 'Un article.', category: 'WELLBEING', content: 'Texte.', ...values },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id;
  await t.app.inject({ method: 'POST', url: `/api/v1/articles/${id}/publish`, headers: admin.headers });
  return created.json() as { id: string; slug: string; title: string };
}

async function search(q: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/articles?q=${encodeURIComponent(q)}&limit=50`,
    headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as { title: string; snippet: string | null; status: string }[];
}

const titles = async (q: string) => (await search(q)).map((i) => i.title);

beforeAll(async () => {
  t = await buildTestApp();
  await seedDatabase(t.db);
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
  await publish({
    title: 'Les émotions au bureau',
    content: 'Reconnaître une émotion, puis la nommer, aide à la réguler.',
  });
  await publish({
    title: 'Sommeil et récupération',
    excerpt: 'Dormir pour récupérer.',
    content: 'Les écrans retardent l’endormissement. Nos émotions aussi pèsent sur le sommeil.',
  });
  await publish({
    title: 'Méditer cinq minutes',
    tags: ['méditation'],
    content: 'Fermez les yeux. La méditation guidée aide à réduire le stress.',
  });
  await publish({
    title: 'Prévenir l’épuisement professionnel',
    content: 'Le burnout <script>alert(1)</script> se prévient par des pauses régulières.',
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('French search', () => {
  it('finds the seed article without accents and with a typo: "gerer stres"', async () => {
    const [first] = await search('gerer stres');
    expect(first?.title).toBe('Comment gérer le stress au travail');
    expect(await titles('gérer le stress')).toContain('Comment gérer le stress au travail');
  });

  it('is accent- and case-insensitive', async () => {
    for (const q of ['EMOTIONS', 'émotions', 'emotions', 'ÉMOTIONS']) {
      expect(await titles(q)).toContain('Les émotions au bureau');
    }
    expect(await titles('prevenir epuisement')).toEqual(['Prévenir l’épuisement professionnel']);
  });

  it('matches plurals and other forms of a word (French stemming)', async () => {
    expect(await titles('émotion')).toEqual(
      expect.arrayContaining(['Les émotions au bureau', 'Sommeil et récupération']),
    );
    expect(await titles('régulation')).toEqual(['Les émotions au bureau']);
    expect(await titles('réguler')).toEqual(['Les émotions au bureau']);
    expect(await titles('méditations')).toEqual(['Méditer cinq minutes']);
    expect(await titles('récupérer')).toEqual(['Sommeil et récupération']);
  });

  it('catches typos in titles', async () => {
    expect(await titles('someil')).toEqual(['Sommeil et récupération']);
    expect(await titles('méditr')).toEqual(['Méditer cinq minutes']);
  });

  it('ranks title matches above body matches', async () => {
    const ranked = await titles('émotions');
    expect(ranked.indexOf('Les émotions au bureau')).toBeLessThan(ranked.indexOf('Sommeil et récupération'));
    const stress = await titles('stress');
    expect(stress[0]).toBe('Comment gérer le stress au travail');
    expect(stress).toContain('Méditer cinq minutes');
  });

  it('highlights matches in an escaped snippet', async () => {
    const [hit] = await search('burnout');
    expect(hit?.snippet).toContain('<mark>burnout</mark>');
    // Markdown punctuation is left out of snippets; what remains of the tag is text.
    expect(hit?.snippet).toContain('&lt;script');
    expect(hit?.snippet).not.toContain('<script>');
  });

  it('never shows a draft to readers, and shows it to admins', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/articles',
      headers: admin.headers,
      payload: { title: 'Stress brouillon', excerpt: 'x', category: 'WELLBEING', content: 'stress' },
    });
    expect(created.statusCode).toBe(201);
    expect(await titles('stress')).not.toContain('Stress brouillon');
    const mine = await search('stress', admin.headers);
    expect(mine.find((i) => i.title === 'Stress brouillon')?.status).toBe('DRAFT');
  });

  it('pages through results with a cursor', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/v1/articles?q=stress&limit=1' });
    const cursor = first.json().nextCursor;
    expect(cursor).not.toBeNull();
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/v1/articles?q=stress&limit=1&cursor=${cursor}`,
    });
    expect(second.json().items[0].title).not.toBe(first.json().items[0].title);
  });
});
