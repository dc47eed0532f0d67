// HR's usage insights (registered under /api/v1/insights) and the employee's side of them
// (registered under /api/v1/me): the sharing switch and "what my HR sees".
import {
  HrSharingSchema,
  HrVisibilitySchema,
  SharedUsageSchema,
  UpdateHrSharingSchema,
  UpdateUsageSettingsSchema,
  UsageInsightsSchema,
  UsageMonthParamSchema,
  UsageQuerySchema,
  UsageSettingsSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HR_SHARING_ROLES, INSIGHTS_ROLES } from './insights.policy';
import type { InsightsService } from './insights.service';

const security = [{ bearer: [] }];
const hr = { access: INSIGHTS_ROLES };
const employee = { access: HR_SHARING_ROLES };
const usageDescription =
  'Thresholded figures of your company: a group of fewer than `minGroupSize` people (or of fewer ' +
  'than `minGroupSize` people who do not share their counters) is `suppressed` with every figure ' +
  'null; complementary suppression keeps the total minus the visible groups from revealing one, ' +
  'and a group counts only from the month it reached `minGroupSize` members. `from`/`to` are ' +
  'months (YYYY-MM, default the last 12). Never a practitioner, specialty, format, reason or content.';

/** HR's routes (/api/v1/insights). */
export function insightsRoutes(service: InsightsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['insights'];
    app.get(
      '/usage',
      {
        config: hr,
        schema: {
          tags,
          security,
          summary: "Your company's usage by month or by department",
          description: usageDescription,
          querystring: UsageQuerySchema,
          response: { 200: UsageInsightsSchema },
        },
      },
      async (request) => service.usage(request.user!, request.query),
    );
    app.get(
      '/usage.csv',
      {
        config: hr,
        schema: {
          tags,
          security,
          summary: 'The same figures as CSV (audited EXPORT)',
          description: usageDescription,
          querystring: UsageQuerySchema,
          response: {
            200: {
              description: 'The file, as an attachment',
              content: { 'text/csv': { schema: z.string().describe('RFC 4180, UTF-8 with BOM') } },
            },
          },
        },
      },
      async (request, reply) => {
        const file = await service.usageCsv(request.user!, request.query);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('cache-control', 'no-store')
          .send(Buffer.from(file.body, 'utf8') as unknown as string);
      },
    );
    app.get(
      '/settings',
      {
        config: hr,
        schema: {
          tags,
          security,
          summary: 'The minimum group size of your dashboard',
          response: { 200: UsageSettingsSchema },
        },
      },
      async (request) => service.settings(request.user!),
    );
    app.put(
      '/settings',
      {
        config: hr,
        schema: {
          tags,
          security,
          summary: 'Change the minimum group size (5 or more; audited)',
          body: UpdateUsageSettingsSchema,
          response: { 200: UsageSettingsSchema },
        },
      },
      async (request) => service.updateSettings(request.user!, request.body),
    );
    app.get(
      '/shared-usage',
      {
        config: hr,
        schema: {
          tags,
          security,
          summary: 'Counters (count and minutes per month) of the employees who chose to share them',
          querystring: z.object({
            from: UsageMonthParamSchema.optional(),
            to: UsageMonthParamSchema.optional(),
          }),
          response: { 200: SharedUsageSchema },
        },
      },
      async (request) => service.sharedUsage(request.user!, request.query),
    );
  };
}

/** The employee's routes (/api/v1/me). */
export function hrSharingRoutes(service: InsightsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['insights'];
    app.get(
      '/hr-sharing',
      {
        config: employee,
        schema: {
          tags,
          security,
          summary: 'Whether HR sees my counters (off by default)',
          response: { 200: HrSharingSchema },
        },
      },
      async (request) => service.sharing(request.user!),
    );
    app.put(
      '/hr-sharing',
      {
        config: employee,
        schema: {
          tags,
          security,
          summary: 'Share my counters with HR, or stop (audited)',
          body: UpdateHrSharingSchema,
          response: { 200: HrSharingSchema },
        },
      },
      async (request) => service.updateSharing(request.user!, request.body),
    );
    app.get(
      '/hr-visibility',
      {
        config: employee,
        schema: {
          tags,
          security,
          summary: 'What my HR sees about me',
          description:
            'My account as HR’s employee list shows it, and my counters only if I share them. HR ' +
            'otherwise sees me only inside groups of at least `minGroupSize` people.',
          response: { 200: HrVisibilitySchema },
        },
      },
      async (request) => service.visibility(request.user!),
    );
  };
}
