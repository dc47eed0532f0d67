// Company news (registered under /api/v1/news): HR (ADMIN_RH) writes its company's items; employees
// read those for everyone or for their department; other roles read nothing. Every route answers
// NEWS_DISABLED while the company turns internal news off.
import { CreateNewsSchema, NewsPageSchema, NewsSchema, UpdateNewsSchema } from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import { NEWS_WRITERS } from './news.policy';
import type { NewsService } from './news.service';

const Id = z.object({ id: z.uuid() });
const tags = ['news'];
const security = [{ bearer: [] }];
const writers = { access: NEWS_WRITERS };
const readers = { access: 'authenticated' as const };
const notFound = problemResponse('No such item for you (another company’s answers the same)');
const disabled = problemResponse('The company turned internal news off (NEWS_DISABLED)');

/** The news routes. */
export function newsRoutes(service: NewsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: readers,
        schema: {
          tags,
          security,
          summary: 'Company news, newest first',
          description:
            "HR: every item of its company. Employees: their company's items for everyone or for their department. " +
            'Other roles: an empty list.',
          querystring: PageQuerySchema,
          response: { 200: NewsPageSchema, 403: disabled },
        },
      },
      async (request) => service.list(request.user!, request.query),
    );
    app.post(
      '/',
      {
        config: writers,
        schema: {
          tags,
          security,
          summary: 'Publish an item (HR)',
          description:
            'Published at once. The targeted employees (`targetDepartments`, empty: everyone) get a NEWS_PUBLISHED notification.',
          body: CreateNewsSchema,
          response: {
            201: NewsSchema,
            403: disabled,
            404: problemResponse('No such image among your uploads'),
          },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(request.user!, request.body)),
    );
    app.get(
      '/:id',
      {
        config: readers,
        schema: {
          tags,
          security,
          summary: 'One item',
          description: "An employee's first reading counts once in `viewCount`.",
          params: Id,
          response: { 200: NewsSchema, 403: disabled, 404: notFound },
        },
      },
      async (request) => service.get(request.user!, request.params.id),
    );
    app.patch(
      '/:id',
      {
        config: writers,
        schema: {
          tags,
          security,
          summary: 'Edit an item (HR)',
          description: 'Employees the new targeting adds are notified; nobody is notified twice.',
          params: Id,
          body: UpdateNewsSchema,
          response: { 200: NewsSchema, 403: disabled, 404: notFound },
        },
      },
      async (request) => service.update(request.user!, request.params.id, request.body),
    );
    app.delete(
      '/:id',
      {
        config: writers,
        schema: {
          tags,
          security,
          summary: 'Delete an item (HR)',
          params: Id,
          response: { 204: z.null().describe('Deleted'), 403: disabled, 404: notFound },
        },
      },
      async (request, reply) => {
        await service.remove(request.user!, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
