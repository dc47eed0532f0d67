// GET /dev/mail and GET /dev/mail/:file — outside /api (no access guard): the module registers
// them only in development without SMTP (see index.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { detailPage, listPage } from './dev-mail.page';
import type { DevMailService } from './dev-mail.service';

// The page's own policy: inline styles, e-mail images from anywhere, the sandboxed iframe of
// `srcdoc` (which inherits this policy, so the e-mail cannot run a script either).
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:; frame-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** The development mail routes over `service`. */
export function devMailRoutes(service: DevMailService, directory: string): FastifyPluginAsyncZod {
  return async (app) => {
    const html = (reply: { header(name: string, value: string): unknown }) => {
      reply.header('content-type', 'text/html; charset=utf-8');
      reply.header('content-security-policy', CSP);
      reply.header('cache-control', 'no-store');
    };

    app.get('/dev/mail', { schema: { hide: true } }, async (_request, reply) => {
      html(reply);
      return listPage(await service.list(), directory);
    });

    app.get(
      '/dev/mail/:file',
      { schema: { hide: true, params: z.object({ file: z.string().max(300) }) } },
      async (request, reply) => {
        const mail = await service.read(request.params.file);
        if (!mail) throw new AppError('NOT_FOUND', 'No such e-mail.');
        html(reply);
        return detailPage(mail);
      },
    );
  };
}
