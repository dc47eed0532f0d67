// Who may do what in a consultation's chat (PRODUCT.md "Chat"), as pure rules: no I/O, no clock —
// the service passes `now`. The database holds the same rules (migrations/0015_chat.sql).
//
// - Only the consultation's employee and practitioner: anyone else (HR, admins, other employees and
//   practitioners) is told the consultation does not exist (404).
// - Writable from booking until 14 days after the actual (or planned) end; never once cancelled:
//   409 THREAD_CLOSED. Reading stays possible.
// - Only the sender edits (within 15 minutes: EDIT_WINDOW_CLOSED after) or deletes a message; the
//   other participant is refused (403 FORBIDDEN), a non-participant never sees it (404).
// - At most 30 messages a minute per sender (429 RATE_LIMITED).
// - An attachment is a file of type ATTACHMENT that the sender uploaded for this consultation, not
//   expired, and carried by no other message (deleting a message retires its file: one file, one
//   message).
import { CHAT_RULES, canStillEdit, type MessageType, threadClosesAt } from '@huntzen/contracts';
import type { ConsultationStatus } from '@huntzen/db';
import { AppError } from '../../platform/errors';

/** The caller's side of a thread. */
export type ThreadParty = 'EMPLOYEE' | 'PRACTITIONER';

/** The caller's side in consultation `c`, or null (then: 404). */
export function threadPartyOf(
  actor: { role: string; employeeId?: string | null; practitionerId?: string | null },
  c: { employeeId: string; practitionerId: string },
): ThreadParty | null {
  if (actor.role === 'EMPLOYEE' && actor.employeeId && actor.employeeId === c.employeeId) return 'EMPLOYEE';
  if (actor.role === 'PRACTITIONER' && actor.practitionerId && actor.practitionerId === c.practitionerId) {
    return 'PRACTITIONER';
  }
  return null;
}

export interface ThreadWindow {
  status: ConsultationStatus;
  scheduledEndAt: Date;
  endedAt: Date | null;
}

/** True while the thread accepts messages. */
export function isWritable(c: ThreadWindow, now: Date): boolean {
  return c.status !== 'CANCELLED' && now < threadClosesAt(c);
}

/** Throws THREAD_CLOSED unless the thread accepts messages at `now`. */
export function checkWritable(c: ThreadWindow, now: Date): void {
  if (c.status === 'CANCELLED') {
    throw new AppError('THREAD_CLOSED', 'This consultation was cancelled: its thread is read-only.', {
      currentState: c.status,
    });
  }
  if (now >= threadClosesAt(c)) {
    throw new AppError(
      'THREAD_CLOSED',
      `This thread closed on ${threadClosesAt(c).toISOString()} (${CHAT_RULES.writableDaysAfterEnd} days after the consultation): it is read-only.`,
      { currentState: c.status },
    );
  }
}

/** Throws FORBIDDEN unless `party` sent the message (the caller is known to be a participant). */
export function checkIsSender(message: { senderRole: string }, party: ThreadParty): void {
  if (message.senderRole !== party) {
    throw new AppError('FORBIDDEN', 'Only the sender may change or delete a message.');
  }
}

/** Throws unless a message sent at `createdAt` may be edited at `now` (and is not deleted). */
export function checkEditable(message: { createdAt: Date; isDeleted: boolean }, now: Date): void {
  if (message.isDeleted) throw new AppError('CONFLICT', 'This message was deleted.');
  if (!canStillEdit(message.createdAt, now)) {
    throw new AppError(
      'EDIT_WINDOW_CLOSED',
      `A message can be edited for ${CHAT_RULES.editWindowMinutes} minutes after it was sent.`,
    );
  }
}

/** Throws RATE_LIMITED when the sender already sent the most a minute allows. */
export function checkRateLimit(sentInLastMinute: number): void {
  if (sentInLastMinute >= CHAT_RULES.maxMessagesPerMinute) {
    throw new AppError(
      'RATE_LIMITED',
      `At most ${CHAT_RULES.maxMessagesPerMinute} messages a minute: wait a moment before sending again.`,
    );
  }
}

export interface AttachmentFacts {
  fileType: string;
  relatedResource: string | null;
  relatedId: string | null;
  uploadedBy: string;
  mimeType: string;
  size: number;
  /** Set once the file is retired (its message deleted): the hourly clean-up removes it. */
  expiresAt?: Date | null;
}

/**
 * Throws unless `file` may be attached at `now` by `userId` to a message of `consultationId`;
 * `attached` tells whether a message already carries it.
 */
export function checkAttachment<F extends AttachmentFacts>(
  file: F | undefined,
  consultationId: string,
  userId: string,
  state: { now: Date; attached: boolean },
): F {
  const refuse = () =>
    new AppError('VALIDATION_FAILED', 'This file cannot be attached here.', {
      errors: [
        {
          path: 'body.attachmentFileId',
          message: 'upload it first as an ATTACHMENT of this consultation (POST /api/v1/files)',
        },
      ],
    });
  if (!file) throw refuse();
  if (
    file.fileType !== 'ATTACHMENT' ||
    file.relatedResource !== 'consultation' ||
    file.relatedId !== consultationId ||
    file.uploadedBy !== userId ||
    file.size > CHAT_RULES.maxAttachmentBytes ||
    (file.expiresAt != null && file.expiresAt.getTime() <= state.now.getTime()) ||
    state.attached
  ) {
    throw refuse();
  }
  return file;
}

/** The message type of an attachment of MIME type `mime` (TEXT without one). */
export function messageTypeOf(mime: string | null | undefined): MessageType {
  if (!mime) return 'TEXT';
  if (mime.startsWith('image/')) return 'IMAGE';
  if (mime.startsWith('audio/') || mime === 'video/webm') return 'AUDIO';
  return 'FILE';
}
