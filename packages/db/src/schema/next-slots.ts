// Issue 13 (not in the spec): each practitioner's next free slot as last computed, for the
// directory's "available within N days" and "sort by next free slot" (ADR 0003).
// Hand-written in migration 0031_directory_next_slots.sql (RLS, grants, the triggers that bump
// `version` on every change the slots depend on, the store function).
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { practitioners } from './practitioners';

export const practitionerNextSlots = pgTable(
  'practitioner_next_slots',
  {
    practitionerId: uuid('practitioner_id')
      .primaryKey()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    /** The practitioner's is_validated AND is_active, kept by the triggers (the read policy's test). */
    listed: boolean('listed').notNull().default(false),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
    computedVersion: bigint('computed_version', { mode: 'number' }),
    nextSlotAt: timestamp('next_slot_at', { withTimezone: true, mode: 'date' }),
    nextSlotEnd: timestamp('next_slot_end', { withTimezone: true, mode: 'date' }),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }),
    searchedUntil: timestamp('searched_until', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    check(
      'practitioner_next_slots_slot_check',
      sql`(${t.nextSlotAt} IS NULL) = (${t.nextSlotEnd} IS NULL) AND (${t.nextSlotAt} IS NULL OR ${t.nextSlotAt} < ${t.nextSlotEnd})`,
    ),
    check(
      'practitioner_next_slots_computed_check',
      sql`(${t.computedVersion} IS NULL) = (${t.computedAt} IS NULL) AND (${t.computedAt} IS NULL) = (${t.searchedUntil} IS NULL)`,
    ),
  ],
);
export type PractitionerNextSlot = typeof practitionerNextSlots.$inferSelect;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Each practitioner's full-text search document (practitioner_search_document of 0011), stored
 * by a trigger of 0031 so that directory_search matches and ranks without computing it per row.
 * Read only by directory_search (SECURITY DEFINER): no grant to the app role.
 */
export const practitionerSearchDocuments = pgTable(
  'practitioner_search_documents',
  {
    practitionerId: uuid('practitioner_id')
      .primaryKey()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    document: tsvector('document').notNull(),
  },
  (t) => [index('practitioner_search_documents_idx').using('gin', t.document)],
);
