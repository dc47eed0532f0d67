// The articles API (registered under /api/v1/articles). Writing: HuntZen's admins. Reading: anyone,
// anonymous included (published articles; admins send their token and see every status).
import {
  ArticleListQuerySchema,
  ArticlePageSchema,
  ArticlePreviewRequestSchema,
  ArticlePreviewSchema,
  ArticleSchema,
  CreateArticleSchema,
  ScheduleArticleSchema,
  ShareArticleSchema,
  UpdateArticleSchema,
} from '@huntzen/contracts';
import type { Actor, Database } from '@huntzen/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext, sessionIsLive, verifyAccessToken } from '../../platform/auth';
import { AppError, problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import { ARTICLE_WRITERS, isBot } from './articles.policy';
import type { ArticlesService, Visitor } from './articles.service';

const Id = z.object({ id: z.uuid() });
const SlugOrId = z.object({
  slugOrId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9-]+$/i, 'a slug or an id'),
});
const write = { access: ARTICLE_WRITERS };
const tags = ['articles'];
const security = [{ bearer: [] }];
const optionalSecurity: { [name: string]: string[] }[] = [{}, { bearer: [] }];
const notFound = problemResponse('No such article (or not published)');
const illegal = problemResponse('Not from its current status (ILLEGAL_TRANSITION, with currentState)');

/**
 * The caller of a public route: the bearer's user when a token is sent (admins then see every
 * status), else the anonymous actor. The guard reads no token on public routes, so this does, with
 * its rules: a valid token of a live session, 2FA enrolment done.
 */
export async function optionalCaller(request: FastifyRequest, db: Database, secret: Buffer): Promise<Actor> {
  const header = request.headers.authorization;
  if (!header) return request.actor;
  const token = header.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new AppError('UNAUTHENTICATED', 'Invalid authorization header.');
  const claims = await verifyAccessToken(secret, token);
  if (!(await sessionIsLive(db, claims))) throw new AppError('UNAUTHENTICATED', 'This session has ended.');
  if (claims.mfa === 'enrol')
    throw new AppError('FORBIDDEN', 'Enable two-factor authentication to continue.');
  return { ...claims, ...requestContext(request) };
}

/** The reader of a request, for the once-a-day view counter. */
export function visitorOf(request: FastifyRequest): Visitor {
  const userAgent = request.headers['user-agent']?.slice(0, 500) ?? '';
  const purpose = (request.headers['sec-purpose'] ?? request.headers.purpose) as string | undefined;
  // A HEAD request (link checkers) reads nothing.
  return { ip: request.ip, userAgent, counts: request.method !== 'HEAD' && !isBot(userAgent, purpose) };
}

/** The article routes. */
export function articlesRoutes(service: ArticlesService): FastifyPluginAsyncZod {
  return async (app) => {
    const caller = (request: FastifyRequest) => optionalCaller(request, app.db, app.secrets.jwtSecret);

    app.get(
      '/',
      {
        config: { access: 'public' },
        schema: {
          tags,
          security: optionalSecurity,
          summary: 'Published articles, newest first; with `q`, a French full-text search, best first',
          description:
            'Anyone, anonymous included, reads published articles. HuntZen’s admins (bearer token) see every ' +
            'status and may filter with `status`. `q`: accent-insensitive, stemmed French search of title, ' +
            'excerpt, tags, keywords and body, tolerant of typos in titles; each result then has a `snippet` ' +
            '(HTML-escaped, matches in `<mark>`).',
          querystring: ArticleListQuerySchema.extend(PageQuerySchema.shape),
          response: { 200: ArticlePageSchema },
        },
      },
      async (request) => service.list(await caller(request), request.query),
    );
    app.post(
      '/',
      {
        config: write,
        schema: {
          tags,
          security,
          summary: 'Write an article (a DRAFT, its slug made from the title)',
          body: CreateArticleSchema,
          response: { 201: ArticleSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(request.user!, request.body)),
    );
    app.post(
      '/preview',
      {
        config: write,
        schema: {
          tags,
          security,
          summary: 'Render Markdown as the public page will (the editor’s preview)',
          body: ArticlePreviewRequestSchema,
          response: { 200: ArticlePreviewSchema },
        },
      },
      async (request) => service.preview(request.user!, request.body.content),
    );
    app.get(
      '/:slugOrId',
      {
        config: { access: 'public' },
        schema: {
          tags,
          security: optionalSecurity,
          summary: 'One article by slug or id (published, or any status for HuntZen’s admins)',
          description: 'A reader’s visit counts once a day (no cookie; crawlers are not counted).',
          params: SlugOrId,
          response: { 200: ArticleSchema, 404: notFound },
        },
      },
      async (request) => {
        const actor = await caller(request);
        return service.get(actor, request.params.slugOrId, visitorOf(request));
      },
    );
    app.patch(
      '/:id',
      {
        config: write,
        schema: {
          tags,
          security,
          summary: 'Edit an article (its slug follows the title until its first publication)',
          params: Id,
          body: UpdateArticleSchema,
          response: { 200: ArticleSchema, 404: notFound },
        },
      },
      async (request) => service.update(request.user!, request.params.id, request.body),
    );
    app.post(
      '/:id/publish',
      {
        config: write,
        schema: {
          tags,
          security,
          summary: 'Publish now (a planned publication is cancelled)',
          params: Id,
          response: { 200: ArticleSchema, 404: notFound, 409: illegal },
        },
      },
      async (request) => service.publish(request.user!, request.params.id),
    );
    app.post(
      '/:id/schedule',
      {
        config: write,
        schema: {
          tags,
          security,
          summary: 'Publish at `scheduledFor` (scheduling again moves it)',
          params: Id,
          body: ScheduleArticleSchema,
          response: { 200: ArticleSchema, 404: notFound, 409: illegal },
        },
      },
      async (request) => service.schedule(request.user!, request.params.id, request.body.scheduledFor),
    );
    app.post(
      '/:id/archive',
      {
        config: write,
        schema: {
          tags,
          security,
          summary: 'Archive (no longer public; a planned publication is cancelled)',
          params: Id,
          response: { 200: ArticleSchema, 404: notFound, 409: illegal },
        },
      },
      async (request) => service.archive(request.user!, request.params.id),
    );
    app.post(
      '/:id/share',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'A share button was used (counted once per visitor, network and day)',
          params: Id,
          body: ShareArticleSchema,
          response: { 204: z.null().describe('Counted'), 404: notFound },
        },
      },
      async (request, reply) => {
        await service.share(request.actor, request.params.id, request.body.network, visitorOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}
