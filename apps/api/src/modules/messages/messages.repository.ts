// SQL of the chat, in the caller's transaction and under its row-level security: a consultation or
// message the caller may not see is simply not found.
import {
  consultations,
  employees,
  files,
  messageEmailState,
  messages,
  practitioners,
  type Tx,
} from '@huntzen/db';
import { and, desc, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';

/** Consultation `id` with what a thread needs of its two participants. */
export async function findThread(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: consultations.id,
      employeeId: consultations.employeeId,
      practitionerId: consultations.practitionerId,
      status: consultations.status,
      scheduledAt: consultations.scheduledAt,
      scheduledEndAt: consultations.scheduledEndAt,
      endedAt: consultations.endedAt,
      employee: {
        userId: employees.userId,
        firstName: employees.firstName,
        lastName: employees.lastName,
        avatarUrl: employees.avatarUrl,
        preferredLanguage: employees.preferredLanguage,
      },
      practitioner: {
        userId: practitioners.userId,
        title: practitioners.title,
        firstName: practitioners.firstName,
        lastName: practitioners.lastName,
        avatarUrl: practitioners.avatarUrl,
        replyPromise: practitioners.replyPromise,
        preferredLanguage: practitioners.preferredLanguage,
      },
    })
    .from(consultations)
    .innerJoin(employees, eq(employees.id, consultations.employeeId))
    .innerJoin(practitioners, eq(practitioners.id, consultations.practitionerId))
    .where(eq(consultations.id, id));
  return row;
}
export type ThreadRow = NonNullable<Awaited<ReturnType<typeof findThread>>>;

/** The two participants' user ids of consultations `ids` (the push reads them as SYSTEM). */
export async function findParticipants(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: consultations.id,
      employeeUserId: employees.userId,
      practitionerUserId: practitioners.userId,
    })
    .from(consultations)
    .innerJoin(employees, eq(employees.id, consultations.employeeId))
    .innerJoin(practitioners, eq(practitioners.id, consultations.practitionerId))
    .where(inArray(consultations.id, ids));
}

/**
 * Messages `senderId` sent during the last minute, counted after taking a lock on that sender for
 * the rest of the transaction: concurrent sends of one sender, on any instance, count one by one.
 */
export async function countRecentlySent(tx: Tx, senderId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`chat-sender:${senderId}`}, 0))`);
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(
      and(
        eq(messages.senderId, senderId),
        sql`${messages.createdAt} > clock_timestamp() - interval '1 minute'`,
      ),
    );
  return row?.n ?? 0;
}

/** A file row the caller may see (for an attachment), or undefined. */
export async function findFile(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: files.id,
      fileType: files.fileType,
      relatedResource: files.relatedResource,
      relatedId: files.relatedId,
      uploadedBy: files.uploadedBy,
      originalName: files.originalName,
      mimeType: files.mimeType,
      size: files.size,
      expiresAt: files.expiresAt,
    })
    .from(files)
    .where(eq(files.id, id));
  return row;
}

/** True when a message of the thread already carries the attachment at `attachmentUrl`. */
export async function isAttached(tx: Tx, consultationId: string, attachmentUrl: string): Promise<boolean> {
  const rows = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.consultationId, consultationId), eq(messages.attachmentUrl, attachmentUrl)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Expires the chat attachment `fileId` of the consultation at once, the files module's way of
 * retiring a file (as for a replaced avatar): downloads answer 404 from this commit on, and the
 * hourly clean-up (platform/files/files.jobs.ts) deletes the stored object and the row. Limited to
 * what the caller may update (their own upload). Returns whether a row was expired.
 */
export async function expireAttachment(tx: Tx, fileId: string, consultationId: string): Promise<boolean> {
  const rows = await tx
    .update(files)
    .set({ expiresAt: sql`now()` })
    .where(
      and(
        eq(files.id, fileId),
        eq(files.fileType, 'ATTACHMENT'),
        eq(files.relatedResource, 'consultation'),
        eq(files.relatedId, consultationId),
      ),
    )
    .returning({ id: files.id });
  return rows.length > 0;
}

export type MessageRow = typeof messages.$inferSelect;

/** Inserts a message (created now, to the microsecond: pages are ordered by it). */
export async function insertMessage(
  tx: Tx,
  values: Omit<typeof messages.$inferInsert, 'createdAt'> & { id: string },
): Promise<MessageRow> {
  const [row] = await tx
    .insert(messages)
    .values({ ...values, createdAt: sql`clock_timestamp()` })
    .returning();
  return row!;
}

/** The message `id` if the caller may see it. */
export async function findMessage(tx: Tx, id: string): Promise<MessageRow | undefined> {
  const [row] = await tx.select().from(messages).where(eq(messages.id, id));
  return row;
}

/** Messages `ids` (the push reads them as SYSTEM). */
export async function findMessages(tx: Tx, ids: string[]): Promise<MessageRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(messages).where(inArray(messages.id, ids));
}

/**
 * One page of a thread, newest first, before the message with key (`at`, `id`) when given; one
 * row more than `limit` tells whether older ones remain. `cursorAt` is the exact timestamp as text.
 */
export async function listPage(
  tx: Tx,
  consultationId: string,
  limit: number,
  before?: { at: string; id: string },
) {
  const where: SQL[] = [eq(messages.consultationId, consultationId)];
  if (before) {
    where.push(
      sql`(${messages.createdAt}, ${messages.id}) < (${before.at}::timestamptz, ${before.id}::uuid)`,
    );
  }
  return tx
    .select({ message: messages, cursorAt: sql<string>`${messages.createdAt}::text` })
    .from(messages)
    .where(and(...where))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit + 1);
}

/** Applies the sender's edit or wipe to message `id`; returns the row as stored. */
export async function updateMessage(
  tx: Tx,
  id: string,
  set: Partial<
    Pick<
      MessageRow,
      | 'encryptedContent'
      | 'iv'
      | 'authTag'
      | 'isEdited'
      | 'editedAt'
      | 'isDeleted'
      | 'deletedAt'
      | 'attachmentUrl'
      | 'attachmentName'
      | 'attachmentType'
      | 'attachmentSize'
    >
  >,
): Promise<MessageRow> {
  const [row] = await tx.update(messages).set(set).where(eq(messages.id, id)).returning();
  return row!;
}

/**
 * Marks read every unread message of the thread sent by the other side (`senderRole`), all with
 * one instant (the transaction's); returns their ids and that instant.
 */
export async function markRead(tx: Tx, consultationId: string, senderRole: 'EMPLOYEE' | 'PRACTITIONER') {
  const rows = await tx
    .update(messages)
    .set({ isRead: true, readAt: sql`now()` })
    .where(
      and(
        eq(messages.consultationId, consultationId),
        eq(messages.senderRole, senderRole),
        eq(messages.isRead, false),
      ),
    )
    .returning({ id: messages.id, readAt: messages.readAt });
  return rows;
}

/** Ids of the thread's messages marked read at exactly `readAt` (text, as announced). */
export async function readAt(tx: Tx, consultationId: string, at: string): Promise<string[]> {
  const rows = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.consultationId, consultationId), sql`${messages.readAt} = ${at}::timestamptz`))
    .orderBy(messages.createdAt);
  return rows.map((r) => r.id);
}

/**
 * The caller's threads: their consultations that have messages or still accept them, with the last
 * message's time and the number of unread messages from the other side. Newest activity first.
 */
export async function listThreads(
  tx: Tx,
  party: { role: 'EMPLOYEE' | 'PRACTITIONER'; id: string },
  now: Date,
  limit = 200,
) {
  const mine =
    party.role === 'EMPLOYEE'
      ? eq(consultations.employeeId, party.id)
      : eq(consultations.practitionerId, party.id);
  const stats = tx
    .select({
      consultationId: messages.consultationId,
      lastMessageAt: sql<Date>`max(${messages.createdAt})`.as('last_message_at'),
      unread:
        sql<number>`(count(*) filter (where not ${messages.isRead} and not ${messages.isDeleted} and ${messages.senderRole} <> ${party.role}))::int`.as(
          'unread',
        ),
    })
    .from(messages)
    .groupBy(messages.consultationId)
    .as('stats');
  const closesAt = sql`coalesce(${consultations.endedAt}, ${consultations.scheduledEndAt}) + interval '14 days'`;
  return tx
    .select({
      id: consultations.id,
      status: consultations.status,
      scheduledAt: consultations.scheduledAt,
      scheduledEndAt: consultations.scheduledEndAt,
      endedAt: consultations.endedAt,
      employee: {
        firstName: employees.firstName,
        lastName: employees.lastName,
        avatarUrl: employees.avatarUrl,
      },
      practitioner: {
        title: practitioners.title,
        firstName: practitioners.firstName,
        lastName: practitioners.lastName,
        avatarUrl: practitioners.avatarUrl,
      },
      lastMessageAt: sql<Date | null>`${stats.lastMessageAt}`.mapWith(consultations.scheduledAt),
      unread: sql<number>`coalesce(${stats.unread}, 0)`.mapWith(Number),
    })
    .from(consultations)
    .innerJoin(employees, eq(employees.id, consultations.employeeId))
    .innerJoin(practitioners, eq(practitioners.id, consultations.practitionerId))
    .leftJoin(stats, eq(stats.consultationId, consultations.id))
    .where(
      and(
        mine,
        or(
          sql`${stats.consultationId} is not null`,
          and(ne(consultations.status, 'CANCELLED'), sql`${now.toISOString()}::timestamptz < ${closesAt}`),
        ),
      ),
    )
    .orderBy(
      desc(sql`coalesce(${stats.lastMessageAt}, ${consultations.scheduledAt})`),
      desc(consultations.id),
    )
    .limit(limit);
}

/** Sets the practitioner's reply promise; returns it. */
export async function setReplyPromise(tx: Tx, practitionerId: string, value: string | null) {
  const [row] = await tx
    .update(practitioners)
    .set({ replyPromise: value })
    .where(eq(practitioners.id, practitionerId))
    .returning({ replyPromise: practitioners.replyPromise });
  return row;
}

/** The practitioner's reply promise (undefined: no such practitioner visible). */
export async function findReplyPromise(tx: Tx, practitionerId: string) {
  const [row] = await tx
    .select({ replyPromise: practitioners.replyPromise })
    .from(practitioners)
    .where(eq(practitioners.id, practitionerId));
  return row;
}

/**
 * Marks an "unread message" e-mail pending for `recipientUserId` in the thread, unless one already
 * is; returns since when it is pending (the job runs from then plus the delay).
 */
export async function markEmailPending(
  tx: Tx,
  consultationId: string,
  recipientUserId: string,
): Promise<Date> {
  const [row] = await tx
    .insert(messageEmailState)
    .values({ consultationId, recipientUserId, pendingSince: sql`now()` })
    .onConflictDoUpdate({
      target: [messageEmailState.consultationId, messageEmailState.recipientUserId],
      set: { pendingSince: sql`coalesce(${messageEmailState.pendingSince}, excluded.pending_since)` },
    })
    .returning({ pendingSince: messageEmailState.pendingSince });
  return row!.pendingSince!;
}

/** The e-mail state of a thread and recipient, locked for the rest of the transaction (SYSTEM). */
export async function lockEmailState(tx: Tx, consultationId: string, recipientUserId: string) {
  const [row] = await tx
    .select()
    .from(messageEmailState)
    .where(
      and(
        eq(messageEmailState.consultationId, consultationId),
        eq(messageEmailState.recipientUserId, recipientUserId),
      ),
    )
    .for('update');
  return row;
}

/** Updates the e-mail state of a thread and recipient (SYSTEM). */
export async function saveEmailState(
  tx: Tx,
  consultationId: string,
  recipientUserId: string,
  set: { pendingSince?: Date | null; lastEmailedAt?: Date },
): Promise<void> {
  await tx
    .update(messageEmailState)
    .set(set)
    .where(
      and(
        eq(messageEmailState.consultationId, consultationId),
        eq(messageEmailState.recipientUserId, recipientUserId),
      ),
    );
}

/** The oldest unread, undeleted message of the thread sent by `senderRole`, or undefined. */
export async function oldestUnread(tx: Tx, consultationId: string, senderRole: 'EMPLOYEE' | 'PRACTITIONER') {
  const [row] = await tx
    .select({ id: messages.id, createdAt: messages.createdAt })
    .from(messages)
    .where(
      and(
        eq(messages.consultationId, consultationId),
        eq(messages.senderRole, senderRole),
        eq(messages.isRead, false),
        eq(messages.isDeleted, false),
      ),
    )
    .orderBy(messages.createdAt)
    .limit(1);
  return row;
}

/** The last message's time and the unread count (messages of the other side) of one thread. */
export async function threadStats(tx: Tx, consultationId: string, readerRole: 'EMPLOYEE' | 'PRACTITIONER') {
  const [row] = await tx
    .select({
      lastMessageAt: sql<Date | null>`max(${messages.createdAt})`.mapWith(messages.createdAt),
      unread: sql<number>`(count(*) filter (where not ${messages.isRead} and not ${messages.isDeleted} and ${messages.senderRole} <> ${readerRole}))::int`,
    })
    .from(messages)
    .where(eq(messages.consultationId, consultationId));
  return { lastMessageAt: row?.lastMessageAt ?? null, unread: row?.unread ?? 0 };
}
