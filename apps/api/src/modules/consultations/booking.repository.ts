// The writes that follow a booked row, in one statement (issue #13): its CREATED event, the audit
// row, the practitioner's notification, the jobs and the Idempotency-Key's answer. Each part is
// built and checked by its own module (`auditCall`, `prepareNotification`, `scheduleJobsSql`); only
// the round trip is shared. All run in the caller's transaction, under its row-level security.
import type { Tx } from '@huntzen/db';
import { type SQL, sql } from 'drizzle-orm';
import { type EventInput, eventInsert } from './consultations.repository';
import { answerUpdate, type IdempotencyScope } from './idempotency.repository';

export interface BookingRecords {
  /** The CREATED event, its id made by the caller (the e-mails' job names it). */
  event: EventInput & { id: string };
  /** SQL expressions (function calls) to evaluate: the audit row, the notification, the jobs. */
  calls: SQL[];
  /** The Idempotency-Key claimed for this booking and its answer (see `storeAnswer`). */
  answer?: { key: IdempotencyScope; status: number; body: unknown };
}

/**
 * Writes `records` in one statement: the event and the answer as data-modifying WITH queries (run
 * whether or not they are referenced), the calls in its select list. None of them reads what
 * another writes.
 */
export async function writeBookingRecords(tx: Tx, records: BookingRecords): Promise<void> {
  const { event, answer } = records;
  // getSQL(): a query builder interpolated as is would be parenthesised, which WITH refuses.
  const queries = [sql`event as (${eventInsert(tx, event).getSQL()})`];
  if (answer)
    queries.push(sql`answer as (${answerUpdate(tx, answer.key, answer.status, answer.body).getSQL()})`);
  const calls = records.calls.length > 0 ? sql.join(records.calls, sql`, `) : sql`1`;
  await tx.execute(sql`with ${sql.join(queries, sql`, `)} select ${calls}`);
}
