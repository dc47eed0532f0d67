// /api/v1/files: upload (multipart), metadata, content download, deletion.
import type { FastifySchemaCompiler } from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, problemResponse } from '../../platform/errors';
import {
  contentDisposition,
  FileDecryptionError,
  isInlineType,
  MAX_UPLOAD_BYTES,
} from '../../platform/files';
import { FileIdParamsSchema, FileMetadataSchema, UploadBodySchema } from './files.schemas';
import { downloadName, type FilesService, logIntegrityAlert } from './files.service';
import { optionalActor } from './optional-user';

// A file opened in a tab runs nothing and embeds nothing (an image still renders).
const CONTENT_CSP =
  "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";

type RouteSchemaDef<S> = Parameters<FastifySchemaCompiler<S>>[0];
type ValidationResult = ReturnType<FastifySchemaCompiler<unknown>>;

// The upload body is a stream the handler reads itself: its schema documents it, nothing validates it.
function streamedBody<S>(route: RouteSchemaDef<S>): ValidationResult {
  if (route.httpPart === 'body') return (data: unknown) => ({ value: data });
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}

/** The files routes. */
export function filesRoutes(service: FilesService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['files'];

    app.post(
      '/',
      {
        config: {
          access: 'authenticated',
          // After authentication, so the limit is per account rather than per address.
          rateLimit: {
            max: 60,
            timeWindow: '1 minute',
            hook: 'preHandler',
            keyGenerator: (request) => request.user?.userId ?? request.ip,
          },
        },
        validatorCompiler: streamedBody,
        schema: {
          tags,
          summary: 'Upload a file',
          description:
            'Streams one file into storage. Its type is detected from its bytes; DOCUMENT, DIPLOMA, ' +
            'CERTIFICATE and ATTACHMENT files are encrypted at rest. An AVATAR or COVER is removed after ' +
            '24 hours unless chosen as a picture (PUT /api/v1/me/media/… or /api/v1/me/company/media/…).',
          consumes: ['multipart/form-data'],
          body: UploadBodySchema,
          response: {
            201: FileMetadataSchema,
            400: problemResponse('Invalid fields, or no file'),
            404: problemResponse('No such consultation to attach the file to'),
            413: problemResponse('Larger than the limit of the file type'),
            415: problemResponse('Content not accepted for this file type, or not what it claims to be'),
          },
        },
      },
      async (request, reply) => {
        try {
          if (!request.isMultipart()) {
            throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data.');
          }
          const parts = request.parts({
            limits: {
              fileSize: MAX_UPLOAD_BYTES + 1,
              files: 1,
              fields: 8,
              fieldNameSize: 64,
              fieldSize: 1024,
              parts: 9,
              headerPairs: 20,
            },
          });
          return reply.code(201).send(await service.upload(request.user!, parts));
        } catch (error) {
          // The rest of a refused upload is not read: end the connection after the answer.
          reply.header('connection', 'close');
          throw error;
        }
      },
    );

    app.get(
      '/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Describe a file',
          params: FileIdParamsSchema,
          response: { 200: FileMetadataSchema, 404: problemResponse('No such file you may read') },
        },
      },
      async (request) => service.metadata(request.user!, request.params.id),
    );

    app.get(
      '/:id/content',
      {
        // Public files (avatars, covers, article media) are read with no token by `<img>` tags; a
        // bearer token, when sent, identifies the reader of a private file.
        config: { access: 'public' },
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: 'Download a file',
          description:
            'The content, with the detected type. Images are shown inline, anything else is downloaded. ' +
            'Private files need a bearer token of someone allowed to read them; downloads are audited. ' +
            'An encrypted file whose stored bytes fail authentication answers 409 CONTENT_UNREADABLE when ' +
            'found before the response starts, else the transfer is cut short after the last verified chunk.',
          params: FileIdParamsSchema,
          security: [{}, { bearer: [] }],
          produces: ['*/*'],
          response: {
            200: z.unknown().meta({ type: 'string', format: 'binary', description: 'The file content' }),
            401: problemResponse('Invalid or expired token'),
            404: problemResponse('No such file you may read'),
            409: problemResponse('The stored file failed its integrity check'),
          },
        },
      },
      async (request, reply) => {
        const actor = await optionalActor(request, app.db, app.secrets.jwtSecret);
        const { file, content } = await service.open(actor, request.params.id);
        const inline = isInlineType(file.mimeType);
        reply
          .type(file.mimeType)
          .header('content-length', String(file.size))
          .header('x-content-type-options', 'nosniff')
          .header(
            'content-disposition',
            contentDisposition(inline ? 'inline' : 'attachment', downloadName(file)),
          )
          .header('content-security-policy', CONTENT_CSP)
          .header('cache-control', file.isPublic ? 'public, max-age=86400' : 'private, no-store');
        // Public images are shown by other origins too (company logos in e-mails).
        if (file.isPublic) reply.header('cross-origin-resource-policy', 'cross-origin');
        // Fastify destroys the response on a stream error once headers are out: the client sees a
        // transfer cut short, after the last chunk that was verified.
        content.on('error', (err) => {
          if (err instanceof FileDecryptionError) logIntegrityAlert(request.log, file.id);
          else request.log.error({ err, fileId: file.id }, 'file download failed');
        });
        return reply.send(content);
      },
    );

    app.delete(
      '/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Delete a file',
          description:
            'Its uploader, or a HuntZen administrator. A deleted avatar, cover or logo is taken down.',
          params: FileIdParamsSchema,
          response: {
            204: z.null().describe('Deleted'),
            404: problemResponse('No such file you may delete'),
          },
        },
      },
      async (request, reply) => {
        await service.remove(request.user!, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
