// The SQL of clinical notes, in the caller's transaction and under its row-level security: a note,
// consultation or patient the caller may not see is simply not found.
import {
  clinicalNoteAddenda,
  clinicalNotes,
  consultations,
  employees,
  type NoteType,
  practitioners,
  type Tx,
} from '@huntzen/db';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

const n = clinicalNotes;
const signer = alias(practitioners, 'signer');

/** A practitioner's name as shown on a signature ("Dr. Sophie Martin"). */
const signerName = (p: typeof practitioners | typeof signer) =>
  sql<string>`btrim(regexp_replace(concat_ws(' ', ${p.title}, ${p.firstName}, ${p.lastName}), '\\s+', ' ', 'g'))`;

// Exact to the microsecond, unlike a JavaScript Date: a cursor built from it never skips a row.
const micros = (column: SQL | typeof n.createdAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The consultation `id` with its patient, as far as the caller may see it. */
export async function findConsultation(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: consultations.id,
      practitionerId: consultations.practitionerId,
      status: consultations.status,
      scheduledAt: consultations.scheduledAt,
      endedAt: consultations.endedAt,
      patient: { id: employees.id, firstName: employees.firstName, lastName: employees.lastName },
    })
    .from(consultations)
    .innerJoin(employees, eq(employees.id, consultations.employeeId))
    .where(eq(consultations.id, id));
  return row;
}

/** The employee `id`, when the caller may see them (a practitioner: one of their patients). */
export async function findPatient(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: employees.id, firstName: employees.firstName, lastName: employees.lastName })
    .from(employees)
    .where(eq(employees.id, id));
  return row;
}

const noteColumns = {
  id: n.id,
  practitionerId: n.practitionerId,
  encryptedContent: n.encryptedContent,
  iv: n.iv,
  authTag: n.authTag,
  noteType: n.noteType,
  template: n.template,
  signedAt: n.signedAt,
  signedBy: n.signedBy,
  signerName: sql<string | null>`case when ${signer.id} is null then null else ${signerName(signer)} end`,
  createdAt: n.createdAt,
  createdAtText: micros(n.createdAt),
  updatedAt: n.updatedAt,
  consultation: {
    id: consultations.id,
    scheduledAt: consultations.scheduledAt,
    endedAt: consultations.endedAt,
    status: consultations.status,
  },
  patient: { id: employees.id, firstName: employees.firstName, lastName: employees.lastName },
};

function selectNotes(tx: Tx) {
  return tx
    .select(noteColumns)
    .from(n)
    .innerJoin(consultations, eq(consultations.id, n.consultationId))
    .innerJoin(employees, eq(employees.id, consultations.employeeId))
    .leftJoin(signer, eq(signer.id, n.signedBy));
}

export type NoteRow = Awaited<ReturnType<typeof findNote>> & {};

/** The note `id`; `lock` holds it (FOR UPDATE) until the transaction ends. */
export async function findNote(tx: Tx, id: string, lock = false) {
  const query = selectNotes(tx).where(eq(n.id, id));
  const [row] = lock ? await query.for('update', { of: n }) : await query;
  return row;
}

/** The notes of consultation `consultationId`, oldest first. */
export function notesOfConsultation(tx: Tx, consultationId: string) {
  return selectNotes(tx).where(eq(n.consultationId, consultationId)).orderBy(asc(n.createdAt), asc(n.id));
}

/** The notes of patient `employeeId`, newest first, after the cursor's (createdAt, id). */
export function notesOfPatient(
  tx: Tx,
  params: { employeeId: string; limit: number; after: { t: string; id: string } | null },
) {
  const { after } = params;
  return selectNotes(tx)
    .where(
      and(
        eq(consultations.employeeId, params.employeeId),
        after ? sql`(${n.createdAt}, ${n.id}) < (${after.t}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(n.createdAt), desc(n.id))
    .limit(params.limit + 1);
}

/** Inserts a note (its id chosen by the caller: the ciphertext is bound to it). */
export async function insertNote(
  tx: Tx,
  values: {
    id: string;
    consultationId: string;
    practitionerId: string;
    noteType: NoteType;
    template: string;
    encryptedContent: string;
    iv: string;
    authTag: string | null;
  },
): Promise<void> {
  await tx.insert(n).values(values);
}

/** Changes a draft's content, type or template, or signs it. */
export async function updateNote(
  tx: Tx,
  id: string,
  set: Partial<{
    noteType: NoteType;
    template: string;
    encryptedContent: string;
    iv: string;
    authTag: string | null;
    signedAt: SQL;
    signedBy: string;
  }>,
): Promise<void> {
  await tx.update(n).set(set).where(eq(n.id, id));
}

/** Inserts an addendum (its id chosen by the caller: the ciphertext is bound to it). */
export async function insertAddendum(
  tx: Tx,
  values: {
    id: string;
    noteId: string;
    practitionerId: string;
    encryptedContent: string;
    iv: string;
    authTag: string | null;
  },
): Promise<void> {
  await tx.insert(clinicalNoteAddenda).values({ ...values, signedAt: sql`clock_timestamp()` });
}

/** The addenda of notes `noteIds`, oldest first, with their signer's name. */
export async function addendaOf(tx: Tx, noteIds: string[]) {
  if (noteIds.length === 0) return [];
  const a = clinicalNoteAddenda;
  return tx
    .select({
      id: a.id,
      noteId: a.noteId,
      encryptedContent: a.encryptedContent,
      iv: a.iv,
      authTag: a.authTag,
      signedAt: a.signedAt,
      signedBy: a.practitionerId,
      signerName: signerName(practitioners),
    })
    .from(a)
    .innerJoin(practitioners, eq(practitioners.id, a.practitionerId))
    .where(inArray(a.noteId, noteIds))
    .orderBy(asc(a.signedAt), asc(a.id));
}

const ended = sql<Date>`coalesce(${consultations.endedAt}, ${consultations.scheduledEndAt})`;
const noSignedNote = sql`not exists (select 1 from clinical_notes s
  where s.consultation_id = ${consultations.id} and s.signed_at is not null)`;

/**
 * The practitioner's COMPLETED consultations without a signed note, latest end first, after the
 * cursor's (end, id); with the total and how many ended before `overdueBefore`.
 */
export async function notesToWrite(
  tx: Tx,
  params: {
    practitionerId: string;
    overdueBefore: Date;
    limit: number;
    after: { t: string; id: string } | null;
  },
) {
  const { after } = params;
  const open = and(
    eq(consultations.practitionerId, params.practitionerId),
    eq(consultations.status, 'COMPLETED'),
    noSignedNote,
  );
  const items = await tx
    .select({
      consultationId: consultations.id,
      scheduledAt: consultations.scheduledAt,
      endedAt: ended,
      endedAtText: micros(ended),
      patient: { id: employees.id, firstName: employees.firstName, lastName: employees.lastName },
      draftNoteId: sql<string | null>`(select d.id from clinical_notes d
        where d.consultation_id = ${consultations.id} and d.signed_at is null
        order by d.created_at, d.id limit 1)`,
    })
    .from(consultations)
    .innerJoin(employees, eq(employees.id, consultations.employeeId))
    .where(
      and(
        open,
        after
          ? sql`(${ended}, ${consultations.id}) < (${after.t}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(ended), desc(consultations.id))
    .limit(params.limit + 1);
  const [counts] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${ended} < ${params.overdueBefore.toISOString()}::timestamptz))::int`,
    })
    .from(consultations)
    .where(open);
  return { items, total: counts?.total ?? 0, overdueCount: counts?.overdue ?? 0 };
}
