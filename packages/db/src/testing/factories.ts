// Test factories: each creates the row it is asked for and any missing parent, through the owner
// connection (row-level security does not apply to fixtures). Values are unique per call.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../client';
import {
  type Company,
  type Consultation,
  companies,
  consultations,
  type Employee,
  employees,
  type NewConsultation,
  type Practitioner,
  practitioners,
  type User,
  users,
} from '../schema';

const unique = () => randomBytes(4).toString('hex');
// Not a real hash: fixtures never log in. Identity tests create real ones.
const FIXTURE_PASSWORD_HASH = '$2b$10$fixture.fixture.fixture.fixture.fixture.fixture.fixt';

/** A validated, active company with its own email domain. */
export async function createCompany(db: Db, overrides: Partial<typeof companies.$inferInsert> = {}) {
  const id = unique();
  const [company] = await db
    .insert(companies)
    .values({
      name: `Company ${id}`,
      slug: `company-${id}`,
      emailDomains: [`@c${id}.test`],
      isActive: true,
      validatedAt: new Date(),
      ...overrides,
    })
    .returning();
  return company as Company;
}

/** A user of the given role (EMPLOYEE by default). */
export async function createUser(db: Db, overrides: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await db
    .insert(users)
    .values({
      email: `user-${unique()}@example.test`,
      passwordHash: FIXTURE_PASSWORD_HASH,
      emailVerified: true,
      ...overrides,
    })
    .returning();
  return user as User;
}

/** An employee (and their user, and a company unless given). */
export async function createEmployee(
  db: Db,
  options: {
    companyId?: string;
    user?: Partial<typeof users.$inferInsert>;
    employee?: Partial<typeof employees.$inferInsert>;
  } = {},
) {
  const companyId = options.companyId ?? (await createCompany(db)).id;
  const user = await createUser(db, { role: 'EMPLOYEE', companyId, ...options.user });
  const [employee] = await db
    .insert(employees)
    .values({
      userId: user.id,
      companyId,
      firstName: 'Test',
      lastName: `Employee ${unique()}`,
      ...options.employee,
    })
    .returning();
  return { user, employee: employee as Employee };
}

/** A validated, active practitioner and their user. */
export async function createPractitioner(
  db: Db,
  overrides: Partial<typeof practitioners.$inferInsert> = {},
  userOverrides: Partial<typeof users.$inferInsert> = {},
) {
  const user = await createUser(db, { role: 'PRACTITIONER', ...userOverrides });
  const [practitioner] = await db
    .insert(practitioners)
    .values({
      userId: user.id,
      firstName: 'Test',
      lastName: `Practitioner ${unique()}`,
      title: 'Dr.',
      specialty: 'PSYCHOLOGUE_CLINICIEN',
      bio: 'Bio',
      isValidated: true,
      validatedAt: new Date(),
      ...overrides,
    })
    .returning();
  return { user, practitioner: practitioner as Practitioner };
}

// Default start times step by a day from tomorrow: consultations of one practitioner or employee
// may not overlap (exclusion constraints of 0013_booking.sql), and factories ignore earlier rows.
let nextDefaultStart = 0;

/** A consultation between an employee and a practitioner (created when not given). */
export async function createConsultation(
  db: Db,
  options: { employee?: Employee; practitionerId?: string } & Partial<NewConsultation> = {},
) {
  const { employee: given, practitionerId: givenPractitioner, ...overrides } = options;
  const employee = given ?? (await createEmployee(db)).employee;
  const practitionerId = givenPractitioner ?? (await createPractitioner(db)).practitioner.id;
  const scheduledAt = overrides.scheduledAt ?? new Date(Date.now() + 86_400_000 * (1 + nextDefaultStart++));
  const duration = overrides.duration ?? 50;
  const [consultation] = await db
    .insert(consultations)
    .values({
      companyId: employee.companyId,
      employeeId: employee.id,
      practitionerId,
      scheduledAt,
      scheduledEndAt: new Date(scheduledAt.getTime() + duration * 60_000),
      duration,
      format: 'VIDEO',
      roomName: `room-${randomUUID()}`,
      ...overrides,
    })
    .returning();
  return consultation as Consultation;
}
