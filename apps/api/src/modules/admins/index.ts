// HuntZen administrator accounts (/api/v1/admins).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createAccountMailer } from '../auth';
import { adminsRoutes } from './admins.routes';
import { createAdminsService } from './admins.service';

/** The admins module of `app`. */
export function adminsModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return adminsRoutes(
    createAdminsService({
      db: app.db,
      mailer: createAccountMailer(app.config.publicUrl),
      bcryptCost: app.config.bcryptCost,
    }),
  );
}
