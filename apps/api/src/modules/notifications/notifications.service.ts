// A user's own notifications: the feed, the unread count, marking read. Nobody reads another
// user's notifications (row-level security): another user's id answers 404.
import { type Database, withActor } from '@huntzen/db';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { countUnread, type NotificationView, toNotificationView } from '../../platform/notifications';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import * as repository from './notifications.repository';

export interface FeedQuery {
  limit: number;
  cursor?: string | undefined;
  /** Only unread ones. */
  unread?: boolean | undefined;
}

/** Builds the notifications service. */
export function createNotificationsService(deps: { db: Database }) {
  return {
    /** The user's notifications, newest first, expired ones left out. */
    async list(actor: RequestActor, query: FeedQuery) {
      return withActor(deps.db, actor, async (tx) => {
        const after = query.cursor ? decodeCursor(query.cursor) : null;
        const rows = await repository.selectFeed(tx, actor.userId, {
          limit: query.limit,
          after,
          unreadOnly: query.unread ?? false,
        });
        const page = rows.slice(0, query.limit);
        const last = page.at(-1);
        return {
          items: page.map(({ row }) => toNotificationView(row)),
          nextCursor:
            rows.length > query.limit && last ? encodeCursor({ t: last.position, id: last.row.id }) : null,
        };
      });
    },

    /** How many of the user's notifications are unread. */
    async unreadCount(actor: RequestActor) {
      return { count: await withActor(deps.db, actor, (tx) => countUnread(tx, actor.userId)) };
    },

    /** Marks one notification read (again: no change); another user's is not found. */
    async markRead(actor: RequestActor, id: string): Promise<NotificationView> {
      const row = await withActor(deps.db, actor, (tx) => repository.markOneRead(tx, actor.userId, id));
      if (!row) throw new AppError('NOT_FOUND', 'No such notification.');
      return toNotificationView(row);
    },

    /** Marks all the user's notifications read; returns how many changed. */
    async markAllRead(actor: RequestActor) {
      return { updated: await withActor(deps.db, actor, (tx) => repository.markAllRead(tx, actor.userId)) };
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
