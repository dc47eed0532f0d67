// The page's one live connection: socket.io on the API's origin, authenticated with the in-memory
// access token, shared by every feature that listens (notifications, chat). The signed-in shell
// opens it once (useRealtimeConnection); features subscribe to events with useRealtimeEvent. The
// server cuts the socket when the token expires, or refuses it once expired: the page then
// refreshes its session (the same single-flight refresh as API calls) and reconnects.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import { refreshSession } from './api';
import { clearSession, getAccessToken, getSessionState, subscribeSession } from './session-store';

// A refreshed token refused again means something else is wrong (clock, server): stop retrying
// after a few rounds rather than loop; the pages still refresh with their queries.
const MAX_RENEWALS = 3;

let current: Socket | null = null;
const listeners = new Set<() => void>();

function publish(socket: Socket | null): void {
  current = socket;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The id of a user who completed sign-in (2FA enrolment done), or null. */
function liveUserId(): string | null {
  const state = getSessionState();
  return state.status === 'authenticated' && !state.user.twoFactorEnrollmentRequired ? state.user.id : null;
}

/** Keeps the page's socket open while a user who completed sign-in is on it; render once per page. */
export function useRealtimeConnection(): void {
  const userId = useSyncExternalStore(subscribeSession, liveUserId);

  useEffect(() => {
    if (!userId) return;
    let stopped = false;
    let renewals = 0;
    let renewing = false;
    const socket = io({
      path: '/socket.io',
      // Called before every (re)connection: always the current token.
      auth: (send) => send({ token: getAccessToken() ?? '' }),
      // WebSocket at once (one round trip less), long-polling when a proxy refuses it.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionDelayMax: 30_000,
    });

    async function renewAndReconnect() {
      if (renewing || stopped || renewals >= MAX_RENEWALS) return;
      renewing = true;
      renewals += 1;
      try {
        const session = await refreshSession();
        if (stopped) return;
        if (!session) clearSession('expired');
        else socket.connect();
      } catch {
        // Network trouble: try again a little later.
        if (!stopped) setTimeout(() => !stopped && socket.connect(), 5_000);
      } finally {
        renewing = false;
      }
    }

    socket.on('connect', () => {
      renewals = 0;
    });
    // Refusals by the server are final for socket.io (no automatic retry); network errors are retried.
    socket.on('connect_error', (error) => {
      if ((error as { data?: { code?: string } }).data?.code === 'UNAUTHENTICATED') void renewAndReconnect();
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') void renewAndReconnect();
    });
    publish(socket);

    return () => {
      stopped = true;
      socket.disconnect();
      // StrictMode mounts twice: only the socket still published is withdrawn.
      if (current === socket) publish(null);
    };
  }, [userId]);
}

/**
 * Calls `handler` for every `event` the server pushes on the page's socket (or 'connect', also
 * after a reconnection), for as long as the component is mounted. The handler may change between
 * renders without resubscribing.
 */
export function useRealtimeEvent<P>(event: string, handler: (payload: P) => void): void {
  const socket = useSyncExternalStore(subscribe, () => current);
  const handlerRef = useRef(handler);
  handlerRef.current = handler;

  useEffect(() => {
    if (!socket) return;
    const listener = (payload: P) => handlerRef.current(payload);
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event]);
}
