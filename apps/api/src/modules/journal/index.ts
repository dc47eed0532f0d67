// The employee's private mood journal (registered under /api/v1/journal-entries, see journal.routes.ts).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { journalRoutes } from './journal.routes';
import { createJournalService } from './journal.service';
import { createJournalSentiment } from './sentiment';

export { createJournalService, type JournalService } from './journal.service';
export { createJournalSentiment } from './sentiment';

/** The journal module of `app`. */
export function journalModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return journalRoutes(
    createJournalService({
      db: app.db,
      cipher: app.cipher,
      sentiment: createJournalSentiment(),
      log: app.log,
    }),
  );
}
