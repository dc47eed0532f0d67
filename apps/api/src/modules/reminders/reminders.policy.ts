// When a consultation's reminders go out (PRODUCT.md "Reminders"), as pure rules: 24 hours and
// 1 hour before the planned start, to both participants, while the consultation is still ahead.
import type { ConsultationStatus, NotificationType } from '@huntzen/db';

export const REMINDER_KINDS = ['24h', '1h'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

const HOUR = 3_600_000;

/** How long before the planned start each reminder is due. */
export const REMINDER_LEAD_MS: Readonly<Record<ReminderKind, number>> = Object.freeze({
  '24h': 24 * HOUR,
  '1h': HOUR,
});

export const REMINDER_NOTIFICATION: Readonly<Record<ReminderKind, NotificationType>> = Object.freeze({
  '24h': 'CONSULTATION_REMINDER_24H',
  '1h': 'CONSULTATION_REMINDER_1H',
});

/** Statuses still ahead of their session: the only ones reminded. */
export const REMINDED_STATUSES: readonly ConsultationStatus[] = ['SCHEDULED', 'CONFIRMED'];

/** The job key of one reminder: scheduling again replaces it, cancelling removes it. */
export function reminderJobKey(consultationId: string, kind: ReminderKind): string {
  return `consultation_reminder:${consultationId}:${kind}`;
}

/**
 * The reminders to plan for a consultation starting at `scheduledAt`, seen at `now`: each one whose
 * time is still ahead. Booked less than 24 h ahead: only the 1 h one; less than 1 h ahead: none.
 */
export function remindersToPlan(scheduledAt: Date, now: Date): { kind: ReminderKind; runAt: Date }[] {
  return REMINDER_KINDS.map((kind) => ({
    kind,
    runAt: new Date(scheduledAt.getTime() - REMINDER_LEAD_MS[kind]),
  })).filter((r) => r.runAt.getTime() > now.getTime());
}

/**
 * Whether a reminder running at `now` is still worth sending: the consultation is ahead and the
 * next reminder (if any) is not due yet — a 24 h reminder delayed past the 1 h mark (workers were
 * down) would only duplicate the 1 h one, and a reminder after the start is noise.
 */
export function stillWorthSending(kind: ReminderKind, scheduledAt: Date, now: Date): boolean {
  const latest = kind === '24h' ? scheduledAt.getTime() - REMINDER_LEAD_MS['1h'] : scheduledAt.getTime();
  return now.getTime() < latest;
}

/** Why a due reminder is not sent, or null to send it. */
export function skipReason(
  job: { kind: ReminderKind; scheduledAt: Date },
  c: { status: ConsultationStatus; scheduledAt: Date } | undefined,
  now: Date,
): 'gone' | 'status' | 'moved' | 'late' | null {
  if (!c) return 'gone';
  if (!REMINDED_STATUSES.includes(c.status)) return 'status';
  // Planned for another start: the consultation moved and its new reminders were planned anew.
  if (c.scheduledAt.getTime() !== job.scheduledAt.getTime()) return 'moved';
  if (!stillWorthSending(job.kind, c.scheduledAt, now)) return 'late';
  return null;
}
