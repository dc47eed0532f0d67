// Who a notification's e-mail copy goes to. Read by the e-mail job as the SYSTEM actor: the person
// who caused a notification often cannot read its recipient's account (a practitioner confirming a
// consultation does not see the employee's e-mail address), and needs not.
import { companies, employees, practitioners, type Tx, users } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import type { Branding, MailLanguage } from '../mail';
import { mailLanguage } from '../mail';

export interface NotificationRecipient {
  to: string;
  language: MailLanguage;
  firstName: string | null;
  /** The company's look for its employees and HR; HuntZen's otherwise. */
  branding: Branding | undefined;
}

/** The recipient of `userId`'s e-mails, or null when the account no longer exists. */
export async function findRecipient(tx: Tx, userId: string): Promise<NotificationRecipient | null> {
  const [row] = await tx
    .select({
      email: users.email,
      employeeFirstName: employees.firstName,
      employeeLanguage: employees.preferredLanguage,
      practitionerFirstName: practitioners.firstName,
      practitionerLanguage: practitioners.preferredLanguage,
      companyName: companies.name,
      primaryColor: companies.primaryColor,
      logoUrl: companies.logoUrl,
    })
    .from(users)
    .leftJoin(employees, eq(employees.userId, users.id))
    .leftJoin(practitioners, eq(practitioners.userId, users.id))
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.id, userId));
  if (!row) return null;
  return {
    to: row.email,
    language: mailLanguage(row.employeeLanguage ?? row.practitionerLanguage),
    firstName: row.employeeFirstName ?? row.practitionerFirstName ?? null,
    branding: row.companyName
      ? { companyName: row.companyName, primaryColor: row.primaryColor, logoUrl: row.logoUrl }
      : undefined,
  };
}
