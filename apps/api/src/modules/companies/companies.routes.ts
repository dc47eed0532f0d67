// /api/v1/companies (HuntZen's admins: the validation queue, every company, decisions) and
// /api/v1/me/company (HR: its own company's settings). Registered under /api/v1.
import {
  CompanyDetailSchema,
  CompanyListQuerySchema,
  CompanyListSchema,
  CompanySettingsSchema,
  RejectCompanyRequestSchema,
  UpdateCompanySettingsRequestSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import type { CompaniesService } from './companies.service';

const HUNTZEN = { access: ['SUPER_ADMIN', 'ADMIN_HUNTZEN'] } as const;
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
