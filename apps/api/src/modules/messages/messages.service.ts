// The chat of a consultation: one thread between its employee and its practitioner. Rules in
// messages.policy.ts (the database repeats them: 0015_chat.sql); text encrypted with the message's
// id and consultation as associated data; each change pushed to both participants once committed
// (the trigger's pg_notify, messages.push.ts); the recipient notified in-app at once and by e-mail
// only if the message is still unread 15 minutes later (messages.jobs.ts).
import { randomUUID } from 'node:crypto';
import {
  type EditMessage,
  type MarkReadResult,
  type Message,
  type MessagePage,
  type ReplyPromise,
  type SendMessage,
  type ThreadInfo,
  type ThreadList,
  threadClosesAt,
} from '@huntzen/contracts';
import { messageContentContext } from '@huntzen/crypto';
import { type Database, withActor } from '@huntzen/db';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import type { FieldCipher } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { mailLanguage } from '../../platform/mail';
import { notify } from '../../platform/notifications';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { planUnreadEmail } from './messages.jobs';
import {
  checkAttachment,
  checkEditable,
  checkIsSender,
  checkRateLimit,
  checkWritable,
  isWritable,
  messageTypeOf,
  type ThreadParty,
  threadPartyOf,
} from './messages.policy';
import * as repo from './messages.repository';
import {
  attachmentOf,
  attachmentUrlOf,
  messageView,
  openContent,
  readableMessageView,
} from './messages.view';

const MINUTE = 60_000;

export interface MessagesDeps {
  db: Database;
  cipher: FieldCipher;
  logger: FastifyBaseLogger;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
}

const notFound = () => new AppError('NOT_FOUND', 'No such consultation among yours.');
const messageNotFound = () => new AppError('NOT_FOUND', 'No such message.');

type Thread = repo.ThreadRow;

function practitionerName(p: { title: string; firstName: string; lastName: string }): string {
  return `${p.title} ${p.firstName} ${p.lastName}`.replace(/\s+/g, ' ').trim();
}

/** The other participant, as the caller's side sees them. */
function otherParty(
  party: ThreadParty,
  c: {
    employee: Pick<Thread['employee'], 'firstName' | 'lastName' | 'avatarUrl'>;
    practitioner: Pick<Thread['practitioner'], 'title' | 'firstName' | 'lastName' | 'avatarUrl'>;
  },
): { displayName: string; avatarUrl: string | null } {
  return party === 'EMPLOYEE'
    ? { displayName: practitionerName(c.practitioner), avatarUrl: c.practitioner.avatarUrl }
    : {
        displayName: `${c.employee.firstName} ${c.employee.lastName}`.trim(),
        avatarUrl: c.employee.avatarUrl,
      };
}

const IN_APP = {
  fr: { title: 'Nouveau message', message: (from: string) => `${from} vous a envoyé un message.` },
  en: { title: 'New message', message: (from: string) => `${from} sent you a message.` },
};

/** Builds the messages service. */
export function createMessagesService(deps: MessagesDeps) {
  const { db, cipher, logger } = deps;
  const clock = deps.now ?? (() => new Date());

  /** The thread of consultation `id` and the caller's side, or 404. */
  async function threadOf(
    tx: Parameters<Parameters<typeof withActor>[2]>[0],
    actor: RequestActor,
    id: string,
  ) {
    const c = await repo.findThread(tx, id);
    const party = c ? threadPartyOf(actor, c) : null;
    if (!c || !party) throw notFound();
    return { c, party };
  }

  /** The message `id`, its thread and the caller's side, or 404 (also for a non-participant). */
  async function messageOf(
    tx: Parameters<Parameters<typeof withActor>[2]>[0],
    actor: RequestActor,
    id: string,
  ) {
    const row = await repo.findMessage(tx, id);
    if (!row) throw messageNotFound();
    const c = await repo.findThread(tx, row.consultationId);
    const party = c ? threadPartyOf(actor, c) : null;
    if (!c || !party) throw messageNotFound();
    return { row, c, party };
  }

  return {
    /** One page of the thread, oldest → newest, before the cursor (older pages) when given. */
    async list(
      actor: RequestActor,
      consultationId: string,
      query: { before?: string | undefined; limit: number },
    ): Promise<MessagePage> {
      return withActor(db, actor, async (tx) => {
        const { party } = await threadOf(tx, actor, consultationId);
        const before = query.before ? decodeCursor(query.before) : undefined;
        const rows = await repo.listPage(
          tx,
          consultationId,
          query.limit,
          before ? { at: before.t, id: before.id } : undefined,
        );
        const page = rows.slice(0, query.limit);
        const oldest = page.at(-1);
        return {
          items: page
            .reverse()
            .map(({ message }) => readableMessageView(cipher, logger, message, message.senderRole === party)),
          nextCursor:
            rows.length > query.limit && oldest
              ? encodeCursor({ t: oldest.cursorAt, id: oldest.message.id })
              : null,
        };
      });
    },

    /** Sends a message (text, attachment or both) in an open thread. */
    async send(actor: RequestActor, consultationId: string, body: SendMessage): Promise<Message> {
      return withActor(db, actor, async (tx) => {
        const { c, party } = await threadOf(tx, actor, consultationId);
        const now = clock();
        checkWritable(c, now);
        const senderId = party === 'EMPLOYEE' ? c.employeeId : c.practitionerId;
        checkRateLimit(await repo.countRecentlySent(tx, senderId));
        const file = body.attachmentFileId
          ? checkAttachment(await repo.findFile(tx, body.attachmentFileId), consultationId, actor.userId, {
              now,
              attached: await repo.isAttached(tx, consultationId, attachmentUrlOf(body.attachmentFileId)),
            })
          : undefined;
        const id = randomUUID();
        const content = body.content ?? null;
        const sealed = cipher.encrypt(content ?? '', messageContentContext({ id, consultationId }));
        const row = await repo.insertMessage(tx, {
          id,
          consultationId,
          senderId,
          senderRole: party,
          encryptedContent: sealed.encryptedContent,
          iv: sealed.iv,
          authTag: sealed.authTag,
          messageType: messageTypeOf(file?.mimeType),
          ...(file && body.attachmentFileId
            ? {
                attachmentUrl: attachmentUrlOf(body.attachmentFileId),
                attachmentName: file.originalName,
                attachmentType: file.mimeType,
                attachmentSize: file.size,
              }
            : {}),
        });

        // The recipient: told at once in the app (never the text), by e-mail only if still unread
        // later, each in their own language whichever side they are on.
        const to = party === 'EMPLOYEE' ? c.practitioner : c.employee;
        const recipient = { userId: to.userId, language: mailLanguage(to.preferredLanguage) };
        const from = otherParty(party === 'EMPLOYEE' ? 'PRACTITIONER' : 'EMPLOYEE', c).displayName;
        const texts = IN_APP[recipient.language];
        await notify(tx, {
          userId: recipient.userId,
          type: 'MESSAGE_RECEIVED',
          title: texts.title,
          message: texts.message(from),
          linkUrl: `/app/messages/${consultationId}`,
          metadata: { consultationId, messageId: id },
          email: false,
        });
        const pendingSince = await repo.markEmailPending(tx, consultationId, recipient.userId);
        await planUnreadEmail(
          tx,
          { consultationId, recipientUserId: recipient.userId },
          new Date(pendingSince.getTime() + 15 * MINUTE),
        );
        await recordAudit(tx, actor, {
          action: 'CREATE',
          resource: 'message',
          resourceId: id,
          details: { consultationId, messageType: row.messageType, attachment: Boolean(file) },
          isSensitive: true,
        });
        return messageView(row, true, content);
      });
    },

    /**
     * One message of the caller's threads. CONTENT_UNREADABLE (409, no content) when its ciphertext
     * does not authenticate (tampered, or moved from another row): only the id is logged.
     */
    async get(actor: RequestActor, messageId: string): Promise<Message> {
      return withActor(db, actor, async (tx) => {
        const { row, party } = await messageOf(tx, actor, messageId);
        const mine = row.senderRole === party;
        try {
          return messageView(row, mine, openContent(cipher, row));
        } catch (error) {
          if (error instanceof AppError && error.code === 'CONTENT_UNREADABLE') {
            logger.warn({ messageId: row.id }, 'message content unreadable');
          }
          throw error;
        }
      });
    },

    /**
     * Replaces the text of the caller's own message, within the edit window. The old text is never
     * decrypted: an edit of an unreadable message replaces it with a readable one.
     */
    async edit(actor: RequestActor, messageId: string, body: EditMessage): Promise<Message> {
      return withActor(db, actor, async (tx) => {
        const { row, c, party } = await messageOf(tx, actor, messageId);
        checkIsSender(row, party);
        const now = clock();
        checkEditable(row, now);
        checkWritable(c, now);
        const sealed = cipher.encrypt(body.content, messageContentContext(row));
        const updated = await repo.updateMessage(tx, row.id, {
          ...sealed,
          isEdited: true,
          editedAt: now,
        });
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'message',
          resourceId: row.id,
          details: { consultationId: row.consultationId, edited: true },
          isSensitive: true,
        });
        return messageView(updated, true, body.content);
      });
    },

    /**
     * Deletes the caller's own message: its ciphertext and attachment link are wiped, and the
     * attached file is expired in the same transaction — unreachable from the commit on, its row and
     * stored object removed by the files' hourly clean-up.
     */
    async remove(actor: RequestActor, messageId: string): Promise<Message> {
      return withActor(db, actor, async (tx) => {
        const { row, party } = await messageOf(tx, actor, messageId);
        checkIsSender(row, party);
        if (row.isDeleted) return messageView(row, true, null);
        const fileId = attachmentOf(row)?.fileId;
        // The sender uploaded it (checked when sending), so their row-level security lets them.
        const retired = fileId ? await repo.expireAttachment(tx, fileId, row.consultationId) : false;
        const updated = await repo.updateMessage(tx, row.id, {
          encryptedContent: '',
          iv: '',
          authTag: null,
          isDeleted: true,
          deletedAt: clock(),
          attachmentUrl: null,
          attachmentName: null,
          attachmentType: null,
          attachmentSize: null,
        });
        await recordAudit(tx, actor, {
          action: 'DELETE',
          resource: 'message',
          resourceId: row.id,
          details: { consultationId: row.consultationId, attachmentRetired: retired },
          isSensitive: true,
        });
        return messageView(updated, true, null);
      });
    },

    /** Marks read every message of the other participant in the thread (read receipts). */
    async markRead(actor: RequestActor, consultationId: string): Promise<MarkReadResult> {
      return withActor(db, actor, async (tx) => {
        const { party } = await threadOf(tx, actor, consultationId);
        const rows = await repo.markRead(
          tx,
          consultationId,
          party === 'EMPLOYEE' ? 'PRACTITIONER' : 'EMPLOYEE',
        );
        return {
          consultationId,
          readAt: rows[0]?.readAt?.toISOString() ?? null,
          messageIds: rows.map((r) => r.id),
        };
      });
    },

    /** The header of a thread: the other party, whether it is writable, until when, the reply promise. */
    async thread(actor: RequestActor, consultationId: string): Promise<ThreadInfo> {
      return withActor(db, actor, async (tx) => {
        const { c, party } = await threadOf(tx, actor, consultationId);
        const summary = await repo.threadStats(tx, consultationId, party);
        const now = clock();
        return {
          consultationId,
          scheduledAt: c.scheduledAt.toISOString(),
          consultationStatus: c.status,
          other: otherParty(party, c),
          lastMessageAt: summary.lastMessageAt?.toISOString() ?? null,
          unreadCount: summary.unread,
          writable: isWritable(c, now),
          closesAt: threadClosesAt(c).toISOString(),
          replyPromise: c.practitioner.replyPromise ?? null,
        };
      });
    },

    /** The caller's threads, newest activity first, with unread counts. */
    async threads(actor: RequestActor): Promise<ThreadList> {
      const party: ThreadParty | null =
        actor.role === 'EMPLOYEE' && actor.employeeId
          ? 'EMPLOYEE'
          : actor.role === 'PRACTITIONER' && actor.practitionerId
            ? 'PRACTITIONER'
            : null;
      if (!party) return { items: [], unreadTotal: 0 };
      const id = (party === 'EMPLOYEE' ? actor.employeeId : actor.practitionerId)!;
      return withActor(db, actor, async (tx) => {
        const now = clock();
        const rows = await repo.listThreads(tx, { role: party, id }, now);
        const items = rows.map((t) => ({
          consultationId: t.id,
          scheduledAt: t.scheduledAt.toISOString(),
          consultationStatus: t.status,
          other: otherParty(party, t),
          lastMessageAt: t.lastMessageAt?.toISOString() ?? null,
          unreadCount: t.unread,
          writable: isWritable(t, now),
          closesAt: threadClosesAt(t).toISOString(),
        }));
        return { items, unreadTotal: items.reduce((sum, t) => sum + t.unreadCount, 0) };
      });
    },

    /** The practitioner's reply promise. */
    async replyPromise(actor: RequestActor): Promise<ReplyPromise> {
      return withActor(db, actor, async (tx) => {
        const row = actor.practitionerId ? await repo.findReplyPromise(tx, actor.practitionerId) : undefined;
        if (!row) throw new AppError('NOT_FOUND', 'No practitioner profile.');
        return { replyPromise: row.replyPromise };
      });
    },

    /** Sets (or, with null or an empty text, removes) the practitioner's reply promise. */
    async setReplyPromise(actor: RequestActor, body: ReplyPromise): Promise<ReplyPromise> {
      return withActor(db, actor, async (tx) => {
        const value = body.replyPromise?.trim() ? body.replyPromise.trim() : null;
        const row = actor.practitionerId
          ? await repo.setReplyPromise(tx, actor.practitionerId, value)
          : undefined;
        if (!row) throw new AppError('NOT_FOUND', 'No practitioner profile.');
        return { replyPromise: row.replyPromise };
      });
    },
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
