// Reading consultations: the caller's own list, one consultation, its calendar file. Participants
// and HuntZen admins only; HR never (it reads its company's rows for counters, not here), and a
// consultation one may not see does not exist (404).

import type {
  ConsultationListQuerySchema,
  ConsultationPage,
  Consultation as ConsultationView,
} from '@huntzen/contracts';
import { isHuntzenAdmin } from '@huntzen/contracts';
import { type Tx, withActor } from '@huntzen/db';
import type { z } from 'zod';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { mailLanguage } from '../../platform/mail';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import type { ConsultationsDeps } from './booking.service';
import { buildCalendar } from './consultation.ics';
import { partyOf } from './consultations.policy';
import * as repo from './consultations.repository';
import { employeeName, practitionerName, toConsultationView } from './consultations.view';

const notFound = () => new AppError('NOT_FOUND', 'No such consultation.');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function scopeOf(actor: RequestActor, flagged: boolean): repo.ListScope {
  if (actor.role === 'EMPLOYEE' && actor.employeeId)
    return { kind: 'employee', employeeId: actor.employeeId };
  if (actor.role === 'PRACTITIONER' && actor.practitionerId) {
    return { kind: 'practitioner', practitionerId: actor.practitionerId };
  }
  if (isHuntzenAdmin(actor.role)) return { kind: 'all', flagged };
  throw new AppError('FORBIDDEN', 'You have no consultations.');
}

/** Builds the reading service. */
export function createConsultationsService(deps: ConsultationsDeps) {
  const { db } = deps;

  /** The consultation `id` and the caller's part in it, or 404. */
  async function visible(actor: RequestActor, id: string, tx: Tx) {
    if (actor.role === 'ADMIN_RH') throw notFound();
    const row = await repo.findConsultation(tx, id);
    const party = row ? partyOf(actor, row.consultation) : null;
    if (!row || !party) throw notFound();
    return { row, party };
  }

  return {
    /** The caller's consultations (all of them for admins), upcoming, past or both, in a date range, a page at a time. */
    async list(
      actor: RequestActor,
      q: z.output<typeof ConsultationListQuerySchema>,
    ): Promise<ConsultationPage> {
      const scope = scopeOf(actor, q.flagged);
      const viewer = scope.kind === 'all' ? 'admin' : scope.kind;
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      const afterKey = after ? { scheduledAt: new Date(after.t), id: after.id } : undefined;
      if (afterKey && (Number.isNaN(afterKey.scheduledAt.getTime()) || !UUID.test(afterKey.id))) {
        throw new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
          errors: [{ path: 'query.cursor', message: 'invalid' }],
        });
      }
      // A read: its statement is a transaction of its own (no BEGIN or COMMIT to send). Without
      // a range, the list compares only with now() and equalities: its generic plan is right,
      // where PostgreSQL may judge it dearer when some practitioners have far more rows than the
      // average, and plan it anew on every request (planning under RLS: 1.3–1.7 ms, running it
      // 0.5 ms; docs/scaling.md).
      const rows = await withActor(
        db,
        actor,
        (tx) =>
          repo.listConsultations(tx, {
            scope,
            when: q.when,
            from: q.from ? new Date(q.from) : undefined,
            to: q.to ? new Date(q.to) : undefined,
            limit: q.limit,
            after: afterKey,
          }),
        { autocommit: true, genericPlans: !q.from && !q.to },
      );
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => toConsultationView(row, viewer)),
        nextCursor:
          rows.length > q.limit && last
            ? encodeCursor({ t: last.consultation.scheduledAt.toISOString(), id: last.consultation.id })
            : null,
      };
    },

    /** One consultation, for its participants and HuntZen admins. */
    async get(actor: RequestActor, id: string): Promise<ConsultationView> {
      return withActor(db, actor, async (tx) => {
        const { row, party } = await visible(actor, id, tx);
        return toConsultationView(row, party);
      });
    },

    /** The consultation as an .ics file (METHOD:PUBLISH), for its two participants. */
    async calendar(actor: RequestActor, id: string): Promise<string> {
      return withActor(db, actor, async (tx) => {
        const { row, party } = await visible(actor, id, tx);
        if (party === 'admin') throw notFound();
        const c = row.consultation;
        const parties = await repo.findParties(tx, c.employeeId, c.practitionerId);
        const me = party === 'employee' ? parties?.employee : parties?.practitioner;
        const origin = deps.publicUrl.replace(/\/+$/, '');
        const url = `${origin}/app/consultations/${c.id}`;
        return buildCalendar({
          consultationId: c.id,
          host: new URL(origin).hostname,
          method: 'PUBLISH',
          // The last change's number: a download is as recent as the latest e-mail.
          sequence: Math.max(0, (await repo.countEvents(tx, c.id)) - 1),
          start: c.scheduledAt,
          end: c.scheduledEndAt,
          status: c.status,
          format: c.format,
          language: mailLanguage(me?.language),
          withName: party === 'employee' ? practitionerName(row.practitioner) : employeeName(row.employee),
          url,
          address:
            c.format === 'IN_PERSON'
              ? ((await repo.findPractitioner(tx, c.practitionerId))?.inPersonAddress ?? null)
              : null,
          now: new Date(),
        });
      });
    },
  };
}

export type ConsultationsService = ReturnType<typeof createConsultationsService>;
