// /api/v1/audit-logs: the audit log for HuntZen's admins — a filtered, paged list and a CSV export.
import { HUNTZEN_ADMINS } from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { AuditFilterQuerySchema, AuditListQuerySchema, AuditLogPageSchema } from './audit.schemas';
import type { AuditService } from './audit.service';

const config = { access: HUNTZEN_ADMINS };

/** The audit log routes. */
export function auditRoutes(service: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['audit'];
    const security = [{ bearer: [] }];
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Audit rows, newest first',
          description:
            'Filters combine (AND). Health content never appears: audit rows carry none, and fields ' +
            'named after health content or secrets are redacted.',
          querystring: AuditListQuerySchema,
          response: { 200: AuditLogPageSchema, 400: problemResponse('Invalid filter or cursor') },
        },
      },
      async (request) => service.list(request.user!, request.query),
    );
    app.get(
      '/export.csv',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Every audit row matching the filters, as CSV (itself audited as EXPORT)',
          querystring: AuditFilterQuerySchema,
          response: {
            200: {
              description: 'UTF-8 CSV (RFC 4180) with a header line; JSON columns hold JSON text',
              content: { 'text/csv': { schema: z.string() } },
            },
            400: problemResponse('Invalid filter'),
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
  };
}
