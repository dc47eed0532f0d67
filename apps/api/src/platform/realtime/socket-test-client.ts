// For tests: a socket.io client as the web app opens it, recording what it receives.
import { io, type Socket } from 'socket.io-client';
import type { NotificationView } from '../notifications/view';
import type { ServerToClientEvents } from './events';
import { REALTIME_PATH } from './server';

export interface TestClient {
  socket: Socket<ServerToClientEvents>;
  /** `notification:new` payloads, in arrival order. */
  received: NotificationView[];
  /** `notifications:unread` counts, in arrival order. */
  counts: number[];
  close(): void;
}

/** Connects to `origin` with `token`; rejects with the server's refusal (`data.code`). */
export function connectTestClient(origin: string, token: string | undefined): Promise<TestClient> {
  const socket: Socket<ServerToClientEvents> = io(origin, {
    path: REALTIME_PATH,
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const client: TestClient = { socket, received: [], counts: [], close: () => socket.disconnect() };
  socket.on('notification:new', (n) => client.received.push(n));
  socket.on('notifications:unread', ({ count }) => client.counts.push(count));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** Polls `check` until it returns a truthy value, for at most `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  check: () => T,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
