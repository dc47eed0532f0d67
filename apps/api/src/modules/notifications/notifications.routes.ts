// /api/v1/notifications: the signed-in user's own notifications (the bell and the notification
// centre). New ones also arrive in real time over socket.io (platform/realtime).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { NotificationViewSchema } from '../../platform/notifications';
import { PageQuerySchema } from '../../platform/pagination';
import type { NotificationsService } from './notifications.service';

const config = { access: 'authenticated' } as const;
const tags = ['notifications'];
const security = [{ bearer: [] }];

const FeedQuerySchema = PageQuerySchema.extend({
  unread: z.stringbool().optional().describe('true: only unread notifications'),
});
const CountSchema = z.object({ count: z.number().int().min(0) });

/** The notifications routes. */
export function notificationsRoutes(service: NotificationsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'My notifications, newest first (expired ones left out)',
          querystring: FeedQuerySchema,
          response: {
            200: z.object({ items: z.array(NotificationViewSchema), nextCursor: z.string().nullable() }),
          },
        },
      },
      async (request) => service.list(request.user!, request.query),
    );
    app.get(
      '/unread-count',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'How many of my notifications are unread',
          response: { 200: CountSchema },
        },
      },
      async (request) => service.unreadCount(request.user!),
    );
    app.post(
      '/:id/read',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Mark one notification read',
          params: z.object({ id: z.uuid() }),
          response: { 200: NotificationViewSchema, 404: problemResponse('No such notification') },
        },
      },
      async (request) => service.markRead(request.user!, request.params.id),
    );
    app.post(
      '/read-all',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Mark all my notifications read',
          response: { 200: z.object({ updated: z.number().int().min(0) }) },
        },
      },
      async (request) => service.markAllRead(request.user!),
    );
  };
}
