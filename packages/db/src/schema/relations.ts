// Spec seed-02, every relation of the Prisma schema, as Drizzle relations() for relational queries.
// Deliberately absent: Message.employee / Message.practitioner (sender_id points at both tables in the
// spec, so it has no FK and no ORM relation) and User.auditLogs (audit_logs.user_id has no FK).
import { relations } from 'drizzle-orm';
import { clinicalNotes } from './clinical';
import { companies } from './companies';
import { consultationEvents, consultations } from './consultations';
import { employees } from './employees';
import { journalEntries } from './journal';
import { messages } from './messages';
import { news } from './news';
import { notifications } from './notifications';
import { availabilities, practitionerReviews, practitioners } from './practitioners';
import { refreshTokens, users } from './users';

// 1. Authentification & utilisateurs
export const usersRelations = relations(users, ({ one, many }) => ({
  company: one(companies, { fields: [users.companyId], references: [companies.id] }),
  employee: one(employees),
  practitioner: one(practitioners),
  refreshTokens: many(refreshTokens),
  notifications: many(notifications),
}));

export const refreshTokensRelations = relations(refreshTokens, ({ one }) => ({
  user: one(users, { fields: [refreshTokens.userId], references: [users.id] }),
}));

// 2. Entreprises
export const companiesRelations = relations(companies, ({ many }) => ({
  users: many(users),
  employees: many(employees),
  consultations: many(consultations),
  news: many(news),
}));

// 3. Employés
export const employeesRelations = relations(employees, ({ one, many }) => ({
  user: one(users, { fields: [employees.userId], references: [users.id] }),
  company: one(companies, { fields: [employees.companyId], references: [companies.id] }),
  consultations: many(consultations),
  journalEntries: many(journalEntries),
}));

// 4-6. Praticiens, avis, disponibilités
export const practitionersRelations = relations(practitioners, ({ one, many }) => ({
  user: one(users, { fields: [practitioners.userId], references: [users.id] }),
  availabilities: many(availabilities),
  consultations: many(consultations),
  clinicalNotes: many(clinicalNotes),
  reviews: many(practitionerReviews),
}));

export const practitionerReviewsRelations = relations(practitionerReviews, ({ one }) => ({
  practitioner: one(practitioners, {
    fields: [practitionerReviews.practitionerId],
    references: [practitioners.id],
  }),
}));

export const availabilitiesRelations = relations(availabilities, ({ one }) => ({
  practitioner: one(practitioners, {
    fields: [availabilities.practitionerId],
    references: [practitioners.id],
  }),
}));

// 7-8. Consultations et événements
export const consultationsRelations = relations(consultations, ({ one, many }) => ({
  company: one(companies, { fields: [consultations.companyId], references: [companies.id] }),
  employee: one(employees, { fields: [consultations.employeeId], references: [employees.id] }),
  practitioner: one(practitioners, {
    fields: [consultations.practitionerId],
    references: [practitioners.id],
  }),
  messages: many(messages),
  clinicalNotes: many(clinicalNotes),
  events: many(consultationEvents),
}));

export const consultationEventsRelations = relations(consultationEvents, ({ one }) => ({
  consultation: one(consultations, {
    fields: [consultationEvents.consultationId],
    references: [consultations.id],
  }),
}));

// 9. Messages: consultation only (no sender relation, see header).
export const messagesRelations = relations(messages, ({ one }) => ({
  consultation: one(consultations, { fields: [messages.consultationId], references: [consultations.id] }),
}));

// 10-11. Notes cliniques, journal
export const clinicalNotesRelations = relations(clinicalNotes, ({ one }) => ({
  consultation: one(consultations, {
    fields: [clinicalNotes.consultationId],
    references: [consultations.id],
  }),
  practitioner: one(practitioners, {
    fields: [clinicalNotes.practitionerId],
    references: [practitioners.id],
  }),
}));

export const journalEntriesRelations = relations(journalEntries, ({ one }) => ({
  employee: one(employees, { fields: [journalEntries.employeeId], references: [employees.id] }),
}));

// 13. News
export const newsRelations = relations(news, ({ one }) => ({
  company: one(companies, { fields: [news.companyId], references: [companies.id] }),
}));

// 14. Notifications
export const notificationsRelations = relations(notifications, ({ one }) => ({
  user: one(users, { fields: [notifications.userId], references: [users.id] }),
}));
