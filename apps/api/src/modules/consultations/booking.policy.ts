// Pure rules of booking (PRODUCT.md "Booking"): who can be booked, in which format, and which
// slot. The service reads the rows and the free slots, these decide.
import type { ConsultationFormat } from '@huntzen/contracts';
import { AppError } from '../../platform/errors';

/** The practitioner columns booking looks at. */
export interface BookablePractitioner {
  isValidated: boolean;
  isActive: boolean;
  isAcceptingNewClients: boolean;
  offersVideo: boolean;
  offersPhone: boolean;
  offersInPerson: boolean;
}

/** Whether the practitioner offers `format` (AUDIO is the spec's "phone"). */
export function offersFormat(p: BookablePractitioner, format: ConsultationFormat): boolean {
  if (format === 'VIDEO') return p.offersVideo;
  if (format === 'AUDIO') return p.offersPhone;
  return p.offersInPerson;
}

/** VIDEO and AUDIO consultations take place in a Jitsi room; IN_PERSON ones need none. */
export function needsRoom(format: ConsultationFormat): boolean {
  return format !== 'IN_PERSON';
}

/**
 * Throws unless an employee may book `p` in `format`: validated and active (otherwise the
 * practitioner does not exist for employees: NOT_FOUND), offering the format, and accepting new
 * clients unless the employee already is one (`existingClient`).
 */
export function checkPractitionerBookable(
  p: BookablePractitioner,
  format: ConsultationFormat,
  existingClient: boolean,
): void {
  if (!p.isValidated || !p.isActive) throw new AppError('NOT_FOUND', 'No such practitioner.');
  if (!offersFormat(p, format)) {
    throw new AppError('VALIDATION_FAILED', 'This practitioner does not offer this format.', {
      errors: [{ path: 'body.format', message: 'is not offered by this practitioner' }],
    });
  }
  if (!p.isAcceptingNewClients && !existingClient) {
    throw new AppError(
      'NOT_ACCEPTING_NEW_CLIENTS',
      'This practitioner does not take new clients at the moment.',
    );
  }
}

/** A free slot as the slot engine returns it. */
export interface OfferedSlot {
  start: Date;
  end: Date;
}

/** The offered slot that starts exactly at `scheduledAt`, if any (its length is the duration). */
export function slotStartingAt(slots: readonly OfferedSlot[], scheduledAt: Date): OfferedSlot | undefined {
  return slots.find((slot) => slot.start.getTime() === scheduledAt.getTime());
}

/** The planned length of `slot` in whole minutes. */
export function durationOf(slot: OfferedSlot): number {
  return Math.round((slot.end.getTime() - slot.start.getTime()) / 60_000);
}
