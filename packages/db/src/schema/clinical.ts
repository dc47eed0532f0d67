// Spec seed-02, section 10 "Notes cliniques" (encrypted): model ClinicalNote (clinical_notes).
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
  ],
);

export type ClinicalNote = typeof clinicalNotes.$inferSelect;
export type NewClinicalNote = typeof clinicalNotes.$inferInsert;
