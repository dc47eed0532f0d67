// The waitlist for freed slots (registered under /api/v1/waitlist, see waitlist.routes.ts).
// Importing this module also defines its job (waitlist.jobs.ts); the consultations module calls
// announceFreedSlot when a cancellation or a reschedule frees a slot; app.ts gives announceOpenings
// to the availability module, which calls it when a change of a practitioner's availability may
// open slots (the waitlist reads free slots from that module, so it does not import this one).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { waitlistRoutes } from './waitlist.routes';
import { createWaitlistService } from './waitlist.service';

export {
  announceFreedSlot,
  announceHorizon,
  announceOpenings,
  type FreedSlot,
  tellWaiters,
  waitlistTask,
} from './waitlist.jobs';
export { createWaitlistService, type WaitlistService } from './waitlist.service';

/** The waitlist module of `app`. */
export function waitlistModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return waitlistRoutes(createWaitlistService({ db: app.db }));
}
