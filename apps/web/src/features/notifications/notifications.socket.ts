// Notifications pushed on the page's live connection (lib/realtime.ts): new notifications and
// unread counts go straight into the query cache.
import { useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvent } from '../../lib/realtime';
import { type AppNotification, addToFeeds, setUnreadCount } from './notifications.api';

/** Keeps the notification caches current from pushes; `onNew` hears new notifications. */
export function useNotificationsLive(onNew?: (notification: AppNotification) => void): void {
  const queryClient = useQueryClient();
  // What the server sends (apps/api/src/platform/realtime/events.ts).
  useRealtimeEvent<{ count: number }>('notifications:unread', ({ count }) =>
    setUnreadCount(queryClient, count),
  );
  useRealtimeEvent<AppNotification>('notification:new', (notification) => {
    addToFeeds(queryClient, notification);
    onNew?.(notification);
  });
}
