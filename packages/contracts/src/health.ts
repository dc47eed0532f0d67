// Liveness and readiness answers (`GET /healthz`, `GET /readyz`), read by load balancers and probes.
import { z } from 'zod';

export const HealthSchema = z
  .object({ status: z.literal('ok') })
  .meta({ id: 'Health', description: 'The process is alive' });
export type Health = z.infer<typeof HealthSchema>;

export const ReadinessSchema = z
  .object({
    status: z.literal('ok'),
    checks: z.object({
      database: z.literal('ok').describe('`select 1` through the application pool'),
      migrations: z.literal('ok').describe('Every shipped migration is applied'),
    }),
  })
  .meta({ id: 'Readiness', description: 'The instance can serve requests' });
export type Readiness = z.infer<typeof ReadinessSchema>;
