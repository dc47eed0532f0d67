// Spec seed-02 (Prisma schema): every `enum`, as PostgreSQL enum types named in snake_case.
// Labels and their order are exactly those of the spec.
import { pgEnum } from 'drizzle-orm/pg-core';

// 1. Authentification & utilisateurs
export const roleEnum = pgEnum('role', [
  'SUPER_ADMIN',
  'ADMIN_HUNTZEN',
  'ADMIN_RH',
  'PRACTITIONER',
  'EMPLOYEE',
]);

// 2. Entreprises
export const companySizeEnum = pgEnum('company_size', ['SMALL', 'MEDIUM', 'LARGE', 'ENTERPRISE']);

// 4. Praticiens
export const specialtyEnum = pgEnum('specialty', [
  'PSYCHOLOGUE_CLINICIEN',
  'PSYCHOLOGUE_TRAVAIL',
  'PSYCHIATRE',
  'PSYCHOTHERAPEUTE',
  'NEUROPSYCHOLOGUE',
  'COACH_MENTAL',
  'SEXOLOGUE',
  'PSYCHANALYSTE',
]);

// 6. Disponibilités
export const availabilityTypeEnum = pgEnum('availability_type', ['RECURRING', 'EXCEPTION']);

// 7. Consultations
export const consultationFormatEnum = pgEnum('consultation_format', ['VIDEO', 'AUDIO', 'IN_PERSON']);
export const consultationStatusEnum = pgEnum('consultation_status', [
  'SCHEDULED',
  'CONFIRMED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
]);
export const billingStatusEnum = pgEnum('billing_status', ['PENDING', 'VALIDATED', 'BILLED', 'DISPUTED']);

// 8. Événements consultation
export const consultationEventTypeEnum = pgEnum('consultation_event_type', [
  'CREATED',
  'SCHEDULED',
  'CONFIRMED',
  'CANCELLED',
  'ROOM_JOINED',
  'ROOM_LEFT',
  'STARTED',
  'ENDED',
  'NO_SHOW',
  'REMINDER_SENT',
]);

// 9. Chat messages
export const messageTypeEnum = pgEnum('message_type', ['TEXT', 'IMAGE', 'FILE', 'AUDIO', 'VIDEO']);

// 10. Notes cliniques
export const noteTypeEnum = pgEnum('note_type', [
  'SESSION_NOTE',
  'INITIAL_ASSESSMENT',
  'FOLLOW_UP',
  'PRESCRIPTION',
  'REFERRAL',
]);

// 11. Journal personnel
export const moodEnum = pgEnum('mood', ['VERY_BAD', 'BAD', 'NEUTRAL', 'GOOD', 'VERY_GOOD']);

// 12. Blog & articles
export const articleCategoryEnum = pgEnum('article_category', [
  'MENTAL_HEALTH',
  'STRESS_MANAGEMENT',
  'WORK_LIFE_BALANCE',
  'PRODUCTIVITY',
  'RELATIONSHIPS',
  'WELLBEING',
  'MINDFULNESS',
  'BURNOUT',
  'ANXIETY',
  'DEPRESSION',
]);
export const articleStatusEnum = pgEnum('article_status', ['DRAFT', 'PUBLISHED', 'ARCHIVED', 'SCHEDULED']);

// 14. Notifications
export const notificationTypeEnum = pgEnum('notification_type', [
  'CONSULTATION_CONFIRMED',
  'CONSULTATION_CANCELLED',
  'CONSULTATION_REMINDER_24H',
  'CONSULTATION_REMINDER_1H',
  'MESSAGE_RECEIVED',
  'NEWS_PUBLISHED',
  'SYSTEM',
  'ACCOUNT_ACTIVATED',
  'PRACTITIONER_VALIDATED',
  'COMPANY_VALIDATED',
]);

// 15. Audit logs
export const auditActionEnum = pgEnum('audit_action', [
  'CREATE',
  'READ',
  'UPDATE',
  'DELETE',
  'LOGIN',
  'LOGOUT',
  'EXPORT',
  'IMPORT',
  'VALIDATE',
  'CANCEL',
  'ACTIVATE',
  'DEACTIVATE',
  'UPLOAD',
  'DOWNLOAD',
]);

// 16. Fichiers
export const fileTypeEnum = pgEnum('file_type', [
  'AVATAR',
  'COVER',
  'DOCUMENT',
  'IMAGE',
  'VIDEO',
  'AUDIO',
  'ATTACHMENT',
  'CERTIFICATE',
  'DIPLOMA',
]);

// 18. Emails
export const emailStatusEnum = pgEnum('email_status', ['PENDING', 'SENT', 'FAILED', 'CANCELLED']);
export const emailPriorityEnum = pgEnum('email_priority', ['LOW', 'NORMAL', 'HIGH', 'URGENT']);

// Union types of the enum labels (e.g. Role = 'SUPER_ADMIN' | ... | 'EMPLOYEE').
export type Role = (typeof roleEnum.enumValues)[number];
export type CompanySize = (typeof companySizeEnum.enumValues)[number];
export type Specialty = (typeof specialtyEnum.enumValues)[number];
export type AvailabilityType = (typeof availabilityTypeEnum.enumValues)[number];
export type ConsultationFormat = (typeof consultationFormatEnum.enumValues)[number];
export type ConsultationStatus = (typeof consultationStatusEnum.enumValues)[number];
export type BillingStatus = (typeof billingStatusEnum.enumValues)[number];
export type ConsultationEventType = (typeof consultationEventTypeEnum.enumValues)[number];
export type MessageType = (typeof messageTypeEnum.enumValues)[number];
export type NoteType = (typeof noteTypeEnum.enumValues)[number];
export type Mood = (typeof moodEnum.enumValues)[number];
export type ArticleCategory = (typeof articleCategoryEnum.enumValues)[number];
export type ArticleStatus = (typeof articleStatusEnum.enumValues)[number];
export type NotificationType = (typeof notificationTypeEnum.enumValues)[number];
export type AuditAction = (typeof auditActionEnum.enumValues)[number];
export type FileType = (typeof fileTypeEnum.enumValues)[number];
export type EmailStatus = (typeof emailStatusEnum.enumValues)[number];
export type EmailPriority = (typeof emailPriorityEnum.enumValues)[number];
