// SQL of the employee's own profile; every function runs in the caller's transaction, so row-level
// security shows an employee their own row only.
import { companies, employees, type Tx, users } from '@huntzen/db';
import { eq } from 'drizzle-orm';

/** The employee row with the account's email and the company's name, if the actor may see it. */
export async function findProfile(tx: Tx, employeeId: string) {
  const [row] = await tx
    .select({ employee: employees, email: users.email, companyName: companies.name })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .leftJoin(companies, eq(companies.id, employees.companyId))
    .where(eq(employees.id, employeeId));
  return row;
}
export type ProfileRow = NonNullable<Awaited<ReturnType<typeof findProfile>>>;

/** The profile fields an employee may change. */
export type ProfileChanges = Partial<
  Pick<
    typeof employees.$inferInsert,
    | 'firstName'
    | 'lastName'
    | 'department'
    | 'position'
    | 'phoneNumber'
    | 'bio'
    | 'location'
    | 'preferredLanguage'
    | 'timezone'
  >
>;

/** Writes `changes` to the employee row; returns whether the actor could update it. */
export async function updateProfile(tx: Tx, employeeId: string, changes: ProfileChanges) {
  const rows = await tx
    .update(employees)
    .set(changes)
    .where(eq(employees.id, employeeId))
    .returning({ id: employees.id });
  return rows.length > 0;
}
