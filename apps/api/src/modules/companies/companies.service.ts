// Companies: HuntZen's admins review sign-ups (validate, or reject with a reason) and browse every
// company; HR changes its own company's settings. Decisions and changes lock the company row, so
// two admins deciding at once, or a settings change racing an employee's sign-up, are serialised.
import type {
  CompanyDetail,
  CompanyList,
  CompanySettings,
  CompanyStatus,
  CompanySummary,
  UpdateCompanySettingsRequestSchema,
} from '@huntzen/contracts';
import { type Company, companies, type Database, type Tx, withActor } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { enqueueEmail, kickEmailSender, mailLanguage } from '../../platform/mail';
import { notify } from '../../platform/notifications';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { canDecide, companyStatus } from './companies.policy';
import * as repo from './companies.repository';
import { companyConflict } from './company-conflicts';
import { assertCompanyDomains } from './public-domains';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | null) => d?.toISOString() ?? null;

type SummaryRow = Awaited<ReturnType<typeof repo.listCompanies>>[number];
type SettingsInput = z.output<typeof UpdateCompanySettingsRequestSchema>;

function toSummary(row: SummaryRow): CompanySummary {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    siret: row.siret,
    emailDomains: row.emailDomains,
    city: row.city,
    size: row.size,
    status: companyStatus(row),
    employeeCount: row.employeeCount,
    createdAt: row.createdAt.toISOString(),
    validatedAt: iso(row.validatedAt),
    rejectedAt: iso(row.rejectedAt),
  };
}

function decodeKey(cursor: string): repo.CompanyKey {
  const key = decodeCursor(cursor);
  if (!UUID.test(key.id) || Number.isNaN(Date.parse(key.t))) {
    throw new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
      errors: [{ path: 'query.cursor', message: 'invalid' }],
    });
  }
  return key;
}

const notFound = () => new AppError('NOT_FOUND', 'No such company.');

function illegal(status: CompanyStatus, action: string): AppError {
  return new AppError(
    'ILLEGAL_TRANSITION',
    `This company is ${status}: only a company waiting for validation can be ${action}.`,
    { currentState: status },
  );
}

/** The settings fields HR may change, and how they are compared. */
const SETTINGS_FIELDS = [
  'primaryColor',
  'secondaryColor',
  'emailDomains',
  'requireEmailVerification',
  'autoApproveEmployees',
  'allowInternalNews',
  'maxEmployees',
] as const satisfies readonly (keyof SettingsInput & keyof Company)[];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Builds the companies service. */
export function createCompaniesService(deps: { db: Database; publicUrl: string }) {
  const { db } = deps;

  async function detail(tx: Tx, id: string): Promise<CompanyDetail> {
    const row = await repo.findCompany(tx, id);
    if (!row) throw notFound();
    const { company } = row;
    const hrAdmins = await repo.hrAdminsOf(tx, id);
    const counts = await repo.employeeCounts(tx, id);
    const validatorEmail = company.validatedBy ? await repo.userEmail(tx, company.validatedBy) : null;
    return {
      ...toSummary(row),
      legalName: company.legalName,
      sector: company.sector,
      address: company.address,
      postalCode: company.postalCode,
      country: company.country,
      contactEmail: company.contactEmail,
      contactPhone: company.contactPhone,
      websiteUrl: company.websiteUrl,
      logoUrl: company.logoUrl,
      primaryColor: company.primaryColor,
      secondaryColor: company.secondaryColor,
      autoApproveEmployees: company.autoApproveEmployees,
      requireEmailVerification: company.requireEmailVerification,
      allowInternalNews: company.allowInternalNews,
      maxEmployees: company.maxEmployees,
      validatedBy:
        company.validatedBy && validatorEmail ? { id: company.validatedBy, email: validatorEmail } : null,
      rejectionReason: company.rejectionReason,
      hrAdmins: hrAdmins.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
      employees: counts,
    };
  }

  async function settings(tx: Tx, companyId: string): Promise<CompanySettings> {
    const row = await repo.findCompany(tx, companyId);
    if (!row) throw notFound();
    const { company } = row;
    return {
      id: company.id,
      name: company.name,
      status: companyStatus(company),
      emailDomains: company.emailDomains,
      primaryColor: company.primaryColor,
      secondaryColor: company.secondaryColor,
      logoUrl: company.logoUrl,
      coverUrl: company.coverUrl,
      requireEmailVerification: company.requireEmailVerification,
      autoApproveEmployees: company.autoApproveEmployees,
      allowInternalNews: company.allowInternalNews,
      maxEmployees: company.maxEmployees,
      employeeCount: row.employeeCount,
    };
  }

  /** The company's HR admins hear of HuntZen's decision in the company's language. */
  async function tellValidated(tx: Tx, company: Company) {
    const language = mailLanguage(company.preferredLanguage);
    const fr = language === 'fr';
    for (const admin of await repo.hrAdminsOf(tx, company.id)) {
      await notify(tx, {
        userId: admin.id,
        type: 'COMPANY_VALIDATED',
        title: fr ? 'Votre entreprise est validée' : 'Your company is validated',
        message: fr
          ? `HuntZen a validé ${company.name} : vos collaborateurs peuvent maintenant s'inscrire.`
          : `HuntZen validated ${company.name}: your colleagues can now sign up.`,
        linkUrl: '/app/company',
        email: {
          to: admin.email,
          template: 'company-validated',
          language,
          data: { companyName: company.name, link: `${deps.publicUrl}/app/company` },
          branding: { companyName: company.name, primaryColor: company.primaryColor },
        },
      });
    }
  }

  async function tellRejected(tx: Tx, company: Company, reason: string) {
    const language = mailLanguage(company.preferredLanguage);
    for (const admin of await repo.hrAdminsOf(tx, company.id)) {
      await enqueueEmail(tx, {
        to: admin.email,
        template: 'company-rejected',
        language,
        data: { companyName: company.name, reason, link: `${deps.publicUrl}/signup/company` },
        priority: 'HIGH',
      });
    }
    await kickEmailSender(tx);
  }

  return {
    /** Companies, filtered and paged; the validation queue is oldest first, anything else newest first. */
    async list(
      actor: RequestActor,
      query: {
        q?: string | undefined;
        status?: CompanyStatus | undefined;
        limit: number;
        cursor?: string | undefined;
      },
    ): Promise<CompanyList> {
      const after = query.cursor ? decodeKey(query.cursor) : null;
      const oldestFirst = query.status === 'PENDING';
      const rows = await withActor(db, actor, (tx) =>
        repo.listCompanies(
          tx,
          { q: query.q || undefined, status: query.status },
          { limit: query.limit + 1, after, oldestFirst },
        ),
      );
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(toSummary),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor({ t: last.sortTime, id: last.id }) : null,
      };
    },

    /** Everything HuntZen's admins see of one company (no health data: counts of accounts only). */
    get(actor: RequestActor, id: string): Promise<CompanyDetail> {
      return withActor(db, actor, (tx) => detail(tx, id));
    },

    /** Validates a waiting company: it goes live, its HR admins are told (in-app and by email). */
    async validate(actor: RequestActor, id: string): Promise<CompanyDetail> {
      return withActor(db, actor, async (tx) => {
        const company = await repo.lockCompany(tx, id);
        if (!company) throw notFound();
        const status = companyStatus(company);
        if (!canDecide(status, 'VALIDATE')) throw illegal(status, 'validated');
        const [updated] = await tx
          .update(companies)
          .set({ isActive: true, validatedAt: new Date(), validatedBy: actor.userId })
          .where(eq(companies.id, id))
          .returning();
        await recordAudit(tx, actor, {
          action: 'VALIDATE',
          resource: 'company',
          resourceId: id,
          companyId: id,
          details: { decision: 'VALIDATED' },
          changesBefore: { isActive: false },
          changesAfter: { isActive: true },
        });
        await tellValidated(tx, updated!);
        return detail(tx, id);
      });
    },

    /** Rejects a waiting company with a reason emailed to its HR admins; its domains are released. */
    async reject(actor: RequestActor, id: string, reason: string): Promise<CompanyDetail> {
      return withActor(db, actor, async (tx) => {
        const company = await repo.lockCompany(tx, id);
        if (!company) throw notFound();
        const status = companyStatus(company);
        if (!canDecide(status, 'REJECT')) throw illegal(status, 'rejected');
        await tx
          .update(companies)
          .set({ rejectedAt: new Date(), rejectionReason: reason })
          .where(eq(companies.id, id));
        await recordAudit(tx, actor, {
          action: 'VALIDATE',
          resource: 'company',
          resourceId: id,
          companyId: id,
          details: { decision: 'REJECTED', reason },
        });
        await tellRejected(tx, company, reason);
        return detail(tx, id);
      });
    },

    /** HR's own company settings. */
    async getSettings(actor: RequestActor): Promise<CompanySettings> {
      if (!actor.companyId) throw notFound();
      return withActor(db, actor, (tx) => settings(tx, actor.companyId!));
    },

    /** Changes HR's own company settings; only the fields sent, audited with before and after. */
    async updateSettings(actor: RequestActor, input: SettingsInput): Promise<CompanySettings> {
      const companyId = actor.companyId;
      if (!companyId) throw notFound();
      if (input.emailDomains) assertCompanyDomains(input.emailDomains, 'body.emailDomains');
      const wanted: SettingsInput = {
        ...input,
        ...(input.emailDomains ? { emailDomains: [...new Set(input.emailDomains)] } : {}),
      };
      try {
        return await withActor(db, actor, async (tx) => {
          const before = await repo.lockCompany(tx, companyId);
          if (!before) throw notFound();
          const changed = SETTINGS_FIELDS.filter(
            (field) => wanted[field] !== undefined && !same(wanted[field], before[field]),
          );
          if (changed.length === 0) return settings(tx, companyId);
          if (changed.includes('maxEmployees') && wanted.maxEmployees != null) {
            // The row lock holds off sign-ups (they lock it too) until this commits.
            const current = await repo.countEmployees(tx, companyId);
            if (wanted.maxEmployees < current) {
              throw new AppError(
                'CONFLICT',
                `The company already has ${current} employee accounts: the limit cannot be lower.`,
                {
                  errors: [{ path: 'body.maxEmployees', message: `at least ${current} (current employees)` }],
                },
              );
            }
          }
          const pick = (source: Record<string, unknown>) =>
            Object.fromEntries(changed.map((field) => [field, source[field] ?? null]));
          await tx
            .update(companies)
            .set(pick(wanted) as Partial<typeof companies.$inferInsert>)
            .where(eq(companies.id, companyId));
          await recordAudit(tx, actor, {
            action: 'UPDATE',
            resource: 'company',
            resourceId: companyId,
            changesBefore: pick(before),
            changesAfter: pick(wanted),
          });
          return settings(tx, companyId);
        });
      } catch (error) {
        throw companyConflict(error, { domains: 'body.emailDomains' }) ?? error;
      }
    },
  };
}

export type CompaniesService = ReturnType<typeof createCompaniesService>;
