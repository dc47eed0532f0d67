// Practitioner availability (/api/v1/me/availability) and free slots
// (/api/v1/practitioners/{id}/slots); the slot functions other modules call (the directory's
// "available within N days" and "sort by next free slot", booking's re-check).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { availabilityRoutes, slotsRoutes } from './availability.routes';
import { createAvailabilityService, type OpeningsListener } from './availability.service';

export type { OpeningsListener } from './availability.service';

export {
  type BusyInterval,
  computeFreeSlots,
  DEFAULT_SLOT_RULES,
  type ExceptionRule,
  exceptionDate,
  type FreeSlotInterval,
  firstFreeSlot,
  freeSlots,
  type SlotQuery,
  type SlotRules,
  type WeeklyWindowRule,
} from './slots/slot-engine';
export {
  nextFreeSlots,
  type PractitionerSlots,
  type SlotOptions,
  type SlotRange,
  slotsFor,
} from './slots/slots.repository';

/**
 * The availability module of `app` (register it under /api/v1/me/availability); `onOpenings` is
 * told of the slots a change opens (the waitlist's announceOpenings).
 */
export function availabilityModule(
  app: FastifyInstance,
  deps: { onOpenings: OpeningsListener },
): FastifyPluginAsyncZod {
  return availabilityRoutes(createAvailabilityService({ db: app.db, onOpenings: deps.onOpenings }));
}

/** The free slots module of `app` (register it under /api/v1/practitioners): reads only. */
export function slotsModule(app: FastifyInstance): FastifyPluginAsyncZod {
  return slotsRoutes(
    createAvailabilityService({
      db: app.db,
      onOpenings: () => Promise.reject(new Error('the free-slots routes change no availability')),
    }),
  );
}
