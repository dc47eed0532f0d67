// /api/v1/billing: HuntZen's admins validate and bill billable consultations; HR (own company) and
// admins dispute. Thin: the service decides.
import {
  BillingCountSchema,
  BillingListQuerySchema,
  BillingMonthFilterSchema,
  BillingMonthSchema,
  BillingPageSchema,
  BillingSelectionRequestSchema,
  BillingSummaryQuerySchema,
  BillingSummarySchema,
  CompanyBillingPageSchema,
  CompanyBillingQuerySchema,
  DisputeBillingRequestSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { BILLING_DISPUTERS, BILLING_MANAGERS, COMPANY_BILLING_READERS } from './billing.policy';
import type { BillingService } from './billing.service';

const tags = ['billing'];
const security = [{ bearer: [] }];
const IdParams = z.object({ id: z.uuid() });
const notFound = problemResponse('No such consultation (among those you may see)');
const refused = problemResponse(
  'NOT_BILLABLE (not over, or not charged; `currentState` is its status) or ILLEGAL_TRANSITION ' +
    '(not from this billing status; `currentState`)',
);
const awaitingValidation = problemResponse(
  'FORBIDDEN: your company awaits HuntZen validation (`currentState`: its status)',
);
const counted = {
  200: BillingCountSchema,
  400: problemResponse('Invalid request (see `errors`)'),
  404: notFound,
  409: refused,
};

/** The billing routes (registered under /api/v1/billing). */
export function billingRoutes(service: BillingService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/consultations',
      {
        config: { access: BILLING_MANAGERS },
        schema: {
          tags,
          security,
          summary: 'Billable consultations by billing status (default PENDING), oldest first',
          description:
            'Billable: COMPLETED, NO_SHOW of the employee, late cancellation by the employee. `month` is a ' +
            'UTC calendar month. No health content: neither the reason nor the notes.',
          querystring: BillingListQuerySchema,
          response: { 200: BillingPageSchema, 400: problemResponse('Invalid filter or cursor') },
        },
      },
      async (request) => service.list(request.user!, request.query),
    );

    app.get(
      '/summary',
      {
        config: { access: BILLING_MANAGERS },
        schema: {
          tags,
          security,
          summary: "A month's bills: count and minutes by billing status, companies and practitioners",
          querystring: BillingSummaryQuerySchema,
          response: { 200: BillingSummarySchema, 400: problemResponse('Invalid month') },
        },
      },
      async (request) => service.summary(request.user!, request.query.month),
    );

    app.post(
      '/consultations/validate',
      {
        config: { access: BILLING_MANAGERS },
        schema: {
          tags,
          security,
          summary: 'Validate the selected bills (PENDING or DISPUTED → VALIDATED), all or none',
          body: BillingSelectionRequestSchema,
          response: counted,
        },
      },
      async (request) => service.validateMany(request.user!, request.body.ids),
    );

    app.post(
      '/consultations/bill',
      {
        config: { access: BILLING_MANAGERS },
        schema: {
          tags,
          security,
          summary: 'Mark the selected validated bills BILLED (billedAt), all or none',
          body: BillingSelectionRequestSchema,
          response: counted,
        },
      },
      async (request) => service.billMany(request.user!, request.body.ids),
    );

    app.post(
      '/consultations/:id/validate',
      {
        config: { access: BILLING_MANAGERS },
        schema: {
          tags,
          security,
          summary: "Validate one consultation's bill (PENDING or DISPUTED → VALIDATED)",
          params: IdParams,
          response: counted,
        },
      },
      async (request) => service.validateOne(request.user!, request.params.id),
    );

    app.post(
      '/consultations/:id/bill',
      {
        config: { access: BILLING_MANAGERS },
        schema: {
          tags,
          security,
          summary: 'Mark one validated bill BILLED (billedAt)',
          params: IdParams,
          response: counted,
        },
      },
      async (request) => service.billOne(request.user!, request.params.id),
    );

    app.post(
      '/months/:month/validate',
      {
        config: { access: BILLING_MANAGERS },
        schema: {
          tags,
          security,
          summary: 'Validate every PENDING bill of a month (optionally of one company or practitioner)',
          description: 'One transaction; DISPUTED bills are left for one-by-one review. Returns how many.',
          params: z.object({ month: BillingMonthSchema }),
          body: BillingMonthFilterSchema,
          response: { 200: BillingCountSchema, 400: problemResponse('Invalid month or filter') },
        },
      },
      async (request) => service.validateMonth(request.user!, request.params.month, request.body),
    );

    app.post(
      '/consultations/:id/dispute',
      {
        config: { access: BILLING_DISPUTERS },
        schema: {
          tags,
          security,
          summary: 'Dispute a bill with a reason (HR: own company; HuntZen admins: any)',
          description:
            'PENDING, VALIDATED or BILLED → DISPUTED. The reason is shown to HuntZen and to HR only. HR ' +
            'of a company HuntZen has not validated yet gets 403 FORBIDDEN (`currentState`).',
          params: IdParams,
          body: DisputeBillingRequestSchema,
          response: { ...counted, 403: awaitingValidation },
        },
      },
      async (request) => service.dispute(request.user!, request.params.id, request.body.reason),
    );

    app.get(
      '/company',
      {
        config: { access: COMPANY_BILLING_READERS },
        schema: {
          tags,
          security,
          summary: "HR: your company's billable consultations of a month, by employee",
          description:
            'Whose, how many minutes, where the bill stands. Never the practitioner, the format or the day. ' +
            'Before HuntZen validates the company: 403 FORBIDDEN (`currentState`).',
          querystring: CompanyBillingQuerySchema,
          response: {
            200: CompanyBillingPageSchema,
            400: problemResponse('Invalid month or cursor'),
            403: awaitingValidation,
          },
        },
      },
      async (request) => service.companyBills(request.user!, request.query),
    );
  };
}
