// GDPR rights (/api/v1/me/export, /api/v1/me/erasure) and the audit log's retention job (imported
// here, so registered wherever the app is built).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createLocalFileStorage, type FileStorage } from '../../platform/files';
import { createJournalSentiment, createJournalService } from '../journal';
import { privacyRoutes } from './privacy.routes';
import { createPrivacyService } from './privacy.service';

export { DEFAULT_AUDIT_RETENTION_DAYS, purgeAuditLogsTask } from './privacy.jobs';
export { purgeOldAuditLogs } from './privacy.service';

/** The privacy module of `app` (register it under /api/v1/me). */
export function privacyModule(app: FastifyInstance, storage?: FileStorage): FastifyPluginAsyncZod {
  return privacyRoutes(
    createPrivacyService({
      db: app.db,
      cipher: app.cipher,
      storage: storage ?? createLocalFileStorage(app.config.dataDir),
      journal: createJournalService({
        db: app.db,
        cipher: app.cipher,
        sentiment: createJournalSentiment(),
        log: app.log,
      }),
      publicUrl: app.config.publicUrl,
      logger: app.log,
      // The erased account's open pages lose their socket at once, on every instance.
      onErased: (userId) => app.realtime.disconnectUser(userId),
    }),
  );
}
