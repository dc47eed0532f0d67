// GDPR rights, under /api/v1/me: the export of my data (zip), the erasure of my account (asked with
// the password and TOTP, confirmed with the e-mailed link).
import {
  ErasureConfirmSchema,
  ErasureDoneSchema,
  ErasureRequestedSchema,
  ErasureRequestSchema,
  EXPORTS_PER_HOUR,
} from '@huntzen/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { ERASURE_ROLES } from './privacy.policy';
import type { PrivacyService } from './privacy.service';

const tags = ['privacy'];
const security = [{ bearer: [] }];
// Per account (the access guard has run: the hook is preHandler), not per address.
const perUser = (request: FastifyRequest) => request.user?.userId ?? request.ip;
const limited = (max: number, timeWindow: string) => ({
  rateLimit: { max, timeWindow, hook: 'preHandler' as const, keyGenerator: perUser },
});

/** The privacy routes. */
export function privacyRoutes(service: PrivacyService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/export',
      {
        config: { access: 'authenticated', ...limited(EXPORTS_PER_HOUR, '1 hour') },
        schema: {
          tags,
          security,
          summary: 'All my data, as a zip of JSON files, my files and a README',
          description:
            'account, profile, consents, consultations with their events, messages (decrypted), journal ' +
            '(the journal export format, re-importable), notifications, files (metadata and contents). ' +
            `Each role gets what it owns. Audited as EXPORT; ${EXPORTS_PER_HOUR} per hour.`,
          response: {
            200: {
              description: 'The zip, as an attachment',
              content: { 'application/zip': { schema: z.string().describe('A zip archive') } },
            },
            429: problemResponse('Too many exports (RATE_LIMITED)'),
          },
        },
      },
      async (request, reply) => {
        const file = await service.exportData(request.user!);
        return (
          reply
            .header('content-type', 'application/zip')
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .header('cache-control', 'no-store')
            // A stream is sent as it is; the schema documents what it holds.
            .send(file.stream as unknown as string)
        );
      },
    );
    app.post(
      '/erasure',
      {
        config: { access: ERASURE_ROLES, ...limited(5, '15 minutes') },
        schema: {
          tags,
          security,
          summary: 'Ask for the erasure of my account (an e-mail with a confirmation link follows)',
          description:
            'The password, and the current TOTP code when two-factor authentication is on. Nothing is ' +
            'erased yet: a single-use link valid 30 minutes is e-mailed to the account’s address. The ' +
            'answer lists what the erasure removes and what stays, with the legal reason.',
          body: ErasureRequestSchema,
          response: {
            202: ErasureRequestedSchema,
            400: problemResponse('Wrong password or code (VALIDATION_FAILED, fields listed)'),
            409: problemResponse('The last HR admin of a company (CONFLICT)'),
          },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await service.requestErasure(request.user!, request.body)),
    );
    app.post(
      '/erasure/confirm',
      {
        config: { access: ERASURE_ROLES, ...limited(10, '15 minutes') },
        schema: {
          tags,
          security,
          summary: 'Confirm the erasure with the e-mailed token: the account is erased at once',
          description:
            'Signed in as the account itself. Sessions end and sockets close; signing in is refused from now on.',
          body: ErasureConfirmSchema,
          response: {
            200: ErasureDoneSchema,
            400: problemResponse('Invalid or expired link (TOKEN_INVALID)'),
          },
        },
      },
      async (request) => service.confirmErasure(request.user!, request.body),
    );
  };
}
