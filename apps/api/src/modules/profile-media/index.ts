// Profile and company pictures (/api/v1/me/media, /api/v1/me/company/media).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { profileMediaRoutes } from './profile-media.routes';
import { createProfileMediaService } from './profile-media.service';

/** The profile pictures module of `app` (register it under /api/v1/me). */
export function profileMediaModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return profileMediaRoutes(createProfileMediaService({ db: app.db, publicUrl: app.config.publicUrl }));
}
