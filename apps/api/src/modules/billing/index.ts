// Billing of consultations (/api/v1/billing): validation and billing by HuntZen, disputes by HR.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { billingRoutes } from './billing.routes';
import { createBillingService } from './billing.service';

export { type BillingDeps, type BillingService, createBillingService } from './billing.service';

/** The billing module of `app` (register it under /api/v1/billing). */
export function billingModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return billingRoutes(createBillingService({ db: app.db }));
}
