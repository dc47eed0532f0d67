// Spec seed-02, section 11 "Journal personnel" (encrypted): model JournalEntry (journal_entries).
import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { employees } from './employees';
import { moodEnum } from './enums';

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
    // Migration 0017: the list's order (newest first per employee) and tag filters.
    index('journal_entries_employee_created_idx').on(t.employeeId, t.createdAt.desc(), t.id.desc()),
    index('journal_entries_tags_idx').using('gin', t.tags),
    check('journal_entries_tags_valid', sql`journal_tags_valid(${t.tags})`),
    check(
      'journal_entries_sentiment_range',
      sql`${t.sentimentScore} IS NULL OR ${t.sentimentScore} BETWEEN -1 AND 1`,
    ),
  ],
);

export type JournalEntry = typeof journalEntries.$inferSelect;
export type NewJournalEntry = typeof journalEntries.$inferInsert;
