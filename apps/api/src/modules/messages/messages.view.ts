// A stored message as the API answers it (`Message` of the contract), decrypted for one reader.
// A ciphertext that does not authenticate (tampered, or copied from another row: the AAD binds it
// to its consultation and id) never becomes a 500 nor garbage: in lists and pushes the message
// comes back with `content: null, contentUnreadable: true`, and only its id is logged.
import type { Message, MessageAttachment } from '@huntzen/contracts';
import { DecryptionError, type FieldCipher, messageContentContext } from '@huntzen/crypto';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../platform/errors';
import type { MessageRow } from './messages.repository';

/** The download address of an attachment (the files module's, participants only). */
export function attachmentUrlOf(fileId: string): string {
  return `/api/v1/files/${fileId}/content`;
}

const FILE_ID = /\/api\/v1\/files\/([0-9a-f-]{36})\/content$/;

/** The attachment a stored message carries, or null. */
export function attachmentOf(row: MessageRow): MessageAttachment | null {
  if (!row.attachmentUrl) return null;
  const fileId = FILE_ID.exec(row.attachmentUrl)?.[1];
  if (!fileId) return null;
  return {
    fileId,
    url: row.attachmentUrl,
    name: row.attachmentName ?? 'attachment',
    type: row.attachmentType ?? 'application/octet-stream',
    size: row.attachmentSize ?? 0,
  };
}

/**
 * Decrypts a message's text: null when deleted or attachment-only. Throws CONTENT_UNREADABLE
 * (never the decryption's own error, whose message could help an attacker) when it does not open.
 */
export function openContent(cipher: FieldCipher, row: MessageRow): string | null {
  if (row.isDeleted || row.encryptedContent === '') return null;
  try {
    const text = cipher.decrypt(
      { encryptedContent: row.encryptedContent, iv: row.iv, authTag: row.authTag },
      messageContentContext(row),
    );
    return text === '' ? null : text;
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    throw new AppError('CONTENT_UNREADABLE', 'This message cannot be decrypted.');
  }
}

/** The message for `mine` (the reader sent it or not), `content` already known (e.g. just written). */
export function messageView(row: MessageRow, mine: boolean, content: string | null): Message {
  return {
    id: row.id,
    consultationId: row.consultationId,
    senderRole: row.senderRole === 'PRACTITIONER' ? 'PRACTITIONER' : 'EMPLOYEE',
    mine,
    content: row.isDeleted ? null : content,
    messageType: row.messageType,
    attachment: row.isDeleted ? null : attachmentOf(row),
    isRead: row.isRead,
    readAt: row.readAt?.toISOString() ?? null,
    isEdited: row.isEdited,
    editedAt: row.editedAt?.toISOString() ?? null,
    isDeleted: row.isDeleted,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The message decrypted for a reader; an unreadable one is flagged and its id logged as a warning. */
export function readableMessageView(
  cipher: FieldCipher,
  logger: FastifyBaseLogger,
  row: MessageRow,
  mine: boolean,
): Message {
  try {
    return messageView(row, mine, openContent(cipher, row));
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'CONTENT_UNREADABLE') throw error;
    logger.warn({ messageId: row.id }, 'message content unreadable');
    return { ...messageView(row, mine, null), contentUnreadable: true };
  }
}
