// The employee's mood journal (registered under /api/v1/journal-entries): entries, the mood trend
// and streak, export/import, and the sentiment opt-in. EMPLOYEE only, their own journal only.
import {
  CreateJournalEntrySchema,
  JournalEntryPageSchema,
  JournalEntrySchema,
  JournalExportQuerySchema,
  JournalExportSchema,
  JournalImportResultSchema,
  JournalListQuerySchema,
  JournalSettingsSchema,
  JournalStreakSchema,
  MoodTrendQuerySchema,
  MoodTrendSchema,
  UpdateJournalEntrySchema,
  UpdateJournalSettingsSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import { JOURNAL_ROLES } from './journal.policy';
import type { JournalService } from './journal.service';

const Id = z.object({ id: z.uuid() });
const config = { access: JOURNAL_ROLES };
const tags = ['journal'];
const security = [{ bearer: [] }];
const notYours = problemResponse('No such entry of yours');
// Writing needs the current consent; reading, exporting, deleting and opting out never do.
const consent = problemResponse('The current consent is not accepted (CONSENT_REQUIRED)');

/** The journal routes. */
export function journalRoutes(service: JournalService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'My journal entries, newest first',
          description:
            'Filters: `from`/`to` (a date of my time zone, whole day included, or an instant), `mood`, `tag`. ' +
            'An entry whose ciphertext fails authentication comes with `content: null` and `contentUnreadable: true`.',
          querystring: JournalListQuerySchema.extend(PageQuerySchema.shape),
          response: { 200: JournalEntryPageSchema },
        },
      },
      async (request) => service.list(request.user!, request.query),
    );
    app.post(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Write an entry',
          description: 'The text is encrypted at rest. Tags are trimmed, lower-cased and deduplicated.',
          body: CreateJournalEntrySchema,
          response: { 201: JournalEntrySchema, 403: consent },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(request.user!, request.body)),
    );
    app.get(
      '/mood-trend',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Mean mood per day or week (VERY_BAD = 1 … VERY_GOOD = 5)',
          querystring: MoodTrendQuerySchema,
          response: { 200: MoodTrendSchema },
        },
      },
      async (request) => service.trend(request.user!, request.query),
    );
    app.get(
      '/streak',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Consecutive days with an entry',
          response: { 200: JournalStreakSchema },
        },
      },
      async (request) => service.streak(request.user!),
    );
    app.get(
      '/settings',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'My journal settings (sentiment opt-in)',
          response: { 200: JournalSettingsSchema },
        },
      },
      async (request) => service.settings(request.user!),
    );
    app.put(
      '/settings',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Opt in to or out of the sentiment score',
          description:
            'Computed on HuntZen’s own server, in my preferred language, shown only to me. Opting out clears every score.',
          body: UpdateJournalSettingsSchema,
          response: { 200: JournalSettingsSchema, 403: consent },
        },
      },
      async (request) => service.updateSettings(request.user!, request.body),
    );
    app.get(
      '/export',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'My whole journal, decrypted (JSON, which /import takes back, or CSV)',
          description: 'Audited as EXPORT (a count, never the content).',
          querystring: JournalExportQuerySchema,
          response: {
            200: {
              description: 'The file, as an attachment',
              content: {
                'application/json': { schema: JournalExportSchema },
                'text/csv': { schema: z.string().describe('RFC 4180, UTF-8 with BOM, tags as a JSON array') },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const file = await service.exportJournal(request.user!, request.query.format);
        return (
          reply
            .header('content-type', file.contentType)
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .header('cache-control', 'no-store')
            // A Buffer is sent as it is; the schema documents the file it holds.
            .send(Buffer.from(file.body, 'utf8') as unknown as string)
        );
      },
    );
    app.post(
      '/import',
      {
        config,
        // A whole journal: up to 5 000 entries of up to 10 000 characters.
        bodyLimit: 64 * 1024 * 1024,
        schema: {
          tags,
          security,
          summary: 'Import a JSON export (idempotent: entries already present are skipped)',
          body: JournalExportSchema,
          response: { 200: JournalImportResultSchema, 403: consent },
        },
      },
      async (request) => service.importJournal(request.user!, request.body),
    );
    app.get(
      '/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'One entry',
          params: Id,
          response: {
            200: JournalEntrySchema,
            404: notYours,
            409: problemResponse('The ciphertext failed authentication (CONTENT_UNREADABLE)'),
          },
        },
      },
      async (request) => service.get(request.user!, request.params.id),
    );
    app.patch(
      '/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Edit an entry (the sentiment score is recomputed)',
          params: Id,
          body: UpdateJournalEntrySchema,
          response: {
            200: JournalEntrySchema,
            403: consent,
            404: notYours,
            409: problemResponse('Unreadable and the text is not replaced (CONTENT_UNREADABLE)'),
          },
        },
      },
      async (request) => service.update(request.user!, request.params.id, request.body),
    );
    app.delete(
      '/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Delete an entry',
          params: Id,
          response: { 204: z.null().describe('Deleted'), 404: notYours },
        },
      },
      async (request, reply) => {
        await service.remove(request.user!, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
