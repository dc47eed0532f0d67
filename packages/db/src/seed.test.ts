// The spec's seed on real PostgreSQL: exactly its rows, idempotent, refused in production.
import bcrypt from 'bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ACCOUNTS, seedDatabase } from './seed';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

const TABLES = ['users', 'companies', 'employees', 'practitioners', 'availabilities', 'articles'] as const;

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.drop();
});

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await t.db.owner.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    out[table] = rows[0]!.n;
  }
  return out;
}

/** Every row of the seeded tables, to compare two runs column by column. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES)
    out[table] = (await t.db.owner.query(`select * from ${table} order by id`)).rows;
  return out;
}

async function one<T extends object>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await t.db.owner.query(sql, params);
  expect(rows).toHaveLength(1);
  return rows[0] as T;
}

describe('seedDatabase', () => {
  it('refuses to run when NODE_ENV=production, writing nothing', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(seedDatabase(t.db)).rejects.toThrow(/NODE_ENV=production/);
    } finally {
      if (previous === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = previous;
    }
    expect((await counts()).users).toBe(0);
  });

  it('writes exactly the spec seed, and a second run changes nothing', async () => {
    const lines: string[] = [];
    await seedDatabase(t.db, { log: (line) => lines.push(line), bcryptCost: 10 });
    expect(lines.some((l) => l.includes('admin@primesynergy.com created'))).toBe(true);
    const first = await snapshot();
    await seedDatabase(t.db);
    expect(await snapshot()).toEqual(first);
    expect(await counts()).toEqual({
      users: 5,
      companies: 1,
      employees: 1,
      practitioners: 1,
      availabilities: 5,
      articles: 1,
    });
  });

  it('gives each account its role, company and bcrypt password at the cost asked (10)', async () => {
    const { rows } = await t.db.owner.query<{
      email: string;
      role: string;
      company: string | null;
      password_hash: string;
      is_active: boolean;
      email_verified: boolean;
    }>(`select u.email, u.role, c.slug as company, u.password_hash, u.is_active, u.email_verified
        from users u left join companies c on c.id = u.company_id order by u.email`);
    expect(rows.map((r) => [r.email, r.role, r.company])).toEqual([
      ['admin@huntzen.care', 'ADMIN_HUNTZEN', null],
      ['admin@primesynergy.com', 'SUPER_ADMIN', null],
      ['claire.rousseau@techcorp.com', 'ADMIN_RH', 'techcorp-france'],
      ['dr.sophie.martin@huntzen.care', 'PRACTITIONER', null],
      ['marc.dupont@techcorp.com', 'EMPLOYEE', 'techcorp-france'],
    ]);
    for (const { email, password } of Object.values(SEED_ACCOUNTS)) {
      const row = rows.find((r) => r.email === email)!;
      expect(row.password_hash).toMatch(/^\$2[aby]\$10\$/);
      expect(await bcrypt.compare(password, row.password_hash)).toBe(true);
      expect(row.is_active && row.email_verified).toBe(true);
    }
  });

  it('fills TechCorp France, Dr Sophie Martin, Marc Dupont and the article as the spec does', async () => {
    const admin = await one<{ id: string }>(`select id from users where email = 'admin@huntzen.care'`);
    const company = await one<Record<string, unknown>>(`select * from companies`);
    expect(company).toMatchObject({
      name: 'TechCorp France',
      slug: 'techcorp-france',
      legal_name: 'TechCorp France SAS',
      siret: '12345678900012',
      email_domains: ['@techcorp.com', '@techcorp.fr'],
      sector: 'Technologies',
      size: 'MEDIUM',
      address: '123 Avenue de la Grande Armée',
      postal_code: '75017',
      city: 'Paris',
      country: 'France',
      contact_email: 'rh@techcorp.com',
      contact_phone: '+33 1 23 45 67 89',
      website_url: 'https://techcorp.com',
      auto_approve_employees: false,
      is_active: true,
      validated_by: admin.id,
    });
    expect(company.validated_at).toBeInstanceOf(Date);

    const practitioner = await one<Record<string, unknown>>(`select * from practitioners`);
    expect(practitioner).toMatchObject({
      first_name: 'Sophie',
      last_name: 'Martin',
      title: 'Dr.',
      professional_id: 'ADELI123456789',
      specialty: 'PSYCHOLOGUE_CLINICIEN',
      sub_specialties: ['TCC', 'EMDR', 'Gestion du stress'],
      languages: ['fr', 'en'],
      experience: 12,
      education: 'Master 2 Psychologie Clinique, Université Paris-Descartes',
      diplomas: ['Master 2 Psychologie', 'DU Psychotraumatologie'],
      certifications: ['Praticienne EMDR certifiée', 'Formation TCC'],
      offers_video: true,
      offers_phone: true,
      default_duration: 50,
      is_validated: true,
      validated_by: admin.id,
      documents_verified: true,
      is_active: true,
      is_accepting_new_clients: true,
    });
    const { rows: hours } = await t.db.owner.query(
      `select type, day_of_week, start_time, end_time, slot_duration, is_active from availabilities
       where practitioner_id = $1 order by day_of_week`,
      [practitioner.id],
    );
    expect(hours).toEqual(
      [
        [1, '09:00', '17:00'],
        [2, '09:00', '17:00'],
        [3, '09:00', '12:00'],
        [4, '09:00', '17:00'],
        [5, '09:00', '15:00'],
      ].map(([day_of_week, start_time, end_time]) => ({
        type: 'RECURRING',
        day_of_week,
        start_time,
        end_time,
        slot_duration: 50,
        is_active: true,
      })),
    );

    const employee = await one<Record<string, unknown>>(`select * from employees`);
    expect(employee).toMatchObject({
      company_id: company.id,
      first_name: 'Marc',
      last_name: 'Dupont',
      department: 'Développement',
      position: 'Chef de Projet',
      phone_number: '+33 6 12 34 56 78',
      consent_version: '1.0',
    });
    expect(employee.consent_given_at).toBeInstanceOf(Date);
    expect(employee.onboarding_completed_at).toBeInstanceOf(Date);

    const article = await one<Record<string, unknown>>(`select * from articles`);
    expect(article).toMatchObject({
      slug: 'comment-gerer-stress-travail',
      category: 'STRESS_MANAGEMENT',
      status: 'PUBLISHED',
      author_id: admin.id,
      author_role: 'ADMIN_HUNTZEN',
      author_name: 'Équipe HuntZen',
      tags: ['stress', 'travail', 'bien-être'],
      keywords: ['stress', 'travail', 'gestion', 'bien-être'],
    });
  });
});
