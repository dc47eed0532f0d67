// Companies: HuntZen's admins review sign-ups (validate, or reject with a reason) and browse every
// company; HR changes its own company's settings. Decisions and changes lock the company row, so
// two admins deciding at once, or a settings change racing an employee's sign-up, are serialised.
import { createHash, randomBytes } from 'node:crypto';
import {
  type CompanyDetail,
  type CompanyDomain,
  type CompanyList,
  type CompanySettings,
  type CompanyStatus,
  type CompanySummary,
  DOMAIN_VERIFICATION_LINK_HOURS,
  type DomainVerified,
  type RequestDomainVerificationSchema,
  type UpdateCompanySettingsRequestSchema,
} from '@huntzen/contracts';
import {
  type Actor,
  type Company,
  companies,
  type Database,
  SYSTEM_ACTOR,
  type Tx,
  withActor,
} from '@huntzen/db';
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
import * as domainsRepo from './domains.repository';
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

/** SHA-256 of a link's token: what the database keeps. */
const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const invalidLink = () => new AppError('TOKEN_INVALID', 'This link is invalid, already used or expired.');
const noSuchDomain = (path: string) =>
  new AppError('NOT_FOUND', 'This domain is not one of the company’s email domains.', {
    errors: [{ path, message: 'not a domain of the company' }],
  });
const alreadyVerified = () =>
  new AppError('ILLEGAL_TRANSITION', 'This domain is already verified.', { currentState: 'VERIFIED' });

/** The company's domains as the API shows them. */
async function domainsOf(tx: Tx, companyId: string): Promise<CompanyDomain[]> {
  const rows = await domainsRepo.companyDomains(tx, companyId);
  return rows.map((row) => ({
    domain: row.domain,
    state: row.verifiedAt ? 'VERIFIED' : 'PENDING',
    verifiedAt: iso(row.verifiedAt),
    verificationMethod: row.verificationMethod,
    linkSentTo: row.verifiedAt ? null : (row.link?.email ?? null),
    linkSentAt: row.verifiedAt ? null : iso(row.link?.createdAt ?? null),
  }));
}

/** Builds the companies service. */
export function createCompaniesService(deps: { db: Database; publicUrl: string }) {
  const { db } = deps;
  const system = (ctx: { ip: string | null; userAgent: string | null }): Actor => ({
    ...SYSTEM_ACTOR,
    ...ctx,
  });

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
      domains: await domainsOf(tx, id),
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
      domains: await domainsOf(tx, companyId),
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

    /**
     * HR: emails a single-use link to `email`, an address at the pending `domain` chosen by HR; the
     * domain is verified when someone opens it. Replaces the domain's earlier unused links.
     */
    async requestDomainVerification(
      actor: RequestActor,
      input: z.output<typeof RequestDomainVerificationSchema>,
    ): Promise<CompanySettings> {
      const companyId = actor.companyId;
      if (!companyId) throw notFound();
      const { domain, email } = input;
      if (email.slice(email.lastIndexOf('@')) !== domain) {
        throw new AppError('VALIDATION_FAILED', 'The address must be at the domain to verify.', {
          errors: [{ path: 'body.email', message: `an address ending in ${domain}` }],
        });
      }
      const token = randomBytes(32).toString('base64url');
      const company = await withActor(db, actor, async (tx) => {
        if (!(await repo.lockCompany(tx, companyId))) throw notFound();
        const row = await domainsRepo.findCompanyDomain(tx, companyId, domain);
        if (!row) throw noSuchDomain('body.domain');
        if (row.verifiedAt) throw alreadyVerified();
        await domainsRepo.createVerificationLink(tx, {
          companyId,
          domain,
          email,
          tokenHash: digest(token),
          requestedBy: actor.userId,
          ttlHours: DOMAIN_VERIFICATION_LINK_HOURS,
        });
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'company',
          resourceId: companyId,
          companyId,
          details: { domainVerification: 'REQUESTED', domain },
        });
        return (await domainsRepo.companyForMail(tx, companyId))!;
      });
      // The address is nobody's account yet: only the system may e-mail it (enqueue_email). Should
      // this fail, the link exists unsent and HR simply asks again (which replaces it).
      await withActor(db, SYSTEM_ACTOR, async (tx) => {
        await enqueueEmail(tx, {
          to: email,
          template: 'company-domain-verification',
          language: mailLanguage(company.preferredLanguage),
          data: {
            companyName: company.name,
            domain,
            link: `${deps.publicUrl}/verify-domain?token=${encodeURIComponent(token)}`,
          },
          priority: 'HIGH',
        });
        await kickEmailSender(tx);
      });
      return withActor(db, actor, (tx) => settings(tx, companyId));
    },

    /** Anyone holding a link (signed out): verifies its domain and tells the company's HR. */
    async confirmDomainVerification(
      token: string,
      ctx: { ip: string | null; userAgent: string | null },
    ): Promise<DomainVerified> {
      return withActor(db, system(ctx), async (tx) => {
        const link = await domainsRepo.consumeVerificationLink(tx, digest(token));
        if (!link) throw invalidLink();
        const verified = await domainsRepo.markDomainVerified(tx, {
          companyId: link.companyId,
          domain: link.domain,
          method: 'EMAIL_LINK',
          by: null,
        });
        const company = (await domainsRepo.companyForMail(tx, link.companyId))!;
        if (verified) {
          await recordAudit(tx, system(ctx), {
            action: 'VALIDATE',
            resource: 'company',
            resourceId: link.companyId,
            companyId: link.companyId,
            details: { domainVerification: 'EMAIL_LINK', domain: link.domain },
          });
          const fr = mailLanguage(company.preferredLanguage) === 'fr';
          for (const admin of await repo.hrAdminsOf(tx, link.companyId)) {
            await notify(tx, {
              userId: admin.id,
              type: 'SYSTEM',
              title: fr ? 'Domaine vérifié' : 'Domain verified',
              message: fr
                ? `Le domaine ${link.domain} est vérifié : ses adresses peuvent rejoindre ${company.name}.`
                : `The domain ${link.domain} is verified: its addresses can join ${company.name}.`,
              linkUrl: '/app/company',
            });
          }
        }
        return { domain: link.domain, companyName: company.name };
      });
    },

    /** HuntZen's admins vouch for a pending domain of a company (e.g. after checking by phone). */
    async verifyDomainAsAdmin(actor: RequestActor, id: string, domain: string): Promise<CompanyDetail> {
      return withActor(db, actor, async (tx) => {
        const company = await repo.lockCompany(tx, id);
        if (!company) throw notFound();
        const row = await domainsRepo.findCompanyDomain(tx, id, domain);
        if (!row) throw noSuchDomain('body.domain');
        if (row.verifiedAt) throw alreadyVerified();
        await domainsRepo.markDomainVerified(tx, {
          companyId: id,
          domain,
          method: 'ADMIN',
          by: actor.userId,
        });
        await recordAudit(tx, actor, {
          action: 'VALIDATE',
          resource: 'company',
          resourceId: id,
          companyId: id,
          details: { domainVerification: 'ADMIN', domain },
        });
        return detail(tx, id);
      });
    },
  };
}

export type CompaniesService = ReturnType<typeof createCompaniesService>;
