// Clinical notes end to end on real PostgreSQL: through the API (app.inject) and, for the rules
// the database itself holds, as the application role inside withActor (RLS, triggers, grants).
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  clinicalNoteAddenda,
  clinicalNotes,
  type NewConsultation,
  type Tx,
  withActor,
} from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInto, type TestApp } from '../../../test/build-test-app';
import { clientIp, createCompany, signedIn } from '../../../test/identity';
import { type Account, placeConsultation } from '../consultations/consultations.fixtures';

const HOUR = 3_600_000;
// A word that must never leave the ciphertext: not in audit rows, not in logs.
const SECRET = 'Zéphyrine-confidentielle';

let t: TestApp;
const logLines: string[] = [];
let employee: Account;
let stranger: Account;
let hr: Account;
let admin: Account;
let superAdmin: Account;
let pA: Account;
let pB: Account;
const c = {} as Record<'done' | 'recent' | 'older' | 'cancelled' | 'upcoming' | 'withB', string>;

beforeAll(async () => {
  t = await buildTestApp({
    logDestination: logInto(logLines),
  });
  const companyId = (await createCompany(t.db)).id;
  employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  stranger = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId });
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
  superAdmin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
  pA = await signedIn(t.app, t.db, 'PRACTITIONER');
  pB = await signedIn(t.app, t.db, 'PRACTITIONER');
  const place = async (practitioner: Account, hoursAgo: number, values: Partial<NewConsultation> = {}) => {
    const scheduledAt = new Date(Date.now() - hoursAgo * HOUR);
    const row = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt,
      status: 'COMPLETED',
      startedAt: scheduledAt,
      endedAt: new Date(scheduledAt.getTime() + 50 * 60_000),
      ...values,
    });
    return row.id;
  };
  c.done = await place(pA, 100); // ended ~99 h ago: overdue
  c.recent = await place(pA, 20); // ended ~19 h ago: not yet overdue
  c.older = await place(pA, 400);
  c.cancelled = await place(pA, 200, { status: 'CANCELLED', startedAt: null, endedAt: null });
  c.upcoming = await place(pA, -48, { status: 'CONFIRMED', startedAt: null, endedAt: null });
  c.withB = await place(pB, 300);
});
afterAll(() => t?.close());

function call(account: Account, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...account.headers, 'user-agent': 'HuntZen tests' },
    remoteAddress: clientIp(),
    ...(payload ? { payload } : method === 'GET' ? {} : { payload: {} }),
  });
}

const actorOf = (a: Account, role: Actor['role']): Actor => ({
  role,
  userId: a.user.id,
  email: a.email,
  companyId: a.companyId,
  employeeId: a.employeeId,
  practitionerId: a.practitionerId,
});
const as = <T>(a: Account, role: Actor['role'], fn: (tx: Tx) => Promise<T>) =>
  withActor(t.db, actorOf(a, role), fn);

async function dbError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return e.cause?.message ?? e.message;
  }
  return 'no error';
}

async function writeNote(account: Account, consultationId: string, body: object) {
  const response = await call(account, 'POST', `/consultations/${consultationId}/clinical-notes`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function stored(id: string) {
  const [row] = await t.db.ownerDb.select().from(clinicalNotes).where(eq(clinicalNotes.id, id));
  return row!;
}

describe('writing notes', () => {
  it('writes a free-text note and a SOAP note, encrypted as one versioned document bound to the note', async () => {
    const free = await writeNote(pA, c.done, { noteType: 'SESSION_NOTE', content: `Libre ${SECRET}` });
    expect(free).toMatchObject({
      template: 'FREE',
      noteType: 'SESSION_NOTE',
      sections: { text: `Libre ${SECRET}` },
      content: `Libre ${SECRET}`,
      signedAt: null,
      signedBy: null,
      unreadable: false,
      patient: { id: employee.employeeId },
      consultation: { id: c.done, status: 'COMPLETED' },
    });
    const soap = await writeNote(pA, c.done, {
      noteType: 'FOLLOW_UP',
      template: 'SOAP',
      sections: { subjective: `S ${SECRET}`, plan: 'P' },
    });
    expect(soap.sections).toEqual({ subjective: `S ${SECRET}`, objective: '', assessment: '', plan: 'P' });

    const row = await stored(soap.id);
    expect(row.template).toBe('SOAP');
    expect(`${row.encryptedContent}${row.iv}${row.authTag}`).not.toContain(SECRET);
    const plain = t.app.cipher.decrypt(row, {
      table: 'clinical_notes',
      column: 'encrypted_content',
      rowId: soap.id,
    });
    expect(JSON.parse(plain)).toEqual({
      v: 1,
      template: 'SOAP',
      sections: { subjective: `S ${SECRET}`, objective: '', assessment: '', plan: 'P' },
    });
  });

  it('refuses sections of another template, and content with a structured template', async () => {
    const wrong = await call(pA, 'POST', `/consultations/${c.done}/clinical-notes`, {
      template: 'DAP',
      sections: { subjective: 'x' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('body.sections.subjective');
    const mixed = await call(pA, 'POST', `/consultations/${c.done}/clinical-notes`, {
      template: 'BIRP',
      content: 'x',
    });
    expect(mixed.statusCode).toBe(400);
  });

  it('refuses a note on a cancelled consultation, in the API and in the database', async () => {
    const response = await call(pA, 'POST', `/consultations/${c.cancelled}/clinical-notes`, { content: 'x' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'CONFLICT', currentState: 'CANCELLED' });
    const id = randomUUID();
    expect(
      await dbError(
        as(pA, 'PRACTITIONER', (tx) =>
          tx.insert(clinicalNotes).values({
            id,
            consultationId: c.cancelled,
            practitionerId: pA.practitionerId!,
            ...t.app.cipher.encrypt('x', { table: 'clinical_notes', column: 'encrypted_content', rowId: id }),
          }),
        ),
      ),
    ).toMatch(/row-level security/);
  });

  it('edits a draft: type, template change keeping matching sections, content', async () => {
    const note = await writeNote(pA, c.recent, { template: 'SOAP', sections: { plan: 'revoir' } });
    const moved = await call(pA, 'PATCH', `/clinical-notes/${note.id}`, {
      template: 'DAP',
      noteType: 'FOLLOW_UP',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      template: 'DAP',
      noteType: 'FOLLOW_UP',
      sections: { data: '', assessment: '', plan: 'revoir' },
    });
    const edited = await call(pA, 'PATCH', `/clinical-notes/${note.id}`, { sections: { data: 'calme' } });
    expect(edited.json().sections).toEqual({ data: 'calme', assessment: '', plan: '' });
  });
});

describe('who may see and write notes', () => {
  let noteId: string;
  beforeAll(async () => {
    noteId = (await writeNote(pA, c.older, { content: `Privé ${SECRET}` })).id;
  });

  it("another practitioner gets 404 on every route of practitioner A's notes", async () => {
    for (const [method, url, body] of [
      ['GET', `/clinical-notes/${noteId}`],
      ['PATCH', `/clinical-notes/${noteId}`, { content: 'pirate' }],
      ['POST', `/clinical-notes/${noteId}/sign`],
      ['POST', `/clinical-notes/${noteId}/addenda`, { content: 'pirate' }],
      ['GET', `/consultations/${c.older}/clinical-notes`],
      ['POST', `/consultations/${c.older}/clinical-notes`, { content: 'pirate' }],
    ] as const) {
      const response = await call(pB, method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    // B's patient file of the same employee holds B's notes only.
    const bNote = await writeNote(pB, c.withB, { content: 'note de B' });
    const file = await call(pB, 'GET', `/me/clinical-notes?employeeId=${employee.employeeId}`);
    expect(file.json().items.map((n: { id: string }) => n.id)).toEqual([bNote.id]);
    expect((await stored(noteId)).practitionerId).toBe(pA.practitionerId);
  });

  it('the employee, HR, admins and the super admin are refused by the API', async () => {
    for (const account of [employee, hr, admin, superAdmin]) {
      for (const [method, url] of [
        ['GET', `/clinical-notes/${noteId}`],
        ['GET', `/consultations/${c.older}/clinical-notes`],
        ['GET', `/me/clinical-notes?employeeId=${employee.employeeId}`],
        ['POST', `/consultations/${c.older}/clinical-notes`],
      ] as const) {
        expect([403, 404]).toContain((await call(account, method, url, { content: 'x' })).statusCode);
      }
    }
  });

  it('…and read nor write nothing straight through the database either', async () => {
    const outsiders: [Account, Actor['role']][] = [
      [employee, 'EMPLOYEE'],
      [hr, 'ADMIN_RH'],
      [admin, 'ADMIN_HUNTZEN'],
      [superAdmin, 'SUPER_ADMIN'],
      [pB, 'PRACTITIONER'],
    ];
    for (const [account, role] of outsiders) {
      const seen = await as(account, role, async (tx) => ({
        notes: await tx.select().from(clinicalNotes).where(eq(clinicalNotes.id, noteId)),
        addenda: await tx.select().from(clinicalNoteAddenda),
        updated: await tx
          .update(clinicalNotes)
          .set({ noteType: 'REFERRAL' })
          .where(eq(clinicalNotes.id, noteId))
          .returning(),
      }));
      expect(seen, role).toEqual({ notes: [], addenda: [], updated: [] });
    }
    // An admin posing as practitioner A (setting A's id) still cannot write a note: role check.
    const id = randomUUID();
    const posing = { ...actorOf(admin, 'SUPER_ADMIN'), practitionerId: pA.practitionerId };
    expect(
      await dbError(
        withActor(t.db, posing, (tx) =>
          tx.insert(clinicalNotes).values({
            id,
            consultationId: c.older,
            practitionerId: pA.practitionerId!,
            ...t.app.cipher.encrypt('x', { table: 'clinical_notes', column: 'encrypted_content', rowId: id }),
          }),
        ),
      ),
    ).toMatch(/row-level security/);
    for (const [account, role] of outsiders) {
      expect(
        await as(account, role, (tx) =>
          tx.delete(clinicalNotes).where(eq(clinicalNotes.id, noteId)).returning(),
        ),
      ).toEqual([]);
    }
    expect(await stored(noteId)).toMatchObject({
      noteType: 'SESSION_NOTE',
      practitionerId: pA.practitionerId,
    });
  });

  it('keeps who wrote a note and on which consultation fixed (column grants)', async () => {
    expect(
      await dbError(
        as(pA, 'PRACTITIONER', (tx) =>
          tx.update(clinicalNotes).set({ consultationId: c.done }).where(eq(clinicalNotes.id, noteId)),
        ),
      ),
    ).toMatch(/permission denied/);
  });
});

describe('unreadable ciphertexts', () => {
  it('answers CONTENT_UNREADABLE for a ciphertext copied from another note, never a 500', async () => {
    const a = await writeNote(pA, c.recent, { content: 'première' });
    const b = await writeNote(pA, c.recent, { content: 'seconde' });
    const source = await stored(a.id);
    await t.db.ownerDb
      .update(clinicalNotes)
      .set({ encryptedContent: source.encryptedContent, iv: source.iv, authTag: source.authTag })
      .where(eq(clinicalNotes.id, b.id));
    const one = await call(pA, 'GET', `/clinical-notes/${b.id}`);
    expect(one.statusCode).toBe(409);
    expect(one.json().code).toBe('CONTENT_UNREADABLE');
    expect((await call(pA, 'PATCH', `/clinical-notes/${b.id}`, { content: 'x' })).json().code).toBe(
      'CONTENT_UNREADABLE',
    );
    expect((await call(pA, 'POST', `/clinical-notes/${b.id}/sign`)).json().code).toBe('CONTENT_UNREADABLE');
    // In a list the other notes stay readable; the broken one is marked.
    const list = await call(pA, 'GET', `/consultations/${c.recent}/clinical-notes`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; unreadable: boolean; content: string }[];
    expect(items.find((n) => n.id === b.id)).toMatchObject({ unreadable: true, content: '' });
    expect(items.find((n) => n.id === a.id)).toMatchObject({ unreadable: false, content: 'première' });
    expect(logLines.join('')).toContain(b.id);
  });
});

describe('signing, locking and addenda', () => {
  let note: { id: string };
  beforeAll(async () => {
    note = await writeNote(pA, c.done, { template: 'BIRP', sections: { behavior: 'agité' } });
  });

  it('refuses an addendum on a draft', async () => {
    const response = await call(pA, 'POST', `/clinical-notes/${note.id}/addenda`, { content: 'ajout' });
    expect(response.statusCode).toBe(409);
  });

  it('signs once; then the note is read-only with who signed and when', async () => {
    const signed = await call(pA, 'POST', `/clinical-notes/${note.id}/sign`);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signedBy).toEqual({ id: pA.practitionerId, displayName: 'Dr. Alex Test' });
    expect(Date.now() - Date.parse(signed.json().signedAt)).toBeLessThan(60_000);
    const patch = await call(pA, 'PATCH', `/clinical-notes/${note.id}`, { sections: { behavior: 'calme' } });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().code).toBe('NOTE_SIGNED');
    expect((await call(pA, 'POST', `/clinical-notes/${note.id}/sign`)).json().code).toBe('NOTE_SIGNED');
  });

  it('is locked in the database too: no update, no delete, by the author or the system', async () => {
    const id = note.id;
    const before = await stored(id);
    expect(
      await dbError(
        as(pA, 'PRACTITIONER', (tx) =>
          tx.update(clinicalNotes).set({ noteType: 'REFERRAL' }).where(eq(clinicalNotes.id, id)),
        ),
      ),
    ).toMatch(/is signed/);
    expect(
      await dbError(
        as(pA, 'PRACTITIONER', (tx) =>
          tx.update(clinicalNotes).set({ signedAt: null, signedBy: null }).where(eq(clinicalNotes.id, id)),
        ),
      ),
    ).toMatch(/is signed/);
    expect(
      await dbError(
        withActor(t.db, { role: 'SYSTEM' }, (tx) =>
          tx.update(clinicalNotes).set({ template: 'FREE' }).where(eq(clinicalNotes.id, id)),
        ),
      ),
    ).toMatch(/is signed/);
    // The author's delete finds nothing to delete (RLS), the owner's is refused (retention).
    expect(
      await as(pA, 'PRACTITIONER', (tx) =>
        tx.delete(clinicalNotes).where(eq(clinicalNotes.id, id)).returning(),
      ),
    ).toEqual([]);
    expect(await dbError(t.db.owner.query('delete from clinical_notes where id = $1', [id]))).toMatch(
      /is kept until/,
    );
    // …and so is deleting the consultation, which would cascade to it.
    expect(await dbError(t.db.owner.query('delete from consultations where id = $1', [c.done]))).toMatch(
      /is kept until/,
    );
    // Key rotation (the owner, ciphertext only) still works.
    const resealed = t.app.cipher.encrypt('{"v":1,"template":"BIRP","sections":{"behavior":"agité"}}', {
      table: 'clinical_notes',
      column: 'encrypted_content',
      rowId: id,
    });
    await t.db.ownerDb.update(clinicalNotes).set(resealed).where(eq(clinicalNotes.id, id));
    const after = await stored(id);
    expect(after).toMatchObject({ signedAt: before.signedAt, noteType: before.noteType, iv: resealed.iv });
  });

  it('adds encrypted, signed addenda, listed with the note', async () => {
    const first = await call(pA, 'POST', `/clinical-notes/${note.id}/addenda`, {
      content: `Ajout ${SECRET}`,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      content: `Ajout ${SECRET}`,
      signedBy: { id: pA.practitionerId, displayName: 'Dr. Alex Test' },
    });
    await call(pA, 'POST', `/clinical-notes/${note.id}/addenda`, { content: 'Second ajout' });
    const read = (await call(pA, 'GET', `/clinical-notes/${note.id}`)).json();
    expect(read.addenda.map((a: { content: string }) => a.content)).toEqual([
      `Ajout ${SECRET}`,
      'Second ajout',
    ]);

    const [row] = await t.db.ownerDb
      .select()
      .from(clinicalNoteAddenda)
      .where(eq(clinicalNoteAddenda.id, first.json().id));
    expect(row!.encryptedContent).not.toContain(SECRET);
    const context = { table: 'clinical_note_addenda', column: 'encrypted_content', rowId: row!.id };
    expect(t.app.cipher.decrypt(row!, context)).toBe(`Ajout ${SECRET}`);
    expect(() => t.app.cipher.decrypt(row!, { ...context, table: 'clinical_notes' })).toThrow();
    // Addenda are never changed, even by their author.
    expect(
      await dbError(
        as(pA, 'PRACTITIONER', (tx) =>
          tx.update(clinicalNoteAddenda).set({ iv: 'x' }).where(eq(clinicalNoteAddenda.id, row!.id)),
        ),
      ),
    ).toMatch(/permission denied/);
    // B cannot add one to A's note through the database.
    const id = randomUUID();
    expect(
      await dbError(
        as(pB, 'PRACTITIONER', (tx) =>
          tx.insert(clinicalNoteAddenda).values({
            id,
            noteId: note.id,
            practitionerId: pB.practitionerId!,
            ...t.app.cipher.encrypt('x', { ...context, rowId: id }),
          }),
        ),
      ),
    ).toMatch(/row-level security/);
  });
});

describe('audit', () => {
  it('records each read (READ, clinical_note, id, sensitive) and never any content', async () => {
    const note = await writeNote(pA, c.older, { content: `Lu ${SECRET}` });
    const reads = async (id: string) =>
      (
        await t.db.owner.query(
          `select count(*)::int as n from audit_logs where action = 'READ' and resource = 'clinical_note'
             and resource_id = $1 and is_sensitive and user_id = $2`,
          [id, pA.user.id],
        )
      ).rows[0].n as number;
    expect(await reads(note.id)).toBe(0);
    await call(pA, 'GET', `/clinical-notes/${note.id}`);
    expect(await reads(note.id)).toBe(1);
    // A list read audits every note it shows.
    const list = (await call(pA, 'GET', `/consultations/${c.older}/clinical-notes`)).json();
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    for (const item of list.items) expect(await reads(item.id)).toBeGreaterThanOrEqual(1);
    const file = (await call(pA, 'GET', `/me/clinical-notes?employeeId=${employee.employeeId}`)).json();
    expect(await reads(note.id)).toBe(3);
    expect(file.items.length).toBeGreaterThan(2);
    // Creates, updates, signatures are audited too.
    const actions = await t.db.owner.query(
      `select distinct action from audit_logs where resource = 'clinical_note' order by action`,
    );
    expect(actions.rows.map((r) => r.action)).toEqual(['CREATE', 'READ', 'UPDATE', 'VALIDATE']);
    // Nothing of the content or its ciphertext anywhere in the audit log, nor in the logs.
    const leaked = await t.db.owner.query(
      `select count(*)::int as n from audit_logs a where a::text ilike $1 or a::text ilike '%encrypted%'`,
      [`%${SECRET}%`],
    );
    expect(leaked.rows[0].n).toBe(0);
    expect(logLines.join('')).not.toContain(SECRET);
  });
});

describe('notes to write and the patient file', () => {
  it('lists completed consultations without a signed note, overdue after 72 hours', async () => {
    const other = await signedIn(t.app, t.db, 'PRACTITIONER');
    const scheduled = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR);
    const place = (hoursAgo: number, status: 'COMPLETED' | 'CANCELLED' | 'NO_SHOW' = 'COMPLETED') =>
      placeConsultation(t, {
        employeeId: stranger.employeeId!,
        practitionerId: other.practitionerId!,
        scheduledAt: scheduled(hoursAgo),
        status,
        endedAt: status === 'COMPLETED' ? new Date(scheduled(hoursAgo).getTime() + 50 * 60_000) : null,
      });
    const late = await place(80); // ended 79 h 10 ago
    const fresh = await place(70); // ended 69 h 10 ago
    await place(150, 'CANCELLED');
    await place(160, 'NO_SHOW');
    const signedOne = await place(200);
    const draft = await writeNote(other, fresh.id, { content: 'brouillon' });
    const toSign = await writeNote(other, signedOne.id, { content: 'fini' });
    await call(other, 'POST', `/clinical-notes/${toSign.id}/sign`);

    const response = await call(other, 'GET', '/me/clinical-notes/to-write');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ total: 2, overdueCount: 1, nextCursor: null });
    expect(body.items).toEqual([
      expect.objectContaining({ consultationId: fresh.id, overdue: false, draftNoteId: draft.id }),
      expect.objectContaining({
        consultationId: late.id,
        overdue: true,
        draftNoteId: null,
        patient: { id: stranger.employeeId, firstName: 'Camille', lastName: expect.any(String) },
      }),
    ]);
    // Paged with a cursor.
    const first = (await call(other, 'GET', '/me/clinical-notes/to-write?limit=1')).json();
    expect(first.items.map((i: { consultationId: string }) => i.consultationId)).toEqual([fresh.id]);
    const second = (
      await call(other, 'GET', `/me/clinical-notes/to-write?limit=1&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((i: { consultationId: string }) => i.consultationId)).toEqual([late.id]);
    // Signing the draft takes its consultation off the list.
    await call(other, 'POST', `/clinical-notes/${draft.id}/sign`);
    expect((await call(other, 'GET', '/me/clinical-notes/to-write')).json().total).toBe(1);
  });

  it("gathers a patient's notes across consultations, newest first, and nobody else's", async () => {
    const response = await call(pA, 'GET', `/me/clinical-notes?employeeId=${employee.employeeId}&limit=100`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.patient).toMatchObject({ id: employee.employeeId, firstName: 'Camille' });
    const consultationsSeen = new Set(
      body.items.map((n: { consultation: { id: string } }) => n.consultation.id),
    );
    expect([...consultationsSeen].sort()).toEqual([c.done, c.recent, c.older].sort());
    const times = body.items.map((n: { createdAt: string }) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const { rows } = await t.db.owner.query<{ n: number }>(
      `select count(*)::int as n from clinical_notes n join consultations c on c.id = n.consultation_id
        where c.employee_id = $1 and n.practitioner_id = $2`,
      [employee.employeeId, pA.practitionerId],
    );
    expect(body.items).toHaveLength(rows[0]!.n);
    // Pages.
    const page = (
      await call(pA, 'GET', `/me/clinical-notes?employeeId=${employee.employeeId}&limit=2`)
    ).json();
    expect(page.items).toHaveLength(2);
    const next = (
      await call(
        pA,
        'GET',
        `/me/clinical-notes?employeeId=${employee.employeeId}&limit=2&cursor=${page.nextCursor}`,
      )
    ).json();
    expect(next.items[0].id).toBe(body.items[2].id);
    // Not a patient of A: 404.
    expect((await call(pA, 'GET', `/me/clinical-notes?employeeId=${stranger.employeeId}`)).statusCode).toBe(
      404,
    );
    expect((await call(pA, 'GET', `/me/clinical-notes?employeeId=${randomUUID()}`)).statusCode).toBe(404);
  });

  it('answers the to-write count through the consultations of A only', async () => {
    const body = (await call(pA, 'GET', '/me/clinical-notes/to-write')).json();
    const ids = body.items.map((i: { consultationId: string }) => i.consultationId);
    expect(ids).not.toContain(c.withB);
    expect(ids).not.toContain(c.cancelled);
    expect(ids).not.toContain(c.upcoming);
    expect(ids).not.toContain(c.done); // signed above
    expect(ids).toContain(c.recent); // drafts only
  });
});
