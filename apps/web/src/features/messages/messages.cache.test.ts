// The thread cache that both the viewer's requests and the socket's pushes write to: a message is
// shown once whichever arrives first, edits and deletions replace it in whichever page it sits,
// read receipts touch only the messages named, and the pages read oldest to newest.
import type { Message, MessagePage } from '@huntzen/contracts';
import { type InfiniteData, QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import { addMessage, flatten, listKey, markCachedRead, replaceMessage } from './messages.cache';

const THREAD = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';

function message(n: number, values: Partial<Message> = {}): Message {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    consultationId: THREAD,
    senderRole: n % 2 ? 'EMPLOYEE' : 'PRACTITIONER',
    mine: n % 2 === 1,
    content: `message ${n}`,
    messageType: 'TEXT',
    attachment: null,
    isRead: false,
    readAt: null,
    isEdited: false,
    editedAt: null,
    isDeleted: false,
    createdAt: new Date(Date.UTC(2026, 11, 6, 10, n)).toISOString(),
    ...values,
  };
}

type Pages = InfiniteData<MessagePage, string | null>;
let client: QueryClient;
const cached = () => client.getQueryData<Pages>(listKey(THREAD));
const contents = () => flatten(cached()).map((m) => m.content);

beforeEach(() => {
  client = new QueryClient();
  // The newest page first (as loaded), each page oldest → newest (as the API answers).
  client.setQueryData<Pages>(listKey(THREAD), {
    pages: [
      { items: [message(3), message(4)], nextCursor: 'older' },
      { items: [message(1), message(2)], nextCursor: null },
    ],
    pageParams: [null, 'older'],
  });
});

describe('the thread cache', () => {
  it('reads the loaded pages oldest to newest', () => {
    expect(contents()).toEqual(['message 1', 'message 2', 'message 3', 'message 4']);
  });

  it('adds a message once, whether the answer or the push comes first', () => {
    addMessage(client, message(5));
    addMessage(client, message(5));
    expect(contents()).toEqual(['message 1', 'message 2', 'message 3', 'message 4', 'message 5']);
  });

  it('replaces an edited or deleted message in whichever page holds it', () => {
    replaceMessage(client, message(1, { content: 'corrigé', isEdited: true }));
    replaceMessage(client, message(4, { content: null, isDeleted: true }));
    expect(contents()).toEqual(['corrigé', 'message 2', 'message 3', null]);
    expect(flatten(cached()).map((m) => m.isDeleted)).toEqual([false, false, false, true]);
  });

  it('marks read only the messages the receipt names, and leaves the others', () => {
    const readAt = '2026-12-06T11:00:00.000Z';
    const ids = new Set([message(1).id, message(3).id]);
    markCachedRead(client, THREAD, readAt, (m) => ids.has(m.id));
    expect(flatten(cached()).map((m) => [m.isRead, m.readAt])).toEqual([
      [true, readAt],
      [false, null],
      [true, readAt],
      [false, null],
    ]);
  });

  it('leaves a thread that is not loaded alone', () => {
    const other = { ...message(9), consultationId: '11111111-2222-4333-8444-555555555555' };
    addMessage(client, other);
    replaceMessage(client, other);
    expect(client.getQueryData(listKey(other.consultationId))).toBeUndefined();
    expect(contents()).toHaveLength(4);
  });
});
