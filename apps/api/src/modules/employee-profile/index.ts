// The employee's own social profile (/api/v1/me/profile).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { employeeProfileRoutes } from './employee-profile.routes';
import { createEmployeeProfileService } from './employee-profile.service';

export { changedFields, ownEmployeeId, toEmployeeProfile } from './employee-profile.service';

/** The employee profile module of `app` (register it under /api/v1/me). */
export function employeeProfileModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return employeeProfileRoutes(createEmployeeProfileService({ db: app.db }));
}
