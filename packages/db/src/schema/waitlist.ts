// Issue 14, parts 3 and 4 (not in the spec): the waitlist for freed slots and recurring series of
// consultations (membership in a side table: the spec's consultations table is unchanged).
// Hand-written in migration 0030_waitlist_series.sql (RLS, grants, checks).
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { consultations } from './consultations';
import { employees } from './employees';
import { practitioners } from './practitioners';

export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    rangeStart: timestamp('range_start', { withTimezone: true, mode: 'date' }).notNull(),
    rangeEnd: timestamp('range_end', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .default(sql`clock_timestamp()`),
    lastNotifiedAt: timestamp('last_notified_at', { withTimezone: true, mode: 'date' }),
    notifiedCount: integer('notified_count').notNull().default(0),
  },
  (t) => [
    unique('waitlist_entries_employee_practitioner_key').on(t.employeeId, t.practitionerId),
    check(
      'waitlist_entries_range_valid',
      sql`${t.rangeEnd} > ${t.rangeStart} AND ${t.rangeEnd} - ${t.rangeStart} <= interval '92 days'`,
    ),
    index('waitlist_entries_practitioner_order_idx').on(t.practitionerId, t.createdAt, t.id),
  ],
);
export type WaitlistEntry = typeof waitlistEntries.$inferSelect;

export const consultationSeries = pgTable(
  'consultation_series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    intervalWeeks: smallint('interval_weeks').notNull(),
    occurrences: smallint('occurrences').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('consultation_series_interval', sql`${t.intervalWeeks} IN (1, 2)`),
    check('consultation_series_occurrences', sql`${t.occurrences} BETWEEN 2 AND 12`),
    index('consultation_series_employee_idx').on(t.employeeId),
  ],
);

export const consultationSeriesMembers = pgTable(
  'consultation_series_members',
  {
    seriesId: uuid('series_id')
      .notNull()
      .references(() => consultationSeries.id, { onDelete: 'cascade' }),
    occurrence: smallint('occurrence').notNull(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' })
      .unique('consultation_series_members_consultation_key'),
  },
  (t) => [
    primaryKey({ columns: [t.seriesId, t.occurrence] }),
    check('consultation_series_members_occurrence', sql`${t.occurrence} BETWEEN 1 AND 12`),
  ],
);
