// Realistic demo data in volume (`npm run db:demo`): companies, HR admins, employees, practitioners
// with their weekly hours, a year of consultations and a month ahead, their events, encrypted chat
// messages, clinical notes and journal entries, reviews, and the counters refreshed. Rows are
// streamed with COPY in chunks, in one transaction through the owner pool: all or nothing, flat
// memory. Overlapping consultations are impossible by construction (see demo/schedule.ts).
import { randomInt } from 'node:crypto';
import { base, en, Faker, fr } from '@faker-js/faker';
import type { FieldCipher } from '@huntzen/crypto';
import bcrypt from 'bcrypt';
import type pg from 'pg';
import type { Database } from './client';
import type { DemoContext, TakenValues } from './demo/context';
import { copyLines } from './demo/copy';
import { JOURNAL_COLUMNS, journalLines } from './demo/journal';
import { loadConsultations } from './demo/load-consultations';
import {
  buildCompanies,
  buildEmployees,
  COMPANY_COLUMNS,
  EMPLOYEE_COLUMNS,
  USER_COLUMNS,
} from './demo/organisations';
import {
  AVAILABILITY_COLUMNS,
  buildPractitioners,
  PRACTITIONER_COLUMNS,
  PRACTITIONER_DOMAIN,
} from './demo/practitioners';
import { Random } from './demo/random';

// Advisory lock keys in use: 4_242_001 migrations, 4_242_002 jobs schema, 4_242_003 seed-on-start,
// 4_242_010 seed, 4_242_011 demo.
const DEMO_LOCK_KEY = 4_242_011;

/** The password of every demo account (printed by `npm run db:demo`). */
export const DEMO_PASSWORD = 'HuntZenDemo2025!';

export const DEMO_TABLES = [
  'companies',
  'users',
  'employees',
  'practitioners',
  'availabilities',
  'journal_entries',
  'consultations',
  'consultation_events',
  'messages',
  'clinical_notes',
  'practitioner_reviews',
] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

export interface DemoOptions {
  companies: number;
  employees: number;
  practitioners: number;
  consultations: number;
  /** Seed of the random generators (names, times, proportions); random when omitted. */
  seed?: number | undefined;
  /** Encrypts messages, clinical notes and journal entries: the application's master key. */
  cipher: FieldCipher;
  /** The present of the generated history (defaults to now). */
  now?: Date | undefined;
  /** Consultations per COPY round (default 50 000). */
  chunkSize?: number | undefined;
}

/** Rows written so far to `table`; `total` is exact for planned tables, an estimate for the others. */
export interface DemoProgress {
  table: DemoTable;
  done: number;
  total: number;
}

export interface DemoSummary {
  seed: number;
  password: string;
  /** Rows this run inserted, per table. */
  inserted: Record<DemoTable, number>;
  /** Rows in the database afterwards, per table and materialized view. */
  totals: Record<string, number>;
}

const COUNTED = [...DEMO_TABLES, 'articles', 'employee_usage_stats', 'practitioner_billing_stats'] as const;

function validate(options: DemoOptions): void {
  for (const key of ['companies', 'employees', 'practitioners', 'consultations'] as const) {
    const value = options[key];
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${key} must be a whole number ≥ 0`);
  }
  if (options.employees > 0 && options.companies === 0) throw new Error('employees need a company');
  if (options.consultations > 0 && (options.employees === 0 || options.practitioners === 0)) {
    throw new Error('consultations need at least one employee and one practitioner');
  }
}

/** Existing unique values (the seed's, an earlier demo's) that this run must not reuse. */
async function takenValues(client: pg.PoolClient): Promise<TakenValues> {
  const column = async (sql: string) =>
    new Set((await client.query<{ v: string }>(sql)).rows.map((r) => r.v.toLowerCase()));
  return {
    slugs: await column('select slug as v from companies'),
    sirets: await column('select siret as v from companies where siret is not null'),
    domains: await column(`select distinct ltrim(d, '@') as v from companies, unnest(email_domains) d`),
    // Other demo addresses are on the new companies' own (unique) domains.
    emails: await column(`select email as v from users where email like '%@${PRACTITIONER_DOMAIN}'`),
    professionalIds: await column(
      'select professional_id as v from practitioners where professional_id is not null',
    ),
  };
}

/** Generates demo data of the requested size. Refused in production. */
export async function generateDemoData(
  db: Database,
  options: DemoOptions,
  onProgress: (progress: DemoProgress) => void = () => {},
): Promise<DemoSummary> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('refusing to generate demo data when NODE_ENV=production');
  }
  validate(options);
  const seed = options.seed ?? randomInt(1, 2 ** 31 - 1);
  const random = new Random(seed);
  const faker = new Faker({ locale: [fr, en, base] });
  faker.seed(seed);
  const now = options.now?.getTime() ?? Date.now();
  const windowStart = new Date(now);
  windowStart.setUTCMonth(windowStart.getUTCMonth() - 12);
  const windowEnd = new Date(now);
  windowEnd.setUTCMonth(windowEnd.getUTCMonth() + 1);
  const inserted = Object.fromEntries(DEMO_TABLES.map((t) => [t, 0])) as Record<DemoTable, number>;
  // Hashing each account's password would take minutes: one hash serves them all.
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);

  const client = await db.owner.connect();
  // A dropped connection (server stopped by Ctrl-C) also fails the running query, which reports it;
  // without a listener, the client's 'error' event would crash the process first.
  const ignore = () => {};
  client.on('error', ignore);
  try {
    await client.query('begin');
    // Two demo runs at once would claim the same slugs and e-mails: one at a time.
    await client.query('select pg_advisory_xact_lock($1)', [DEMO_LOCK_KEY]);
    const taken = await takenValues(client);
    const admin = await client.query<{ id: string }>(
      `select id from users where role in ('ADMIN_HUNTZEN', 'SUPER_ADMIN') and is_active
       order by role desc, created_at limit 1`,
    );
    const ctx: DemoContext = {
      random,
      faker,
      now,
      windowStart: windowStart.getTime(),
      windowEnd: windowEnd.getTime(),
      passwordHash,
      adminId: admin.rows[0]?.id ?? null,
      cipher: options.cipher,
    };
    const planned: Partial<Record<DemoTable, number>> = {
      companies: options.companies,
      users: options.companies + options.employees + options.practitioners,
      employees: options.employees,
      practitioners: options.practitioners,
      consultations: options.consultations,
    };
    const copy = async (
      table: DemoTable,
      columns: readonly string[],
      rows: Iterable<string | Buffer>,
      estimate?: number,
    ) => {
      const count = await copyLines(client, table, columns, rows);
      inserted[table] += count;
      const total = planned[table] ?? estimate ?? inserted[table];
      onProgress({ table, done: inserted[table], total });
      return count;
    };

    const org = buildCompanies(ctx, options.companies, options.employees, taken);
    await copy('companies', COMPANY_COLUMNS, org.companyLines);
    await copy('users', USER_COLUMNS, org.userLines);
    const staff = buildEmployees(ctx, org.companies, taken);
    await copy('users', USER_COLUMNS, staff.userLines);
    await copy('employees', EMPLOYEE_COLUMNS, staff.employeeLines);
    const care = buildPractitioners(ctx, options.practitioners, taken);
    await copy('users', USER_COLUMNS, care.userLines);
    await copy('practitioners', PRACTITIONER_COLUMNS, care.practitionerLines);
    planned.availabilities = care.availabilityLines.length;
    await copy('availabilities', AVAILABILITY_COLUMNS, care.availabilityLines);
    await copy('journal_entries', JOURNAL_COLUMNS, journalLines(ctx, staff.employees));

    if (options.consultations > 0) {
      await loadConsultations({
        ctx,
        employees: staff.employees,
        practitioners: care.practitioners,
        total: options.consultations,
        chunkSize: options.chunkSize ?? 50_000,
        copy,
      });
    }

    // Counters as the application keeps them: completed sessions, published reviews only.
    await client.query(
      `update practitioners p set
         total_consultations = s.completed, review_count = s.reviews, average_rating = s.rating
       from (
         select p2.id,
           (select count(*) from consultations c
             where c.practitioner_id = p2.id and c.status = 'COMPLETED')::int as completed,
           (select count(*) from practitioner_reviews r
             where r.practitioner_id = p2.id and r.is_published)::int as reviews,
           (select round(avg(r.rating)::numeric, 2)::float8 from practitioner_reviews r
             where r.practitioner_id = p2.id and r.is_published) as rating
         from practitioners p2 where p2.id = any($1::uuid[])
       ) s
       where p.id = s.id`,
      [care.practitioners.map((p) => p.id)],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.off('error', ignore);
    client.release();
  }

  await db.owner.query(`analyze ${DEMO_TABLES.join(', ')}`);
  await db.owner.query('select refresh_employee_stats()');
  await db.owner.query('select refresh_practitioner_stats()');
  const totals: Record<string, number> = {};
  for (const table of COUNTED) {
    const { rows } = await db.owner.query<{ n: string }>(`select count(*) as n from ${table}`);
    totals[table] = Number(rows[0]!.n);
  }
  return { seed, password: DEMO_PASSWORD, inserted, totals };
}
