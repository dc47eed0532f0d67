// /api/v1/employees: HR's approval queue (the full employee directory comes with the organizations
// feature).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import type { createEmployeesService } from './employees.service';

const PendingEmployeeSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  createdAt: z.iso.datetime(),
});

/** The employees routes. */
export function employeesRoutes(service: ReturnType<typeof createEmployeesService>): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['employees'];
    const config = { access: ['ADMIN_RH'] } as const;
    app.get(
      '/pending',
      {
        config,
        schema: {
          tags,
          summary: 'Employees waiting for approval',
          querystring: PageQuerySchema,
          response: {
            200: z.object({ items: z.array(PendingEmployeeSchema), nextCursor: z.string().nullable() }),
          },
        },
      },
      async (request) => service.listPending(request.user!, request.query),
    );
    app.post(
      '/:id/approve',
      {
        config,
        schema: {
          tags,
          summary: 'Approve a waiting employee',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null(), 404: problemResponse('No such employee in your company') },
        },
      },
      async (request, reply) => {
        await service.approve(request.user!, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
