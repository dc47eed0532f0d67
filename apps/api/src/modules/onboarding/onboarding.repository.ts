// SQL of onboarding and consent: the caller's own employee row, in the caller's transaction.
import { employees, type Tx } from '@huntzen/db';
import { eq } from 'drizzle-orm';

/** The employee row `id`, if the actor may see it. */
export async function findEmployee(tx: Tx, id: string) {
  const [row] = await tx.select().from(employees).where(eq(employees.id, id));
  return row;
}

/** Records the acceptance of consent `version` now; returns the row's new values. */
export async function acceptConsent(tx: Tx, id: string, version: string) {
  const [row] = await tx
    .update(employees)
    .set({ consentVersion: version, consentGivenAt: new Date() })
    .where(eq(employees.id, id))
    .returning();
  return row;
}

/** Marks onboarding as done now; returns the row's new values. */
export async function completeOnboarding(tx: Tx, id: string) {
  const [row] = await tx
    .update(employees)
    .set({ onboardingCompletedAt: new Date() })
    .where(eq(employees.id, id))
    .returning();
  return row;
}
