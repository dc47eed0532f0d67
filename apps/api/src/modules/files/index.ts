// Files (/api/v1/files): upload, metadata, download and deletion, on the local file storage.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createLocalFileStorage, type FileStorage } from '../../platform/files';
import { filesRoutes } from './files.routes';
import { createFilesService } from './files.service';

export { fileContentUrl } from './files.service';

/** The files module of `app` (contents under DATA_DIR/files unless another storage is given). */
export function filesModule(app: FastifyInstance, storage?: FileStorage): FastifyPluginAsyncZod {
  const service = createFilesService({
    db: app.db,
    storage: storage ?? createLocalFileStorage(app.config.dataDir),
    cipher: app.cipher,
    publicUrl: app.config.publicUrl,
    logger: app.log,
  });
  return async (instance) => {
    // Here only: no other route accepts multipart bodies.
    await instance.register(multipart, { throwFileSizeLimit: true });
    await instance.register(filesRoutes(service));
  };
}
