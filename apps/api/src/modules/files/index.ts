// Files (/api/v1/files): upload, metadata, download and deletion, on the local file storage.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createLocalFileStorage, type FileStorage } from '../../platform/files';
import { filesRoutes } from './files.routes';
import { createFilesService, type FilesService } from './files.service';

export { type FilesService, fileContentUrl } from './files.service';

/** The files module of `app` (contents under DATA_DIR/files unless another storage is given). */
export function filesModule(app: FastifyInstance, storage?: FileStorage): FastifyPluginAsyncZod {
  const service = filesServiceOf(app, storage);
  return async (instance) => {
    // Here only: no other route accepts multipart bodies.
    await instance.register(multipart, { throwFileSizeLimit: true });
    await instance.register(filesRoutes(service));
  };
}

/**
 * The files service of `app`, for the modules that remove or link files as the files module does
 * (row, audit, then stored content): contents under DATA_DIR/files unless another storage is given.
 */
export function filesServiceOf(app: FastifyInstance, storage?: FileStorage): FilesService {
  return createFilesService({
    db: app.db,
    storage: storage ?? createLocalFileStorage(app.config.dataDir),
    cipher: app.cipher,
    publicUrl: app.config.publicUrl,
    logger: app.log,
  });
}
