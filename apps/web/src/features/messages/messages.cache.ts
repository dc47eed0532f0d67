// The chat's cached messages (TanStack Query): one infinite query per thread, the newest page
// first. Answers to the viewer's own requests and socket pushes both land here, so every write is
// idempotent: a message is added once, whichever comes first.
import type { Message, MessagePage } from '@huntzen/contracts';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';

export const MESSAGES_KEY = ['messages'] as const;
/** The query key of a thread's messages. */
export const listKey = (consultationId: string) => [...MESSAGES_KEY, 'list', consultationId] as const;

type Pages = InfiniteData<MessagePage, string | null>;

/** A message as the thread shows it. */
export type ChatMessage = Message;

/** True when the message's stored text failed decryption (CONTENT_UNREADABLE): content is null. */
export function isUnreadable(message: ChatMessage): boolean {
  return message.contentUnreadable === true;
}

/** The loaded messages, oldest first. */
export function flatten(data: InfiniteData<MessagePage, unknown> | undefined): ChatMessage[] {
  if (!data) return [];
  return [...data.pages].reverse().flatMap((page) => page.items);
}

/** Adds `message` as the newest of its cached thread (once). */
export function addMessage(queryClient: QueryClient, message: Message): void {
  queryClient.setQueryData<Pages>(listKey(message.consultationId), (data) => {
    if (!data) return data;
    if (data.pages.some((page) => page.items.some((m) => m.id === message.id))) {
      return replaceIn(data, message);
    }
    const [newest, ...older] = data.pages;
    if (!newest) return data;
    return { ...data, pages: [{ ...newest, items: [...newest.items, message] }, ...older] };
  });
}

function replaceIn(data: Pages, message: Message): Pages {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((m) => (m.id === message.id ? message : m)),
    })),
  };
}

/** Replaces the cached copy of `message` (edited, deleted). */
export function replaceMessage(queryClient: QueryClient, message: Message): void {
  queryClient.setQueryData<Pages>(listKey(message.consultationId), (data) =>
    data ? replaceIn(data, message) : data,
  );
}

/** Marks the cached messages `read` (by id, or every message of one side) read at `readAt`. */
export function markCachedRead(
  queryClient: QueryClient,
  consultationId: string,
  readAt: string,
  read: (message: Message) => boolean,
): void {
  queryClient.setQueryData<Pages>(listKey(consultationId), (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((m) => (!m.isRead && read(m) ? { ...m, isRead: true, readAt } : m)),
          })),
        }
      : data,
  );
}
