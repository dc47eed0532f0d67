// Spec seed-02, section 15 "Audit logs": model AuditLog (audit_logs).
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditActionEnum, roleEnum } from './enums';

export const auditLogs = pgTable(
  'audit_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),

    // Qui — no FK on user_id: a log must outlive its user (the spec's User.auditLogs has no opposite field).
    userId: uuid('user_id').notNull(),
    userRole: roleEnum('user_role').notNull(),
    userEmail: text('user_email').notNull(),

    // Quoi
    action: auditActionEnum('action').notNull(),
    resource: text('resource').notNull(), // "consultation", "employee", etc.
    resourceId: text('resource_id'), // text: may hold non-uuid ids

    // Contexte
    companyId: uuid('company_id'),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),

    // Détails
    details: jsonb('details'),
    changesBefore: jsonb('changes_before'),
    changesAfter: jsonb('changes_after'),

    isSensitive: boolean('is_sensitive').notNull().default(false), // données de santé

    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_logs_user_id_idx').on(t.userId),
    index('audit_logs_action_idx').on(t.action),
    index('audit_logs_resource_idx').on(t.resource),
    index('audit_logs_resource_id_idx').on(t.resourceId),
    index('audit_logs_company_id_idx').on(t.companyId),
    index('audit_logs_created_at_idx').on(t.createdAt),
    index('audit_logs_is_sensitive_idx').on(t.isSensitive),
  ],
);

export type AuditLog = typeof auditLogs.$inferSelect;
export type NewAuditLog = typeof auditLogs.$inferInsert;
