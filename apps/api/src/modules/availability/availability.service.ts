// A practitioner's availability: the weekly schedule (replaced whole, in one transaction) and the
// exceptions (day off, blocked hours, extra opening) as a small CRUD; and anyone's free slots for
// those allowed to see them. Every change is audited (no health data here), and one that opens
// slots tells the practitioner's waitlist (modules/waitlist) in its own transaction.
import type {
  AvailabilityException,
  AvailabilityExceptionList,
  AvailabilityExceptionRequest,
  FreeSlotList,
  FreeSlotsQuery,
  WeeklySchedule,
  WeeklyScheduleRequest,
} from '@huntzen/contracts';
import { MAX_SLOT_DURATION, MIN_SLOT_DURATION } from '@huntzen/contracts';
import { type Availability, type Database, type Tx, withActor } from '@huntzen/db';
import { DateTime } from 'luxon';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { isoInstant } from '../../platform/iso-time';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { canSeeSlots, exceptionDateError, exceptionsOverlap, slotRangeErrors } from './availability.policy';
import * as repo from './availability.repository';
import { DAY } from './slots/local-time';
import { DEFAULT_SLOT_RULES, exceptionDate, type SlotRules } from './slots/slot-engine';
import { type SlotRange, slotsFor } from './slots/slots.repository';

/** Default length of a slot preview or search: one week. */
const DEFAULT_RANGE_DAYS = 7;

const clampDuration = (minutes: number) => Math.min(MAX_SLOT_DURATION, Math.max(MIN_SLOT_DURATION, minutes));

function practitionerOf(actor: RequestActor): string {
  if (actor.role === 'PRACTITIONER' && actor.practitionerId) return actor.practitionerId;
  throw new AppError('NOT_FOUND', 'No practitioner profile.');
}

function presentException(row: Availability): AvailabilityException {
  return {
    id: row.id,
    date: exceptionDate.fromStored(row.date!),
    isAvailable: row.isAvailable,
    startTime: row.startTime,
    endTime: row.endTime,
    slotDuration: row.slotDuration,
  };
}

/** "dayOfWeek start-end" lines: what the audit log keeps of a schedule. */
const scheduleLines = (
  windows: { dayOfWeek: number | null; startTime: string | null; endTime: string | null }[],
) => windows.map((w) => `${w.dayOfWeek} ${w.startTime}-${w.endTime}`);

const exceptionAudit = (e: AvailabilityException | Availability) => ({
  date: e.date instanceof Date ? exceptionDate.fromStored(e.date) : e.date,
  isAvailable: e.isAvailable,
  startTime: e.startTime,
  endTime: e.endTime,
  slotDuration: e.slotDuration,
});

/** A driver error raised by one of migration 0012's exclusion constraints. */
function isOverlapViolation(error: unknown): boolean {
  const codeOf = (e: unknown) => (e as { code?: string } | undefined)?.code;
  return codeOf(error) === '23P01' || codeOf((error as { cause?: unknown })?.cause) === '23P01';
}

/** Builds the availability service; `rules` are the minimum notice and horizon of slots. */
/**
 * Told, in the transaction of a change of a practitioner's availability, of their free slots before
 * and after it (the waitlist announces the ones it opened; app.ts wires it: this module does not
 * import the waitlist, which reads free slots from here).
 */
export type OpeningsListener = (
  tx: Tx,
  change: {
    practitionerId: string;
    before: readonly { start: Date; end: Date }[];
    after: readonly { start: Date; end: Date }[];
  },
) => Promise<unknown>;

export function createAvailabilityService(deps: {
  db: Database;
  onOpenings: OpeningsListener;
  rules?: Partial<SlotRules>;
}) {
  const { db, onOpenings } = deps;
  const rules: SlotRules = { ...DEFAULT_SLOT_RULES, ...deps.rules };

  async function practitioner(tx: Tx, id: string) {
    const row = await repo.findPractitioner(tx, id);
    if (!row) throw new AppError('NOT_FOUND', 'No practitioner profile.');
    return row;
  }

  async function schedule(tx: Tx, practitionerId: string): Promise<WeeklySchedule> {
    const p = await practitioner(tx, practitionerId);
    const rows = await repo.listWeekly(tx, practitionerId);
    return {
      timezone: p.timezone,
      bufferTime: p.bufferTime,
      slotDuration: rows[0]?.slotDuration ?? clampDuration(p.defaultDuration),
      windows: rows.map((r) => ({
        id: r.id,
        dayOfWeek: r.dayOfWeek!,
        startTime: r.startTime!,
        endTime: r.endTime!,
      })),
    };
  }

  /** The exception checks that need the database: its date, and no overlap on that date. */
  async function checkException(
    tx: Tx,
    practitionerId: string,
    timezone: string,
    body: AvailabilityExceptionRequest,
    ignoreId?: string,
  ) {
    const today = DateTime.now().setZone(timezone).toISODate()!;
    const dateError = exceptionDateError(body.date, today);
    if (dateError)
      throw new AppError('VALIDATION_FAILED', 'Invalid exception date.', { errors: [dateError] });
    const candidate = { startTime: body.startTime ?? null, endTime: body.endTime ?? null };
    const others = await repo.exceptionsOn(tx, practitionerId, exceptionDate.toStored(body.date));
    if (others.some((other) => other.id !== ignoreId && exceptionsOverlap(other, candidate))) {
      throw new AppError('VALIDATION_FAILED', 'This exception overlaps another one on the same date.', {
        errors: [
          {
            path: candidate.startTime ? 'body.startTime' : 'body.date',
            message: 'overlaps another exception on this date',
          },
        ],
      });
    }
  }

  /**
   * Reads the free slots of `ranges` before a change, in its transaction; `announce`, after the
   * change, tells `onOpenings` (the waitlist) of the slots before and after. A rolled-back change tells no one.
   */
  async function watchOpenings(tx: Tx, practitionerId: string, ranges: SlotRange[], now = new Date()) {
    const read = async () => {
      const free: { start: Date; end: Date }[] = [];
      for (const range of ranges) {
        const found = await slotsFor(tx, practitionerId, range, { now, rules });
        if (found?.bookable) free.push(...found.slots);
      }
      return free;
    };
    const before = await read();
    return {
      async announce(): Promise<void> {
        await onOpenings(tx, { practitionerId, before, after: await read() });
      },
    };
  }

  /** The slots an exception of local `date` can change (a day either side: zones and long windows). */
  function aroundDate(date: string, timezone: string): SlotRange {
    const day = DateTime.fromISO(date, { zone: timezone }).startOf('day');
    return { from: day.minus({ days: 1 }).toJSDate(), to: day.plus({ days: 2 }).toJSDate() };
  }

  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isOverlapViolation(error)) {
        throw new AppError('CONFLICT', 'Your availability changed at the same time: reload and try again.', {
          cause: error,
        });
      }
      throw error;
    }
  }

  return {
    /** The caller's weekly schedule, zone and slot settings. */
    getSchedule(actor: RequestActor): Promise<WeeklySchedule> {
      const id = practitionerOf(actor);
      return withActor(db, actor, (tx) => schedule(tx, id));
    },

    /** Replaces the caller's weekly schedule (validated by the contract: no overlaps, start < end). */
    replaceSchedule(actor: RequestActor, body: WeeklyScheduleRequest): Promise<WeeklySchedule> {
      const id = practitionerOf(actor);
      return guarded(() =>
        withActor(db, actor, async (tx) => {
          await repo.lockSchedule(tx, id);
          const before = await schedule(tx, id);
          // A weekly window reaches every week up to the booking horizon: two reads of two months
          // of slots, spared when the same schedule is saved again.
          const same =
            body.slotDuration === before.slotDuration &&
            scheduleLines(body.windows).sort().join() === scheduleLines(before.windows).sort().join();
          const now = new Date();
          const opening = same
            ? undefined
            : await watchOpenings(
                tx,
                id,
                [{ from: now, to: new Date(now.getTime() + rules.horizonDays * DAY) }],
                now,
              );
          await repo.replaceWeekly(tx, id, body.slotDuration, body.windows);
          await repo.setDefaultDuration(tx, id, body.slotDuration);
          await opening?.announce();
          const after = await schedule(tx, id);
          await recordAudit(tx, actor, {
            action: 'UPDATE',
            resource: 'availability',
            resourceId: id,
            details: { part: 'weekly schedule' },
            changesBefore: { slotDuration: before.slotDuration, windows: scheduleLines(before.windows) },
            changesAfter: { slotDuration: after.slotDuration, windows: scheduleLines(after.windows) },
          });
          return after;
        }),
      );
    },

    /** The caller's exceptions from `from` (default: today in their zone), by date. */
    listExceptions(
      actor: RequestActor,
      query: { from?: string; to?: string; limit: number; cursor?: string },
    ): Promise<AvailabilityExceptionList> {
      const id = practitionerOf(actor);
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      return withActor(db, actor, async (tx) => {
        const p = await practitioner(tx, id);
        const from = query.from ?? DateTime.now().setZone(p.timezone).toISODate()!;
        const rows = await repo.listExceptions(tx, id, {
          from: exceptionDate.toStored(from),
          to: query.to ? exceptionDate.toStored(query.to) : undefined,
          after: after ? { date: new Date(after.t), id: after.id } : undefined,
          limit: query.limit + 1,
        });
        const page = rows.slice(0, query.limit);
        const last = page.at(-1);
        return {
          items: page.map(presentException),
          nextCursor:
            rows.length > query.limit && last
              ? encodeCursor({ t: last.date!.toISOString(), id: last.id })
              : null,
        };
      });
    },

    /** Adds an exception on a date of the caller's zone. */
    createException(actor: RequestActor, body: AvailabilityExceptionRequest): Promise<AvailabilityException> {
      const id = practitionerOf(actor);
      return guarded(() =>
        withActor(db, actor, async (tx) => {
          await repo.lockSchedule(tx, id);
          const current = await schedule(tx, id);
          await checkException(tx, id, current.timezone, body);
          const opening = await watchOpenings(tx, id, [aroundDate(body.date, current.timezone)]);
          const row = await repo.insertException(tx, id, {
            date: exceptionDate.toStored(body.date),
            isAvailable: body.isAvailable,
            startTime: body.startTime ?? null,
            endTime: body.endTime ?? null,
            slotDuration: body.slotDuration ?? current.slotDuration,
          });
          await opening.announce();
          const created = presentException(row);
          await recordAudit(tx, actor, {
            action: 'CREATE',
            resource: 'availability',
            resourceId: row.id,
            details: { part: 'exception' },
            changesAfter: exceptionAudit(created),
          });
          return created;
        }),
      );
    },

    /** Changes one of the caller's exceptions. */
    updateException(
      actor: RequestActor,
      exceptionId: string,
      body: AvailabilityExceptionRequest,
    ): Promise<AvailabilityException> {
      const id = practitionerOf(actor);
      return guarded(() =>
        withActor(db, actor, async (tx) => {
          await repo.lockSchedule(tx, id);
          const existing = await repo.findException(tx, id, exceptionId);
          if (!existing) throw new AppError('NOT_FOUND', 'No such exception.');
          const current = await schedule(tx, id);
          await checkException(tx, id, current.timezone, body, exceptionId);
          const opening = await watchOpenings(tx, id, [
            aroundDate(exceptionDate.fromStored(existing.date!), current.timezone),
            aroundDate(body.date, current.timezone),
          ]);
          const row = await repo.updateException(tx, id, exceptionId, {
            date: exceptionDate.toStored(body.date),
            isAvailable: body.isAvailable,
            startTime: body.startTime ?? null,
            endTime: body.endTime ?? null,
            slotDuration: body.slotDuration ?? existing.slotDuration,
          });
          if (!row) throw new AppError('NOT_FOUND', 'No such exception.');
          await opening.announce();
          const updated = presentException(row);
          await recordAudit(tx, actor, {
            action: 'UPDATE',
            resource: 'availability',
            resourceId: exceptionId,
            details: { part: 'exception' },
            changesBefore: exceptionAudit(existing),
            changesAfter: exceptionAudit(updated),
          });
          return updated;
        }),
      );
    },

    /** Removes one of the caller's exceptions. */
    deleteException(actor: RequestActor, exceptionId: string): Promise<void> {
      const id = practitionerOf(actor);
      return withActor(db, actor, async (tx) => {
        const existing = await repo.findException(tx, id, exceptionId);
        if (!existing) throw new AppError('NOT_FOUND', 'No such exception.');
        const { timezone } = await practitioner(tx, id);
        const opening = await watchOpenings(tx, id, [
          aroundDate(exceptionDate.fromStored(existing.date!), timezone),
        ]);
        if (!(await repo.deleteException(tx, id, exceptionId))) {
          throw new AppError('NOT_FOUND', 'No such exception.');
        }
        await opening.announce();
        await recordAudit(tx, actor, {
          action: 'DELETE',
          resource: 'availability',
          resourceId: exceptionId,
          details: { part: 'exception' },
          changesBefore: exceptionAudit(existing),
        });
      });
    },

    /** A practitioner's free slots in [from, to) (default: the coming week), in UTC, with their zone. */
    async slots(actor: RequestActor, practitionerId: string, query: FreeSlotsQuery): Promise<FreeSlotList> {
      const now = new Date();
      const from = query.from ? new Date(query.from) : now;
      const to = query.to ? new Date(query.to) : new Date(from.getTime() + DEFAULT_RANGE_DAYS * DAY);
      const errors = slotRangeErrors(from, to, rules);
      if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid range.', { errors });
      // A read: its statement is a transaction of its own (no BEGIN or COMMIT to send).
      const result = await withActor(
        db,
        actor,
        (tx) => slotsFor(tx, practitionerId, { from, to }, { now, rules }),
        { autocommit: true },
      );
      if (!result || !canSeeSlots(actor, { id: practitionerId, bookable: result.bookable })) {
        throw new AppError('NOT_FOUND', 'No such practitioner.');
      }
      return {
        timezone: result.timezone,
        slots: result.slots.map((s) => ({
          start: isoInstant(s.start.getTime()),
          end: isoInstant(s.end.getTime()),
        })),
      };
    },
  };
}

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
