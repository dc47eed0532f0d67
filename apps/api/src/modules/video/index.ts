// Video rooms of consultations (/api/v1/consultations/{id}/join and /leave), on Jitsi.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { videoRoutes } from './video.routes';
import { createVideoService } from './video.service';

export { createVideoService, type VideoDeps, type VideoService } from './video.service';

/** The video module of `app` (register it under /api/v1/consultations). */
export function videoModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return videoRoutes(
    createVideoService({
      db: app.db,
      cipher: app.cipher,
      jitsi: app.config.jitsi,
      publicUrl: app.config.publicUrl,
    }),
  );
}
