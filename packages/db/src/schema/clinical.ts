// Spec seed-02, sections 10 "Notes cliniques" and 11 "Journal personnel" (both encrypted): models
// ClinicalNote (clinical_notes) and JournalEntry (journal_entries).
import { sql } from 'drizzle-orm';
import { doublePrecision, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { consultations } from './consultations';
import { employees } from './employees';
import { moodEnum, noteTypeEnum } from './enums';
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

export const journalEntries = pgTable(
  'journal_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),

    // Contenu chiffré (accessible uniquement par l'employé)
    encryptedContent: text('encrypted_content').notNull(),
    iv: text('iv').notNull(),
    authTag: text('auth_tag'),

    // Métadonnées (non sensibles)
    mood: moodEnum('mood'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),

    sentimentScore: doublePrecision('sentiment_score'), // -1 à 1

    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index('journal_entries_employee_id_idx').on(t.employeeId),
    index('journal_entries_created_at_idx').on(t.createdAt),
    index('journal_entries_mood_idx').on(t.mood),
  ],
);

export type ClinicalNote = typeof clinicalNotes.$inferSelect;
export type NewClinicalNote = typeof clinicalNotes.$inferInsert;
export type JournalEntry = typeof journalEntries.$inferSelect;
export type NewJournalEntry = typeof journalEntries.$inferInsert;
