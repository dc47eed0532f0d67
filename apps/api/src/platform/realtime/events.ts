// The events of the socket.io connection, typed on both ends of the server. The web app mirrors
// them in apps/web/src/features/notifications/notifications.socket.ts.
import type { ChatServerEvents } from '@huntzen/contracts';
import type { Server, Socket } from 'socket.io';
import type { AccessClaims } from '../auth/tokens';
import type { NotificationView } from '../notifications/view';

/**
 * What the server sends. Clients send nothing: a socket only listens. The chat's events
 * (`message:new`, `:edited`, `:deleted`, `:read`) are the contract's, sent to the two participants only.
 */
export interface ServerToClientEvents extends ChatServerEvents {
  /** A notification of the user was created (after its transaction committed). */
  'notification:new': (notification: NotificationView) => void;
  /** The user's unread count: on connection and after every change. */
  'notifications:unread': (payload: { count: number }) => void;
}

// Nothing is accepted from clients and nothing is exchanged between servers besides the adapter's
// own traffic; socket.io wants maps for both.
export type ClientToServerEvents = Record<string, never>;
export type InterServerEvents = Record<string, never>;

/** What the handshake established about a socket's user. */
export interface SocketData {
  user: AccessClaims;
  /** When the access token expires (ms since epoch): the socket is disconnected then. */
  expiresAt: number;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** The room of every socket of one user. */
export const userRoom = (userId: string) => `user:${userId}`;
/** The room of every socket of one session (refresh-token family). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
