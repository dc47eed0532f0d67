// Idempotency-Key (table idempotency_keys, 0013_booking.sql). The key is claimed in the transaction
// of the work itself, before the work: a concurrent request with the same key waits on the primary
// key until this transaction ends, then replays its answer (commit) or does the work (rollback).
// The work and its recorded answer commit together, so a key books exactly once.
import { createHash } from 'node:crypto';
import { idempotencyKeys, type Tx } from '@huntzen/db';
import { and, eq, sql } from 'drizzle-orm';

/** How long an answer is kept for replay. */
export const IDEMPOTENCY_TTL_HOURS = 24;

export interface IdempotencyScope {
  userId: string;
  /** The operation, e.g. `POST /api/v1/consultations`. */
  scope: string;
  key: string;
}

export type IdempotencyClaim =
  /** First use of the key (or its previous use expired): do the work, then `storeAnswer`. */
  | { kind: 'new' }
  /** The same request was answered already: send this answer again. */
  | { kind: 'replay'; status: number; body: unknown }
  /** The key was used for another request. */
  | { kind: 'mismatch' };

/** SHA-256 of the normalised request (the caller normalises: same meaning, same value). */
export function requestFingerprint(normalised: unknown): string {
  return createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
}

/** The values of `keyClaim`'s placeholders for the claim of `id` by a request of fingerprint `requestHash`. */
export function keyClaimValues(id: IdempotencyScope, requestHash: string) {
  return { claimUserId: id.userId, claimScope: id.scope, claimKey: id.key, claimHash: requestHash };
}

export type KeyClaimValues = ReturnType<typeof keyClaimValues>;

const claimValue = (name: keyof KeyClaimValues) => sql.placeholder(name);

/**
 * The claim of an Idempotency-Key, not sent, its values in placeholders (`keyClaimValues`):
 * data-modifying WITH queries for a statement that may read something else and is built once
 * (issue #13: the booking's parties read sends it), and `claimed`, true in that statement when the
 * key was claimed. Then `claimOutcome`.
 */
export function keyClaim(tx: Tx) {
  // The user's other expired keys go now (their table stays small without a sweeper; the claimed
  // key is not among them, so the two parts touch different rows). A live row with this key makes
  // the insert do nothing (after waiting for its transaction); an expired one is taken over.
  const [user, scope, key] = [claimValue('claimUserId'), claimValue('claimScope'), claimValue('claimKey')];
  const purged = tx.$with('idempotency_purged', {}).as(sql`
    delete from idempotency_keys
     where user_id = ${user} and expires_at <= now() and (scope, key) <> (${scope}, ${key})`);
  const claimed = tx.$with('idempotency_claimed', {}).as(sql`
    insert into idempotency_keys (user_id, scope, key, request_hash, expires_at)
    values (${user}, ${scope}, ${key}, ${claimValue('claimHash')},
            now() + make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}))
    on conflict (user_id, scope, key) do update
      set request_hash = excluded.request_hash, response_status = null, response_body = null,
          created_at = now(), expires_at = excluded.expires_at
      where idempotency_keys.expires_at <= now()
    returning 1`);
  return { queries: [purged, claimed], claimed: sql<boolean>`exists (select from ${claimed})` };
}

export type KeyClaim = ReturnType<typeof keyClaim>;

/**
 * What the claim of `id` (`keyClaim`) means, given whether it `claimed` the key: a new claim, or
 * the stored answer (read by a statement of its own, after the claim waited for the key's
 * transaction), or a mismatch.
 */
export async function claimOutcome(
  tx: Tx,
  id: IdempotencyScope,
  requestHash: string,
  claimed: boolean,
): Promise<IdempotencyClaim> {
  if (claimed) return { kind: 'new' };
  const [row] = await tx.select().from(idempotencyKeys).where(keyOf(id));
  if (!row || row.responseStatus === null) {
    // Committed rows always hold their answer (storeAnswer runs before the commit).
    throw new Error(`idempotency key ${id.scope} ${id.key} has no stored answer`);
  }
  if (row.requestHash !== requestHash) return { kind: 'mismatch' };
  return { kind: 'replay', status: row.responseStatus, body: row.responseBody };
}

/** Records the answer of the claimed key, in the same transaction as the work. */
export async function storeAnswer(
  tx: Tx,
  id: IdempotencyScope,
  status: number,
  body: unknown,
): Promise<void> {
  await answerUpdate(tx, id, status, body);
}

/** The UPDATE of `storeAnswer`, not sent: for a statement that writes it with other rows. */
export function answerUpdate(tx: Tx, id: IdempotencyScope, status: number, body: unknown) {
  return tx.update(idempotencyKeys).set({ responseStatus: status, responseBody: body }).where(keyOf(id));
}

const keyOf = (id: IdempotencyScope) =>
  and(
    eq(idempotencyKeys.userId, id.userId),
    eq(idempotencyKeys.scope, id.scope),
    eq(idempotencyKeys.key, id.key),
  );
