// Companies (/api/v1/companies for HuntZen's admins, /api/v1/me/company for HR).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { companiesRoutes } from './companies.routes';
import { createCompaniesService } from './companies.service';

export { companyStatus } from './companies.policy';
export { claimedDomains } from './companies.repository';
export { companyConflict, domainTaken } from './company-conflicts';
export { assertCompanyValidatedForHr } from './hr-space';
export { assertCompanyDomains } from './public-domains';

/** The companies module of `app` (register it under /api/v1). */
export function companiesModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return companiesRoutes(createCompaniesService({ db: app.db, publicUrl: app.config.publicUrl }));
}
