// Chat events across two API instances sharing one database (no Redis: each instance LISTENs to the
// trigger's announcements): the employee on A and the practitioner on B both receive new, edited,
// deleted and read events, decrypted with `mine` set for each; a third user connected to both does not.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Message } from '@huntzen/contracts';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENCRYPTION_KEY, TEST_JWT_SECRET } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { type App, buildApp } from '../../app';
import { loadConfig } from '../../config';
import { createLogger } from '../../platform/logging';
import { REALTIME_PATH, type ServerToClientEvents } from '../../platform/realtime';
import { waitUntil } from '../../platform/realtime/socket-test-client';
import { placeConsultation } from '../consultations/consultations.fixtures';

let database: TestDatabase;
let dataDir: string;
const apps: App[] = [];
const sockets: Socket[] = [];

interface ChatClient {
  events: [string, unknown][];
}

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
  });
  const app = await buildApp({ config, db: database.db, logger: createLogger(config) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  apps.push(app);
  return { app, origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

async function connect(origin: string, headers: Record<string, string>): Promise<ChatClient> {
  const socket: Socket<ServerToClientEvents> = io(origin, {
    path: REALTIME_PATH,
    auth: { token: headers.authorization!.replace(/^Bearer /, '') },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket as Socket);
  const client: ChatClient = { events: [] };
  for (const event of ['message:new', 'message:edited', 'message:deleted', 'message:read'] as const) {
    socket.on(event, (payload: unknown) => client.events.push([event, payload]));
  }
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return client;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'huntzen-chat-'));
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const app of apps) await app.close();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('chat events on two instances', () => {
  it('reach both participants on their own instance, and nobody else', async () => {
    const a = await startInstance();
    const b = await startInstance();
    const companyId = (await createCompany(database.db)).id;
    const employee = await signedIn(a.app, database.db, 'EMPLOYEE', { companyId });
    const practitioner = await signedIn(a.app, database.db, 'PRACTITIONER');
    const stranger = await signedIn(a.app, database.db, 'EMPLOYEE', { companyId });
    const c = await placeConsultation(
      { app: a.app, db: database.db } as Parameters<typeof placeConsultation>[0],
      {
        employeeId: employee.employeeId!,
        practitionerId: practitioner.practitionerId!,
        scheduledAt: new Date(Date.now() + 86_400_000),
        status: 'CONFIRMED',
      },
    );
    const onA = await connect(a.origin, employee.headers);
    const onB = await connect(b.origin, practitioner.headers);
    const strangerA = await connect(a.origin, stranger.headers);
    const strangerB = await connect(b.origin, stranger.headers);

    // Sent through A by the employee.
    const response = await a.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${c.id}/messages`,
      headers: employee.headers,
      payload: { content: 'Bonjour, une question avant la séance' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const id = (response.json() as Message).id;
    await waitUntil('the new message on B', () => onB.events.length === 1);
    await waitUntil('the new message on A', () => onA.events.length === 1);
    expect(onB.events[0]).toEqual([
      'message:new',
      expect.objectContaining({ id, content: 'Bonjour, une question avant la séance', mine: false }),
    ]);
    expect(onA.events[0]).toEqual(['message:new', expect.objectContaining({ id, mine: true })]);

    // Read through B by the practitioner, edited and deleted through A.
    await b.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${c.id}/messages/read`,
      headers: practitioner.headers,
    });
    await waitUntil('the receipt', () => onA.events.length === 2 && onB.events.length === 2);
    expect(onA.events[1]).toEqual([
      'message:read',
      { consultationId: c.id, readAt: expect.any(String), messageIds: [id] },
    ]);
    await a.app.inject({
      method: 'PATCH',
      url: `/api/v1/messages/${id}`,
      headers: employee.headers,
      payload: { content: 'Bonjour, deux questions' },
    });
    await waitUntil('the edit', () => onA.events.length === 3 && onB.events.length === 3);
    expect(onB.events[2]).toEqual([
      'message:edited',
      expect.objectContaining({ id, content: 'Bonjour, deux questions', isEdited: true, mine: false }),
    ]);
    await a.app.inject({ method: 'DELETE', url: `/api/v1/messages/${id}`, headers: employee.headers });
    await waitUntil('the deletion', () => onA.events.length === 4 && onB.events.length === 4);
    expect(onB.events[3]).toEqual([
      'message:deleted',
      expect.objectContaining({ id, content: null, isDeleted: true }),
    ]);

    // A message the stranger could have caught would have arrived by now: the notification of the
    // deletion went through the same channel after it.
    expect(strangerA.events).toEqual([]);
    expect(strangerB.events).toEqual([]);
    // Exactly one of each per participant, none duplicated by the second instance.
    expect(onA.events.map(([event]) => event)).toEqual([
      'message:new',
      'message:read',
      'message:edited',
      'message:deleted',
    ]);
  });
});
