// Issue 14 (not in the spec): validated questionnaires (PHQ-9, GAD-7, WHO-5) and the employee's
// choices about them. Hand-written in migration 0028_care_extras.sql (RLS, grants).
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgEnum, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { employees } from './employees';
import { practitioners } from './practitioners';

export const assessmentInstrumentEnum = pgEnum('assessment_instrument', ['PHQ9', 'GAD7', 'WHO5']);
export type AssessmentInstrument = (typeof assessmentInstrumentEnum.enumValues)[number];

export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    instrument: assessmentInstrumentEnum('instrument').notNull(),
    // Answers, score, band and crisis flag: one encrypted JSON document.
    encryptedResult: text('encrypted_result').notNull(),
    iv: text('iv').notNull(),
    authTag: text('auth_tag'),
    sharedWithPractitionerId: uuid('shared_with_practitioner_id').references(() => practitioners.id, {
      onDelete: 'set null',
    }),
    sharedAt: timestamp('shared_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('assessments_employee_created_idx').on(t.employeeId, t.createdAt.desc(), t.id.desc()),
    index('assessments_shared_idx')
      .on(t.sharedWithPractitionerId, t.employeeId, t.createdAt.desc())
      .where(sql`${t.sharedWithPractitionerId} IS NOT NULL`),
    check(
      'assessments_shared_at_set',
      sql`(${t.sharedWithPractitionerId} IS NULL) = (${t.sharedAt} IS NULL)`,
    ),
  ],
);

export const assessmentSettings = pgTable(
  'assessment_settings',
  {
    employeeId: uuid('employee_id')
      .primaryKey()
      .references(() => employees.id, { onDelete: 'cascade' }),
    alertPractitionerOnCrisis: boolean('alert_practitioner_on_crisis').notNull().default(false),
    reminderWeeks: smallint('reminder_weeks'),
    reminderInstrument: assessmentInstrumentEnum('reminder_instrument'),
    nextReminderAt: timestamp('next_reminder_at', { withTimezone: true, mode: 'date' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [check('assessment_settings_reminder_weeks', sql`${t.reminderWeeks} IN (2, 4)`)],
);
