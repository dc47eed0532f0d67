// /api/v1/companies (HuntZen's admins: the validation queue, every company, decisions) and
// /api/v1/me/company (HR: its own company's settings). Registered under /api/v1.
import {
  AdminVerifyDomainSchema,
  CompanyDetailSchema,
  CompanyListQuerySchema,
  CompanyListSchema,
  CompanySettingsSchema,
  ConfirmDomainVerificationSchema,
  DomainVerifiedSchema,
  HUNTZEN_ADMINS,
  RejectCompanyRequestSchema,
  RequestDomainVerificationSchema,
  UpdateCompanySettingsRequestSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../platform/auth';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import type { CompaniesService } from './companies.service';

const HUNTZEN = { access: HUNTZEN_ADMINS };
const HR = { access: ['ADMIN_RH'] } as const;
const Params = z.object({ id: z.uuid() });

/** The companies routes. */
export function companiesRoutes(service: CompaniesService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['companies'];
    app.get(
      '/companies',
      {
        config: HUNTZEN,
        schema: {
          tags,
          summary: 'Companies, filtered by status and searched',
          description:
            '`status=PENDING` is the validation queue, oldest first; otherwise newest first. `q` matches ' +
            'the name or slug (case and accents ignored), the SIRET or an email domain.',
          querystring: PageQuerySchema.extend(CompanyListQuerySchema.shape),
          response: { 200: CompanyListSchema, 400: problemResponse('Invalid filter or cursor') },
        },
      },
      async (request) => service.list(request.user!, request.query),
    );
    app.get(
      '/companies/:id',
      {
        config: HUNTZEN,
        schema: {
          tags,
          summary: 'One company, with its HR admins and its number of employee accounts',
          params: Params,
          response: { 200: CompanyDetailSchema, 404: problemResponse('No such company') },
        },
      },
      async (request) => service.get(request.user!, request.params.id),
    );
    app.post(
      '/companies/:id/validate',
      {
        config: HUNTZEN,
        schema: {
          tags,
          summary: 'Validate a company waiting for validation',
          description: 'Its HR admins get a COMPANY_VALIDATED notification and an email.',
          params: Params,
          response: {
            200: CompanyDetailSchema,
            404: problemResponse('No such company'),
            409: problemResponse('ILLEGAL_TRANSITION: the company is not waiting (see `currentState`)'),
          },
        },
      },
      async (request) => service.validate(request.user!, request.params.id),
    );
    app.post(
      '/companies/:id/reject',
      {
        config: HUNTZEN,
        schema: {
          tags,
          summary: 'Reject a company waiting for validation, with a reason',
          description:
            'The reason is emailed to its HR admins; the company leaves the queue and its email ' +
            'domains are released.',
          params: Params,
          body: RejectCompanyRequestSchema,
          response: {
            200: CompanyDetailSchema,
            400: problemResponse('Missing or too short reason'),
            404: problemResponse('No such company'),
            409: problemResponse('ILLEGAL_TRANSITION: the company is not waiting (see `currentState`)'),
          },
        },
      },
      async (request) => service.reject(request.user!, request.params.id, request.body.reason),
    );
    app.post(
      '/companies/:id/domains/verify',
      {
        config: HUNTZEN,
        schema: {
          tags,
          summary: "Validate a company's pending email domain (proof of control checked by HuntZen)",
          description: 'Employee sign-ups match verified domains only.',
          params: Params,
          body: AdminVerifyDomainSchema,
          response: {
            200: CompanyDetailSchema,
            400: problemResponse('Invalid domain'),
            404: problemResponse('No such company, or not one of its domains'),
            409: problemResponse('ILLEGAL_TRANSITION: already verified'),
          },
        },
      },
      async (request) => service.verifyDomainAsAdmin(request.user!, request.params.id, request.body.domain),
    );
    app.post(
      '/me/company/domains/verification',
      {
        config: HR,
        schema: {
          tags,
          summary: 'Email a link proving control of a pending domain to an address at that domain',
          description:
            'A domain added after the company was validated stays PENDING (no sign-up matches it) until ' +
            'someone opens the link sent to `email` (an address at `domain`, chosen by HR; valid 24 hours, ' +
            "single use; a new request replaces the domain's unused links), or a HuntZen admin validates it.",
          body: RequestDomainVerificationSchema,
          response: {
            200: CompanySettingsSchema,
            400: problemResponse('Invalid body, or the address is not at the domain'),
            404: problemResponse('Not one of your company’s domains'),
            409: problemResponse('ILLEGAL_TRANSITION: already verified'),
          },
        },
      },
      async (request) => service.requestDomainVerification(request.user!, request.body),
    );
    app.post(
      '/company-domains/verify',
      {
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Confirm a company email domain from the link sent to an address there',
          body: ConfirmDomainVerificationSchema,
          response: {
            200: DomainVerifiedSchema,
            400: problemResponse('TOKEN_INVALID: invalid, used or expired link'),
          },
        },
      },
      async (request) => service.confirmDomainVerification(request.body.token, requestContext(request)),
    );
    app.get(
      '/me/company',
      {
        config: HR,
        schema: {
          tags,
          summary: "Your company's settings",
          response: { 200: CompanySettingsSchema, 404: problemResponse('No company') },
        },
      },
      async (request) => service.getSettings(request.user!),
    );
    app.patch(
      '/me/company',
      {
        config: HR,
        schema: {
          tags,
          summary: "Change your company's settings",
          description:
            "Only the fields sent change. Colours apply to your employees' interface. A domain of " +
            'another company answers 409 DOMAIN_TAKEN; `maxEmployees` below the current number of ' +
            'employee accounts answers 409 CONFLICT.',
          body: UpdateCompanySettingsRequestSchema,
          response: {
            200: CompanySettingsSchema,
            400: problemResponse('Invalid value'),
            409: problemResponse('Domain taken, or limit below the current number of employees'),
          },
        },
      },
      async (request) => service.updateSettings(request.user!, request.body),
    );
  };
}
