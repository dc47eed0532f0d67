// The queries every reader of notifications shares: what is still shown (not expired) and how many
// are unread. Row-level security already limits a user to their own rows; the explicit user filter
// is for the SYSTEM actor (real-time push) and lets the indexes of 0005_notifications.sql serve.
import { notifications, type Tx } from '@huntzen/db';
import { and, count, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';

/** Notifications of `userId` that are still shown (no expiry, or not yet expired). */
export function shownTo(userId: string): SQL {
  return and(
    eq(notifications.userId, userId),
    or(isNull(notifications.expiresAt), gt(notifications.expiresAt, new Date())),
  ) as SQL;
}

/** How many of the user's shown notifications are unread. */
export async function countUnread(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(notifications)
    .where(and(shownTo(userId), eq(notifications.isRead, false)));
  return row?.n ?? 0;
}

/** The user's shown notifications among `ids`, oldest first (the order they were created in). */
export async function findShown(tx: Tx, userId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(notifications)
    .where(and(shownTo(userId), inArray(notifications.id, [...ids])))
    .orderBy(notifications.createdAt, notifications.id);
}
