// The spec's seed data ("SEEDS", seed-02): two platform admins, TechCorp France and its HR admin,
// Dr Sophie Martin with her weekly hours, Marc Dupont, one article. Idempotent, unlike the spec's
// script (defect 8): every row is looked up by its unique key and only created when missing, and
// an existing row is never changed. The passwords are public, hence refused in production.
import bcrypt from 'bcrypt';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './client';
import {
  articles,
  availabilities,
  companies,
  employees,
  type NewUser,
  practitioners,
  type User,
  users,
} from './schema';
import type { Tx } from './tenancy';

// Advisory lock keys in use: 4_242_001 migrations, 4_242_002 jobs schema, 4_242_003 seed-on-start,
// 4_242_010 seed, 4_242_011 demo.
const SEED_LOCK_KEY = 4_242_010;
/** The application's default BCRYPT_COST: seeded hashes cost what sign-in compares them at. */
const DEFAULT_BCRYPT_COST = 12;

/** The seed's accounts and their public demo passwords (spec seed-02, "SEEDS"). */
export const SEED_ACCOUNTS = {
  superAdmin: { email: 'admin@primesynergy.com', password: 'SuperAdmin2025!' },
  adminHuntzen: { email: 'admin@huntzen.care', password: 'HuntZen2025!' },
  adminRh: { email: 'claire.rousseau@techcorp.com', password: 'AdminRH2025!' },
  practitioner: { email: 'dr.sophie.martin@huntzen.care', password: 'Praticien2025!' },
  employee: { email: 'marc.dupont@techcorp.com', password: 'Employee2025!' },
} as const;

/** Dr Sophie Martin's weekly hours (Monday … Friday). */
export const SEED_AVAILABILITIES = [
  { dayOfWeek: 1, startTime: '09:00', endTime: '17:00' },
  { dayOfWeek: 2, startTime: '09:00', endTime: '17:00' },
  { dayOfWeek: 3, startTime: '09:00', endTime: '12:00' },
  { dayOfWeek: 4, startTime: '09:00', endTime: '17:00' },
  { dayOfWeek: 5, startTime: '09:00', endTime: '15:00' },
] as const;

export interface SeedOptions {
  log?: (message: string) => void;
  /** bcrypt cost of the seeded passwords: the application's configured one (default BCRYPT_COST or 12). */
  bcryptCost?: number;
}

type Account = { email: string; password: string };

/** The user with this e-mail, created (password hashed) only when missing. */
async function ensureUser(
  tx: Tx,
  account: Account,
  values: Omit<NewUser, 'email' | 'passwordHash'>,
  bcryptCost: number,
): Promise<{ user: User; created: boolean }> {
  const find = () => tx.select().from(users).where(eq(users.email, account.email));
  const [existing] = await find();
  if (existing) return { user: existing, created: false };
  const passwordHash = await bcrypt.hash(account.password, bcryptCost);
  await tx
    .insert(users)
    .values({ ...values, email: account.email, passwordHash })
    .onConflictDoNothing({ target: users.email });
  const [user] = await find();
  return { user: user!, created: true };
}

/** Writes the spec's seed data; running it again changes nothing. Refused when NODE_ENV=production. */
export async function seedDatabase(db: Database, options: SeedOptions = {}): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('refusing to seed with NODE_ENV=production: the seed accounts have public passwords');
  }
  const log = options.log ?? (() => {});
  const envCost = Number(process.env.BCRYPT_COST);
  const bcryptCost =
    options.bcryptCost ?? (Number.isInteger(envCost) && envCost >= 10 ? envCost : DEFAULT_BCRYPT_COST);
  const report = (what: string, created: boolean) =>
    log(`seed: ${what} ${created ? 'created' : 'already present'}`);

  await db.ownerDb.transaction(async (tx) => {
    // Concurrent seeds (two processes starting at once) would race on the availabilities.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const now = new Date();

    // 1–2. Platform admins.
    const superAdmin = await ensureUser(
      tx,
      SEED_ACCOUNTS.superAdmin,
      {
        role: 'SUPER_ADMIN',
        isActive: true,
        emailVerified: true,
      },
      bcryptCost,
    );
    report(`super admin ${SEED_ACCOUNTS.superAdmin.email}`, superAdmin.created);
    const { user: adminHuntzen, created: adminCreated } = await ensureUser(
      tx,
      SEED_ACCOUNTS.adminHuntzen,
      {
        role: 'ADMIN_HUNTZEN',
        isActive: true,
        emailVerified: true,
      },
      bcryptCost,
    );
    report(`HuntZen admin ${SEED_ACCOUNTS.adminHuntzen.email}`, adminCreated);

    // 3. Company.
    const inserted = await tx
      .insert(companies)
      .values({
        name: 'TechCorp France',
        slug: 'techcorp-france',
        legalName: 'TechCorp France SAS',
        siret: '12345678900012',
        emailDomains: ['@techcorp.com', '@techcorp.fr'],
        sector: 'Technologies',
        size: 'MEDIUM',
        address: '123 Avenue de la Grande Armée',
        postalCode: '75017',
        city: 'Paris',
        country: 'France',
        contactEmail: 'rh@techcorp.com',
        contactPhone: '+33 1 23 45 67 89',
        websiteUrl: 'https://techcorp.com',
        autoApproveEmployees: false,
        isActive: true,
        validatedAt: now,
        validatedBy: adminHuntzen.id,
      })
      .onConflictDoNothing({ target: companies.slug })
      .returning({ id: companies.id });
    const [company] = await tx.select().from(companies).where(eq(companies.slug, 'techcorp-france'));
    report('company TechCorp France', inserted.length > 0);

    // 4. HR admin.
    const adminRh = await ensureUser(
      tx,
      SEED_ACCOUNTS.adminRh,
      {
        role: 'ADMIN_RH',
        // Beyond the spec (migration 0023): the name her home greets her by.
        displayName: 'Claire Rousseau',
        companyId: company!.id,
        isActive: true,
        emailVerified: true,
      },
      bcryptCost,
    );
    report(`HR admin ${SEED_ACCOUNTS.adminRh.email}`, adminRh.created);

    // 5. Practitioner.
    const { user: practitionerUser } = await ensureUser(
      tx,
      SEED_ACCOUNTS.practitioner,
      {
        role: 'PRACTITIONER',
        isActive: true,
        emailVerified: true,
      },
      bcryptCost,
    );
    const newPractitioner = await tx
      .insert(practitioners)
      .values({
        userId: practitionerUser.id,
        firstName: 'Sophie',
        lastName: 'Martin',
        title: 'Dr.',
        professionalId: 'ADELI123456789',
        specialty: 'PSYCHOLOGUE_CLINICIEN',
        subSpecialties: ['TCC', 'EMDR', 'Gestion du stress'],
        languages: ['fr', 'en'],
        bio: 'Psychologue clinicienne spécialisée en santé mentale au travail...',
        experience: 12,
        education: 'Master 2 Psychologie Clinique, Université Paris-Descartes',
        diplomas: ['Master 2 Psychologie', 'DU Psychotraumatologie'],
        certifications: ['Praticienne EMDR certifiée', 'Formation TCC'],
        offersVideo: true,
        offersPhone: true,
        defaultDuration: 50,
        isValidated: true,
        validatedAt: now,
        validatedBy: adminHuntzen.id,
        documentsVerified: true,
        isActive: true,
        isAcceptingNewClients: true,
      })
      .onConflictDoNothing({ target: practitioners.userId })
      .returning({ id: practitioners.id });
    const [practitioner] = await tx
      .select({ id: practitioners.id })
      .from(practitioners)
      .where(eq(practitioners.userId, practitionerUser.id));
    report(`practitioner ${SEED_ACCOUNTS.practitioner.email}`, newPractitioner.length > 0);

    // 6. Employee.
    const { user: employeeUser } = await ensureUser(
      tx,
      SEED_ACCOUNTS.employee,
      {
        role: 'EMPLOYEE',
        companyId: company!.id,
        isActive: true,
        emailVerified: true,
        // Active because approved: "waiting for HR" and "deactivated" are told apart by approvedAt.
        approvedAt: now,
      },
      bcryptCost,
    );
    const newEmployee = await tx
      .insert(employees)
      .values({
        userId: employeeUser.id,
        companyId: company!.id,
        firstName: 'Marc',
        lastName: 'Dupont',
        department: 'Développement',
        position: 'Chef de Projet',
        phoneNumber: '+33 6 12 34 56 78',
        bio: 'Chef de projet passionné par la tech...',
        onboardingCompletedAt: now,
        consentGivenAt: now,
        consentVersion: '1.0',
      })
      .onConflictDoNothing({ target: employees.userId })
      .returning({ id: employees.id });
    report(`employee ${SEED_ACCOUNTS.employee.email}`, newEmployee.length > 0);

    // 7. Availabilities: the spec `create`s them in a loop, which duplicates them on every run.
    let added = 0;
    for (const slot of SEED_AVAILABILITIES) {
      const [existing] = await tx
        .select({ id: availabilities.id })
        .from(availabilities)
        .where(
          and(
            eq(availabilities.practitionerId, practitioner!.id),
            eq(availabilities.dayOfWeek, slot.dayOfWeek),
            eq(availabilities.startTime, slot.startTime),
            eq(availabilities.endTime, slot.endTime),
          ),
        )
        .limit(1);
      if (existing) continue;
      await tx.insert(availabilities).values({
        practitionerId: practitioner!.id,
        type: 'RECURRING',
        ...slot,
        slotDuration: 50,
        isActive: true,
      });
      added++;
    }
    log(`seed: ${added} availabilities created, ${SEED_AVAILABILITIES.length - added} already present`);

    // 8. Article (the spec `create`s it too: a second run would hit the unique slug).
    const article = await tx
      .insert(articles)
      .values({
        title: 'Comment gérer le stress au travail',
        slug: 'comment-gerer-stress-travail',
        excerpt: 'Le stress au travail est un problème croissant...',
        content: '# Comment gérer le stress au travail\n\nLe stress...',
        coverUrl: 'https://images.unsplash.com/photo-1506126613408-eca07ce68773',
        category: 'STRESS_MANAGEMENT',
        tags: ['stress', 'travail', 'bien-être'],
        status: 'PUBLISHED',
        publishedAt: now,
        authorId: adminHuntzen.id,
        authorRole: 'ADMIN_HUNTZEN',
        authorName: 'Équipe HuntZen',
        metaTitle: 'Comment gérer le stress au travail efficacement',
        metaDescription: 'Découvrez des techniques éprouvées pour gérer votre stress professionnel',
        keywords: ['stress', 'travail', 'gestion', 'bien-être'],
      })
      .onConflictDoNothing({ target: articles.slug })
      .returning({ id: articles.id });
    report('article comment-gerer-stress-travail', article.length > 0);
  });
  log('seed: done');
}
