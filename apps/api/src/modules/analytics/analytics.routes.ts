// /api/v1/insights/billing (+ .csv, + /options) and /api/v1/insights/platform: HuntZen's admin
// analytics. Thin: the service decides.
import {
  BillingInsightsFilterSchema,
  BillingInsightsOptionsSchema,
  BillingInsightsQuerySchema,
  BillingInsightsSchema,
  HUNTZEN_ADMINS,
  PlatformFiguresSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import type { AnalyticsService } from './analytics.service';

const config = { access: HUNTZEN_ADMINS };
const tags = ['analytics'];
const security = [{ bearer: [] }];
const COUNTED =
  'Counted: COMPLETED consultations whose bill is VALIDATED or BILLED (the materialized view ' +
  '`practitioner_billing_stats`, refreshed every 5 minutes and after billing validation). Months are ' +
  'UTC calendar months of the planned start. No health content: no reason, note or message.';

/** The analytics routes (registered under /api/v1/insights). */
export function analyticsRoutes(service: AnalyticsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/billing',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Consultations, minutes and average duration per practitioner, company and month',
          description:
            `${COUNTED} \`totals\`, \`topPractitioners\`, \`topCompanies\` and \`items\` follow every filter; ` +
            '`trend` covers the 12 months ending with `month` (or the current month) and follows the company ' +
            'and practitioner filters. `items` is one page (`limit`, `cursor`) of the detailed rows, newest ' +
            'month first. The platform figures are at /insights/platform.',
          querystring: BillingInsightsQuerySchema,
          response: {
            200: BillingInsightsSchema,
            400: problemResponse('Invalid filter or cursor (see `errors`)'),
          },
        },
      },
      async (request) => service.billing(request.user!, request.query),
    );
    app.get(
      '/billing.csv',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Every detailed row matching the filters, as CSV (audited as EXPORT)',
          description: COUNTED,
          querystring: BillingInsightsFilterSchema,
          response: {
            200: {
              description: 'UTF-8 CSV (RFC 4180) with a BOM and a header line',
              content: { 'text/csv': { schema: z.string() } },
            },
            400: problemResponse('Invalid filter (see `errors`)'),
          },
        },
      },
      async (request, reply) => {
        const { filename, stream } = await service.exportCsv(request.user!, request.query);
        return (
          reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${filename}"`)
            .header('cache-control', 'no-store')
            // Fastify pipes a stream as it is; the schema documents the body it produces (CSV text).
            .send(stream as unknown as string)
        );
      },
    );
    app.get(
      '/platform',
      {
        config,
        schema: {
          tags,
          security,
          summary: "The platform's size, and every consultation by status per month",
          description:
            'Companies (all, active), employee profiles and validated practitioners: the whole platform. ' +
            'Consultations by planned UTC month and status, whatever their bill, over the 12 months ending ' +
            'with `month` (or the current month), of the company and practitioner filtered on. Read from ' +
            'the tables, not from the counters: a scan of those 12 months (see bench/insights-billing.bench.ts).',
          querystring: BillingInsightsFilterSchema,
          response: { 200: PlatformFiguresSchema, 400: problemResponse('Invalid filter (see `errors`)') },
        },
      },
      async (request) => service.platform(request.user!, request.query),
    );
    app.get(
      '/billing/options',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'The companies and practitioners present in the counters (for the filters)',
          response: { 200: BillingInsightsOptionsSchema },
        },
      },
      async (request) => service.options(request.user!),
    );
  };
}
