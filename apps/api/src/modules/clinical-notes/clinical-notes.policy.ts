// Who may read and write clinical notes, as pure rules (PRODUCT.md "Clinical notes"): no I/O, no
// clock — the service passes `now`.
//
// - The author practitioner only, on their own consultations. Nobody else — not the employee, not
//   HR, not HuntZen's admins, not the super admin — is told a note exists: 404. The routes admit
//   PRACTITIONER only, and RLS (0001 `practitioner_only`, 0016) says the same in the database.
// - A cancelled consultation takes no note (409 CONFLICT with its state).
// - A signed note is locked: 409 NOTE_SIGNED; corrections are addenda, on signed notes only.
// - Sections must be the template's (FREE: `text`); a FREE note may be given as `content`.
import { CLINICAL_NOTE_LIMITS, isNoteOverdue, NOTE_TEMPLATES, type NoteTemplate } from '@huntzen/contracts';
import { AppError } from '../../platform/errors';

interface NoteActor {
  role: string;
  practitionerId?: string | null;
}

/** Whether `actor` is the practitioner `practitionerId` (else: 404). */
export function isAuthor(actor: NoteActor, practitionerId: string): boolean {
  return actor.role === 'PRACTITIONER' && !!actor.practitionerId && actor.practitionerId === practitionerId;
}

/** Throws unless notes may be written on a consultation in `status`. */
export function checkConsultationOpenForNotes(status: string): void {
  if (status === 'CANCELLED') {
    throw new AppError('CONFLICT', 'A cancelled consultation takes no clinical note.', {
      currentState: status,
    });
  }
}

/** Throws NOTE_SIGNED when the note is signed (it is locked). */
export function checkEditable(note: { signedAt: Date | null }): void {
  if (note.signedAt) throw new AppError('NOTE_SIGNED', 'This note is signed: add an addendum instead.');
}

/** Throws unless the note is signed (addenda correct signed notes; a draft is simply edited). */
export function checkAddendable(note: { signedAt: Date | null }): void {
  if (!note.signedAt) {
    throw new AppError('CONFLICT', 'Addenda are for signed notes: edit the draft instead.', {
      currentState: 'DRAFT',
    });
  }
}

/**
 * The sections of a note written with `template`, from the request's `content` (FREE only) or
 * `sections` (only the template's names; missing ones are empty). Throws VALIDATION_FAILED.
 */
export function noteSections(
  template: NoteTemplate,
  input: { content?: string | undefined; sections?: Record<string, string> | undefined },
): Record<string, string> {
  const names: readonly string[] = NOTE_TEMPLATES[template];
  if (input.content !== undefined && input.sections !== undefined) {
    throw invalid('body.content', 'give either content or sections');
  }
  if (input.content !== undefined) {
    if (template !== 'FREE') throw invalid('body.content', `content is for the FREE template; use sections`);
    return { text: input.content };
  }
  const given = input.sections ?? {};
  const unknown = Object.keys(given).filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw invalid(`body.sections.${unknown[0]}`, `not a section of ${template} (${names.join(', ')})`);
  }
  return Object.fromEntries(names.map((name) => [name, given[name] ?? '']));
}

function invalid(path: string, message: string) {
  return new AppError('VALIDATION_FAILED', 'Invalid note content.', { errors: [{ path, message }] });
}

/** When a consultation counts as ended for "notes to write": its recorded end, else its planned end. */
export function consultationEnd(c: { endedAt: Date | null; scheduledEndAt: Date }): Date {
  return c.endedAt ?? c.scheduledEndAt;
}

/** Whether a note is overdue for a consultation that ended at `endedAt` (72 hours, contracts). */
export function overdue(endedAt: Date, now: Date): boolean {
  return isNoteOverdue(endedAt, now);
}

/** The moment before which an ended consultation is overdue at `now`. */
export function overdueBefore(now: Date): Date {
  return new Date(now.getTime() - CLINICAL_NOTE_LIMITS.overdueAfterHours * 3_600_000);
}
