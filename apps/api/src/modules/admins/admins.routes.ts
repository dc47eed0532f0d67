// /api/v1/admins: HuntZen administrator accounts (SUPER_ADMIN only).
import { AdminAccountListSchema, AdminAccountSchema, CreateAdminRequestSchema } from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import type { createAdminsService } from './admins.service';

const config = { access: ['SUPER_ADMIN'] } as const;
const Params = z.object({ id: z.uuid() });

/** The admin accounts routes. */
export function adminsRoutes(service: ReturnType<typeof createAdminsService>): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['admins'];
    const security = [{ bearer: [] }];
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'List HuntZen administrators',
          querystring: PageQuerySchema,
          response: { 200: AdminAccountListSchema },
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
          summary: 'Invite a HuntZen administrator',
          body: CreateAdminRequestSchema,
          response: { 201: AdminAccountSchema, 409: problemResponse('Email already used') },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(request.user!, request.body)),
    );
    app.post(
      '/:id/deactivate',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Deactivate (ends every session)',
          params: Params,
          response: { 200: AdminAccountSchema, 404: problemResponse('No such administrator') },
        },
      },
      async (request) => service.deactivate(request.user!, request.params.id),
    );
    app.post(
      '/:id/reactivate',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Reactivate',
          params: Params,
          response: { 200: AdminAccountSchema, 404: problemResponse('No such administrator') },
        },
      },
      async (request) => service.reactivate(request.user!, request.params.id),
    );
  };
}
