// The signed-in user's notifications: the feed (bell and notification centre share it), the unread
// count, marking read. Pushes (notifications.socket.ts) write into the same caches.
import { notifications as toasts } from '@mantine/notifications';
import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/form';

/** A notification as the API and the socket send it. */
export interface AppNotification {
  id: string;
  type: string;
  title: string;
  message: string;
  linkUrl: string | null;
  linkLabel: string | null;
  metadata: Record<string, unknown> | null;
  isRead: boolean;
  readAt: string | null;
  createdAt: string;
  expiresAt: string | null;
}

interface Page {
  items: AppNotification[];
  nextCursor: string | null;
}
type Feed = InfiniteData<Page, string | null>;

export const NOTIFICATIONS_KEY = ['notifications'] as const;
const FEED_KEY = [...NOTIFICATIONS_KEY, 'feed'] as const;
export const UNREAD_KEY = [...NOTIFICATIONS_KEY, 'unread-count'] as const;

/** GET /notifications page by page (`unreadOnly`: only unread ones; `enabled`: fetch now). */
export function useNotificationFeed(unreadOnly = false, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...FEED_KEY, unreadOnly ? 'unread' : 'all'],
    enabled,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '20' });
      if (unreadOnly) query.set('unread', 'true');
      if (pageParam) query.set('cursor', pageParam);
      return api.get<Page>(`/notifications?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** GET /notifications/unread-count; kept current by pushes while the socket is connected. */
export function useUnreadCount() {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) => api.get<{ count: number }>('/notifications/unread-count', signal),
    select: (data) => data.count,
  });
}

/** Applies `change` to every notification in the cached feeds. */
function updateFeeds(queryClient: QueryClient, change: (n: AppNotification) => AppNotification): void {
  queryClient.setQueriesData<Feed>({ queryKey: FEED_KEY }, (feed) =>
    feed ? { ...feed, pages: feed.pages.map((page) => ({ ...page, items: page.items.map(change) })) } : feed,
  );
}

/** Puts a pushed notification at the top of the cached feeds (once). */
export function addToFeeds(queryClient: QueryClient, notification: AppNotification): void {
  queryClient.setQueriesData<Feed>({ queryKey: FEED_KEY }, (feed) => {
    const [first, ...rest] = feed?.pages ?? [];
    if (!feed || !first) return feed;
    if (feed.pages.some((page) => page.items.some((n) => n.id === notification.id))) return feed;
    return { ...feed, pages: [{ ...first, items: [notification, ...first.items] }, ...rest] };
  });
}

/** Sets the unread count (from a push). */
export function setUnreadCount(queryClient: QueryClient, count: number): void {
  queryClient.setQueryData(UNREAD_KEY, { count });
}

/** POST /notifications/{id}/read. */
export function useMarkRead() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notification: AppNotification) =>
      api.post<AppNotification>(`/notifications/${encodeURIComponent(notification.id)}/read`),
    onSuccess: (read) => {
      updateFeeds(queryClient, (n) => (n.id === read.id ? read : n));
      return queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
    },
    onError: (error) => toasts.show({ color: 'red', message: errorMessage(error, t) }),
  });
}

/** POST /notifications/read-all. */
export function useMarkAllRead() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ updated: number }>('/notifications/read-all'),
    onSuccess: () => {
      const now = new Date().toISOString();
      updateFeeds(queryClient, (n) => (n.isRead ? n : { ...n, isRead: true, readAt: now }));
      setUnreadCount(queryClient, 0);
    },
    onError: (error) => toasts.show({ color: 'red', message: errorMessage(error, t) }),
  });
}
