// Two API instances on one database, each listening on its own port, both with REDIS_URL (the Redis
// server of the machine, or $REDIS_URL): a notification created through instance A reaches a client
// connected to instance B, once; a broadcast emitted on A reaches B's clients through Redis.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '@huntzen/db';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENCRYPTION_KEY, TEST_JWT_SECRET } from '../../../test/build-test-app';
import { signedIn } from '../../../test/identity';
import { type App, buildApp } from '../../app';
import { loadConfig } from '../../config';
import { createLogger } from '../logging';
import { notify } from '../notifications';
import { connectTestClient, type TestClient, waitUntil } from './socket-test-client';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestDatabase;
let dataDir: string;
const instances: { app: App; origin: string }[] = [];
const clients: TestClient[] = [];

async function startInstance(): Promise<{ app: App; origin: string }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'false',
    BCRYPT_COST: '10',
    REDIS_URL,
  });
  const app = await buildApp({ config, db: database.db, logger: createLogger(config) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const instance = { app, origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
  instances.push(instance);
  return instance;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'huntzen-multi-'));
});
afterAll(async () => {
  for (const client of clients) client.close();
  for (const { app } of instances) await app.close();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('two API instances with Redis', () => {
  it('delivers a notification created through A to the user’s client on B (and on A), once each', async () => {
    const a = await startInstance();
    const b = await startInstance();
    const me = await signedIn(a.app, database.db, 'EMPLOYEE');
    const token = me.headers.authorization!.replace(/^Bearer /, '');
    const onB = await connectTestClient(b.origin, token);
    const onA = await connectTestClient(a.origin, token);
    clients.push(onA, onB);
    await waitUntil('initial counts', () => onA.counts.length === 1 && onB.counts.length === 1);

    const id = await a.app.withActor(SYSTEM_ACTOR, (tx) =>
      notify(tx, {
        userId: me.user.id,
        type: 'SYSTEM',
        title: 'Depuis A',
        message: 'Bonjour.',
        email: false,
      }),
    );
    await waitUntil('the notification on B', () => onB.received.length > 0);
    await waitUntil('the notification on A', () => onA.received.length > 0);
    await waitUntil('the counts', () => onA.counts.at(-1) === 1 && onB.counts.at(-1) === 1);

    // A later broadcast through Redis arrives after anything pending: no duplicate came before it.
    a.app.realtime.emitToUser(me.user.id, 'notifications:unread', { count: 42 });
    await waitUntil('the relayed broadcast on B', () => onB.counts.at(-1) === 42);
    await waitUntil('the broadcast on A', () => onA.counts.at(-1) === 42);
    expect(onB.received.map((n) => n.id)).toEqual([id]);
    expect(onA.received.map((n) => n.id)).toEqual([id]);
  });

  it('disconnects a session’s, or a user’s, sockets on every instance', async () => {
    const [a, b] = instances as [{ app: App; origin: string }, { app: App; origin: string }];
    const me = await signedIn(a.app, database.db, 'EMPLOYEE');
    const onB = await connectTestClient(b.origin, me.headers.authorization!.replace(/^Bearer /, ''));
    clients.push(onB);
    let reason: string | undefined;
    onB.socket.on('disconnect', (why) => {
      reason = why;
    });
    const sessionId = [...b.app.realtime.io.of('/').sockets.values()].find(
      (socket) => socket.data.user.userId === me.user.id,
    )!.data.user.sessionId;
    a.app.realtime.disconnectSession(sessionId);
    await waitUntil('the disconnection on B', () => reason);
    expect(reason).toBe('io server disconnect');

    const again = await connectTestClient(b.origin, me.headers.authorization!.replace(/^Bearer /, ''));
    clients.push(again);
    let reasonAgain: string | undefined;
    again.socket.on('disconnect', (why) => {
      reasonAgain = why;
    });
    a.app.realtime.disconnectUser(me.user.id);
    await waitUntil('the second disconnection on B', () => reasonAgain);
    expect(reasonAgain).toBe('io server disconnect');
  });
});
