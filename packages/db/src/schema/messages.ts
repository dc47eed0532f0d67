// Spec seed-02, section 9 "Chat messages (chiffré)": model Message (messages).
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { consultations } from './consultations';
import { messageTypeEnum, roleEnum } from './enums';

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
  ],
);

export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
