// Company news end to end: through app.inject on real PostgreSQL, and straight through the database
// as the application role (withActor) to prove the row-level security, the grants and the counter.
import type { News } from '@huntzen/contracts';
import {
  type Actor,
  companies,
  employees,
  files,
  news,
  newsViews,
  notifications,
  withActor,
} from '@huntzen/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { multipartBody, samplePng } from '../../platform/files/sample-files';

type Account = Awaited<ReturnType<typeof signedIn>>;
let t: TestApp;
let companyId: string;
let hr: Account;
let marketing: Account; // an employee of Marketing
let sales: Account; // an employee of Sales
let unassigned: Account; // an employee without a department
let otherHr: Account; // another company's HR
let outsider: Account; // another company's employee, also in Marketing
let practitioner: Account;
let admin: Account;

const URL = '/api/v1/news';

function actorOf(a: Account): Actor {
  return {
    role: a.user.role,
    userId: a.user.id,
    email: a.email,
    companyId: a.companyId,
    employeeId: a.employeeId,
    practitionerId: a.practitionerId,
  };
}

async function call(a: Account, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: a.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function publish(a: Account, payload: Record<string, unknown>): Promise<News> {
  const response = await call(a, 'POST', URL, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as News;
}

async function titlesSeenBy(a: Account): Promise<string[]> {
  const response = await call(a, 'GET', URL);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as News[]).map((n) => n.title);
}

async function newsNotifications(a: Account) {
  return t.db.ownerDb
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, a.user.id), eq(notifications.type, 'NEWS_PUBLISHED')));
}

/** The database's message of a failed query (the driver error under Drizzle's). */
async function dbError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return e.cause?.message ?? e.message;
  }
  return 'no error';
}

async function setDepartment(a: Account, department: string | null) {
  await t.db.ownerDb.update(employees).set({ department }).where(eq(employees.id, a.employeeId!));
}

beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
  const otherCompanyId = (await createCompany(t.db)).id;
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
  marketing = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  sales = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  unassigned = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  otherHr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: otherCompanyId });
  outsider = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: otherCompanyId });
  practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
  await setDepartment(marketing, 'Marketing');
  await setDepartment(sales, 'Sales');
  await setDepartment(outsider, 'Marketing');
});

afterAll(async () => {
  await t?.close();
});

describe('department targeting', () => {
  it('shows an item for Marketing to Marketing and HR only, and notifies Marketing only', async () => {
    const item = await publish(hr, {
      title: 'Séminaire marketing',
      content: 'Rendez-vous jeudi.\nSalle 2.',
      targetDepartments: [' marketing ', 'Marketing'],
    });
    expect(item).toMatchObject({
      title: 'Séminaire marketing',
      content: 'Rendez-vous jeudi.\nSalle 2.',
      targetDepartments: ['marketing'],
      viewCount: 0,
      viewedByMe: null,
      imageUrl: null,
    });
    expect(item.authorName).toBeTruthy();

    expect(await titlesSeenBy(hr)).toContain('Séminaire marketing');
    // Trimmed and case-insensitive: "marketing" targets the "Marketing" department.
    expect(await titlesSeenBy(marketing)).toContain('Séminaire marketing');
    expect(await titlesSeenBy(sales)).not.toContain('Séminaire marketing');
    expect(await titlesSeenBy(unassigned)).not.toContain('Séminaire marketing');
    expect((await call(sales, 'GET', `${URL}/${item.id}`)).statusCode).toBe(404);
    expect((await call(marketing, 'GET', `${URL}/${item.id}`)).statusCode).toBe(200);

    const [note] = await newsNotifications(marketing);
    expect(note).toMatchObject({ linkUrl: `/app/news/${item.id}`, metadata: { newsId: item.id } });
    expect(note!.title).toContain('Séminaire marketing');
    expect(await newsNotifications(sales)).toHaveLength(0);
    expect(await newsNotifications(unassigned)).toHaveLength(0);
    expect(await newsNotifications(outsider)).toHaveLength(0);
  });

  it('shows an item without target to every employee of the company and notifies each', async () => {
    const before = (await newsNotifications(sales)).length;
    const item = await publish(hr, { title: 'Bienvenue à tous', content: 'Nouvel espace bien-être.' });
    expect(item.targetDepartments).toEqual([]);
    for (const employee of [marketing, sales, unassigned]) {
      expect(await titlesSeenBy(employee)).toContain('Bienvenue à tous');
    }
    expect(await newsNotifications(sales)).toHaveLength(before + 1);
    expect(await titlesSeenBy(outsider)).not.toContain('Bienvenue à tous');
  });

  it('notifies only the employees a wider targeting adds, and hides the item from those it drops', async () => {
    const item = await publish(hr, {
      title: 'Offre ciblée',
      content: 'Pour le marketing.',
      targetDepartments: ['Marketing'],
    });
    const marketingBefore = (await newsNotifications(marketing)).length;
    const salesBefore = (await newsNotifications(sales)).length;
    const widened = await call(hr, 'PATCH', `${URL}/${item.id}`, {
      targetDepartments: ['Marketing', 'Sales'],
    });
    expect(widened.statusCode, widened.body).toBe(200);
    expect(await newsNotifications(marketing)).toHaveLength(marketingBefore);
    expect(await newsNotifications(sales)).toHaveLength(salesBefore + 1);
    expect(await titlesSeenBy(sales)).toContain('Offre ciblée');

    const narrowed = await call(hr, 'PATCH', `${URL}/${item.id}`, {
      targetDepartments: ['Sales'],
      title: 'Offre ventes',
    });
    expect(narrowed.json()).toMatchObject({ title: 'Offre ventes', targetDepartments: ['Sales'] });
    expect(await titlesSeenBy(marketing)).not.toContain('Offre ventes');
    expect(await newsNotifications(sales)).toHaveLength(salesBefore + 1);
  });

  it('holds the targeting in the database too, whatever the query asks', async () => {
    const item = await publish(hr, {
      title: 'Pour Sales',
      content: 'Objectifs.',
      targetDepartments: ['Sales'],
    });
    const seen = (a: Account) =>
      withActor(t.db, actorOf(a), (tx) => tx.select({ id: news.id }).from(news).where(eq(news.id, item.id)));
    expect(await seen(sales)).toHaveLength(1);
    expect(await seen(marketing)).toHaveLength(0);
    expect(await seen(outsider)).toHaveLength(0);
    expect(await seen(otherHr)).toHaveLength(0);
    expect(await seen(practitioner)).toHaveLength(0);
    // An employee cannot mark as viewed an item that is not for them.
    await expect(
      withActor(t.db, actorOf(marketing), (tx) =>
        tx.insert(newsViews).values({ newsId: item.id, employeeId: marketing.employeeId! }),
      ),
    ).rejects.toThrow();
  });
});

describe('tenant isolation', () => {
  it("answers 404 to another company's HR and employees, and lists nothing of it", async () => {
    const item = await publish(hr, { title: 'Interne', content: 'Confidentiel.' });
    for (const a of [otherHr, outsider]) {
      expect((await call(a, 'GET', `${URL}/${item.id}`)).statusCode).toBe(404);
      expect(await titlesSeenBy(a)).not.toContain('Interne');
    }
    expect((await call(otherHr, 'PATCH', `${URL}/${item.id}`, { title: 'Piraté' })).statusCode).toBe(404);
    expect((await call(otherHr, 'DELETE', `${URL}/${item.id}`)).statusCode).toBe(404);
    const [stored] = await t.db.ownerDb.select().from(news).where(eq(news.id, item.id));
    expect(stored!.title).toBe('Interne');
  });

  it('keeps writes inside the company, by the author, on the editable columns only', async () => {
    const item = await publish(hr, { title: 'Colonnes', content: 'Texte.' });
    // Another company's HR cannot insert an item for this company…
    await expect(
      withActor(t.db, actorOf(otherHr), (tx) =>
        tx
          .insert(news)
          .values({ companyId, title: 'x', content: 'y', authorId: otherHr.user.id, authorName: 'x' }),
      ),
    ).rejects.toThrow();
    // …nor HR sign it with someone else's name or a made-up count.
    await expect(
      withActor(t.db, actorOf(hr), (tx) =>
        tx
          .insert(news)
          .values({ companyId, title: 'x', content: 'y', authorId: marketing.user.id, authorName: 'x' }),
      ),
    ).rejects.toThrow();
    await expect(
      withActor(t.db, actorOf(hr), (tx) =>
        tx.insert(news).values({
          companyId,
          title: 'x',
          content: 'y',
          authorId: hr.user.id,
          authorName: 'x',
          viewCount: 99,
        }),
      ),
    ).rejects.toThrow();
    // Column grants: no moving an item to another company, no counter of one's own.
    expect(
      await dbError(
        withActor(t.db, actorOf(hr), (tx) =>
          tx.update(news).set({ viewCount: 500 }).where(eq(news.id, item.id)),
        ),
      ),
    ).toMatch(/permission denied/);
    expect(
      await dbError(
        withActor(t.db, actorOf(hr), (tx) =>
          tx.update(news).set({ companyId: otherHr.companyId! }).where(eq(news.id, item.id)),
        ),
      ),
    ).toMatch(/permission denied/);
    // Employees do not write news at all.
    const rows = await withActor(t.db, actorOf(marketing), (tx) =>
      tx.update(news).set({ title: 'Changé' }).where(eq(news.id, item.id)).returning({ id: news.id }),
    );
    expect(rows).toHaveLength(0);
  });
});

describe('roles', () => {
  it('gives practitioners and HuntZen admins an empty list and 404 for an item', async () => {
    const item = await publish(hr, { title: 'Pour les salariés', content: 'Texte.' });
    for (const a of [practitioner, admin]) {
      const list = await call(a, 'GET', URL);
      expect(list.statusCode).toBe(200);
      expect(list.json()).toEqual({ items: [], nextCursor: null });
      expect((await call(a, 'GET', `${URL}/${item.id}`)).statusCode).toBe(404);
    }
  });

  it('lets only HR write', async () => {
    const item = await publish(hr, { title: 'Écriture', content: 'Texte.' });
    for (const a of [marketing, practitioner, admin]) {
      expect((await call(a, 'POST', URL, { title: 'x', content: 'y' })).statusCode).toBe(403);
      expect((await call(a, 'PATCH', `${URL}/${item.id}`, { title: 'x' })).statusCode).toBe(403);
      expect((await call(a, 'DELETE', `${URL}/${item.id}`)).statusCode).toBe(403);
    }
  });
});

describe('NEWS_DISABLED', () => {
  it('refuses every route while the company turns internal news off', async () => {
    const item = await publish(hr, { title: 'Avant', content: 'Texte.' });
    await t.db.ownerDb.update(companies).set({ allowInternalNews: false }).where(eq(companies.id, companyId));
    try {
      const responses = [
        await call(hr, 'POST', URL, { title: 'Après', content: 'Texte.' }),
        await call(hr, 'PATCH', `${URL}/${item.id}`, { title: 'Après' }),
        await call(hr, 'DELETE', `${URL}/${item.id}`),
        await call(hr, 'GET', URL),
        await call(marketing, 'GET', URL),
        await call(marketing, 'GET', `${URL}/${item.id}`),
      ];
      for (const response of responses) {
        expect(response.statusCode, response.body).toBe(403);
        expect(response.json().code).toBe('NEWS_DISABLED');
      }
      // Another company's news is still theirs to read.
      expect((await call(outsider, 'GET', URL)).statusCode).toBe(200);
    } finally {
      await t.db.ownerDb
        .update(companies)
        .set({ allowInternalNews: true })
        .where(eq(companies.id, companyId));
    }
    expect((await call(marketing, 'GET', `${URL}/${item.id}`)).statusCode).toBe(200);
  });
});

describe('views', () => {
  it('counts each employee once, shows HR the count and the employee whether they read it', async () => {
    const item = await publish(hr, { title: 'Compteur', content: 'Texte.' });
    const [before] = await t.db.ownerDb.select().from(news).where(eq(news.id, item.id));
    const listed = (await call(marketing, 'GET', URL)).json().items.find((n: News) => n.id === item.id);
    expect(listed).toMatchObject({ viewedByMe: false, viewCount: null });
    for (const a of [marketing, marketing, sales, marketing]) {
      const read = await call(a, 'GET', `${URL}/${item.id}`);
      expect(read.json()).toMatchObject({ viewedByMe: true, viewCount: null });
    }
    // HR's own readings do not count.
    expect((await call(hr, 'GET', `${URL}/${item.id}`)).json()).toMatchObject({
      viewCount: 2,
      viewedByMe: null,
    });
    const [after] = await t.db.ownerDb.select().from(news).where(eq(news.id, item.id));
    expect(after!.viewCount).toBe(2);
    // A view is not an edit.
    expect(after!.updatedAt.getTime()).toBe(before!.updatedAt.getTime());
    // Nobody reads who else opened it.
    const views = await withActor(t.db, actorOf(marketing), (tx) =>
      tx.select().from(newsViews).where(eq(newsViews.newsId, item.id)),
    );
    expect(views.map((v) => v.employeeId)).toEqual([marketing.employeeId]);
    const hrViews = await withActor(t.db, actorOf(hr), (tx) =>
      tx.select().from(newsViews).where(eq(newsViews.newsId, item.id)),
    );
    expect(hrViews).toHaveLength(0);
  });
});

describe('pages, images and validation', () => {
  it('pages the list newest first', async () => {
    const fresh = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: (await createCompany(t.db)).id });
    for (const title of ['Un', 'Deux', 'Trois']) await publish(fresh, { title, content: 'Texte.' });
    const first = (await call(fresh, 'GET', `${URL}?limit=2`)).json();
    expect(first.items.map((n: News) => n.title)).toEqual(['Trois', 'Deux']);
    const second = (await call(fresh, 'GET', `${URL}?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ title: 'Un' })], nextCursor: null });
    expect((await call(fresh, 'GET', `${URL}?cursor=forged`)).statusCode).toBe(400);
  });

  it('shows an uploaded image to the company, links the file to the item, and expires it when replaced', async () => {
    const body = multipartBody([
      { name: 'fileType', value: 'IMAGE' },
      { name: 'relatedResource', value: 'news' },
      { name: 'file', data: samplePng(), type: 'image/png', filename: 'cover.png' },
    ]);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { ...hr.headers, ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const fileId = uploaded.json().id as string;
    // Another HR admin's upload is not theirs to use.
    expect(
      (await call(otherHr, 'POST', URL, { title: 'x', content: 'y', imageFileId: fileId })).statusCode,
    ).toBe(404);

    const item = await publish(hr, { title: 'Avec image', content: 'Texte.', imageFileId: fileId });
    expect(item.imageFileId).toBe(fileId);
    expect(item.imageUrl).toMatch(new RegExp(`/api/v1/files/${fileId}/content$`));
    const [file] = await t.db.ownerDb.select().from(files).where(eq(files.id, fileId));
    expect(file).toMatchObject({ relatedResource: 'news', relatedId: item.id, expiresAt: null });
    const content = await t.app.inject({
      url: `/api/v1/files/${fileId}/content`,
      headers: marketing.headers,
    });
    expect(content.statusCode).toBe(200);
    const foreign = await t.app.inject({ url: `/api/v1/files/${fileId}/content`, headers: outsider.headers });
    expect(foreign.statusCode).toBe(404);

    const cleared = await call(hr, 'PATCH', `${URL}/${item.id}`, { imageFileId: null });
    expect(cleared.json()).toMatchObject({ imageUrl: null, imageFileId: null });
    const [expired] = await t.db.ownerDb.select().from(files).where(eq(files.id, fileId));
    expect(expired!.expiresAt).not.toBeNull();
  });

  it('names the fields at fault and refuses hostile input with 4xx', async () => {
    const empty = await call(hr, 'POST', URL, { title: '  ', content: '' });
    expect(empty.statusCode).toBe(400);
    const paths = empty.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.content']));
    const many = await call(hr, 'POST', URL, {
      title: 'x',
      content: 'y',
      targetDepartments: Array.from({ length: 51 }, (_, i) => `D${i}`),
    });
    expect(many.json().errors.map((e: { path: string }) => e.path)).toContain('body.targetDepartments');
    expect((await call(hr, 'POST', URL, { title: 'a\u0000b', content: 'y' })).statusCode).toBe(400);
    expect((await call(hr, 'POST', URL, { title: 'x'.repeat(201), content: 'y' })).statusCode).toBe(400);
    expect((await call(hr, 'POST', URL, { title: 12, content: ['y'] })).statusCode).toBe(400);
    expect((await call(hr, 'GET', `${URL}/not-a-uuid`)).statusCode).toBe(400);
  });

  it('deletes an item', async () => {
    const item = await publish(hr, { title: 'À supprimer', content: 'Texte.' });
    expect((await call(marketing, 'GET', `${URL}/${item.id}`)).statusCode).toBe(200);
    expect((await call(hr, 'DELETE', `${URL}/${item.id}`)).statusCode).toBe(204);
    expect((await call(hr, 'GET', `${URL}/${item.id}`)).statusCode).toBe(404);
    expect((await call(hr, 'DELETE', `${URL}/${item.id}`)).statusCode).toBe(404);
    const [row] = await t.db.ownerDb
      .select({ n: sql<number>`count(*)::int` })
      .from(newsViews)
      .where(eq(newsViews.newsId, item.id));
    expect(row!.n).toBe(0);
  });
});
