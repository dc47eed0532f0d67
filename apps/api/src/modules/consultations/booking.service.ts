// Booking (POST /api/v1/consultations): an active employee with current consent books a free slot
// of a bookable practitioner in a format they offer. Everything happens in one transaction under
// the employee's row-level security: the Idempotency-Key claim, the checks, the row, its event,
// the audit entry, the practitioner's notification and the e-mail job. Double booking is refused
// by the database itself (exclusion constraints of 0013_booking.sql): the checks here give clear
// answers, the constraints make a lost race impossible to commit.
import { randomUUID } from 'node:crypto';
import {
  type BookConsultationRequest,
  type Consultation as ConsultationView,
  MAX_SLOT_DURATION,
} from '@huntzen/contracts';
import { type Database, type Tx, withActor } from '@huntzen/db';
import { auditCall } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import type { FieldCipher } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { scheduleJobsSql } from '../../platform/jobs';
import { prepareNotification } from '../../platform/notifications';
import { type SlotRules, slotsFor } from '../availability';
import { consentUpToDate } from '../onboarding';
import { reminderJobs } from '../reminders';
import { checkPractitionerBookable, durationOf, needsRoom, slotStartingAt } from './booking.policy';
import { writeBookingRecords } from './booking.repository';
import { consultationEmailsJob } from './consultation.jobs';
import { changeNotification } from './consultation.notifications';
import * as repo from './consultations.repository';
import { employeeName, toConsultationView } from './consultations.view';
import {
  claimOutcome,
  type IdempotencyScope,
  keyClaimValues,
  requestFingerprint,
} from './idempotency.repository';
import { newRoom } from './rooms';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** The operation an Idempotency-Key of this route is scoped to. */
export const BOOKING_SCOPE = 'POST /api/v1/consultations';

export interface ConsultationsDeps {
  db: Database;
  cipher: FieldCipher;
  /** PUBLIC_URL, for the calendar entries' links (the e-mails' jobs take theirs from the jobs runner). */
  publicUrl: string;
}

/** The answer of a booking: 201 and the consultation, possibly replayed for an Idempotency-Key. */
export interface BookingAnswer {
  status: number;
  body: ConsultationView;
  replayed: boolean;
}

const slotTaken = () =>
  new AppError('SLOT_TAKEN', 'This slot has just been booked by someone else: choose another one.');
// The employee's own other tab (or an earlier click) booked it: say so, and which consultation.
const slotYours = (consultationId: string) =>
  new AppError('SLOT_TAKEN', 'You have already booked this slot.', { consultationId });
const employeeBusy = () => new AppError('EMPLOYEE_BUSY', 'You already have a consultation at that time.');

/** Builds the booking service. */
export function createBookingService(deps: ConsultationsDeps) {
  const { db } = deps;

  /**
   * The claim of `key` (if any), the checks and writes of one booking, in `tx`; with `key`, its
   * answer is stored for replay, or the stored answer replayed.
   */
  async function bookIn(
    tx: Tx,
    actor: RequestActor,
    body: BookConsultationRequest,
    key: { scope: IdempotencyScope; fingerprint: string } | null,
    rules?: Partial<SlotRules>,
  ): Promise<BookingAnswer> {
    // The Idempotency-Key claim, the employee, their consent and the practitioner in one
    // statement (issue #13). The claim's outcome comes first, then the checks in their order. A
    // non-employee claims nothing, and an employee row the actor cannot see leaves no row to tell
    // the claim's outcome: both are refused, which rolls any claim back.
    const claim = key ? keyClaimValues(key.scope, key.fingerprint) : undefined;
    if (actor.role !== 'EMPLOYEE' || !actor.employeeId) {
      throw new AppError('FORBIDDEN', 'Only employees book consultations.');
    }
    // The slots the engine offers around the requested start, read in the same write as the
    // parties (issue #13: one round trip fewer); used only once every check below has passed.
    // The day before the slot lets overlapping windows resolve as they do on the practitioner's
    // page (the earlier slot wins). Nothing after the slot can change it: the range ends where the
    // longest slot starting then would (fewer slots to compute and busy times to read).
    const start = new Date(body.scheduledAt);
    const now = new Date();
    const [parties, offered] = await Promise.all([
      repo.findBookingParties(tx, actor.employeeId, body.practitionerId, claim),
      slotsFor(
        tx,
        body.practitionerId,
        { from: new Date(start.getTime() - DAY), to: new Date(start.getTime() + MAX_SLOT_DURATION * MINUTE) },
        { now, ...(rules ? { rules } : {}) },
      ),
    ]);
    if (!parties) throw new AppError('FORBIDDEN', 'Only employees book consultations.');
    if (key) {
      const outcome = await claimOutcome(tx, key.scope, key.fingerprint, parties.claimed === true);
      if (outcome.kind === 'replay') {
        return { status: outcome.status, body: outcome.body as ConsultationView, replayed: true };
      }
      if (outcome.kind === 'mismatch') {
        throw new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used for another booking request: use a new key for a new request.',
        );
      }
    }
    const { employee, practitioner, existingClient } = parties;
    // An active account is an approved one: sign-in already refuses those waiting for HR
    // (approvedAt is only kept to tell "waiting" from "deactivated"; seeded and demo accounts
    // are active without it).
    if (!employee.userActive) {
      throw new AppError('FORBIDDEN', 'Your account is not active.');
    }
    if (!employee.companyActive) throw new AppError('FORBIDDEN', "Your company's account is not active.");
    // The consent gate of clinical features (onboarding's assertConsentCurrent), on the row read above.
    if (!consentUpToDate(employee)) {
      throw new AppError(
        'CONSENT_REQUIRED',
        'Accept the current consent (POST /api/v1/me/consent) before using this feature.',
      );
    }

    if (!practitioner) throw new AppError('NOT_FOUND', 'No such practitioner.');
    checkPractitionerBookable(practitioner, body.format, existingClient);

    // The slot must be one the slot engine offers now (free, within notice and horizon).
    const slot = offered ? slotStartingAt(offered.slots, start) : undefined;
    if (!slot) {
      const probe = new Date(start.getTime() + practitioner.defaultDuration * MINUTE);
      if (await repo.practitionerBusy(tx, practitioner.id, start, probe)) {
        const own = await repo.ownConsultationWith(tx, employee.id, practitioner.id, start, probe);
        throw own ? slotYours(own) : slotTaken();
      }
      throw new AppError('VALIDATION_FAILED', 'This time is not a free slot of this practitioner.', {
        errors: [{ path: 'body.scheduledAt', message: 'is not a free slot of this practitioner' }],
      });
    }
    // The employee's own calendar needs no check of its own: the exclusion constraint refuses an
    // overlapping row (EMPLOYEE_BUSY below), under the same condition (not cancelled, '[)').

    const id = randomUUID();
    const duration = durationOf(slot);
    let inserted: repo.ConsultationRecord;
    try {
      inserted = await repo.insertConsultation(tx, {
        id,
        companyId: employee.companyId,
        employeeId: employee.id,
        practitionerId: practitioner.id,
        scheduledAt: slot.start,
        scheduledEndAt: slot.end,
        duration,
        format: body.format,
        status: 'SCHEDULED',
        ...(needsRoom(body.format) ? newRoom(deps.cipher, id) : {}),
      });
    } catch (error) {
      // A concurrent booking committed first: the constraint, not a message, says which.
      const overlap = repo.overlapConflict(error);
      if (overlap === 'practitioner') throw slotTaken();
      if (overlap === 'employee') throw employeeBusy();
      throw error;
    }
    // The answer from the inserted row (RETURNING: defaults and trigger-set columns included;
    // nothing later in this transaction changes it) and the parties read above: no re-read.
    const view = toConsultationView(
      {
        consultation: { ...inserted, cancelReason: null },
        employee: {
          id: employee.id,
          userId: employee.userId,
          firstName: employee.firstName,
          lastName: employee.lastName,
        },
        practitioner: {
          id: practitioner.id,
          userId: practitioner.userId,
          title: practitioner.title,
          firstName: practitioner.firstName,
          lastName: practitioner.lastName,
          avatarUrl: practitioner.avatarUrl,
          timezone: practitioner.timezone,
        },
      },
      'employee',
    );
    // The event, the audit row, the practitioner's notification, the e-mails' job and the 24 h and
    // 1 h reminders, and the key's answer: each built and checked by its module, written in one
    // statement of this transaction (a rolled-back booking plans no job). A reminder too late to
    // plan has nothing to remove: the consultation is new.
    const eventId = randomUUID();
    const notification = prepareNotification(
      changeNotification(
        {
          userId: practitioner.userId,
          language: practitioner.preferredLanguage,
          timezone: practitioner.timezone,
        },
        'booked',
        { consultationId: id, at: slot.start, withName: employeeName(employee) },
      ),
    );
    const jobs = scheduleJobsSql([
      consultationEmailsJob({ consultationId: id, eventId, kind: 'booked', by: 'employee', sequence: 0 }),
      ...reminderJobs({ id, scheduledAt: slot.start }).schedule,
      ...notification.jobs,
    ]);
    await writeBookingRecords(tx, {
      event: {
        id: eventId,
        consultationId: id,
        eventType: 'CREATED',
        actorId: actor.userId,
        actorRole: actor.role,
        metadata: { format: body.format, duration, scheduledAt: slot.start.toISOString() },
        ipAddress: actor.ip ?? null,
        userAgent: actor.userAgent ?? null,
      },
      calls: [
        auditCall({
          action: 'CREATE',
          resource: 'consultation',
          resourceId: id,
          companyId: employee.companyId,
          details: {
            practitionerId: practitioner.id,
            format: body.format,
            scheduledAt: slot.start.toISOString(),
            duration,
          },
          // Who consults whom is sensitive, like the updates the table's trigger audits.
          isSensitive: true,
        }),
        notification.call,
        ...(jobs ? [jobs] : []),
      ],
      ...(key ? { answer: { key: key.scope, status: 201, body: view } } : {}),
    });
    return { status: 201, body: view, replayed: false };
  }

  return {
    /**
     * Books a consultation. With an Idempotency-Key, the same request sent again (even at the
     * same time) gets the first answer and books nothing more; another request with that key is
     * refused (IDEMPOTENCY_KEY_REUSED). `rules` widen the slot engine's (a series reaches past the
     * usual horizon); every other check is the same.
     */
    async book(
      actor: RequestActor,
      body: BookConsultationRequest,
      idempotencyKey?: string,
      rules?: Partial<SlotRules>,
    ): Promise<BookingAnswer> {
      const fingerprint = requestFingerprint([
        body.practitionerId.toLowerCase(),
        new Date(body.scheduledAt).toISOString(),
        body.format,
      ]);
      const key = idempotencyKey
        ? { scope: { userId: actor.userId, scope: BOOKING_SCOPE, key: idempotencyKey }, fingerprint }
        : null;
      return withActor(db, actor, (tx) => bookIn(tx, actor, body, key, rules));
    },
  };
}

export type BookingService = ReturnType<typeof createBookingService>;
