// Company registration, employee sign-up and practitioner application. Runs as the SYSTEM actor:
// nobody is signed in yet. An email that already has an account gets the same answer as a new one
// (no enumeration); its owner is told by email instead.

import type {
  CompanySignupRequestSchema,
  EmployeeSignupRequestSchema,
  PractitionerSignupRequestSchema,
  SignupStatus,
} from '@huntzen/contracts';
import {
  type Actor,
  companies,
  type Database,
  employees,
  practitioners,
  SYSTEM_ACTOR,
  type Tx,
  users,
  withActor,
} from '@huntzen/db';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import { assertStrongPassword, hashPassword } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { enqueueEmail, kickEmailSender } from '../../platform/mail';
import { type AccountMailer, sendVerificationLink } from '../auth';
import { assertCompanyDomains, claimedDomains, companyConflict, domainTaken } from '../companies';
import * as repo from './signup.repository';

export interface SignupDeps {
  db: Database;
  bcryptCost: number;
  mailer: AccountMailer;
  publicUrl: string;
}

interface Context {
  ip: string | null;
  userAgent: string | null;
}

/** "TechCorp France" → "techcorp-france". */
export function slugify(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'entreprise'
  );
}

async function uniqueSlug(tx: Tx, name: string) {
  const base = slugify(name);
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    if (!(await repo.slugTaken(tx, slug))) return slug;
  }
}

const conflict = (message: string, path: string, fieldMessage: string) =>
  new AppError('CONFLICT', message, { errors: [{ path, message: fieldMessage }] });

/** Builds the sign-up service. */
export function createSignupService(deps: SignupDeps) {
  const system = (ctx: Context): Actor => ({ ...SYSTEM_ACTOR, ...ctx });

  /** Tells the owner of an existing account that someone tried to sign up with it. */
  async function notifyExistingAccount(tx: Tx, email: string) {
    await enqueueEmail(tx, {
      to: email,
      template: 'generic-notification',
      language: 'fr',
      data: {
        title: 'Vous avez déjà un compte HuntZen',
        message:
          "Quelqu'un (peut-être vous) a tenté de créer un compte avec cette adresse, qui en a déjà un. " +
          'Si vous avez oublié votre mot de passe, vous pouvez le réinitialiser.',
        link: `${deps.publicUrl}/forgot-password`,
        linkLabel: 'Réinitialiser le mot de passe',
      },
    });
    await kickEmailSender(tx);
  }

  /** Tells whoever signed up with an address of no active company's domain (the sign-up answer does not). */
  async function notifyUnknownDomain(tx: Tx, email: string, language: 'fr' | 'en') {
    const domain = email.split('@')[1] ?? '';
    await enqueueEmail(tx, {
      to: email,
      template: 'generic-notification',
      language,
      data:
        language === 'en'
          ? {
              title: 'No HuntZen company uses this address',
              message:
                `Someone (maybe you) tried to create a HuntZen account with this address, but no company ` +
                `on HuntZen uses the domain ${domain}. Sign up with your work e-mail address, or ask your ` +
                'HR team whether your company has joined HuntZen.',
              link: `${deps.publicUrl}/signup`,
              linkLabel: 'Sign up again',
            }
          : {
              title: "Aucune entreprise HuntZen n'utilise cette adresse",
              message:
                "Quelqu'un (peut-être vous) a tenté de créer un compte HuntZen avec cette adresse, mais " +
                `aucune entreprise inscrite sur HuntZen n'utilise le domaine ${domain}. Inscrivez-vous avec ` +
                'votre adresse professionnelle, ou demandez à votre équipe RH si votre entreprise a rejoint HuntZen.',
              link: `${deps.publicUrl}/signup`,
              linkLabel: "S'inscrire à nouveau",
            },
    });
    await kickEmailSender(tx);
  }

  return {
    /** A company (inactive until HuntZen validates it) and its first HR admin. */
    async registerCompany(
      input: z.infer<typeof CompanySignupRequestSchema>,
      ctx: Context,
    ): Promise<SignupStatus> {
      assertCompanyDomains(input.company.emailDomains, 'body.company.emailDomains');
      assertStrongPassword(input.admin.password, input.admin.email, 'body.admin.password');
      const passwordHash = await hashPassword(input.admin.password, deps.bcryptCost);
      // One company per domain is the database's rule (migration 0008): the check below words the
      // common case; a concurrent claim, SIRET or slug is refused by the database and mapped here.
      const refused = (error: unknown): never => {
        throw (
          companyConflict(error, { domains: 'body.company.emailDomains', siret: 'body.company.siret' }) ??
          error
        );
      };
      return withActor<SignupStatus>(deps.db, system(ctx), async (tx) => {
        const domains = [...new Set(input.company.emailDomains)];
        const claimed = await claimedDomains(tx, domains);
        if (claimed.length) throw domainTaken(claimed, 'body.company.emailDomains');
        if (input.company.siret && (await repo.siretTaken(tx, input.company.siret))) {
          throw conflict('This SIRET is already registered.', 'body.company.siret', 'already registered');
        }
        if (await repo.emailTaken(tx, input.admin.email)) {
          await notifyExistingAccount(tx, input.admin.email);
          return { status: 'VERIFY_EMAIL' };
        }
        const [company] = await tx
          .insert(companies)
          .values({
            ...input.company,
            emailDomains: domains,
            slug: await uniqueSlug(tx, input.company.name),
            contactEmail: input.admin.email,
            preferredLanguage: input.admin.preferredLanguage,
            isActive: false,
          })
          .returning();
        const [admin] = await tx
          .insert(users)
          .values({
            email: input.admin.email,
            passwordHash,
            displayName: input.admin.displayName ?? null,
            role: 'ADMIN_RH',
            companyId: company!.id,
            approvedAt: new Date(),
          })
          .returning();
        await sendVerificationLink(tx, deps.mailer, admin!.id, input.admin.preferredLanguage);
        await recordAudit(tx, system(ctx), {
          action: 'CREATE',
          resource: 'company',
          resourceId: company!.id,
          companyId: company!.id,
          details: { via: 'signup' },
        });
        return { status: 'VERIFY_EMAIL' };
      }).catch(refused);
    },

    /** An employee of an active company, by the email domain. */
    async signUpEmployee(
      input: z.infer<typeof EmployeeSignupRequestSchema>,
      ctx: Context,
    ): Promise<SignupStatus> {
      assertStrongPassword(input.password, input.email, 'body.password');
      const passwordHash = await hashPassword(input.password, deps.bcryptCost);
      const domain = `@${input.email.split('@')[1]}`;
      return withActor(deps.db, system(ctx), async (tx) => {
        const company = await repo.findActiveCompanyByDomainForUpdate(tx, domain);
        if (!company) {
          // Answered like a company's domain (whose accounts verify their address), so the answer
          // never tells which companies use HuntZen; the address's owner learns it by email.
          await notifyUnknownDomain(tx, input.email, input.preferredLanguage);
          return { status: 'VERIFY_EMAIL' };
        }
        if (await repo.emailTaken(tx, input.email)) {
          await notifyExistingAccount(tx, input.email);
          return { status: company.requireEmailVerification ? 'VERIFY_EMAIL' : 'PENDING_APPROVAL' };
        }
        if (
          company.maxEmployees != null &&
          (await repo.countEmployees(tx, company.id)) >= company.maxEmployees
        ) {
          throw new AppError('CONFLICT', 'Your company has no seat left on HuntZen: contact your HR team.');
        }
        const approved = company.autoApproveEmployees;
        const verified = !company.requireEmailVerification;
        const [user] = await tx
          .insert(users)
          .values({
            email: input.email,
            passwordHash,
            role: 'EMPLOYEE',
            companyId: company.id,
            isActive: approved,
            approvedAt: approved ? new Date() : null,
            emailVerified: verified,
            emailVerifiedAt: verified ? new Date() : null,
          })
          .returning();
        const [employee] = await tx
          .insert(employees)
          .values({
            userId: user!.id,
            companyId: company.id,
            firstName: input.firstName,
            lastName: input.lastName,
            preferredLanguage: input.preferredLanguage,
          })
          .returning();
        await recordAudit(tx, system(ctx), {
          action: 'CREATE',
          resource: 'employee',
          resourceId: employee!.id,
          companyId: company.id,
          details: { via: 'signup' },
        });
        if (!verified) {
          await sendVerificationLink(tx, deps.mailer, user!.id);
          return { status: 'VERIFY_EMAIL' };
        }
        return { status: approved ? 'ACTIVE' : 'PENDING_APPROVAL' };
      });
    },

    /** A practitioner's application: not listed until HuntZen validates it. */
    async applyAsPractitioner(
      input: z.infer<typeof PractitionerSignupRequestSchema>,
      ctx: Context,
    ): Promise<SignupStatus> {
      assertStrongPassword(input.password, input.email, 'body.password');
      const passwordHash = await hashPassword(input.password, deps.bcryptCost);
      return withActor(deps.db, system(ctx), async (tx) => {
        if (input.professionalId && (await repo.professionalIdTaken(tx, input.professionalId))) {
          throw conflict(
            'This professional number is already registered.',
            'body.professionalId',
            'already registered',
          );
        }
        if (await repo.emailTaken(tx, input.email)) {
          await notifyExistingAccount(tx, input.email);
          return { status: 'VERIFY_EMAIL' };
        }
        const [user] = await tx
          .insert(users)
          .values({ email: input.email, passwordHash, role: 'PRACTITIONER', approvedAt: new Date() })
          .returning();
        const { email: _e, password: _p, preferredLanguage, ...profile } = input;
        const [practitioner] = await tx
          .insert(practitioners)
          .values({ ...profile, preferredLanguage, userId: user!.id, isValidated: false })
          .returning();
        await recordAudit(tx, system(ctx), {
          action: 'CREATE',
          resource: 'practitioner',
          resourceId: practitioner!.id,
          details: { via: 'application' },
        });
        await sendVerificationLink(tx, deps.mailer, user!.id, preferredLanguage);
        return { status: 'VERIFY_EMAIL' };
      });
    },
  };
}
