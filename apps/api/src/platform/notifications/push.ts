// Real-time push of notifications. The trigger of 0005_notifications.sql announces every created
// notification (and every change of the unread count) with pg_notify, which PostgreSQL delivers
// only once the transaction commits: a rolled-back notification is never pushed. Every API instance
// LISTENs and pushes to the sockets connected to it, so the push reaches users on any instance,
// with or without Redis, whoever created the notification (a request, a worker's job, SQL).
import { type Database, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { type ChannelListener, listenToChannel, type Realtime } from '../realtime';
import { countUnread, findShown } from './queries';
import { type NotificationView, toNotificationView } from './view';

/** The channel of the trigger. */
export const NOTIFICATIONS_CHANNEL = 'huntzen_notifications';

const Announcement = z.object({
  event: z.enum(['created', 'changed']),
  userId: z.uuid(),
  id: z.uuid().optional(),
});

export interface NotificationPush {
  /** Starts listening (before the HTTP server accepts sockets). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The push of one API instance. */
export function createNotificationPush(deps: {
  db: Database;
  realtime: Realtime;
  logger: FastifyBaseLogger;
}): NotificationPush {
  const { db, realtime } = deps;
  const logger = deps.logger.child({ component: 'notification-push' });
  let listener: ChannelListener | null = null;
  // Announcements arrive in bursts (one per row of a multi-row insert): gathered per user and
  // handled in one database round per batch, batches one after the other so counts stay in order.
  let pending = new Map<string, Set<string>>();
  let scheduled = false;
  let chain: Promise<void> = Promise.resolve();

  function enqueue(userId: string, notificationId?: string): void {
    // Most announcements concern users with no page open on this instance: nothing to read then.
    if (!realtime.isConnectedHere(userId)) return;
    const ids = pending.get(userId) ?? new Set<string>();
    if (notificationId) ids.add(notificationId);
    pending.set(userId, ids);
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const batch = pending;
      pending = new Map();
      chain = chain.then(() => deliver(batch)).catch((err: unknown) => logger.error({ err }, 'push failed'));
    });
  }

  async function deliver(batch: Map<string, Set<string>>): Promise<void> {
    const updates = await withActor(db, SYSTEM_ACTOR, async (tx) => {
      const out: { userId: string; created: NotificationView[]; unread: number }[] = [];
      for (const [userId, ids] of batch) {
        const rows = await findShown(tx, userId, [...ids]);
        out.push({ userId, created: rows.map(toNotificationView), unread: await countUnread(tx, userId) });
      }
      return out;
    });
    for (const { userId, created, unread } of updates) {
      for (const notification of created) realtime.emitToLocalUser(userId, 'notification:new', notification);
      realtime.emitToLocalUser(userId, 'notifications:unread', { count: unread });
    }
  }

  function onNotification(payload: string): void {
    let announcement: z.infer<typeof Announcement>;
    try {
      announcement = Announcement.parse(JSON.parse(payload));
    } catch {
      logger.warn({ payload }, 'unexpected announcement on the notifications channel');
      return;
    }
    enqueue(announcement.userId, announcement.event === 'created' ? announcement.id : undefined);
  }

  // A new socket gets the count at once; later changes come as pushes.
  realtime.onConnection(async (socket) => {
    const userId = socket.data.user.userId;
    const count = await withActor(db, SYSTEM_ACTOR, (tx) => countUnread(tx, userId));
    socket.emit('notifications:unread', { count });
  });

  return {
    async start() {
      if (listener) return;
      listener = await listenToChannel({
        // The application role: LISTEN needs no privilege.
        newClient: db.newAppClient,
        channel: NOTIFICATIONS_CHANNEL,
        onNotification,
        // Announcements were lost while disconnected: resend every connected user's count.
        onReconnect: () => {
          for (const userId of realtime.localUserIds()) enqueue(userId);
        },
        logger,
      });
    },
    async stop() {
      const current = listener;
      listener = null;
      await current?.close();
      await chain;
    },
  };
}
