// Spec seed-02, section 16 "Fichiers (stockage)": model File (files).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { fileTypeEnum, roleEnum } from './enums';

export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),

    // Propriétaire (no relation in the spec)
    uploadedBy: uuid('uploaded_by').notNull(),
    userRole: roleEnum('user_role').notNull(),

    // Multi-tenant (no relation in the spec)
    companyId: uuid('company_id'),

    // Fichier
    filename: text('filename').notNull(),
    originalName: text('original_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(), // bytes
    path: text('path').notNull(), // chemin sur disque ou S3

    // Chiffrement
    isEncrypted: boolean('is_encrypted').notNull().default(false),
    encryptionKey: text('encryption_key'), // chiffrée avec la master key

    // Métadonnées
    fileType: fileTypeEnum('file_type').notNull(),
    relatedResource: text('related_resource'), // "consultation", "employee", etc.
    relatedId: text('related_id'), // text: may hold non-uuid ids

    // Sécurité
    isPublic: boolean('is_public').notNull().default(false),
    allowedRoles: roleEnum('allowed_roles').array().notNull().default(sql`'{}'::role[]`),

    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }), // fichiers temporaires
  },
  (t) => [
    index('files_uploaded_by_idx').on(t.uploadedBy),
    index('files_company_id_idx').on(t.companyId),
    index('files_file_type_idx').on(t.fileType),
    index('files_related_resource_related_id_idx').on(t.relatedResource, t.relatedId),
  ],
);

export type File = typeof files.$inferSelect;
export type NewFile = typeof files.$inferInsert;
