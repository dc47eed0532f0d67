// Clinical notes: a practitioner writes notes on their own consultations from a template (free text,
// SOAP, DAP, BIRP), edits the draft, signs it — then it is locked and corrected by addenda — and
// reads a patient's file across consultations and the consultations still waiting for a note.
//
// The note's template and sections are encrypted together as one small versioned JSON document
// (`NoteDocument`, AAD clinical_notes:encrypted_content:<note id>); addenda are encrypted the same
// way under their own id (clinical_note_addenda). A ciphertext that does not authenticate (copied
// from another row, tampered) is CONTENT_UNREADABLE (409), logged with the row id only.
//
// Every read of a note is a READ audit row (resource clinical_note, is_sensitive); every create,
// update, sign and addendum is audited too — never with content.

import { randomUUID } from 'node:crypto';
import {
  type ClinicalNote,
  type ClinicalNoteAddendum,
  type ConsultationNotes,
  type CreateAddendumRequest,
  type CreateClinicalNoteRequest,
  NOTE_TEMPLATES,
  type NoteDocument,
  type NotesToWrite,
  type NoteTemplate,
  noteText,
  type PatientFile,
  type UpdateClinicalNoteRequest,
} from '@huntzen/contracts';
import { type Database, type Tx, withActor } from '@huntzen/db';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { DecryptionError, type FieldCipher, type StoredField } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import {
  checkAddendable,
  checkConsultationOpenForNotes,
  checkEditable,
  isAuthor,
  noteSections,
  overdue,
  overdueBefore,
} from './clinical-notes.policy';
import * as repo from './clinical-notes.repository';

export interface ClinicalNotesDeps {
  db: Database;
  cipher: FieldCipher;
  logger: FastifyBaseLogger;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
}

const RESOURCE = 'clinical_note';
const noteContext = (id: string) => ({ table: 'clinical_notes', column: 'encrypted_content', rowId: id });
const addendumContext = (id: string) => ({
  table: 'clinical_note_addenda',
  column: 'encrypted_content',
  rowId: id,
});
const notFound = () => new AppError('NOT_FOUND', 'No such clinical note.');

type NoteRow = NonNullable<Awaited<ReturnType<typeof repo.findNote>>>;
type AddendumRow = Awaited<ReturnType<typeof repo.addendaOf>>[number];

/** Builds the clinical notes service. */
export function createClinicalNotesService(deps: ClinicalNotesDeps) {
  const { db, cipher, logger } = deps;
  const clock = deps.now ?? (() => new Date());

  const seal = (doc: NoteDocument, id: string) => cipher.encrypt(JSON.stringify(doc), noteContext(id));

  /** The note's document; throws CONTENT_UNREADABLE when the ciphertext does not authenticate. */
  function open(row: StoredField & { id: string }): NoteDocument {
    let plain: string;
    try {
      plain = cipher.decrypt(row, noteContext(row.id));
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      logger.warn({ clinicalNoteId: row.id }, 'clinical note ciphertext did not authenticate');
      throw new AppError('CONTENT_UNREADABLE', `Clinical note ${row.id} could not be decrypted.`);
    }
    return parseDocument(plain);
  }

  function openAddendum(row: AddendumRow): string | null {
    try {
      return cipher.decrypt(row, addendumContext(row.id));
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      logger.warn({ clinicalNoteAddendumId: row.id }, 'addendum ciphertext did not authenticate');
      return null;
    }
  }

  function view(row: NoteRow, doc: NoteDocument | null, addenda: AddendumRow[]): ClinicalNote {
    const template = doc?.template ?? (row.template as NoteTemplate);
    const sections = doc?.sections ?? {};
    return {
      id: row.id,
      consultation: {
        id: row.consultation.id,
        scheduledAt: row.consultation.scheduledAt.toISOString(),
        endedAt: row.consultation.endedAt?.toISOString() ?? null,
        status: row.consultation.status,
      },
      patient: row.patient,
      noteType: row.noteType,
      template,
      sections,
      content: doc ? noteText(template, sections) : '',
      unreadable: doc === null,
      signedAt: row.signedAt?.toISOString() ?? null,
      signedBy: row.signedBy ? { id: row.signedBy, displayName: row.signerName ?? '' } : null,
      addenda: addenda
        .filter((a) => a.noteId === row.id)
        .map(
          (a): ClinicalNoteAddendum => ({
            id: a.id,
            content: openAddendum(a),
            signedAt: a.signedAt.toISOString(),
            signedBy: { id: a.signedBy, displayName: a.signerName },
          }),
        ),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** Reads and audits the notes `rows`; in lists an unreadable note is marked, not fatal. */
  async function readAll(tx: Tx, actor: RequestActor, rows: NoteRow[], strict: boolean) {
    const addenda = await repo.addendaOf(
      tx,
      rows.map((r) => r.id),
    );
    const notes = rows.map((row) => {
      try {
        return view(row, open(row), addenda);
      } catch (error) {
        if (strict || !(error instanceof AppError && error.code === 'CONTENT_UNREADABLE')) throw error;
        return view(row, null, addenda);
      }
    });
    for (const row of rows) {
      await recordAudit(tx, actor, {
        action: 'READ',
        resource: RESOURCE,
        resourceId: row.id,
        isSensitive: true,
        details: { consultationId: row.consultation.id },
      });
    }
    return notes;
  }

  /** The caller's own note `id` (locked when `lock`), else 404. */
  async function ownNote(tx: Tx, actor: RequestActor, id: string, lock = false) {
    const row = await repo.findNote(tx, id, lock);
    if (!row || !isAuthor(actor, row.practitionerId)) throw notFound();
    return row;
  }

  /** A single note's answer after a write: no READ row, the write's own row says it. */
  async function answer(tx: Tx, id: string): Promise<ClinicalNote> {
    const row = (await repo.findNote(tx, id))!;
    return view(row, open(row), await repo.addendaOf(tx, [id]));
  }

  return {
    /** Writes a new (draft) note on consultation `consultationId` of the caller. */
    async create(
      actor: RequestActor,
      consultationId: string,
      body: CreateClinicalNoteRequest,
    ): Promise<ClinicalNote> {
      return withActor(db, actor, async (tx) => {
        const c = await repo.findConsultation(tx, consultationId);
        if (!c || !isAuthor(actor, c.practitionerId)) {
          throw new AppError('NOT_FOUND', 'No such consultation.');
        }
        checkConsultationOpenForNotes(c.status);
        const template: NoteTemplate = body.template ?? (body.sections === undefined ? 'FREE' : 'SOAP');
        const sections = noteSections(template, body);
        const id = randomUUID();
        await repo.insertNote(tx, {
          id,
          consultationId,
          practitionerId: c.practitionerId,
          noteType: body.noteType ?? 'SESSION_NOTE',
          template,
          ...seal({ v: 1, template, sections }, id),
        });
        await recordAudit(tx, actor, {
          action: 'CREATE',
          resource: RESOURCE,
          resourceId: id,
          isSensitive: true,
          details: { consultationId, noteType: body.noteType ?? 'SESSION_NOTE', template },
        });
        return answer(tx, id);
      });
    },

    /** The note `id` of the caller. */
    async get(actor: RequestActor, id: string): Promise<ClinicalNote> {
      return withActor(db, actor, async (tx) => {
        const row = await ownNote(tx, actor, id);
        const [note] = await readAll(tx, actor, [row], true);
        return note!;
      });
    },

    /** The caller's notes of consultation `consultationId`, oldest first. */
    async ofConsultation(actor: RequestActor, consultationId: string): Promise<ConsultationNotes> {
      return withActor(db, actor, async (tx) => {
        const c = await repo.findConsultation(tx, consultationId);
        if (!c || !isAuthor(actor, c.practitionerId)) {
          throw new AppError('NOT_FOUND', 'No such consultation.');
        }
        const rows = await repo.notesOfConsultation(tx, consultationId);
        return { items: await readAll(tx, actor, rows, false) };
      });
    },

    /** Edits a draft: its type, template or content. A signed note answers NOTE_SIGNED. */
    async update(actor: RequestActor, id: string, body: UpdateClinicalNoteRequest): Promise<ClinicalNote> {
      return withActor(db, actor, async (tx) => {
        const row = await ownNote(tx, actor, id, true);
        checkEditable(row);
        const changed: string[] = [];
        const set: Parameters<typeof repo.updateNote>[2] = {};
        if (body.noteType !== undefined && body.noteType !== row.noteType) {
          set.noteType = body.noteType;
          changed.push('noteType');
        }
        if (body.template !== undefined || body.content !== undefined || body.sections !== undefined) {
          const current = open(row);
          const template = body.template ?? (body.content !== undefined ? 'FREE' : current.template);
          const sections =
            body.content === undefined && body.sections === undefined
              ? carryOver(current, template)
              : noteSections(template, body);
          Object.assign(set, { template }, seal({ v: 1, template, sections }, id));
          changed.push(...(template !== current.template ? ['template'] : []), 'content');
        }
        if (changed.length > 0) {
          await repo.updateNote(tx, id, set);
          await recordAudit(tx, actor, {
            action: 'UPDATE',
            resource: RESOURCE,
            resourceId: id,
            isSensitive: true,
            details: { consultationId: row.consultation.id, fields: changed },
          });
        }
        return answer(tx, id);
      });
    },

    /** Signs the caller's draft: from now on it is locked. */
    async sign(actor: RequestActor, id: string): Promise<ClinicalNote> {
      return withActor(db, actor, async (tx) => {
        const row = await ownNote(tx, actor, id, true);
        checkEditable(row);
        // Signing a note that cannot be read would seal what nobody can check.
        open(row);
        await repo.updateNote(tx, id, { signedAt: sql`clock_timestamp()`, signedBy: row.practitionerId });
        await recordAudit(tx, actor, {
          action: 'VALIDATE',
          resource: RESOURCE,
          resourceId: id,
          isSensitive: true,
          details: { consultationId: row.consultation.id, operation: 'sign' },
        });
        return answer(tx, id);
      });
    },

    /** Adds a signed, timestamped correction to the caller's signed note. */
    async addAddendum(
      actor: RequestActor,
      noteId: string,
      body: CreateAddendumRequest,
    ): Promise<ClinicalNoteAddendum> {
      return withActor(db, actor, async (tx) => {
        const row = await ownNote(tx, actor, noteId, true);
        checkAddendable(row);
        const id = randomUUID();
        await repo.insertAddendum(tx, {
          id,
          noteId,
          practitionerId: row.practitionerId,
          ...cipher.encrypt(body.content, addendumContext(id)),
        });
        await recordAudit(tx, actor, {
          action: 'CREATE',
          resource: 'clinical_note_addendum',
          resourceId: id,
          isSensitive: true,
          details: { clinicalNoteId: noteId },
        });
        const added = (await repo.addendaOf(tx, [noteId])).find((a) => a.id === id)!;
        return {
          id,
          content: body.content,
          signedAt: added.signedAt.toISOString(),
          signedBy: { id: added.signedBy, displayName: added.signerName },
        };
      });
    },

    /** The caller's notes about patient `employeeId` across consultations, newest first. */
    async patientFile(
      actor: RequestActor,
      employeeId: string,
      page: { limit: number; cursor?: string | undefined },
    ): Promise<PatientFile> {
      return withActor(db, actor, async (tx) => {
        // RLS shows a practitioner only the employees they have a consultation with.
        const patient = actor.role === 'PRACTITIONER' ? await repo.findPatient(tx, employeeId) : undefined;
        if (!patient) throw new AppError('NOT_FOUND', 'No such patient.');
        const rows = await repo.notesOfPatient(tx, {
          employeeId,
          limit: page.limit,
          after: page.cursor ? decodeCursor(page.cursor) : null,
        });
        const mine = rows.filter((r) => isAuthor(actor, r.practitionerId));
        const shown = mine.slice(0, page.limit);
        const last = shown.at(-1);
        return {
          patient,
          items: await readAll(tx, actor, shown, false),
          nextCursor:
            mine.length > page.limit && last ? encodeCursor({ t: last.createdAtText, id: last.id }) : null,
        };
      });
    },

    /** The caller's completed consultations still waiting for a signed note. */
    async toWrite(
      actor: RequestActor,
      page: { limit: number; cursor?: string | undefined },
    ): Promise<NotesToWrite> {
      return withActor(db, actor, async (tx) => {
        const now = clock();
        const result = await repo.notesToWrite(tx, {
          practitionerId: actor.practitionerId ?? '00000000-0000-0000-0000-000000000000',
          overdueBefore: overdueBefore(now),
          limit: page.limit,
          after: page.cursor ? decodeCursor(page.cursor) : null,
        });
        const shown = result.items.slice(0, page.limit);
        const last = shown.at(-1);
        return {
          items: shown.map((item) => ({
            consultationId: item.consultationId,
            patient: item.patient,
            scheduledAt: item.scheduledAt.toISOString(),
            endedAt: new Date(item.endedAt).toISOString(),
            overdue: overdue(new Date(item.endedAt), now),
            draftNoteId: item.draftNoteId,
          })),
          nextCursor:
            result.items.length > page.limit && last
              ? encodeCursor({ t: last.endedAtText, id: last.consultationId })
              : null,
          total: result.total,
          overdueCount: result.overdueCount,
        };
      });
    },
  };
}

export type ClinicalNotesService = ReturnType<typeof createClinicalNotesService>;

/** Parses a decrypted note: the versioned document, or (older rows) plain text as a FREE note. */
export function parseDocument(plain: string): NoteDocument {
  try {
    const doc = JSON.parse(plain) as Partial<NoteDocument>;
    if (
      doc &&
      doc.v === 1 &&
      typeof doc.template === 'string' &&
      doc.template in NOTE_TEMPLATES &&
      doc.sections &&
      typeof doc.sections === 'object'
    ) {
      const sections: Record<string, string> = {};
      for (const name of NOTE_TEMPLATES[doc.template]) {
        const value = (doc.sections as Record<string, unknown>)[name];
        sections[name] = typeof value === 'string' ? value : '';
      }
      return { v: 1, template: doc.template, sections };
    }
  } catch {
    // not JSON: a note written before templates existed
  }
  return { v: 1, template: 'FREE', sections: { text: plain } };
}

/** The sections of `doc` moved to `template`: same names kept, the rest joined into FREE's text. */
function carryOver(doc: NoteDocument, template: NoteTemplate): Record<string, string> {
  const names: readonly string[] = NOTE_TEMPLATES[template];
  if (template === 'FREE') return { text: noteText(doc.template, doc.sections) };
  return Object.fromEntries(names.map((name) => [name, doc.sections[name] ?? '']));
}
