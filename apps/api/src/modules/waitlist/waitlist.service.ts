// The waitlist (/api/v1/waitlist): an employee joins a practitioner's waitlist for a range of dates,
// lists and leaves their entries. Everything runs under the employee's row-level security: an
// entry is theirs alone (0030_waitlist_series.sql). Telling the waiters: waitlist.jobs.ts.
import { type JoinWaitlistRequest, WAITLIST_RULES, type WaitlistEntry } from '@huntzen/contracts';
import { type Database, withActor } from '@huntzen/db';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import * as repo from './waitlist.repository';

const DAY = 86_400_000;

export interface WaitlistDeps {
  db: Database;
}

function employeeOf(actor: RequestActor): string {
  if (actor.role !== 'EMPLOYEE' || !actor.employeeId) {
    throw new AppError('FORBIDDEN', 'Only employees wait for a practitioner’s slots.');
  }
  return actor.employeeId;
}

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `Invalid ${path.replace('body.', '')}: ${message}.`, {
    errors: [{ path, message }],
  });

/** Builds the waitlist service. */
export function createWaitlistService(deps: WaitlistDeps) {
  const { db } = deps;

  async function list(actor: RequestActor): Promise<WaitlistEntry[]> {
    const employeeId = employeeOf(actor);
    const rows = await withActor(db, actor, (tx) => repo.listEntries(tx, employeeId, new Date()));
    return rows.map((r) => ({
      id: r.id,
      practitionerId: r.practitionerId,
      practitionerName: `${r.title} ${r.firstName} ${r.lastName}`.replace(/\s+/g, ' ').trim(),
      from: r.rangeStart.toISOString(),
      to: r.rangeEnd.toISOString(),
      createdAt: r.createdAt.toISOString(),
      position: Math.max(1, r.position),
      lastNotifiedAt: r.lastNotifiedAt?.toISOString() ?? null,
    }));
  }

  return {
    list,

    /** Joins a practitioner's waitlist; 409 CONFLICT if already on it. */
    async join(actor: RequestActor, body: JoinWaitlistRequest): Promise<WaitlistEntry> {
      const employeeId = employeeOf(actor);
      const from = new Date(body.from);
      const to = new Date(body.to);
      const now = new Date();
      if (to <= from) throw invalid('body.to', 'must be after `from`');
      if (to <= now) throw invalid('body.to', 'must be in the future');
      if (to.getTime() - from.getTime() > WAITLIST_RULES.maxRangeDays * DAY) {
        throw invalid('body.to', `must be at most ${WAITLIST_RULES.maxRangeDays} days after \`from\``);
      }
      const id = await withActor(db, actor, async (tx) => {
        const practitioner = await repo.findPractitioner(tx, body.practitionerId);
        if (!practitioner) throw new AppError('NOT_FOUND', 'No such practitioner.');
        const inserted = await repo.insertEntry(tx, {
          employeeId,
          practitionerId: practitioner.id,
          rangeStart: from,
          rangeEnd: to,
        });
        if (!inserted) {
          throw new AppError(
            'CONFLICT',
            'You are already on this practitioner’s waitlist: leave it to change the dates.',
          );
        }
        return inserted;
      });
      const entry = (await list(actor)).find((e) => e.id === id);
      return entry!;
    },

    /** Leaves an entry; 404 for one that is not the caller's. */
    async leave(actor: RequestActor, id: string): Promise<void> {
      const employeeId = employeeOf(actor);
      const deleted = await withActor(db, actor, (tx) => repo.deleteEntry(tx, employeeId, id));
      if (!deleted) throw new AppError('NOT_FOUND', 'No such waitlist entry.');
    },
  };
}

export type WaitlistService = ReturnType<typeof createWaitlistService>;
