// Spec seed-02, section 10 "Notes cliniques" (encrypted): model ClinicalNote (clinical_notes), plus
// what migration 0016 adds: the template, the signature, and the addenda of signed notes.
import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { consultations } from './consultations';
import { noteTypeEnum } from './enums';
import { practitioners } from './practitioners';

export const clinicalNotes = pgTable(
  'clinical_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),

    // Contenu chiffré (accessible uniquement par le praticien)
    encryptedContent: text('encrypted_content').notNull(),
    iv: text('iv').notNull(),
    authTag: text('auth_tag'),

    noteType: noteTypeEnum('note_type').notNull().default('SESSION_NOTE'),
    /** FREE, SOAP, DAP or BIRP (CHECK in 0016); the sections themselves are inside the ciphertext. */
    template: text('template').notNull().default('FREE'),
    /** A signed note is locked (trigger of 0016): corrections are addenda. */
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }),
    signedBy: uuid('signed_by').references(() => practitioners.id),

    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index('clinical_notes_consultation_id_idx').on(t.consultationId),
    index('clinical_notes_practitioner_id_idx').on(t.practitionerId),
    index('clinical_notes_note_type_idx').on(t.noteType),
    index('clinical_notes_signed_idx').on(t.consultationId).where(sql`signed_at IS NOT NULL`),
  ],
);

export type ClinicalNote = typeof clinicalNotes.$inferSelect;
export type NewClinicalNote = typeof clinicalNotes.$inferInsert;

/** Corrections of a signed note: encrypted, signed when written, never changed (insert-only grant). */
export const clinicalNoteAddenda = pgTable(
  'clinical_note_addenda',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noteId: uuid('note_id')
      .notNull()
      .references(() => clinicalNotes.id, { onDelete: 'cascade' }),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    encryptedContent: text('encrypted_content').notNull(),
    iv: text('iv').notNull(),
    authTag: text('auth_tag'),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('clinical_note_addenda_note_id_idx').on(t.noteId, t.signedAt)],
);

export type ClinicalNoteAddendum = typeof clinicalNoteAddenda.$inferSelect;
