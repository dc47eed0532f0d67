// The chat of the signed-in participant: the thread list (inbox, unread badge), one thread's header
// and its messages page by page, sending (with an attachment uploaded first through /files),
// editing, deleting, marking read, the practitioner's reply promise, and the socket pushes
// (message:new / edited / deleted / read) written into the same caches.
import type {
  ChatServerEvents,
  MarkReadResult,
  Message,
  MessagePage,
  ReplyPromise,
  Role,
  SendMessage,
  ThreadInfo,
  ThreadList,
} from '@huntzen/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';
import { useRealtimeEvent } from '../../lib/realtime';
import { useAuth } from '../auth/auth-context';
import { uploadFile } from '../media/upload';
import { addMessage, listKey, MESSAGES_KEY, markCachedRead, replaceMessage } from './messages.cache';

const THREADS_KEY = [...MESSAGES_KEY, 'threads'] as const;
const threadKey = (consultationId: string) => [...MESSAGES_KEY, 'thread', consultationId] as const;
const REPLY_PROMISE_KEY = [...MESSAGES_KEY, 'reply-promise'] as const;

export { type ChatMessage, flatten, isUnreadable, MESSAGES_KEY } from './messages.cache';

/** GET /messages/threads: the caller's threads with their unread counts. */
export function useThreads(enabled = true) {
  return useQuery({
    queryKey: THREADS_KEY,
    queryFn: ({ signal }) => apiRequest<ThreadList>('/messages/threads', { signal }),
    enabled,
    // The window closes on its own; pushes keep the counts current in between.
    refetchInterval: 5 * 60_000,
  });
}

/** GET /consultations/{id}/messages/thread: the header of one thread. */
export function useThreadInfo(consultationId: string) {
  return useQuery({
    queryKey: threadKey(consultationId),
    queryFn: ({ signal }) =>
      apiRequest<ThreadInfo>(`/consultations/${encodeURIComponent(consultationId)}/messages/thread`, {
        signal,
      }),
    // A thread may become read-only while it is open.
    refetchInterval: 60_000,
  });
}

/** The messages of a thread: the newest page first, older pages loaded on demand. */
export function useMessages(consultationId: string) {
  return useInfiniteQuery({
    queryKey: listKey(consultationId),
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '50' });
      if (pageParam) query.set('before', pageParam);
      return apiRequest<MessagePage>(
        `/consultations/${encodeURIComponent(consultationId)}/messages?${query}`,
        { signal },
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Pushes keep it current; a refetch would reload every older page too.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The side of the signed-in user in every thread. */
function senderRoleOf(role: Role | null): Message['senderRole'] {
  return role === 'PRACTITIONER' ? 'PRACTITIONER' : 'EMPLOYEE';
}

/**
 * Keeps the chat's caches current from the socket. A push carries the recipient's view, so whether
 * a message is the viewer's own comes from its sender's role (the viewer's other tabs hear it too).
 */
export function useChatLive(onIncoming?: (message: Message) => void): void {
  const queryClient = useQueryClient();
  const { role } = useAuth();
  const own = (message: Message): Message => ({
    ...message,
    mine: message.senderRole === senderRoleOf(role),
  });
  useRealtimeEvent<Parameters<ChatServerEvents['message:new']>[0]>('message:new', (pushed) => {
    const message = own(pushed);
    addMessage(queryClient, message);
    void queryClient.invalidateQueries({ queryKey: THREADS_KEY });
    if (!message.mine) onIncoming?.(message);
  });
  useRealtimeEvent<Parameters<ChatServerEvents['message:edited']>[0]>('message:edited', (pushed) =>
    replaceMessage(queryClient, own(pushed)),
  );
  useRealtimeEvent<Parameters<ChatServerEvents['message:deleted']>[0]>('message:deleted', (pushed) =>
    replaceMessage(queryClient, own(pushed)),
  );
  useRealtimeEvent<Parameters<ChatServerEvents['message:read']>[0]>(
    'message:read',
    ({ consultationId, readAt, messageIds }) => {
      const ids = new Set(messageIds);
      markCachedRead(queryClient, consultationId, readAt, (m) => ids.has(m.id));
      void queryClient.invalidateQueries({ queryKey: THREADS_KEY });
    },
  );
  // Pushes sent while the socket was down are lost: reload what is on screen once it is back.
  useRealtimeEvent<void>('connect', () => {
    void queryClient.invalidateQueries({ queryKey: MESSAGES_KEY });
  });
}

export interface SendRequest {
  content?: string;
  file?: File | null;
}

/** Uploads the attachment (if any) to the consultation, then POSTs the message. */
export function useSendMessage(consultationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ content, file }: SendRequest) => {
      const body: SendMessage = {};
      if (content) body.content = content;
      if (file) {
        const uploaded = await uploadFile(file, 'ATTACHMENT', {
          relatedResource: 'consultation',
          relatedId: consultationId,
        });
        body.attachmentFileId = uploaded.id;
      }
      return apiRequest<Message>(`/consultations/${encodeURIComponent(consultationId)}/messages`, {
        method: 'POST',
        body,
      });
    },
    onSuccess: (message) => {
      addMessage(queryClient, message);
      return queryClient.invalidateQueries({ queryKey: THREADS_KEY });
    },
  });
}

/** PATCH /messages/{id}: the sender, within the edit window. */
export function useEditMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, content }: { id: string; content: string }) =>
      apiRequest<Message>(`/messages/${encodeURIComponent(id)}`, { method: 'PATCH', body: { content } }),
    onSuccess: (message) => replaceMessage(queryClient, message),
  });
}

/** DELETE /messages/{id}: the sender; the text is wiped, the message stays as "deleted". */
export function useDeleteMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (message: Message) => {
      const answer = await apiRequest<Message | undefined>(`/messages/${encodeURIComponent(message.id)}`, {
        method: 'DELETE',
      });
      // A 204 carries nothing: the deleted message as the API describes it.
      const deleted: Message = { ...message, content: null, attachment: null, isDeleted: true };
      return answer ?? deleted;
    },
    onSuccess: (message) => replaceMessage(queryClient, message),
  });
}

/** POST /consultations/{id}/messages/read: the other participant's messages are read. */
export function useMarkThreadRead(consultationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<MarkReadResult>(`/consultations/${encodeURIComponent(consultationId)}/messages/read`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: (result) => {
      // Every message of the other participant is read now (also those the answer did not list,
      // already read elsewhere): the page must not ask again.
      const readAt = result?.readAt ?? new Date().toISOString();
      markCachedRead(queryClient, consultationId, readAt, (m) => !m.mine);
      return queryClient.invalidateQueries({ queryKey: THREADS_KEY });
    },
  });
}

/** GET /me/reply-promise (practitioners). */
export function useReplyPromise(enabled: boolean) {
  return useQuery({
    queryKey: REPLY_PROMISE_KEY,
    queryFn: ({ signal }) => apiRequest<ReplyPromise>('/me/reply-promise', { signal }),
    enabled,
  });
}

/** PUT /me/reply-promise: the text, or null to remove it. */
export function useSaveReplyPromise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReplyPromise) =>
      apiRequest<ReplyPromise>('/me/reply-promise', { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(REPLY_PROMISE_KEY, saved);
      // Every open thread header shows it.
      return queryClient.invalidateQueries({ queryKey: [...MESSAGES_KEY, 'thread'] });
    },
  });
}
