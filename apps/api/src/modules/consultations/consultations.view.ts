// A consultation as the API shows it. The room's name and password never appear (the join endpoint
// hands them to a participant in time); the cancellation reason only to the two participants (it
// may say something about health); the quick notes not at all.
import type { ConsultationParty, Consultation as ConsultationView } from '@huntzen/contracts';
import { isoOrNull as iso, isoInstant } from '../../platform/iso-time';
import type { ConsultationRow } from './consultations.repository';

/** Who cancelled: the employee's or practitioner's user, else an admin. */
export function cancellerOf(row: ConsultationRow): ConsultationParty | null {
  const by = row.consultation.cancelledBy;
  if (!by) return null;
  if (by === row.employee.userId) return 'employee';
  if (by === row.practitioner.userId) return 'practitioner';
  return 'admin';
}

/** The view of `row` for `viewer`. */
export function toConsultationView(row: ConsultationRow, viewer: ConsultationParty): ConsultationView {
  const c = row.consultation;
  const p = row.practitioner;
  return {
    id: c.id,
    status: c.status,
    format: c.format,
    scheduledAt: isoInstant(c.scheduledAt.getTime()),
    scheduledEndAt: isoInstant(c.scheduledEndAt.getTime()),
    duration: c.duration,
    practitioner: {
      id: p.id,
      title: p.title,
      firstName: p.firstName,
      lastName: p.lastName,
      avatarUrl: p.avatarUrl,
      timezone: p.timezone,
    },
    employee: { id: row.employee.id, firstName: row.employee.firstName, lastName: row.employee.lastName },
    startedAt: iso(c.startedAt),
    endedAt: iso(c.endedAt),
    actualDuration: c.actualDuration,
    cancelledAt: iso(c.cancelledAt),
    cancelledBy: cancellerOf(row),
    cancelledWithin24h: c.cancelledWithin24h,
    cancelReason: viewer === 'admin' ? null : c.cancelReason,
    noShowAt: iso(c.noShowAt),
    noShowBy: c.noShowBy === 'employee' || c.noShowBy === 'practitioner' ? c.noShowBy : null,
    hasRoom: c.roomName !== null,
    isBillable: c.isBillable,
    billingStatus: c.billingStatus,
    createdAt: isoInstant(c.createdAt.getTime()),
  };
}

/** "Dr Sophie Martin" */
export function practitionerName(p: { title: string; firstName: string; lastName: string }): string {
  return `${p.title} ${p.firstName} ${p.lastName}`.replace(/\s+/g, ' ').trim();
}

/** "Camille Test" */
export function employeeName(e: { firstName: string; lastName: string }): string {
  return `${e.firstName} ${e.lastName}`.trim();
}
