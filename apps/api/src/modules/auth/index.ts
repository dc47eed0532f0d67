// Identity: sign-in, sessions, 2FA and email links, mounted at /api/v1/auth.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createAccountLinksService } from './account-links.service';
import { createAccountMailer } from './auth.emails';
import { authRoutes } from './auth.routes';
import { createAuthService, type EndedSessions } from './auth.service';
import { createTwoFactorService } from './two-factor.service';

export { sendVerificationLink } from './account-links.service';
export { type AccountMailer, createAccountMailer, LINK_TTL_MINUTES, recipientOf } from './auth.emails';
export { createAccountToken, findUserByEmail, revokeAllSessions } from './auth.repository';
export { acceptTotp } from './auth.service';

/** The auth module of `app` (uses its db, secrets, cipher and config). */
export function authModule(app: FastifyInstance): FastifyPluginAsyncZod {
  // Ended sessions close their open sockets too (after the commit), on every instance.
  const onSessionsEnded = (ended: EndedSessions) => {
    if ('sessionId' in ended) app.realtime.disconnectSession(ended.sessionId);
    else app.realtime.disconnectUser(ended.userId, ended.keepSessionId);
  };
  const deps = {
    db: app.db,
    jwtSecret: app.secrets.jwtSecret,
    cipher: app.cipher,
    bcryptCost: app.config.bcryptCost,
    onSessionsEnded,
  };
  const mailer = createAccountMailer(app.config.publicUrl);
  return authRoutes({
    auth: createAuthService(deps),
    twoFactor: createTwoFactorService(deps),
    links: createAccountLinksService({
      db: app.db,
      bcryptCost: app.config.bcryptCost,
      mailer,
      onSessionsEnded,
    }),
    secureCookies: app.config.nodeEnv !== 'development',
  });
}
