// Clean-ups of rows that have outlived their use. Each runs as the SYSTEM actor in one transaction
// with its audit row (one per run, with the count, never one per deleted row), and is idempotent:
// a second run finds nothing left to delete and records a count of 0.
import {
  type Database,
  emailQueue,
  idempotencyKeys,
  notifications,
  refreshTokens,
  SYSTEM_ACTOR,
  withActor,
} from '@huntzen/db';
import { type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../audit';

/** SENT emails are kept this long after sending (delivery questions), then deleted. */
export const SENT_EMAIL_RETENTION_DAYS = 30;

/** Deletes what `where` selects from `table` and records one DELETE audit row; returns the count. */
async function purge(
  db: Database,
  table: typeof refreshTokens | typeof notifications | typeof emailQueue | typeof idempotencyKeys,
  where: SQL,
  audit: { resource: string; reason: string },
): Promise<number> {
  return withActor(db, SYSTEM_ACTOR, async (tx) => {
    // Counted in SQL: a large backlog is never loaded into memory.
    const { rows } = await tx.execute<{ count: number }>(
      sql`with deleted as (delete from ${table} where ${where} returning 1)
          select count(*)::int as count from deleted`,
    );
    const count = rows[0]?.count ?? 0;
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'DELETE',
      resource: audit.resource,
      details: { count, reason: audit.reason },
    });
    return count;
  });
}

/**
 * Deletes refresh tokens past their expiry, live, rotated or revoked alike: an expired token is
 * refused before any reuse check, so keeping it protects nothing.
 */
export function purgeExpiredRefreshTokens(db: Database): Promise<number> {
  return purge(db, refreshTokens, sql`${refreshTokens.expiresAt} < now()`, {
    resource: 'refresh_token',
    reason: 'expired',
  });
}

/** Deletes notifications past their `expires_at` (those without one never expire). */
export function purgeExpiredNotifications(db: Database): Promise<number> {
  return purge(db, notifications, sql`${notifications.expiresAt} < now()`, {
    resource: 'notification',
    reason: 'expired',
  });
}

/** Deletes SENT emails sent more than SENT_EMAIL_RETENTION_DAYS ago (pending and failed ones stay). */
export function purgeOldSentEmails(db: Database): Promise<number> {
  return purge(
    db,
    emailQueue,
    sql`${emailQueue.status} = 'SENT'
        and ${emailQueue.sentAt} < now() - make_interval(days => ${SENT_EMAIL_RETENTION_DAYS})`,
    { resource: 'email', reason: `sent_over_${SENT_EMAIL_RETENTION_DAYS}_days` },
  );
}

/**
 * Deletes Idempotency-Key answers past their `expires_at` (24 h after the request). Booking also
 * drops a user's own expired keys when they book again; this catches the keys of users who never
 * come back. Same boundary as the claim (`expires_at <= now()`): a key the claim would take over
 * is already dead.
 */
export function purgeExpiredIdempotencyKeys(db: Database): Promise<number> {
  return purge(db, idempotencyKeys, sql`${idempotencyKeys.expiresAt} <= now()`, {
    resource: 'idempotency_key',
    reason: 'expired',
  });
}
