// The signed-in user's notifications (/api/v1/notifications) and their real-time push on this
// instance. Needs `app.realtime` (installRealtime) first.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createNotificationPush } from '../../platform/notifications';
import { notificationsRoutes } from './notifications.routes';
import { createNotificationsService } from './notifications.service';

/** The notifications module of `app`. */
export function notificationsModule(app: FastifyInstance): FastifyPluginAsyncZod {
  const push = createNotificationPush({ db: app.db, realtime: app.realtime, logger: app.log });
  // Listening before the server accepts sockets, so no notification falls between the two; a
  // database that refuses the LISTEN connection stops the start-up.
  app.addHook('onReady', () => push.start());
  app.addHook('onClose', () => push.stop());
  return notificationsRoutes(createNotificationsService({ db: app.db }));
}
