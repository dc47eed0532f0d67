// One demo consultation per slot, in a state consistent with its time (past, now, future), and the
// rows that hang off it: events, encrypted chat messages, encrypted clinical notes, reviews.
import { randomUUID } from 'node:crypto';
import { messageContentContext } from '@huntzen/crypto';
import type { BillingStatus, ConsultationStatus, NoteType } from '../schema/enums';
import { between, type DemoContext } from './context';
import { CopyBuffer, copyRow, ts } from './copy';
import { UuidV7 } from './ids';
import type { DemoEmployee } from './organisations';
import type { DemoPractitioner } from './practitioners';
import { DAY, HOUR, MINUTE, type Slot } from './schedule';
import {
  CANCEL_REASONS,
  CONSULTATION_NOTES,
  EMPLOYEE_MESSAGES,
  NOTE_OBSERVATIONS,
  NOTE_PLANS,
  NOTE_REASONS,
  PRACTITIONER_CANCEL_REASONS,
  PRACTITIONER_MESSAGES,
  REVIEW_COMMENTS,
  USER_AGENTS,
} from './vocabulary';

export const CONSULTATION_COLUMNS = [
  'id',
  'company_id',
  'employee_id',
  'practitioner_id',
  'scheduled_at',
  'scheduled_end_at',
  'duration',
  'format',
  'status',
  'started_at',
  'ended_at',
  'actual_duration',
  'cancelled_at',
  'cancelled_by',
  'cancel_reason',
  'cancelled_within24h',
  'no_show_at',
  'no_show_by',
  'room_name',
  'room_password',
  'notes',
  'is_billable',
  'billing_status',
  'billed_at',
  'created_at',
  'updated_at',
] as const;

export const EVENT_COLUMNS = [
  'id',
  'consultation_id',
  'event_type',
  'actor_id',
  'actor_role',
  'timestamp',
  'metadata',
  'ip_address',
  'user_agent',
] as const;

export const MESSAGE_COLUMNS = [
  'id',
  'consultation_id',
  'sender_id',
  'sender_role',
  'encrypted_content',
  'iv',
  'auth_tag',
  'message_type',
  'is_read',
  'read_at',
  'is_edited',
  'edited_at',
  'created_at',
] as const;

export const NOTE_COLUMNS = [
  'id',
  'consultation_id',
  'practitioner_id',
  'encrypted_content',
  'iv',
  'auth_tag',
  'note_type',
  'created_at',
  'updated_at',
  'template',
  'signed_at',
  'signed_by',
] as const;

export const REVIEW_COLUMNS = [
  'id',
  'practitioner_id',
  'employee_id',
  'consultation_id',
  'rating',
  'comment',
  'is_published',
  'moderated_at',
  'moderated_by',
  'created_at',
] as const;

/** COPY rows of one chunk, per table, in foreign-key order. */
export interface ChunkLines {
  consultations: CopyBuffer;
  consultation_events: CopyBuffer;
  messages: CopyBuffer;
  clinical_notes: CopyBuffer;
  practitioner_reviews: CopyBuffer;
}

export function emptyChunk(): ChunkLines {
  return {
    consultations: new CopyBuffer(),
    consultation_events: new CopyBuffer(),
    messages: new CopyBuffer(),
    clinical_notes: new CopyBuffer(),
    practitioner_reviews: new CopyBuffer(),
  };
}

// How long before the session it was booked: 2 hours (the product's minimum notice) to a month.
const LEAD_TIMES = [
  [[2 * HOUR, DAY], 15],
  [[DAY, 7 * DAY], 45],
  [[7 * DAY, 30 * DAY], 40],
] as const;
const RATINGS = [
  [5, 50],
  [4, 30],
  [3, 11],
  [2, 5],
  [1, 4],
] as const;

type Actor = 'employee' | 'practitioner';

/** Builds the rows of consultations placed by the scheduler. */
export class ConsultationFactory {
  private readonly monthStart: number;
  private readonly ids = new UuidV7();

  constructor(
    private readonly ctx: DemoContext,
    private readonly employees: readonly DemoEmployee[],
    private readonly practitioners: readonly DemoPractitioner[],
  ) {
    const now = new Date(ctx.now);
    this.monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  }

  /** Appends the consultation of `slot` and its dependent rows to `out`. */
  add(slot: Slot, out: ChunkLines): void {
    const { ctx } = this;
    const { random, now } = ctx;
    const employee = this.employees[slot.employee]!;
    const practitioner = this.practitioners[slot.practitioner]!;
    const id = this.ids.next();
    const start = slot.start;
    const end = start + practitioner.duration * MINUTE;
    const userOf = (who: Actor) => (who === 'employee' ? employee.userId : practitioner.userId);
    const roleOf = (who: Actor) => (who === 'employee' ? 'EMPLOYEE' : 'PRACTITIONER');
    const event = (type: string, who: Actor, at: number, metadata: object | null = null, web = false) => {
      out.consultation_events.push(
        copyRow([
          this.ids.next(),
          id,
          type,
          userOf(who),
          roleOf(who),
          ts(at),
          metadata,
          web
            ? `${random.int(2, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`
            : null,
          web ? random.pick(USER_AGENTS) : null,
        ]),
      );
    };

    const lead = random.weighted(LEAD_TIMES);
    let createdAt = start - between(ctx, lead[0], lead[1]);
    if (createdAt > now) createdAt = now - between(ctx, MINUTE, 3 * DAY);
    const format = random.weighted([
      ['VIDEO', practitioner.offersVideo ? 70 : 0],
      ['AUDIO', practitioner.offersPhone ? 20 : 0],
      ['IN_PERSON', practitioner.offersInPerson ? 10 : 0],
    ] as const);
    event('CREATED', 'employee', createdAt, { format, duration: practitioner.duration }, true);

    let status: ConsultationStatus;
    if (start >= now) {
      status = random.weighted([
        ['CANCELLED', 8],
        ['CONFIRMED', start - now < 2 * DAY ? 80 : 52],
        ['SCHEDULED', start - now < 2 * DAY ? 12 : 40],
      ] as const);
    } else if (end > now) {
      status = random.chance(0.9) ? 'IN_PROGRESS' : 'CANCELLED';
    } else {
      // A session of the last day may still wait for its practitioner's "end" mark.
      const recent = now - end < DAY;
      status = random.weighted([
        ['COMPLETED', 75],
        ['CANCELLED', 15],
        ['NO_SHOW', 6],
        ['IN_PROGRESS', recent ? 3 : 0],
      ] as const);
    }

    let updatedAt = createdAt;
    const confirmed = status !== 'SCHEDULED' && (status !== 'CANCELLED' || random.chance(0.5));
    const latest = Math.min(start - MINUTE, now);
    if (confirmed && latest > createdAt) {
      const at = between(ctx, createdAt + MINUTE, Math.min(createdAt + 12 * HOUR, latest));
      event('CONFIRMED', 'practitioner', at);
      updatedAt = at;
    }

    let startedAt: number | null = null;
    let endedAt: number | null = null;
    let actualDuration: number | null = null;
    let cancelledAt: number | null = null;
    let cancelledBy: Actor | null = null;
    let cancelledWithin24h: boolean | null = null;
    let noShowAt: number | null = null;
    let noShowBy: Actor | null = null;
    let billable = true;

    if (status === 'COMPLETED' || status === 'IN_PROGRESS') {
      startedAt = start + random.int(-3 * 60, 7 * 60) * 1000;
      if (status === 'IN_PROGRESS' && startedAt > now) startedAt = start;
      event('STARTED', 'practitioner', startedAt);
      updatedAt = startedAt;
    }
    if (status === 'COMPLETED') {
      const seconds = (practitioner.duration + random.int(-6, 5)) * 60 + random.int(0, 59);
      // Sessions end before the next slot begins.
      endedAt = Math.min(startedAt! + seconds * 1000, start + 59 * MINUTE, now);
      actualDuration = Math.round((endedAt - startedAt!) / MINUTE);
      billable = random.chance(0.97);
      event('ENDED', 'practitioner', endedAt, { actualDuration });
      updatedAt = endedAt;
    } else if (status === 'CANCELLED') {
      cancelledBy = random.chance(0.75) ? 'employee' : 'practitioner';
      const latestCancel = Math.min(start - 5 * MINUTE, now);
      const late = random.chance(0.35) || latestCancel - createdAt < DAY;
      cancelledAt = late
        ? between(
            ctx,
            Math.min(Math.max(createdAt + MINUTE, start - DAY + MINUTE), latestCancel),
            latestCancel,
          )
        : between(ctx, createdAt + MINUTE, Math.min(start - DAY, latestCancel));
      cancelledAt = Math.max(cancelledAt, createdAt + 1000);
      cancelledWithin24h = start - cancelledAt < DAY;
      // A late cancellation by the employee stays billable; by the practitioner it never is.
      billable = cancelledWithin24h && cancelledBy === 'employee';
      event('CANCELLED', cancelledBy, cancelledAt, { cancelledWithin24h }, true);
      updatedAt = Math.max(updatedAt, cancelledAt);
    } else if (status === 'NO_SHOW') {
      noShowBy = random.chance(0.8) ? 'employee' : 'practitioner';
      noShowAt = start + (15 + random.int(0, 10)) * MINUTE;
      billable = noShowBy === 'employee';
      // The one who waited reports the other's absence.
      event('NO_SHOW', noShowBy === 'employee' ? 'practitioner' : 'employee', noShowAt, { noShowBy });
      updatedAt = noShowAt;
    }

    const closed = status === 'COMPLETED' || status === 'CANCELLED' || status === 'NO_SHOW';
    let billing: BillingStatus = 'PENDING';
    let billedAt: number | null = null;
    if (billable && closed) {
      billing =
        start < this.monthStart
          ? random.weighted([
              ['BILLED', 82],
              ['VALIDATED', 8],
              ['DISPUTED', 4],
              ['PENDING', 6],
            ] as const)
          : random.weighted([
              ['VALIDATED', 50],
              ['PENDING', 45],
              ['DISPUTED', 5],
            ] as const);
      if (billing === 'BILLED') {
        const d = new Date(start);
        const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
        billedAt = nextMonth + random.int(2, 10) * DAY + random.int(8, 18) * HOUR;
        if (billedAt > now) {
          billing = 'VALIDATED';
          billedAt = null;
        }
      }
      if (billedAt) updatedAt = Math.max(updatedAt, billedAt);
    }

    // Video and audio sessions take place in a Jitsi room; in-person ones have none.
    const room = format !== 'IN_PERSON';
    out.consultations.push(
      copyRow([
        id,
        employee.companyId,
        employee.id,
        practitioner.id,
        ts(start),
        ts(end),
        practitioner.duration,
        format,
        status,
        ts(startedAt),
        ts(endedAt),
        actualDuration,
        ts(cancelledAt),
        cancelledBy ? userOf(cancelledBy) : null,
        cancelledBy
          ? random.pick(cancelledBy === 'employee' ? CANCEL_REASONS : PRACTITIONER_CANCEL_REASONS)
          : null,
        cancelledWithin24h,
        ts(noShowAt),
        noShowBy,
        room ? `hz-${randomUUID()}` : null,
        // Encrypted like the application stores it (apps/api/src/modules/consultations/rooms.ts).
        room
          ? ctx.cipher.encryptToJson(random.hex(16), {
              table: 'consultations',
              column: 'room_password',
              rowId: id,
            })
          : null,
        random.chance(0.03) ? random.pick(CONSULTATION_NOTES) : null,
        billable,
        billing,
        ts(billedAt),
        ts(createdAt),
        ts(updatedAt),
      ]),
    );

    if (random.chance(status === 'CANCELLED' ? 0.03 : 0.1)) {
      this.addMessages(out, { id, employee, practitioner, createdAt, start, end: endedAt ?? end });
    }
    if (status === 'COMPLETED' && endedAt !== null) {
      if (random.chance(0.45)) this.addNote(out, id, practitioner, endedAt);
      if (random.chance(0.25)) this.addReview(out, id, practitioner, employee, endedAt);
    }
  }

  private addMessages(
    out: ChunkLines,
    c: {
      id: string;
      employee: DemoEmployee;
      practitioner: DemoPractitioner;
      createdAt: number;
      start: number;
      end: number;
    },
  ) {
    const { ctx } = this;
    const { random, now } = ctx;
    // Before the session (practical matters) or, for some, in the days after it.
    const after = c.end < now && random.chance(0.3);
    const from = after ? c.end : c.createdAt;
    const to = Math.min(after ? c.end + 3 * DAY : c.start, now);
    if (to - from < MINUTE) return;
    const count = random.int(1, 6);
    const times = Array.from({ length: count }, () => between(ctx, from, to)).sort((a, b) => a - b);
    let sender: Actor = after ? 'practitioner' : 'employee';
    for (const at of times) {
      const id = this.ids.next();
      const text = random.pick(sender === 'employee' ? EMPLOYEE_MESSAGES : PRACTITIONER_MESSAGES);
      const sealed = ctx.cipher.encrypt(text, messageContentContext({ id, consultationId: c.id }));
      const read = now - at > HOUR && random.chance(0.95);
      const edited = random.chance(0.03);
      out.messages.push(
        copyRow([
          id,
          c.id,
          sender === 'employee' ? c.employee.id : c.practitioner.id,
          sender === 'employee' ? 'EMPLOYEE' : 'PRACTITIONER',
          sealed.encryptedContent,
          sealed.iv,
          sealed.authTag,
          'TEXT',
          read,
          read ? ts(Math.min(at + random.int(1, 600) * MINUTE, now)) : null,
          edited,
          edited ? ts(Math.min(at + random.int(1, 10) * MINUTE, now)) : null,
          ts(at),
        ]),
      );
      if (random.chance(0.7)) sender = sender === 'employee' ? 'practitioner' : 'employee';
    }
  }

  private addNote(out: ChunkLines, consultationId: string, practitioner: DemoPractitioner, endedAt: number) {
    const { ctx } = this;
    const { random } = ctx;
    const id = this.ids.next();
    const type: NoteType = random.weighted([
      ['SESSION_NOTE', 60],
      ['FOLLOW_UP', 20],
      ['INITIAL_ASSESSMENT', 12],
      ['REFERRAL', 4],
      ['PRESCRIPTION', practitioner.specialty === 'PSYCHIATRE' ? 10 : 0],
    ] as const);
    // The API's note document (modules/clinical-notes): a versioned JSON of the template and its
    // sections, encrypted whole under the note's id. Past notes are signed by their author.
    const text = JSON.stringify({
      v: 1,
      template: 'SOAP',
      sections: {
        subjective: `Motif : ${random.pick(NOTE_REASONS)}.`,
        objective: `${random.pick(NOTE_OBSERVATIONS)}.`,
        assessment: '',
        plan: `${random.pick(NOTE_PLANS)}.`,
      },
    });
    const sealed = ctx.cipher.encrypt(text, {
      table: 'clinical_notes',
      column: 'encrypted_content',
      rowId: id,
    });
    const at = Math.min(endedAt + random.int(2, 180) * MINUTE, ctx.now);
    out.clinical_notes.push(
      copyRow([
        id,
        consultationId,
        practitioner.id,
        sealed.encryptedContent,
        sealed.iv,
        sealed.authTag,
        type,
        ts(at),
        ts(at),
        'SOAP',
        ts(at),
        practitioner.id,
      ]),
    );
  }

  private addReview(
    out: ChunkLines,
    consultationId: string,
    practitioner: DemoPractitioner,
    employee: DemoEmployee,
    endedAt: number,
  ) {
    const { ctx } = this;
    const { random, now } = ctx;
    const at = endedAt + between(ctx, HOUR, 5 * DAY);
    if (at > now) return;
    const rating = random.weighted(RATINGS);
    // Reviews wait for moderation: most older ones are published, a few rejected.
    const decision =
      now - at < 2 * DAY
        ? 'pending'
        : random.weighted([
            ['published', 85],
            ['rejected', 10],
            ['pending', 5],
          ] as const);
    const moderatedAt = decision === 'pending' ? null : Math.min(at + between(ctx, HOUR, 2 * DAY), now);
    out.practitioner_reviews.push(
      copyRow([
        this.ids.next(),
        practitioner.id,
        employee.id,
        consultationId,
        rating,
        random.chance(0.6) ? random.pick(REVIEW_COMMENTS[rating]!) : null,
        decision === 'published',
        ts(moderatedAt),
        moderatedAt ? ctx.adminId : null,
        ts(at),
      ]),
    );
  }
}
