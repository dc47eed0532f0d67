// socket.io on the API's own HTTP server (path /socket.io): one authenticated socket per open page,
// in its user's room and its session's room, disconnected when its access token expires (the client
// reconnects with a fresh one). With REDIS_URL, broadcasts reach every API instance.
import type { Database } from '@huntzen/db';
import type { FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import {
  type RealtimeServer,
  type RealtimeSocket,
  type ServerToClientEvents,
  sessionRoom,
  userRoom,
} from './events';
import { connectRedisAdapter } from './redis-adapter';
import { socketAuthenticator } from './socket-auth';

/** The path of the socket.io endpoint (the web app connects there, on the API's origin). */
export const REALTIME_PATH = '/socket.io';

type EventArgs<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>;

/** Real-time delivery to users, for the features. */
export interface Realtime {
  readonly io: RealtimeServer;
  /** Sends to every socket of the user, on every instance (through Redis when configured). */
  emitToUser<E extends keyof ServerToClientEvents>(userId: string, event: E, ...args: EventArgs<E>): void;
  /** Sends to the user's sockets on this instance only (when each instance hears the event itself). */
  emitToLocalUser<E extends keyof ServerToClientEvents>(
    userId: string,
    event: E,
    ...args: EventArgs<E>
  ): void;
  /** True when a socket of the user is connected to this instance. */
  isConnectedHere(userId: string): boolean;
  /** The users with a socket on this instance. */
  localUserIds(): string[];
  /** Runs for every new authenticated socket (e.g. to send it its initial state). */
  onConnection(handler: (socket: RealtimeSocket) => void | Promise<void>): void;
  /** Disconnects every socket of a session (logout), on every instance. */
  disconnectSession(sessionId: string): void;
  /**
   * Disconnects every socket of a user ("log out everywhere", deactivation), on every instance —
   * except those of `keepSessionId` (a password change keeps the session that made it).
   */
  disconnectUser(userId: string, keepSessionId?: string): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime;
  }
}

export interface RealtimeOptions {
  /** Redis for several instances; default `app.config.redisUrl`. */
  redisUrl?: string | undefined;
  /** Prefix of the Redis channels; default `huntzen:<database name>` (see `defaultRedisKey`). */
  redisKey?: string;
}

/**
 * The Redis channel prefix of a deployment: its instances share a database, so its name tells them
 * apart from another deployment (staging, a test run) using the same Redis.
 */
export function defaultRedisKey(db: Database): string {
  const { connectionString, database } = db.owner.options;
  let name = database;
  if (!name && connectionString) {
    try {
      name = decodeURIComponent(new URL(connectionString).pathname.slice(1));
    } catch {
      name = undefined;
    }
  }
  return `huntzen:${name || 'default'}`;
}

/** Attaches socket.io to `app.server` and decorates `app.realtime`; closes with the app. */
export async function installRealtime(
  app: FastifyInstance,
  options: RealtimeOptions = {},
): Promise<Realtime> {
  const io: RealtimeServer = new Server(app.server, {
    path: REALTIME_PATH,
    serveClient: false,
    // Clients send nothing but the handshake; a small limit keeps abusers from sending megabytes.
    maxHttpBufferSize: 16 * 1024,
  });
  const redisUrl = 'redisUrl' in options ? options.redisUrl : app.config.redisUrl;
  const redis = redisUrl
    ? await connectRedisAdapter(redisUrl, options.redisKey ?? defaultRedisKey(app.db), app.log)
    : null;
  if (redis) io.adapter(redis.adapter);

  const logger = app.log.child({ component: 'realtime' });
  const connectionHandlers: ((socket: RealtimeSocket) => void | Promise<void>)[] = [];
  io.use(socketAuthenticator({ db: app.db, jwtSecret: () => app.secrets.jwtSecret, logger }));
  io.on('connection', (socket) => {
    const { user, expiresAt } = socket.data;
    void socket.join([userRoom(user.userId), sessionRoom(user.sessionId)]);
    // An expired token must not keep a socket open: the client reconnects with a fresh one.
    const expiry = setTimeout(() => socket.disconnect(true), Math.max(0, expiresAt - Date.now()));
    socket.on('disconnect', () => clearTimeout(expiry));
    for (const handler of connectionHandlers) {
      Promise.resolve()
        .then(() => handler(socket))
        .catch((err: unknown) => logger.error({ err }, 'realtime connection handler failed'));
    }
  });

  const localRooms = () => io.of('/').adapter.rooms;
  const realtime: Realtime = {
    io,
    emitToUser(userId, event, ...args) {
      (io.to(userRoom(userId)).emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
    },
    emitToLocalUser(userId, event, ...args) {
      (io.local.to(userRoom(userId)).emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
    },
    isConnectedHere: (userId) => (localRooms().get(userRoom(userId))?.size ?? 0) > 0,
    localUserIds: () =>
      [...localRooms().keys()].filter((room) => room.startsWith('user:')).map((room) => room.slice(5)),
    onConnection(handler) {
      connectionHandlers.push(handler);
    },
    disconnectSession(sessionId) {
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
    },
    disconnectUser(userId, keepSessionId) {
      const sockets = io.in(userRoom(userId));
      (keepSessionId ? sockets.except(sessionRoom(keepSessionId)) : sockets).disconnectSockets(true);
    },
  };
  app.decorate('realtime', realtime);

  // Before the HTTP server closes: open sockets would keep it waiting. io.close() also closes the
  // server, which Fastify then finds already closed (and accepts).
  app.addHook('preClose', async () => {
    await io.close();
    await redis?.close();
  });
  return realtime;
}
