// /api/v1/employees: HR's employee list, approval queue, approval, deactivation and reactivation.
// Every route is ADMIN_RH's, for its own company; another company's employee answers 404.
import {
  DepartmentListSchema,
  EmployeeListItemSchema,
  EmployeeListQuerySchema,
  EmployeeListSchema,
  EmployeeStatusChangeRequestSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import type { EmployeesService } from './employees.service';

const PendingEmployeeSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  createdAt: z.iso.datetime(),
});

const Params = z.object({ id: z.uuid() });
const illegal = problemResponse('ILLEGAL_TRANSITION: not possible from the current status (`currentState`)');

/** The employees routes. */
export function employeesRoutes(service: EmployeesService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['employees'];
    const config = { access: ['ADMIN_RH'] } as const;
    // After the access check (onRequest): none of these make sense before HuntZen validates the company.
    app.addHook('preHandler', async (request) => service.assertCompanyValidated(request.user!));
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          summary: "Your company's employees, by name",
          description:
            '`q` searches first name, last name and email (case and accents ignored). No health data: ' +
            'name, email, department, position, account status and dates only.',
          querystring: PageQuerySchema.extend(EmployeeListQuerySchema.shape),
          response: { 200: EmployeeListSchema, 400: problemResponse('Invalid filter or cursor') },
        },
      },
      async (request) => service.list(request.user!, request.query),
    );
    app.get(
      '/departments',
      {
        config,
        schema: {
          tags,
          summary: "The departments of your company's employees",
          response: { 200: DepartmentListSchema },
        },
      },
      async (request) => service.departments(request.user!),
    );
    app.get(
      '/pending',
      {
        config,
        schema: {
          tags,
          summary: 'Employees waiting for approval, oldest first',
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
          params: Params,
          response: { 204: z.null(), 404: problemResponse('No such employee in your company'), 409: illegal },
        },
      },
      async (request, reply) => {
        await service.approve(request.user!, request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/:id/deactivate',
      {
        config,
        schema: {
          tags,
          summary: 'Deactivate an active employee',
          description:
            'The employee can no longer sign in (ACCOUNT_DISABLED) and every session of theirs ends at ' +
            'once. The optional reason is kept in the audit log only.',
          params: Params,
          body: EmployeeStatusChangeRequestSchema.optional(),
          response: {
            200: EmployeeListItemSchema,
            404: problemResponse('No such employee in your company'),
            409: illegal,
          },
        },
      },
      async (request) => service.deactivate(request.user!, request.params.id, request.body?.reason),
    );
    app.post(
      '/:id/reactivate',
      {
        config,
        schema: {
          tags,
          summary: 'Reactivate a deactivated employee',
          params: Params,
          body: EmployeeStatusChangeRequestSchema.optional(),
          response: {
            200: EmployeeListItemSchema,
            404: problemResponse('No such employee in your company'),
            409: illegal,
          },
        },
      },
      async (request) => service.reactivate(request.user!, request.params.id, request.body?.reason),
    );
  };
}
