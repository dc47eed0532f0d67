// Real-time chat events. The trigger of 0015_chat.sql announces every new, edited, deleted or read
// message with pg_notify, delivered only once the transaction commits. Every API instance LISTENs
// and pushes to the sockets of the consultation's two participants connected to it — nobody else —
// decrypting as SYSTEM and setting `mine` for each recipient. Works across instances without Redis,
// whoever wrote the row (a request on any instance, a job, SQL).
import type { Message } from '@huntzen/contracts';
import { type Database, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { FieldCipher } from '../../platform/crypto';
import { type ChannelListener, listenToChannel, type Realtime } from '../../platform/realtime';
import * as repo from './messages.repository';
import { readableMessageView } from './messages.view';

/** The channel of the trigger. */
export const MESSAGES_CHANNEL = 'huntzen_messages';

const Announcement = z.discriminatedUnion('event', [
  z.object({ event: z.enum(['new', 'edited', 'deleted']), id: z.uuid(), consultationId: z.uuid() }),
  z.object({ event: z.literal('read'), consultationId: z.uuid(), readAt: z.string().min(1).max(64) }),
]);
type Announcement = z.infer<typeof Announcement>;

const EVENTS = { new: 'message:new', edited: 'message:edited', deleted: 'message:deleted' } as const;
/** Announcements read in one transaction at most. */
const MAX_BATCH = 200;

export interface MessagePush {
  /** Starts listening (before the HTTP server accepts sockets). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The chat push of one API instance. */
export function createMessagePush(deps: {
  db: Database;
  cipher: FieldCipher;
  realtime: Realtime;
  logger: FastifyBaseLogger;
}): MessagePush {
  const { db, cipher, realtime } = deps;
  const logger = deps.logger.child({ component: 'message-push' });
  let listener: ChannelListener | null = null;
  // Announcements wait here while a batch is being delivered; a batch is delivered whole, in the
  // order the announcements committed, before the next one starts.
  let queue: Announcement[] = [];
  let draining: Promise<void> | null = null;

  /**
   * Delivers a batch with one SYSTEM transaction for all its reads (one per announcement would cap
   * the push at a few dozen messages a second), then emits in order.
   */
  async function deliver(batch: Announcement[]): Promise<void> {
    const found = await withActor(db, SYSTEM_ACTOR, async (tx) => {
      const threads = new Map(
        (await repo.findParticipants(tx, [...new Set(batch.map((a) => a.consultationId))])).map((t) => [
          t.id,
          t,
        ]),
      );
      // Nothing to read for a thread whose participants have no page open on this instance.
      const here = new Map<string, { userId: string; party: 'EMPLOYEE' | 'PRACTITIONER' }[]>();
      for (const t of threads.values()) {
        const connected = [
          { userId: t.employeeUserId, party: 'EMPLOYEE' as const },
          { userId: t.practitionerUserId, party: 'PRACTITIONER' as const },
        ].filter((p) => realtime.isConnectedHere(p.userId));
        if (connected.length > 0) here.set(t.id, connected);
      }
      const wanted = batch.filter((a) => here.has(a.consultationId));
      const ids = wanted.flatMap((a) => (a.event === 'read' ? [] : [a.id]));
      const rows = new Map((await repo.findMessages(tx, [...new Set(ids)])).map((r) => [r.id, r]));
      const reads = new Map<Announcement, string[]>();
      for (const a of wanted) {
        if (a.event === 'read') reads.set(a, await repo.readAt(tx, a.consultationId, a.readAt));
      }
      return { here, rows, reads };
    });
    for (const announcement of batch) {
      const recipients = found.here.get(announcement.consultationId);
      if (!recipients) continue;
      if (announcement.event === 'read') {
        const payload = {
          consultationId: announcement.consultationId,
          readAt: new Date(announcement.readAt).toISOString(),
          messageIds: found.reads.get(announcement) ?? [],
        };
        if (payload.messageIds.length === 0) continue;
        for (const { userId } of recipients) realtime.emitToLocalUser(userId, 'message:read', payload);
        continue;
      }
      const row = found.rows.get(announcement.id);
      if (!row) continue;
      for (const { userId, party } of recipients) {
        const message: Message = readableMessageView(cipher, logger, row, row.senderRole === party);
        realtime.emitToLocalUser(userId, EVENTS[announcement.event], message);
      }
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      await deliver(batch).catch((err: unknown) => logger.error({ err }, 'message push failed'));
    }
    draining = null;
  }

  function onNotification(payload: string): void {
    let announcement: Announcement;
    try {
      announcement = Announcement.parse(JSON.parse(payload));
    } catch {
      logger.warn('unexpected announcement on the messages channel');
      return;
    }
    queue.push(announcement);
    draining ??= drain();
  }

  return {
    async start() {
      if (listener) return;
      listener = await listenToChannel({
        // The application role: LISTEN needs no privilege.
        newClient: db.newAppClient,
        channel: MESSAGES_CHANNEL,
        onNotification,
        // Events missed while disconnected are not replayed: the web app refetches on reconnect.
        onReconnect: () => {},
        logger,
      });
    },
    async stop() {
      const current = listener;
      listener = null;
      await current?.close();
      await draining;
      queue = [];
    },
  };
}
