// The chat of a consultation between its employee and its practitioner (routes under /api/v1), its
// real-time push on this instance and the "unread message" e-mail job. Needs `app.realtime` first.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createMessagePush } from './messages.push';
import { messagesRoutes } from './messages.routes';
import { createMessagesService } from './messages.service';

export { sendUnreadEmail, unreadEmailJobKey, unreadEmailTask } from './messages.jobs';
export { createMessagePush, MESSAGES_CHANNEL } from './messages.push';
export { createMessagesService, type MessagesDeps, type MessagesService } from './messages.service';

/** The messages module of `app` (register it under /api/v1). */
export function messagesModule(app: FastifyInstance): FastifyPluginAsyncZod {
  const push = createMessagePush({ db: app.db, cipher: app.cipher, realtime: app.realtime, logger: app.log });
  // Listening before the server accepts sockets, so no committed message falls between the two.
  app.addHook('onReady', () => push.start());
  app.addHook('onClose', () => push.stop());
  return messagesRoutes(
    createMessagesService({
      db: app.db,
      cipher: app.cipher,
      logger: app.log,
    }),
  );
}
