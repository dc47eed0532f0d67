// Development mail page: lists the e-mails the file transport wrote (DATA_DIR/mail) when no SMTP
// server is configured. In any other environment, or with SMTP_URL set, it registers nothing.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import { mailDirectory } from '../../platform/mail';
import { devMailRoutes } from './dev-mail.routes';
import { createDevMailService } from './dev-mail.service';

type DevMailConfig = Pick<Config, 'nodeEnv' | 'smtpUrl' | 'dataDir'>;

/** True when the development mail page exists: NODE_ENV=development and no SMTP_URL. */
export function isDevMailEnabled(config: DevMailConfig): boolean {
  return config.nodeEnv === 'development' && !config.smtpUrl;
}

/** The module; a no-op outside development or when e-mails go to an SMTP server. */
export function devMailModule(config: DevMailConfig): FastifyPluginAsyncZod {
  return async (app) => {
    if (!isDevMailEnabled(config)) return;
    const directory = mailDirectory(config.dataDir);
    await app.register(devMailRoutes(createDevMailService(directory), directory));
  };
}
