// The notification API on real PostgreSQL: a user's own feed (newest first, page by page, expired
// ones hidden), the unread count, marking read; another user's notification is not found.
import { type Actor, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { clientIp, signedIn } from '../../../test/identity';
import { type NotifyInput, notify } from '../../platform/notifications';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Headers = Record<string, string>;
const get = (url: string, headers: Headers) => t.app.inject({ url, headers, remoteAddress: clientIp() });
const post = (url: string, headers: Headers) =>
  t.app.inject({ method: 'POST', url, headers, payload: {}, remoteAddress: clientIp() });

/** Creates a notification as `actor` (SYSTEM by default), committed. */
function create(userId: string, values: Partial<NotifyInput> = {}, actor: Actor = SYSTEM_ACTOR) {
  return withActor(t.db, actor, (tx) =>
    notify(tx, { userId, type: 'SYSTEM', title: 'Bienvenue', message: 'Bonjour.', email: false, ...values }),
  );
}

describe('GET /api/v1/notifications', () => {
  it('lists the user’s own notifications newest first, page by page, without expired ones', async () => {
    const me = await signedIn(t.app, t.db, 'EMPLOYEE');
    const other = await signedIn(t.app, t.db, 'EMPLOYEE');
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5])
      ids.push(await create(me.user.id, { title: `N${n}`, linkUrl: `/app/n/${n}` }));
    await create(me.user.id, { title: 'Expired', expiresAt: new Date(Date.now() - 1000) });
    await create(me.user.id, { title: 'Later', expiresAt: new Date(Date.now() + 3_600_000) });
    await create(other.user.id, { title: 'Not mine' });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=2&cursor=${encodeURIComponent(cursor)}` : 'limit=2';
      const page = await get(`/api/v1/notifications?${query}`, me.headers);
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((n: { title: string }) => n.title));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Later', 'N5', 'N4', 'N3', 'N2', 'N1']);

    const first = (await get('/api/v1/notifications?limit=1', me.headers)).json().items[0];
    expect(first).toMatchObject({
      type: 'SYSTEM',
      title: 'Later',
      message: 'Bonjour.',
      isRead: false,
      readAt: null,
      linkUrl: null,
    });
    expect(first).not.toHaveProperty('emailSent');
    expect((await get('/api/v1/notifications?cursor=not-a-cursor', me.headers)).statusCode).toBe(400);
  });

  it('filters unread ones and counts them', async () => {
    const me = await signedIn(t.app, t.db, 'PRACTITIONER');
    const [a] = [await create(me.user.id, { title: 'A' }), await create(me.user.id, { title: 'B' })];
    expect((await get('/api/v1/notifications/unread-count', me.headers)).json()).toEqual({ count: 2 });
    expect((await post(`/api/v1/notifications/${a}/read`, me.headers)).statusCode).toBe(200);
    const unread = (await get('/api/v1/notifications?unread=true', me.headers)).json();
    expect(unread.items.map((n: { title: string }) => n.title)).toEqual(['B']);
    expect((await get('/api/v1/notifications/unread-count', me.headers)).json()).toEqual({ count: 1 });
  });
});

describe('marking read', () => {
  it('marks one read once (the first read time stays) and answers 404 for another user’s', async () => {
    const me = await signedIn(t.app, t.db, 'ADMIN_RH');
    const other = await signedIn(t.app, t.db, 'EMPLOYEE');
    const mine = await create(me.user.id);
    const theirs = await create(other.user.id);

    const read = await post(`/api/v1/notifications/${mine}/read`, me.headers);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: mine, isRead: true });
    const again = await post(`/api/v1/notifications/${mine}/read`, me.headers);
    expect(again.json().readAt).toBe(read.json().readAt);

    const foreign = await post(`/api/v1/notifications/${theirs}/read`, me.headers);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOT_FOUND');
    expect((await get('/api/v1/notifications/unread-count', other.headers)).json()).toEqual({ count: 1 });
  });

  it('marks all of the user’s notifications read, nobody else’s', async () => {
    const me = await signedIn(t.app, t.db, 'EMPLOYEE');
    const other = await signedIn(t.app, t.db, 'EMPLOYEE');
    await create(me.user.id);
    await create(me.user.id);
    await create(other.user.id);
    const all = await post('/api/v1/notifications/read-all', me.headers);
    expect(all.json()).toEqual({ updated: 2 });
    expect((await post('/api/v1/notifications/read-all', me.headers)).json()).toEqual({ updated: 0 });
    expect((await get('/api/v1/notifications/unread-count', me.headers)).json()).toEqual({ count: 0 });
    expect((await get('/api/v1/notifications/unread-count', other.headers)).json()).toEqual({ count: 1 });
  });

  it('asks for a session', async () => {
    expect((await get('/api/v1/notifications', {})).statusCode).toBe(401);
    expect((await post('/api/v1/notifications/read-all', {})).statusCode).toBe(401);
  });
});
