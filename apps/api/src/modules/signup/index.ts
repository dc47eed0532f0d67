// Sign-up: company registration, employee sign-up, practitioner application (/api/v1/signup).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createAccountMailer } from '../auth';
import { signupRoutes } from './signup.routes';
import { createSignupService } from './signup.service';

/** The sign-up module of `app`. */
export function signupModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return signupRoutes(
    createSignupService({
      db: app.db,
      bcryptCost: app.config.bcryptCost,
      mailer: createAccountMailer(app.config.publicUrl),
      publicUrl: app.config.publicUrl,
    }),
  );
}
