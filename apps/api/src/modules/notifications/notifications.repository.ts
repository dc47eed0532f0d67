// Drizzle only: a user's notifications. Row-level security (notifications_owner) limits every
// statement to the actor's own rows; the explicit user filter keeps the feed index in use.
import { notifications, type Tx } from '@huntzen/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { shownTo } from '../../platform/notifications';

/** A position in the feed: the last row's exact creation time (as text, microseconds kept) and id. */
export interface FeedPosition {
  t: string;
  id: string;
}

/** One page of the user's shown notifications, newest first, after `after`; one extra row tells if more. */
export async function selectFeed(
  tx: Tx,
  userId: string,
  page: { limit: number; after: FeedPosition | null; unreadOnly: boolean },
) {
  return tx
    .select({ row: notifications, position: sql<string>`${notifications.createdAt}::text` })
    .from(notifications)
    .where(
      and(
        shownTo(userId),
        page.unreadOnly ? eq(notifications.isRead, false) : undefined,
        page.after
          ? sql`(${notifications.createdAt}, ${notifications.id}) < (${page.after.t}::timestamptz, ${page.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit + 1);
}

/** Marks one shown notification read (keeping the first read time); returns it, or undefined if not the user's. */
export async function markOneRead(tx: Tx, userId: string, id: string) {
  const [row] = await tx
    .update(notifications)
    .set({ isRead: true, readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(shownTo(userId), eq(notifications.id, id)))
    .returning();
  return row;
}

/** Marks every unread shown notification of the user read; returns how many. */
export async function markAllRead(tx: Tx, userId: string): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ isRead: true, readAt: sql`now()` })
    .where(and(shownTo(userId), eq(notifications.isRead, false)))
    .returning({ id: notifications.id });
  return rows.length;
}
