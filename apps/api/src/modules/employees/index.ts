// Employees of a company (/api/v1/employees).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { employeesRoutes } from './employees.routes';
import { createEmployeesService } from './employees.service';

/** The employees module of `app`. */
export function employeesModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return employeesRoutes(
    createEmployeesService({
      db: app.db,
      publicUrl: app.config.publicUrl,
      // A deactivated employee's open pages lose their socket at once, on every instance.
      onDeactivated: (userId) => app.realtime.disconnectUser(userId),
    }),
  );
}
