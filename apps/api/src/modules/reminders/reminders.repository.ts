// SQL of the reminders, run by the reminder job as the SYSTEM actor: it reads both participants'
// addresses, which neither participant may read of the other.
import {
  companies,
  consultationEvents,
  consultations,
  employees,
  practitioners,
  type Tx,
  users,
} from '@huntzen/db';
import { eq, sql } from 'drizzle-orm';
import { NO_USER_ID } from '../../platform/audit';
import type { ReminderKind } from './reminders.policy';

/**
 * The consultation `id`, locked until the end of the transaction: a cancellation (which locks it
 * too) either commits first — and the reminder sees it — or waits for the reminder.
 */
export async function lockForReminder(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: consultations.id,
      status: consultations.status,
      format: consultations.format,
      scheduledAt: consultations.scheduledAt,
      scheduledEndAt: consultations.scheduledEndAt,
      employeeId: consultations.employeeId,
      practitionerId: consultations.practitionerId,
    })
    .from(consultations)
    .where(eq(consultations.id, id))
    .for('update');
  return row;
}

/** What the reminders say to each participant, and where they go. */
export async function findParticipants(tx: Tx, employeeId: string, practitionerId: string) {
  const [employee] = await tx
    .select({
      userId: employees.userId,
      firstName: employees.firstName,
      lastName: employees.lastName,
      language: employees.preferredLanguage,
      timezone: employees.timezone,
      email: users.email,
      companyName: companies.name,
      primaryColor: companies.primaryColor,
      logoUrl: companies.logoUrl,
    })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .innerJoin(companies, eq(companies.id, employees.companyId))
    .where(eq(employees.id, employeeId));
  const [practitioner] = await tx
    .select({
      userId: practitioners.userId,
      title: practitioners.title,
      firstName: practitioners.firstName,
      lastName: practitioners.lastName,
      language: practitioners.preferredLanguage,
      timezone: practitioners.timezone,
      address: practitioners.inPersonAddress,
      email: users.email,
    })
    .from(practitioners)
    .innerJoin(users, eq(users.id, practitioners.userId))
    .where(eq(practitioners.id, practitionerId));
  return employee && practitioner ? { employee, practitioner } : undefined;
}

/**
 * Claims the reminder `kind` of the consultation for its planned start: inserts its REMINDER_SENT
 * event unless one exists. The unique index of 0014 makes a concurrent claim wait for this
 * transaction and then insert nothing, so exactly one transaction ever sends it. The actor is the
 * platform (no user: the zero id, recorded as SUPER_ADMIN like the audit log's system rows).
 */
export async function claimReminder(
  tx: Tx,
  consultationId: string,
  kind: ReminderKind,
  scheduledAt: Date,
): Promise<boolean> {
  const rows = await tx
    .insert(consultationEvents)
    .values({
      consultationId,
      eventType: 'REMINDER_SENT',
      actorId: NO_USER_ID,
      actorRole: 'SUPER_ADMIN',
      metadata: { kind, scheduledAt: scheduledAt.toISOString(), actor: 'SYSTEM' },
      timestamp: sql`clock_timestamp()`,
    })
    .onConflictDoNothing()
    .returning({ id: consultationEvents.id });
  return rows.length === 1;
}
