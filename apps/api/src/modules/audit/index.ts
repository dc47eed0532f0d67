// The audit log for HuntZen's admins (/api/v1/audit-logs).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditRoutes } from './audit.routes';
import { createAuditService } from './audit.service';

/** The audit module of `app`. */
export function auditModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return auditRoutes(createAuditService({ db: app.db }));
}
