// Demo companies, their HR admins, and their employees (with the employees' user accounts).
import { randomUUID } from 'node:crypto';
import type { CompanySize } from '../schema/enums';
import { between, type DemoContext, type TakenValues } from './context';
import { copyRow, ts } from './copy';
import { claimEmail, claimUnique, randomSiret, slugify } from './identity';
import { DAY, HOUR } from './schedule';
import {
  BRAND_COLORS,
  DEPARTMENT_WEIGHTS,
  DEPARTMENTS,
  EMPLOYEE_BIOS,
  EMPLOYEE_TIMEZONES,
  LEGAL_FORMS,
  SECTORS,
} from './vocabulary';

export const USER_COLUMNS = [
  'id',
  'email',
  'password_hash',
  'role',
  'is_active',
  'email_verified',
  'email_verified_at',
  'company_id',
  'created_at',
  'updated_at',
  'last_login_at',
] as const;

export const COMPANY_COLUMNS = [
  'id',
  'name',
  'slug',
  'legal_name',
  'siret',
  'email_domains',
  'sector',
  'size',
  'address',
  'postal_code',
  'city',
  'country',
  'primary_color',
  'secondary_color',
  'contact_email',
  'contact_phone',
  'website_url',
  'auto_approve_employees',
  'require_email_verification',
  'allow_internal_news',
  'max_employees',
  'is_active',
  'validated_at',
  'validated_by',
  'billing_email',
  'billing_address',
  'created_at',
  'updated_at',
] as const;

export const EMPLOYEE_COLUMNS = [
  'id',
  'user_id',
  'company_id',
  'first_name',
  'last_name',
  'department',
  'position',
  'phone_number',
  'bio',
  'location',
  'birth_date',
  'onboarding_completed_at',
  'consent_given_at',
  'consent_version',
  'preferred_language',
  'timezone',
  'created_at',
  'updated_at',
] as const;

export interface DemoCompany {
  id: string;
  domain: string;
  createdAt: number;
  active: boolean;
  employeeCount: number;
}

export interface DemoEmployee {
  id: string;
  userId: string;
  companyId: string;
  createdAt: number;
  /** In the pool of employees who book consultations (consented, onboarded). */
  consults: boolean;
}

/** A user row (the demo password for everyone). */
function userLine(
  ctx: DemoContext,
  user: { id: string; email: string; role: string; companyId: string | null; createdAt: number },
  verified = true,
): string {
  const lastLogin = verified ? between(ctx, Math.max(user.createdAt, ctx.now - 30 * DAY), ctx.now) : null;
  return copyRow([
    user.id,
    user.email,
    ctx.passwordHash,
    user.role,
    true,
    verified,
    verified ? ts(user.createdAt + HOUR) : null,
    user.companyId,
    ts(user.createdAt),
    ts(lastLogin ?? user.createdAt),
    ts(lastLogin),
  ]);
}

/** Splits `total` among `weights` proportionally (largest remainder), at least one each if possible. */
function allocate(total: number, weights: number[]): number[] {
  const floor = total >= weights.length ? 1 : 0;
  const rest = total - floor * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const counts = exact.map((x) => floor + Math.floor(x));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (missing-- <= 0) break;
    counts[i]! += 1;
  }
  return counts;
}

function sizeOf(headcount: number): CompanySize {
  if (headcount <= 50) return 'SMALL';
  if (headcount <= 250) return 'MEDIUM';
  if (headcount <= 1000) return 'LARGE';
  return 'ENTERPRISE';
}

/** `count` companies (about 15% still pending validation) with one ADMIN_RH each. */
export function buildCompanies(ctx: DemoContext, count: number, employeeTotal: number, taken: TakenValues) {
  const { random, faker } = ctx;
  const pending = Math.floor(count * 0.15);
  const active = count - pending;
  // A few large tenants and many small ones, as in real life.
  const weights = random.shuffle(Array.from({ length: active }, (_, rank) => 1 / (rank + 1) ** 0.8));
  const staff = allocate(employeeTotal, weights);
  const companies: DemoCompany[] = [];
  const companyLines: string[] = [];
  const userLines: string[] = [];
  for (let i = 0; i < count; i++) {
    const isActive = i < active;
    const employeeCount = isActive ? staff[i]! : 0;
    const name = faker.company.name();
    const slug = claimUnique(taken.slugs, slugify(name) || 'entreprise');
    const domain = claimUnique(taken.domains, `${slug}.example`, (base, n) => base.replace('.', `${n}.`));
    let siret = randomSiret(random);
    while (taken.sirets.has(siret)) siret = randomSiret(random);
    taken.sirets.add(siret);
    const createdAt = isActive
      ? ctx.now - random.int(420, 900) * DAY - random.int(0, 86_399) * 1000
      : ctx.now - random.int(1, 45) * DAY - random.int(0, 86_399) * 1000;
    const validatedAt = isActive ? createdAt + random.int(1, 10) * DAY + random.int(0, 3600) * 1000 : null;
    // Not everyone in the company has signed up: the headcount is larger than the demo staff.
    const headcount = Math.max(employeeCount, Math.ceil(employeeCount / (0.4 + random.next() * 0.5)) || 10);
    const [primary, secondary] = random.pick(BRAND_COLORS);
    const city = faker.location.city();
    const address = faker.location.streetAddress();
    const postalCode = faker.location.zipCode();
    const id = randomUUID();
    companies.push({ id, domain, createdAt, active: isActive, employeeCount });
    companyLines.push(
      copyRow([
        id,
        name,
        slug,
        `${name} ${random.pick(LEGAL_FORMS)}`,
        siret,
        [`@${domain}`],
        random.pick(SECTORS),
        sizeOf(headcount),
        address,
        postalCode,
        city,
        'France',
        primary,
        secondary,
        `rh@${domain}`,
        faker.phone.number({ style: 'international' }),
        `https://www.${domain}`,
        random.chance(0.4),
        random.chance(0.9),
        random.chance(0.85),
        random.chance(0.5) ? Math.ceil((headcount * 1.2) / 10) * 10 : null,
        isActive,
        ts(validatedAt),
        isActive ? ctx.adminId : null,
        `facturation@${domain}`,
        `${address}, ${postalCode} ${city}`,
        ts(createdAt),
        ts(validatedAt ?? createdAt),
      ]),
    );
    const hrEmail = claimEmail(taken.emails, faker.person.firstName(), faker.person.lastName(), domain);
    userLines.push(
      userLine(ctx, { id: randomUUID(), email: hrEmail, role: 'ADMIN_RH', companyId: id, createdAt }),
    );
  }
  return { companies, companyLines, userLines };
}

/** The employees of the active companies, with their EMPLOYEE user accounts. */
export function buildEmployees(ctx: DemoContext, companies: readonly DemoCompany[], taken: TakenValues) {
  const { random, faker } = ctx;
  const employees: DemoEmployee[] = [];
  const userLines: string[] = [];
  const employeeLines: string[] = [];
  // Everyone who books joined before the consultation period (bookings start a month ahead).
  const consultersJoinBy = ctx.windowStart - 45 * DAY;
  for (const company of companies) {
    for (let n = 0; n < company.employeeCount; n++) {
      // At least one employee books, so any number of consultations has someone to book them.
      const consults = employees.length === 0 || random.chance(0.8);
      const joinFrom = company.createdAt + 7 * DAY;
      const createdAt = consults
        ? between(ctx, joinFrom, Math.max(joinFrom + DAY, consultersJoinBy))
        : between(ctx, joinFrom, ctx.now - DAY);
      // Those who book have consented and onboarded; the others are at every earlier step.
      const stage = consults
        ? 2
        : random.weighted([
            [2, 5],
            [1, 3],
            [0, 2],
          ] as const);
      const verified = stage > 0 || random.chance(0.5);
      const sex = random.chance(0.5) ? 'female' : 'male';
      const firstName = faker.person.firstName(sex);
      const lastName = faker.person.lastName();
      const department = random.weighted(DEPARTMENT_WEIGHTS);
      const timezone = random.weighted(EMPLOYEE_TIMEZONES);
      const abroad = !timezone.startsWith('Europe/Paris');
      const id = randomUUID();
      const userId = randomUUID();
      const email = claimEmail(taken.emails, firstName, lastName, company.domain);
      const onboardedAt = stage >= 1 ? createdAt + random.int(5, 600) * 60_000 : null;
      const consentAt = stage >= 2 ? (onboardedAt ?? createdAt) + random.int(1, 60) * 60_000 : null;
      employees.push({ id, userId, companyId: company.id, createdAt, consults });
      userLines.push(
        userLine(ctx, { id: userId, email, role: 'EMPLOYEE', companyId: company.id, createdAt }, verified),
      );
      employeeLines.push(
        copyRow([
          id,
          userId,
          company.id,
          firstName,
          lastName,
          department,
          random.pick(DEPARTMENTS[department]!),
          random.chance(0.7) ? faker.phone.number({ style: 'international' }) : null,
          random.chance(0.3) ? random.pick(EMPLOYEE_BIOS) : null,
          random.chance(0.6) ? faker.location.city() : null,
          random.chance(0.5)
            ? ts(Date.UTC(random.int(1962, 2003), random.int(0, 11), random.int(1, 28)))
            : null,
          ts(onboardedAt),
          ts(consentAt),
          consentAt ? '1.0' : null,
          abroad && random.chance(0.7) ? 'en' : random.chance(0.08) ? 'en' : 'fr',
          timezone,
          ts(createdAt),
          ts(consentAt ?? onboardedAt ?? createdAt),
        ]),
      );
    }
  }
  return { employees, userLines, employeeLines };
}
