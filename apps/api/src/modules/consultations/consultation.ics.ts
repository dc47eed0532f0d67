// The iCalendar (.ics, RFC 5545/5546) entry of a consultation: attached to the booking and
// confirmation e-mails (METHOD:REQUEST), to the cancellation e-mail (METHOD:CANCEL, same UID, higher
// SEQUENCE, so calendars remove the entry), and downloadable (METHOD:PUBLISH).
//
// Privacy: work calendars are often shared, so the event is CLASS:PRIVATE and says only "HuntZen
// appointment with <name>", the format and a link behind sign-in — never a reason or a specialty.
// Each recipient's file names only that recipient as attendee.
import type { ConsultationFormat, ConsultationStatus } from '@huntzen/contracts';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventClass,
  ICalEventStatus,
} from 'ical-generator';
import type { MailLanguage } from '../../platform/mail';

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface CalendarEntry {
  consultationId: string;
  /** The host of the public URL: UIDs are `consultation-<id>@<host>`. */
  host: string;
  method: CalendarMethod;
  /** Grows with every change (the number of the consultation's events). */
  sequence: number;
  start: Date;
  end: Date;
  status: ConsultationStatus;
  format: ConsultationFormat;
  language: MailLanguage;
  /** Who the recipient meets: "Dr Sophie Martin", "Camille Test". */
  withName: string;
  /** The consultation's page in the app. */
  url: string;
  /** The practitioner's address, for IN_PERSON consultations. */
  address?: string | null;
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
  now: Date;
}

const FORMAT_LABELS: Record<MailLanguage, Record<ConsultationFormat, string>> = {
  fr: { VIDEO: 'en visio', AUDIO: 'par téléphone (audio)', IN_PERSON: 'en cabinet' },
  en: { VIDEO: 'by video', AUDIO: 'by audio call', IN_PERSON: 'in person' },
};

/** The UID of a consultation's calendar entry: the same in every file about it. */
export function consultationUid(consultationId: string, host: string): string {
  return `consultation-${consultationId}@${host}`;
}

function eventStatus(entry: CalendarEntry): ICalEventStatus {
  if (entry.method === 'CANCEL' || entry.status === 'CANCELLED') return ICalEventStatus.CANCELLED;
  return entry.status === 'SCHEDULED' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED;
}

/** The .ics text of `entry`. */
export function buildCalendar(entry: CalendarEntry): string {
  const fr = entry.language === 'fr';
  const format = FORMAT_LABELS[entry.language][entry.format];
  const summary = fr
    ? `Rendez-vous HuntZen avec ${entry.withName}`
    : `HuntZen appointment with ${entry.withName}`;
  const description = fr
    ? `Consultation ${format} avec ${entry.withName}.\nDétails et accès : ${entry.url}`
    : `Consultation ${format} with ${entry.withName}.\nDetails and access: ${entry.url}`;
  const calendar = ical({
    prodId: { company: 'HuntZen', product: 'Consultations', language: fr ? 'FR' : 'EN' },
    method: ICalCalendarMethod[entry.method],
  });
  calendar.createEvent({
    id: consultationUid(entry.consultationId, entry.host),
    sequence: entry.sequence,
    stamp: entry.now,
    start: entry.start,
    end: entry.end,
    summary,
    description,
    location: entry.format === 'IN_PERSON' ? (entry.address ?? null) : entry.url,
    url: entry.url,
    status: eventStatus(entry),
    class: ICalEventClass.PRIVATE,
    organizer: entry.organizer ?? null,
    attendees: entry.attendee
      ? [
          {
            ...entry.attendee,
            role: ICalAttendeeRole.REQ,
            // Booked through HuntZen: nothing to accept or decline in the calendar.
            status: ICalAttendeeStatus.ACCEPTED,
            rsvp: false,
          },
        ]
      : [],
  });
  return calendar.toString();
}

/** The e-mail attachment of `entry`. */
export function calendarAttachment(entry: CalendarEntry) {
  return {
    filename: entry.method === 'CANCEL' ? 'cancellation.ics' : 'invitation.ics',
    contentType: `text/calendar; charset=utf-8; method=${entry.method}`,
    content: buildCalendar(entry),
  };
}
