// Chat between a consultation's employee and practitioner (one thread per consultation): the
// message as the API answers it, the requests, the thread list, the rules the web shows (window,
// edit window, length) and the socket events. The API enforces every rule; the web reads them from
// here, never re-declares them.
import { z } from 'zod';

/** The rules of a thread (PRODUCT.md "Chat"). */
export const CHAT_RULES = Object.freeze({
  /** A thread is writable from booking until this many days after the consultation's end. */
  writableDaysAfterEnd: 14,
  /** The sender may edit a message this long after sending it. */
  editWindowMinutes: 15,
  /** Longest message, in characters. */
  maxContentLength: 4000,
  /** Attachments: images, PDF and audio, type checked by content. */
  maxAttachmentBytes: 10 * 1024 * 1024,
  /** Messages a sender may send per minute (all threads together). */
  maxMessagesPerMinute: 30,
  /** An unread message is e-mailed ("you have a new message", never its content) after this long… */
  unreadEmailDelayMinutes: 15,
  /** …at most once per thread per this many minutes. */
  unreadEmailEveryMinutes: 60,
  /** Longest reply promise (auto-reply / office hours text) of a practitioner. */
  maxReplyPromiseLength: 500,
});

const DAY = 86_400_000;

/** The instant a consultation's thread becomes read-only (14 days after its actual or planned end). */
export function threadClosesAt(consultation: {
  scheduledEndAt: Date | string;
  endedAt?: Date | string | null;
}): Date {
  const end = new Date(consultation.endedAt ?? consultation.scheduledEndAt);
  return new Date(end.getTime() + CHAT_RULES.writableDaysAfterEnd * DAY);
}

/** True while the sender of a message sent at `createdAt` may still edit it at `now`. */
export function canStillEdit(createdAt: Date | string, now: Date = new Date()): boolean {
  return now.getTime() - new Date(createdAt).getTime() < CHAT_RULES.editWindowMinutes * 60_000;
}

export const MessageTypeSchema = z
  .enum(['TEXT', 'IMAGE', 'FILE', 'AUDIO', 'VIDEO'])
  .meta({ id: 'MessageType' });
export type MessageType = z.infer<typeof MessageTypeSchema>;

export const MessageAttachmentSchema = z
  .object({
    fileId: z.uuid(),
    /** The download address (GET, bearer token), for the two participants only. */
    url: z.string(),
    name: z.string(),
    type: z.string().describe('MIME type found from the content'),
    size: z.number().int().describe('bytes'),
  })
  .meta({ id: 'MessageAttachment' });
export type MessageAttachment = z.infer<typeof MessageAttachmentSchema>;

export const MessageSchema = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    senderRole: z.enum(['EMPLOYEE', 'PRACTITIONER']),
    /** True when the caller sent it. */
    mine: z.boolean(),
    /** Decrypted text; null once deleted (the ciphertext is wiped). */
    content: z.string().nullable(),
    messageType: MessageTypeSchema,
    attachment: MessageAttachmentSchema.nullable(),
    isRead: z.boolean(),
    readAt: z.iso.datetime().nullable(),
    isEdited: z.boolean(),
    editedAt: z.iso.datetime().nullable(),
    isDeleted: z.boolean(),
    createdAt: z.iso.datetime(),
    /**
     * Present (true) when the stored ciphertext did not authenticate (tampered or moved from another
     * row): `content` is then null. Never set for a deleted message.
     */
    contentUnreadable: z.literal(true).optional(),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof MessageSchema>;

export const MessagePageSchema = z
  .object({
    /** Oldest → newest within the page. */
    items: z.array(MessageSchema),
    /** Pass as `before` to load older messages; null when there are none. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'MessagePage' });
export type MessagePage = z.infer<typeof MessagePageSchema>;

export const MessageListQuerySchema = z.object({
  before: z.string().max(200).optional().describe('Cursor: the `nextCursor` of the newer page'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const Content = z
  .string()
  .trim()
  .min(1, { error: 'A message cannot be empty.' })
  .max(CHAT_RULES.maxContentLength, {
    error: `A message has at most ${CHAT_RULES.maxContentLength} characters.`,
  });

/** POST /consultations/{id}/messages: text, an attachment (uploaded first through /files), or both. */
export const SendMessageSchema = z
  .object({
    content: Content.optional(),
    /** A file uploaded with type ATTACHMENT, relatedResource `consultation`, relatedId this consultation. */
    attachmentFileId: z.uuid().optional(),
  })
  .refine((b) => b.content !== undefined || b.attachmentFileId !== undefined, {
    error: 'Send a text, an attachment, or both.',
    path: ['content'],
  })
  .meta({ id: 'SendMessage' });
export type SendMessage = z.infer<typeof SendMessageSchema>;

/** PATCH /messages/{id}. */
export const EditMessageSchema = z.object({ content: Content }).meta({ id: 'EditMessage' });
export type EditMessage = z.infer<typeof EditMessageSchema>;

/** POST /consultations/{id}/messages/read: what was marked read (also pushed as `message:read`). */
export const MarkReadResultSchema = z
  .object({
    consultationId: z.uuid(),
    /** When they were marked; null when nothing was unread. */
    readAt: z.iso.datetime().nullable(),
    messageIds: z.array(z.uuid()),
  })
  .meta({ id: 'MarkReadResult' });
export type MarkReadResult = z.infer<typeof MarkReadResultSchema>;

/** The other participant, as a thread shows them. */
export const ThreadPartySchema = z
  .object({
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
  })
  .meta({ id: 'ThreadParty' });

export const ThreadSchema = z
  .object({
    consultationId: z.uuid(),
    scheduledAt: z.iso.datetime(),
    consultationStatus: z.string(),
    other: ThreadPartySchema,
    lastMessageAt: z.iso.datetime().nullable(),
    unreadCount: z.number().int(),
    /** The thread accepts new messages now (window open, consultation not cancelled). */
    writable: z.boolean(),
    /** When it becomes read-only. */
    closesAt: z.iso.datetime(),
  })
  .meta({ id: 'Thread' });
export type Thread = z.infer<typeof ThreadSchema>;

export const ThreadListSchema = z
  .object({ items: z.array(ThreadSchema), unreadTotal: z.number().int() })
  .meta({ id: 'ThreadList' });
export type ThreadList = z.infer<typeof ThreadListSchema>;

/** The header of one thread (GET /consultations/{id}/messages/thread). */
export const ThreadInfoSchema = ThreadSchema.extend({
  /** The practitioner's reply promise / office hours, shown at the top of the thread. */
  replyPromise: z.string().nullable(),
}).meta({ id: 'ThreadInfo' });
export type ThreadInfo = z.infer<typeof ThreadInfoSchema>;

/** PUT /me/reply-promise (practitioners): the auto-reply / office-hours text, or null to remove it. */
export const ReplyPromiseSchema = z
  .object({
    replyPromise: z.string().trim().max(CHAT_RULES.maxReplyPromiseLength).nullable(),
  })
  .meta({ id: 'ReplyPromise' });
export type ReplyPromise = z.infer<typeof ReplyPromiseSchema>;

/** Socket events of the chat, sent to the two participants only. */
export interface ChatServerEvents {
  /** A message was sent in one of the user's threads (content decrypted for the recipient). */
  'message:new': (message: Message) => void;
  /** A message was edited. */
  'message:edited': (message: Message) => void;
  /** A message was deleted (content null). */
  'message:deleted': (message: Message) => void;
  /** Messages of a thread were read by the other participant (read receipts). */
  'message:read': (payload: { consultationId: string; readAt: string; messageIds: string[] }) => void;
}
