// Spec seed-02, section 9 "Chat messages (chiffré)": model Message (messages).
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { consultations } from './consultations';
import { messageTypeEnum, roleEnum } from './enums';
import { users } from './users';

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),

    // No FK: the spec points sender_id at employees AND practitioners at once, which no row can satisfy.
    senderId: uuid('sender_id').notNull(),
    senderRole: roleEnum('sender_role').notNull(), // EMPLOYEE ou PRACTITIONER

    // Contenu chiffré (AES-256-GCM)
    encryptedContent: text('encrypted_content').notNull(),
    iv: text('iv').notNull(),
    authTag: text('auth_tag'),

    // Métadonnées
    messageType: messageTypeEnum('message_type').notNull().default('TEXT'),
    isRead: boolean('is_read').notNull().default(false),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),

    // Fichier joint
    attachmentUrl: text('attachment_url'),
    attachmentName: text('attachment_name'),
    attachmentType: text('attachment_type'),
    attachmentSize: integer('attachment_size'), // bytes

    // Édition / suppression
    isEdited: boolean('is_edited').notNull().default(false),
    editedAt: timestamp('edited_at', { withTimezone: true, mode: 'date' }),
    isDeleted: boolean('is_deleted').notNull().default(false),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),

    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('messages_consultation_id_idx').on(t.consultationId),
    index('messages_sender_id_idx').on(t.senderId),
    index('messages_created_at_idx').on(t.createdAt),
    index('messages_is_read_idx').on(t.isRead),
    // 0015_chat.sql: thread pages, unread counts, the per-sender rate limit.
    index('messages_thread_page_idx').on(t.consultationId, t.createdAt.desc(), t.id.desc()),
    index('messages_sender_recent_idx').on(t.senderId, t.createdAt),
  ],
);

export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

// Beyond the spec (0015_chat.sql): per thread and recipient, since when a "you have a new message"
// e-mail is pending and when the last one went (at most one per hour). Timestamps only.
export const messageEmailState = pgTable(
  'message_email_state',
  {
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    recipientUserId: uuid('recipient_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    pendingSince: timestamp('pending_since', { withTimezone: true, mode: 'date' }),
    lastEmailedAt: timestamp('last_emailed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.recipientUserId] })],
);
