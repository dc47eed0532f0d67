// The live connection of a signed-in page: socket.io on the API's origin, authenticated with the
// in-memory access token. The server cuts the socket when that token expires, or refuses it once
// expired: the page then refreshes its session (the same single-flight refresh as API calls) and
// reconnects. Pushed notifications and counts go straight into the query cache.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';
import { refreshSession } from '../../lib/api';
import { clearSession, getAccessToken } from '../../lib/session-store';
import { useAuth } from '../auth/auth-context';
import { type AppNotification, addToFeeds, setUnreadCount } from './notifications.api';

/** What the server sends (apps/api/src/platform/realtime/events.ts). */
interface ServerEvents {
  'notification:new': (notification: AppNotification) => void;
  'notifications:unread': (payload: { count: number }) => void;
}

// A refreshed token refused again means something else is wrong (clock, server): stop retrying
// after a few rounds rather than loop; the count still refreshes with the page's queries.
const MAX_RENEWALS = 3;

/** Keeps a socket open while a user who completed sign-in is on the page; `onNew` hears new notifications. */
export function useNotificationsLive(onNew?: (notification: AppNotification) => void): void {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const onNewRef = useRef(onNew);
  onNewRef.current = onNew;
  const userId = user && !user.twoFactorEnrollmentRequired ? user.id : null;

  useEffect(() => {
    if (!userId) return;
    let stopped = false;
    let renewals = 0;
    let renewing = false;
    const socket: Socket<ServerEvents> = io({
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
    socket.on('notifications:unread', ({ count }) => setUnreadCount(queryClient, count));
    socket.on('notification:new', (notification) => {
      addToFeeds(queryClient, notification);
      onNewRef.current?.(notification);
    });

    return () => {
      stopped = true;
      socket.disconnect();
    };
  }, [userId, queryClient]);
}
