// Real time through a real socket.io client against the app listening on a loopback port: only
// valid live sessions connect, a user receives their own notifications and never another's, a
// rolled-back notification is never pushed, the count follows reads, an expired token is cut off.
import type { AddressInfo } from 'node:net';
import { SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { clientIp, createAccount, login, PASSWORD, signedIn } from '../../../test/identity';
import { type NotifyInput, notify } from '../notifications';
import { connectTestClient, type TestClient, waitUntil } from './socket-test-client';

let t: TestApp;
let origin: string;
const clients: TestClient[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const client of clients) client.close();
  await t?.close();
});

async function connect(token: string | undefined): Promise<TestClient> {
  const client = await connectTestClient(origin, token);
  clients.push(client);
  return client;
}

async function refusal(token: string | undefined): Promise<string | undefined> {
  const error = await connect(token).then(
    () => null,
    (e: Error & { data?: { code?: string } }) => e,
  );
  expect(error, 'the connection should be refused').not.toBeNull();
  return error?.data?.code;
}

const tokenOf = (headers: Record<string, string>) => headers.authorization!.replace(/^Bearer /, '');

function create(userId: string, values: Partial<NotifyInput> = {}) {
  return withActor(t.db, SYSTEM_ACTOR, (tx) =>
    notify(tx, { userId, type: 'SYSTEM', title: 'Bonjour', message: 'Un message.', email: false, ...values }),
  );
}

describe('the handshake', () => {
  it('refuses a missing, forged or foreign-signed token', async () => {
    expect(await refusal(undefined)).toBe('UNAUTHENTICATED');
    expect(await refusal('not.a.jwt')).toBe('UNAUTHENTICATED');
    const me = await signedIn(t.app, t.db, 'EMPLOYEE');
    const claims = decodeJwt(tokenOf(me.headers));
    const forged = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(Buffer.alloc(32, 1));
    expect(await refusal(forged)).toBe('UNAUTHENTICATED');
  });

  it('refuses the token of a session that ended, and of a user who must still enrol in 2FA', async () => {
    const me = await signedIn(t.app, t.db, 'EMPLOYEE');
    await connect(tokenOf(me.headers));
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-all',
      headers: me.headers,
      payload: {},
      remoteAddress: clientIp(),
    });
    expect(out.statusCode).toBeLessThan(300);
    expect(await refusal(tokenOf(me.headers))).toBe('UNAUTHENTICATED');

    const enrolling = await createAccount(t.db, 'PRACTITIONER');
    const { body } = await login(t.app, enrolling.email);
    expect(await refusal(body.accessToken)).toBe('FORBIDDEN');
  });
});

describe('ended sessions', () => {
  const post = (url: string, headers: Record<string, string>, payload: object = {}) =>
    t.app.inject({ method: 'POST', url, headers, payload, remoteAddress: clientIp() });
  const disconnection = (client: TestClient) => {
    const state = { reason: '' };
    client.socket.on('disconnect', (why) => {
      state.reason = why;
    });
    return state;
  };

  it('closes the open sockets of a session at logout, and of the other sessions at a password change', async () => {
    const account = await createAccount(t.db, 'EMPLOYEE');
    const firstLogin = await login(t.app, account.email);
    const first = firstLogin.body.accessToken as string;
    const second = (await login(t.app, account.email)).body.accessToken as string;
    const third = (await login(t.app, account.email)).body.accessToken as string;
    const [one, two, three] = await Promise.all([connect(first), connect(second), connect(third)]);
    const [oneState, twoState, threeState] = [
      disconnection(one!),
      disconnection(two!),
      disconnection(three!),
    ];

    const logout = await post('/api/v1/auth/logout', {}, { refreshToken: firstLogin.refreshCookie });
    expect(logout.statusCode).toBe(204);
    await waitUntil('the logged-out session’s socket to close', () => oneState.reason);
    expect(oneState.reason).toBe('io server disconnect');

    const change = await post(
      '/api/v1/auth/password',
      { authorization: `Bearer ${second}` },
      { currentPassword: PASSWORD, newPassword: 'Another-Quiet-Harbor-77' },
    );
    expect(change.statusCode).toBe(204);
    await waitUntil('the other session’s socket to close', () => threeState.reason);
    expect(threeState.reason).toBe('io server disconnect');
    // The session that changed the password keeps its socket.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(twoState.reason).toBe('');
    expect(two!.socket.connected).toBe(true);
  });
});

describe('delivery', () => {
  it('sends the unread count on connection', async () => {
    const me = await signedIn(t.app, t.db, 'EMPLOYEE');
    await create(me.user.id);
    await create(me.user.id);
    const client = await connect(tokenOf(me.headers));
    expect(
      await waitUntil('the initial count', () => client.counts[0] !== undefined && client.counts),
    ).toEqual([2]);
  });

  it('pushes a user’s notifications to that user only, with the new count', async () => {
    const alice = await signedIn(t.app, t.db, 'EMPLOYEE');
    const bob = await signedIn(t.app, t.db, 'PRACTITIONER');
    const aliceTab1 = await connect(tokenOf(alice.headers));
    const aliceTab2 = await connect(tokenOf(alice.headers));
    const bobTab = await connect(tokenOf(bob.headers));
    await waitUntil('initial counts', () =>
      [aliceTab1, aliceTab2, bobTab].every((c) => c.counts.length === 1),
    );

    const forAlice = await create(alice.user.id, { title: 'Pour Alice', linkUrl: '/app/consultations' });
    await waitUntil(
      'Alice’s notification',
      () => aliceTab1.received.length === 1 && aliceTab2.received.length === 1,
    );
    expect(aliceTab1.received[0]).toMatchObject({
      id: forAlice,
      title: 'Pour Alice',
      type: 'SYSTEM',
      linkUrl: '/app/consultations',
      isRead: false,
    });
    await waitUntil('Alice’s count', () => aliceTab1.counts.at(-1) === 1);

    // Pushes of one instance go out in commit order: had Alice's reached Bob, it would be first.
    const forBob = await create(bob.user.id, { title: 'Pour Bob' });
    await waitUntil('Bob’s notification', () => bobTab.received.length > 0);
    expect(bobTab.received.map((n) => n.id)).toEqual([forBob]);
    expect(aliceTab1.received.map((n) => n.id)).toEqual([forAlice]);
  });

  it('never pushes a notification whose transaction rolled back', async () => {
    const me = await signedIn(t.app, t.db, 'EMPLOYEE');
    const client = await connect(tokenOf(me.headers));
    await expect(
      withActor(t.db, SYSTEM_ACTOR, async (tx) => {
        await notify(tx, { userId: me.user.id, type: 'SYSTEM', title: 'Annulée', message: 'Jamais.' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const committed = await create(me.user.id, { title: 'Validée' });
    await waitUntil('the committed notification', () => client.received.length > 0);
    expect(client.received.map((n) => n.id)).toEqual([committed]);
  });

  it('pushes every notification of a multi-row transaction, in order, and one count', async () => {
    const me = await signedIn(t.app, t.db, 'EMPLOYEE');
    const client = await connect(tokenOf(me.headers));
    await waitUntil('the initial count', () => client.counts.length === 1);
    const ids = await withActor(t.db, SYSTEM_ACTOR, async (tx) => {
      const made: string[] = [];
      for (const n of [1, 2, 3]) {
        made.push(
          await notify(tx, { userId: me.user.id, type: 'NEWS_PUBLISHED', title: `Actu ${n}`, message: '…' }),
        );
      }
      return made;
    });
    await waitUntil('three notifications', () => client.received.length === 3);
    expect(client.received.map((n) => n.id)).toEqual(ids);
    await waitUntil('the count', () => client.counts.at(-1) === 3);
  });

  it('pushes the new count to every open page when notifications are read', async () => {
    const me = await signedIn(t.app, t.db, 'ADMIN_RH');
    const id = await create(me.user.id);
    await create(me.user.id);
    const client = await connect(tokenOf(me.headers));
    await waitUntil('the initial count', () => client.counts.at(-1) === 2);
    const post = (url: string) =>
      t.app.inject({ method: 'POST', url, headers: me.headers, payload: {}, remoteAddress: clientIp() });
    expect((await post(`/api/v1/notifications/${id}/read`)).statusCode).toBe(200);
    await waitUntil('one unread', () => client.counts.at(-1) === 1);
    expect((await post('/api/v1/notifications/read-all')).statusCode).toBe(200);
    await waitUntil('none unread', () => client.counts.at(-1) === 0);
  });
});

describe('token expiry', () => {
  it('disconnects a socket when its token expires; a fresh token connects again', async () => {
    const me = await signedIn(t.app, t.db, 'EMPLOYEE');
    const { exp: _exp, iat: _iat, ...claims } = decodeJwt(tokenOf(me.headers));
    const shortLived = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
      .sign(t.app.secrets.jwtSecret);
    const client = await connect(shortLived);
    let reason: string | undefined;
    client.socket.on('disconnect', (why) => {
      reason = why;
    });
    await waitUntil('the disconnection at expiry', () => reason, 15_000);
    expect(reason).toBe('io server disconnect');
    expect(await refusal(shortLived)).toBe('UNAUTHENTICATED');
    const again = await connect(tokenOf(me.headers));
    expect(again.socket.connected).toBe(true);
  });
});
