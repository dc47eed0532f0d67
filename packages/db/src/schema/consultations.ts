// Spec seed-02, sections 7 "Consultations" and 8 "Événements consultation": models Consultation
// (consultations) and ConsultationEvent (consultation_events).
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { employees } from './employees';
import {
  billingStatusEnum,
  consultationEventTypeEnum,
  consultationFormatEnum,
  consultationStatusEnum,
  roleEnum,
} from './enums';
import { practitioners } from './practitioners';

export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),

    // Multi-tenant
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),

    // Participants
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),

    // Planification
    scheduledAt: timestamp('scheduled_at', { withTimezone: true, mode: 'date' }).notNull(),
    scheduledEndAt: timestamp('scheduled_end_at', { withTimezone: true, mode: 'date' }).notNull(),
    duration: integer('duration').notNull().default(50), // minutes prévues

    format: consultationFormatEnum('format').notNull(),
    status: consultationStatusEnum('status').notNull().default('SCHEDULED'),

    // Horodatage réel (compteurs)
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    actualDuration: integer('actual_duration'), // minutes réelles

    // Annulation
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    cancelledBy: uuid('cancelled_by'), // user id (no relation in the spec)
    cancelReason: text('cancel_reason'),
    cancelledWithin24h: boolean('cancelled_within24h'),

    // Absence
    noShowAt: timestamp('no_show_at', { withTimezone: true, mode: 'date' }),
    noShowBy: text('no_show_by'), // "employee" ou "practitioner"

    // Salle Jitsi
    roomName: text('room_name').unique(),
    roomPassword: text('room_password'),
    jitsiJwt: text('jitsi_jwt'),

    // Notes rapides (non cliniques)
    notes: text('notes'),

    // Facturation
    isBillable: boolean('is_billable').notNull().default(true),
    billingStatus: billingStatusEnum('billing_status').notNull().default('PENDING'),
    billedAt: timestamp('billed_at', { withTimezone: true, mode: 'date' }),

    // Timestamps
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index('consultations_company_id_idx').on(t.companyId),
    index('consultations_employee_id_idx').on(t.employeeId),
    index('consultations_practitioner_id_idx').on(t.practitionerId),
    index('consultations_scheduled_at_idx').on(t.scheduledAt),
    index('consultations_status_idx').on(t.status),
    index('consultations_billing_status_idx').on(t.billingStatus),
    index('consultations_started_at_idx').on(t.startedAt),
    index('consultations_ended_at_idx').on(t.endedAt),
  ],
);

export const consultationEvents = pgTable(
  'consultation_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),

    eventType: consultationEventTypeEnum('event_type').notNull(),
    actorId: uuid('actor_id').notNull(), // user id of the actor (no relation in the spec)
    actorRole: roleEnum('actor_role').notNull(),

    timestamp: timestamp('timestamp', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    metadata: jsonb('metadata'),

    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('consultation_events_consultation_id_idx').on(t.consultationId),
    index('consultation_events_event_type_idx').on(t.eventType),
    index('consultation_events_timestamp_idx').on(t.timestamp),
    index('consultation_events_actor_id_idx').on(t.actorId),
  ],
);

export type Consultation = typeof consultations.$inferSelect;
export type NewConsultation = typeof consultations.$inferInsert;
export type ConsultationEvent = typeof consultationEvents.$inferSelect;
export type NewConsultationEvent = typeof consultationEvents.$inferInsert;
