// The SQL of the questionnaires. Every function runs inside withActor: row-level security shows an
// employee only their own results and a practitioner only those shared with them; the explicit
// conditions say the same in the query.
import {
  type AssessmentInstrument,
  assessmentSettings,
  assessments,
  consultations,
  employees,
  practitioners,
  type Tx,
} from '@huntzen/db';
import { and, desc, eq, gte, inArray, isNotNull, ne, or, type SQL, sql } from 'drizzle-orm';

const a = assessments;

const storedColumns = {
  id: a.id,
  employeeId: a.employeeId,
  instrument: a.instrument,
  encryptedResult: a.encryptedResult,
  iv: a.iv,
  authTag: a.authTag,
  sharedWithPractitionerId: a.sharedWithPractitionerId,
  createdAt: a.createdAt,
};
export type StoredAssessment = Awaited<ReturnType<typeof findAssessment>> & {};

/** Inserts a result. */
export async function insertAssessment(tx: Tx, values: typeof a.$inferInsert) {
  const [row] = await tx.insert(a).values(values).returning(storedColumns);
  return row!;
}

/** The employee's result `id`, if any. */
export async function findAssessment(tx: Tx, id: string, employeeId: string) {
  const [row] = await tx
    .select(storedColumns)
    .from(a)
    .where(and(eq(a.id, id), eq(a.employeeId, employeeId)));
  return row;
}

/** Results newest first, after the cursor's (createdAt, id); one more than `limit`. */
export async function listAssessments(
  tx: Tx,
  params: {
    employeeId: string;
    instrument?: AssessmentInstrument | undefined;
    sharedWith?: string | undefined;
    limit: number;
    after?: { createdAt: string; id: string } | undefined;
  },
) {
  const conditions: (SQL | undefined)[] = [
    eq(a.employeeId, params.employeeId),
    params.instrument ? eq(a.instrument, params.instrument) : undefined,
    params.sharedWith ? eq(a.sharedWithPractitionerId, params.sharedWith) : undefined,
    params.after
      ? sql`(${a.createdAt}, ${a.id}) < (${params.after.createdAt}::timestamptz, ${params.after.id}::uuid)`
      : undefined,
  ];
  return tx
    .select({
      ...storedColumns,
      createdAtKey: sql<string>`to_char(${a.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(a)
    .where(and(...conditions))
    .orderBy(desc(a.createdAt), desc(a.id))
    .limit(params.limit + 1);
}

/** Shares (practitioner id) or un-shares (null) a result. */
export async function setSharing(tx: Tx, id: string, employeeId: string, practitionerId: string | null) {
  const [row] = await tx
    .update(a)
    .set({ sharedWithPractitionerId: practitionerId, sharedAt: practitionerId ? new Date() : null })
    .where(and(eq(a.id, id), eq(a.employeeId, employeeId)))
    .returning(storedColumns);
  return row;
}

/**
 * The employee's practitioners: those of a consultation together that is not cancelled. With
 * `currentOnly`, those of an upcoming or ongoing one, or of one held in the last 90 days (who to
 * alert in a crisis).
 */
export async function practitionersOf(tx: Tx, employeeId: string, currentOnly = false) {
  const c = consultations;
  const recent = or(
    inArray(c.status, ['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS']),
    and(eq(c.status, 'COMPLETED'), gte(c.scheduledAt, sql`now() - interval '90 days'`)),
  );
  return tx
    .selectDistinct({
      id: practitioners.id,
      userId: practitioners.userId,
      title: practitioners.title,
      firstName: practitioners.firstName,
      lastName: practitioners.lastName,
      language: practitioners.preferredLanguage,
    })
    .from(c)
    .innerJoin(practitioners, eq(practitioners.id, c.practitionerId))
    .where(and(eq(c.employeeId, employeeId), ne(c.status, 'CANCELLED'), currentOnly ? recent : undefined))
    .orderBy(practitioners.lastName, practitioners.firstName, practitioners.id);
}

/** Whether the practitioner has (had) a consultation with the employee: their patient. */
export async function isPatientOf(tx: Tx, practitionerId: string, employeeId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: consultations.id })
    .from(consultations)
    .where(and(eq(consultations.practitionerId, practitionerId), eq(consultations.employeeId, employeeId)))
    .limit(1);
  return row !== undefined;
}

/** The employee's name (first name and last initial are what the alert shows). */
export async function findEmployee(tx: Tx, employeeId: string) {
  const [row] = await tx
    .select({
      firstName: employees.firstName,
      lastName: employees.lastName,
      userId: employees.userId,
      language: employees.preferredLanguage,
    })
    .from(employees)
    .where(eq(employees.id, employeeId));
  return row;
}

/** The employee's settings (defaults when never saved). */
export async function findSettings(tx: Tx, employeeId: string) {
  const [row] = await tx
    .select({
      alertPractitionerOnCrisis: assessmentSettings.alertPractitionerOnCrisis,
      reminderWeeks: assessmentSettings.reminderWeeks,
      reminderInstrument: assessmentSettings.reminderInstrument,
      nextReminderAt: assessmentSettings.nextReminderAt,
    })
    .from(assessmentSettings)
    .where(eq(assessmentSettings.employeeId, employeeId));
  return (
    row ?? {
      alertPractitionerOnCrisis: false,
      reminderWeeks: null,
      reminderInstrument: null,
      nextReminderAt: null,
    }
  );
}
export type StoredSettings = Awaited<ReturnType<typeof findSettings>>;

/** Saves the employee's settings. */
export async function saveSettings(tx: Tx, employeeId: string, values: StoredSettings) {
  await tx
    .insert(assessmentSettings)
    .values({ employeeId, ...values })
    .onConflictDoUpdate({
      target: assessmentSettings.employeeId,
      set: { ...values, updatedAt: new Date() },
    });
}

/** Employees with a reminder due (for a check of the job; the job itself is keyed per employee). */
export async function settingsWithReminder(tx: Tx, employeeId: string) {
  const [row] = await tx
    .select({
      reminderWeeks: assessmentSettings.reminderWeeks,
      reminderInstrument: assessmentSettings.reminderInstrument,
      nextReminderAt: assessmentSettings.nextReminderAt,
    })
    .from(assessmentSettings)
    .where(and(eq(assessmentSettings.employeeId, employeeId), isNotNull(assessmentSettings.reminderWeeks)))
    .for('update');
  return row;
}

/**
 * Every result of the employee, oldest first, with whom each is shared (for their own data export),
 * and their saved settings (undefined when never saved).
 */
export async function exportRows(tx: Tx, employeeId: string) {
  const rows = await tx
    .select({
      ...storedColumns,
      sharedAt: a.sharedAt,
      sharedWithTitle: practitioners.title,
      sharedWithFirstName: practitioners.firstName,
      sharedWithLastName: practitioners.lastName,
    })
    .from(a)
    .leftJoin(practitioners, eq(practitioners.id, a.sharedWithPractitionerId))
    .where(eq(a.employeeId, employeeId))
    .orderBy(a.createdAt, a.id);
  const [settings] = await tx
    .select({
      alertPractitionerOnCrisis: assessmentSettings.alertPractitionerOnCrisis,
      reminderWeeks: assessmentSettings.reminderWeeks,
      reminderInstrument: assessmentSettings.reminderInstrument,
      nextReminderAt: assessmentSettings.nextReminderAt,
      updatedAt: assessmentSettings.updatedAt,
    })
    .from(assessmentSettings)
    .where(eq(assessmentSettings.employeeId, employeeId));
  return { rows, settings };
}
