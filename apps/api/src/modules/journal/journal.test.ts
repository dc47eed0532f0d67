// The mood journal end to end: through app.inject on real PostgreSQL, and straight through the
// database as the application role (withActor) to prove the row-level security and the grants.
import { randomUUID } from 'node:crypto';
import { JOURNAL_CSV_COLUMNS, type JournalEntry } from '@huntzen/contracts';
import { type Actor, auditLogs, employees, journalEntries, withActor } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { giveConsent } from '../consultations/consultations.fixtures';
import { parseCsv } from './journal.csv';

type Account = Awaited<ReturnType<typeof signedIn>>;
let t: TestApp;
let marc: Account;
let other: Account;
let hr: Account;
let practitioner: Account;
let admin: Account;
let superAdmin: Account;

const URL = '/api/v1/journal-entries';

function actorOf(a: Account): Actor {
  return {
    role: a.user.role,
    userId: a.user.id,
    email: a.email,
    companyId: a.companyId,
    employeeId: a.employeeId,
    practitionerId: a.practitionerId,
  };
}

async function write(a: Account, payload: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'POST', url: URL, headers: a.headers, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as JournalEntry;
}

async function call(
  a: Account,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  return t.app.inject({
    method,
    url,
    headers: a.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

function file(entries: Record<string, unknown>[]) {
  return { format: 'huntzen-journal', version: 1, entries };
}

beforeAll(async () => {
  t = await buildTestApp();
  const company = await createCompany(t.db);
  marc = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: company.id });
  other = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: company.id });
  await giveConsent(t, marc.employeeId!);
  await giveConsent(t, other.employeeId!);
  hr = await signedIn(t.app, t.db, 'ADMIN_RH', { companyId: company.id });
  practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
  superAdmin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
});

afterAll(async () => {
  await t?.close();
});

describe('entries', () => {
  it('writes an entry encrypted at rest, with normalised tags, and reads it back', async () => {
    const entry = await write(marc, {
      content: 'Bonne journée, marche au soleil.',
      mood: 'GOOD',
      tags: ['  Sport ', 'sport', 'Gratitude'],
    });
    expect(entry).toMatchObject({
      content: 'Bonne journée, marche au soleil.',
      contentUnreadable: false,
      mood: 'GOOD',
      tags: ['sport', 'gratitude'],
      sentimentScore: null,
    });
    const [stored] = await t.db.ownerDb.select().from(journalEntries).where(eq(journalEntries.id, entry.id));
    expect(stored!.encryptedContent).not.toContain('soleil');
    expect(stored!.employeeId).toBe(marc.employeeId);

    const read = await call(marc, 'GET', `${URL}/${entry.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().content).toBe('Bonne journée, marche au soleil.');

    const edited = await call(marc, 'PATCH', `${URL}/${entry.id}`, {
      content: 'Changé',
      mood: null,
      tags: [],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ content: 'Changé', mood: null, tags: [] });
    expect((await call(marc, 'GET', `${URL}/${entry.id}`)).json().content).toBe('Changé');

    expect((await call(marc, 'DELETE', `${URL}/${entry.id}`)).statusCode).toBe(204);
    expect((await call(marc, 'GET', `${URL}/${entry.id}`)).statusCode).toBe(404);
  });

  it('names the field at fault', async () => {
    const tooLong = await call(marc, 'POST', URL, { content: 'x'.repeat(10_001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors.map((e: { path: string }) => e.path)).toContain('body.content');
    const badMood = await call(marc, 'POST', URL, { content: 'ok', mood: 'HAPPY' });
    expect(badMood.json().errors.map((e: { path: string }) => e.path)).toContain('body.mood');
    const tags = await call(marc, 'POST', URL, {
      content: 'ok',
      tags: Array.from({ length: 11 }, (_, i) => `t${i}`),
    });
    expect(tags.json().errors.map((e: { path: string }) => e.path)).toContain('body.tags');
    const longTag = await call(marc, 'POST', URL, { content: 'ok', tags: ['a'.repeat(31)] });
    expect(longTag.json().errors.map((e: { path: string }) => e.path)).toContain('body.tags.0');
    const badImport = await call(
      marc,
      'POST',
      `${URL}/import`,
      file([
        { content: 'ok', createdAt: '2026-01-01T10:00:00Z' },
        { content: 'ok', mood: 'SAD', createdAt: '2026-01-01T10:00:00Z' },
      ]),
    );
    expect(badImport.statusCode).toBe(400);
    expect(badImport.json().errors.map((e: { path: string }) => e.path)).toContain('body.entries.1.mood');
    const future = await call(
      marc,
      'POST',
      `${URL}/import`,
      file([{ content: 'plus tard', createdAt: '2199-01-01T00:00:00Z' }]),
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([{ path: 'body.entries.0.createdAt', message: 'is in the future' }]);
  });

  it('requires the current consent to write, never to read, export or delete', async () => {
    const fresh = await signedIn(t.app, t.db, 'EMPLOYEE');
    const response = await call(fresh, 'POST', URL, { content: 'x' });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('CONSENT_REQUIRED');
    const imported = await call(
      fresh,
      'POST',
      `${URL}/import`,
      file([{ content: 'x', createdAt: '2026-01-01T00:00:00Z' }]),
    );
    expect(imported.json().code).toBe('CONSENT_REQUIRED');
    expect((await call(fresh, 'PUT', `${URL}/settings`, { sentimentEnabled: true })).statusCode).toBe(403);
    // An entry written before the consent text changed.
    await giveConsent(t, fresh.employeeId!);
    const entry = await write(fresh, { content: 'avant' });
    await t.db.ownerDb
      .update(employees)
      .set({ consentVersion: '0.9' })
      .where(eq(employees.id, fresh.employeeId!));
    expect((await call(fresh, 'PATCH', `${URL}/${entry.id}`, { content: 'après' })).json().code).toBe(
      'CONSENT_REQUIRED',
    );
    expect((await call(fresh, 'GET', `${URL}/${entry.id}`)).json().content).toBe('avant');
    expect((await call(fresh, 'GET', `${URL}/export?format=json`)).statusCode).toBe(200);
    expect((await call(fresh, 'PUT', `${URL}/settings`, { sentimentEnabled: false })).statusCode).toBe(200);
    expect((await call(fresh, 'DELETE', `${URL}/${entry.id}`)).statusCode).toBe(204);
  });
});

describe('only the employee reaches their journal', () => {
  let entryId: string;
  beforeAll(async () => {
    entryId = (await write(marc, { content: 'Secret de Marc', mood: 'BAD', tags: ['prive'] })).id;
  });

  it('answers 404 to another employee, and refuses every other role', async () => {
    for (const method of ['GET', 'DELETE'] as const) {
      expect((await call(other, method, `${URL}/${entryId}`)).statusCode).toBe(404);
    }
    expect((await call(other, 'PATCH', `${URL}/${entryId}`, { mood: 'GOOD' })).statusCode).toBe(404);
    const list = await call(other, 'GET', URL);
    expect(list.json().items.map((e: JournalEntry) => e.id)).not.toContain(entryId);
    for (const a of [hr, practitioner, admin, superAdmin]) {
      expect((await call(a, 'GET', `${URL}/${entryId}`)).statusCode).toBe(403);
      expect((await call(a, 'GET', URL)).statusCode).toBe(403);
      expect((await call(a, 'GET', `${URL}/export?format=json`)).statusCode).toBe(403);
    }
    expect((await call(marc, 'GET', `${URL}/${entryId}`)).json().content).toBe('Secret de Marc');
  });

  it('shows 0 rows to every other actor through the database and refuses their writes', async () => {
    for (const a of [other, hr, practitioner, admin, superAdmin]) {
      const actor = actorOf(a);
      const rows = await withActor(t.db, actor, (tx) => tx.select().from(journalEntries));
      expect(rows, a.user.role).toHaveLength(0);
      const updated = await withActor(t.db, actor, (tx) =>
        tx
          .update(journalEntries)
          .set({ mood: 'VERY_GOOD' })
          .where(eq(journalEntries.id, entryId))
          .returning(),
      );
      expect(updated).toHaveLength(0);
      const deleted = await withActor(t.db, actor, (tx) =>
        tx.delete(journalEntries).where(eq(journalEntries.id, entryId)).returning(),
      );
      expect(deleted).toHaveLength(0);
      // Writing into Marc's journal: refused by WITH CHECK.
      await expect(
        withActor(t.db, actor, (tx) =>
          tx
            .insert(journalEntries)
            .values({ employeeId: marc.employeeId!, encryptedContent: 'k.x', iv: 'x', authTag: 'x' }),
        ),
      ).rejects.toThrow();
    }
    // An HR or admin actor who also carried Marc's employee id is still refused (restrictive policy).
    const disguised = { ...actorOf(hr), employeeId: marc.employeeId };
    expect(await withActor(t.db, disguised, (tx) => tx.select().from(journalEntries))).toHaveLength(0);
    const [row] = await t.db.ownerDb.select().from(journalEntries).where(eq(journalEntries.id, entryId));
    expect(row!.mood).toBe('BAD');
  });

  it('lets Marc move no entry to someone else, nor rewrite its id or date', async () => {
    const actor = actorOf(marc);
    await expect(
      withActor(t.db, actor, (tx) =>
        tx
          .update(journalEntries)
          .set({ employeeId: other.employeeId! })
          .where(eq(journalEntries.id, entryId)),
      ),
    ).rejects.toThrow();
    await expect(
      withActor(t.db, actor, (tx) =>
        tx
          .update(journalEntries)
          .set({ createdAt: new Date(0) })
          .where(eq(journalEntries.id, entryId)),
      ),
    ).rejects.toThrow();
    await expect(
      withActor(t.db, actor, (tx) =>
        tx
          .insert(journalEntries)
          .values({ employeeId: other.employeeId!, encryptedContent: 'k.x', iv: 'x', authTag: 'x' }),
      ),
    ).rejects.toThrow();
    const mine = await withActor(t.db, actor, (tx) => tx.select().from(journalEntries));
    expect(mine.map((r) => r.id)).toContain(entryId);
  });

  it('lets only the employee change their sentiment opt-in', async () => {
    for (const a of [hr, admin, superAdmin]) {
      await expect(
        withActor(t.db, actorOf(a), (tx) =>
          tx
            .update(employees)
            .set({ journalSentimentEnabled: true })
            .where(eq(employees.id, marc.employeeId!)),
        ),
      ).rejects.toThrow();
    }
    const [row] = await t.db.ownerDb.select().from(employees).where(eq(employees.id, marc.employeeId!));
    expect(row!.journalSentimentEnabled).toBe(false);
  });
});

describe('filters, cursor and trend', () => {
  let filer: Account;
  beforeAll(async () => {
    filer = await signedIn(t.app, t.db, 'EMPLOYEE');
    await giveConsent(t, filer.employeeId!);
    const imported = await call(
      filer,
      'POST',
      `${URL}/import`,
      file([
        // Europe/Paris (UTC+1 in winter): 23:30 UTC on 1 March is already 2 March there.
        { content: 'a', mood: 'VERY_BAD', tags: ['travail'], createdAt: '2026-03-01T23:30:00Z' },
        { content: 'b', mood: 'GOOD', tags: ['travail', 'sport'], createdAt: '2026-03-02T08:00:00Z' },
        { content: 'c', mood: 'VERY_GOOD', tags: ['sport'], createdAt: '2026-03-02T18:00:00Z' },
        { content: 'd', mood: null, tags: [], createdAt: '2026-03-03T12:00:00Z' },
        { content: 'e', mood: 'BAD', tags: ['sommeil'], createdAt: '2026-03-09T12:00:00Z' },
        { content: 'f', mood: 'NEUTRAL', tags: ['sommeil'], createdAt: '2026-03-10T12:00:00Z' },
      ]),
    );
    expect(imported.json()).toEqual({ created: 6, skipped: 0 });
  });

  it('filters by mood, tag and date range, and pages with the cursor', async () => {
    const contents = async (query: string) =>
      (await call(filer, 'GET', `${URL}?${query}`)).json().items.map((e: JournalEntry) => e.content);
    expect(await contents('mood=VERY_GOOD')).toEqual(['c']);
    expect(await contents('tag=Sport')).toEqual(['c', 'b']);
    expect(await contents('from=2026-03-02&to=2026-03-02')).toEqual(['c', 'b', 'a']);
    expect(await contents('from=2026-03-03T00:00:00Z&to=2026-03-09T23:00:00Z')).toEqual(['e', 'd']);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: JournalEntry[]; nextCursor: string | null } = (
        await call(filer, 'GET', `${URL}?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((e) => e.content ?? ''));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
    expect((await call(filer, 'GET', `${URL}?cursor=nonsense`)).statusCode).toBe(400);
  });

  it('averages moods per day and per week of the employee’s zone', async () => {
    const day = (
      await call(filer, 'GET', `${URL}/mood-trend?bucket=day&from=2026-03-01&to=2026-03-31`)
    ).json();
    expect(day.timeZone).toBe('Europe/Paris');
    expect(day.points).toEqual([
      // (1 + 4 + 5) / 3
      { period: '2026-03-02', average: 3.33, entries: 3, withMood: 3 },
      { period: '2026-03-03', average: null, entries: 1, withMood: 0 },
      { period: '2026-03-09', average: 2, entries: 1, withMood: 1 },
      { period: '2026-03-10', average: 3, entries: 1, withMood: 1 },
    ]);
    const week = (await call(filer, 'GET', `${URL}/mood-trend?bucket=week`)).json();
    expect(week.points).toEqual([
      { period: '2026-03-02', average: 3.33, entries: 4, withMood: 3 },
      // (2 + 3) / 2
      { period: '2026-03-09', average: 2.5, entries: 2, withMood: 2 },
    ]);
  });

  it('counts the streak of consecutive days', async () => {
    const streak = (await call(filer, 'GET', `${URL}/streak`)).json();
    expect(streak).toEqual({ current: 0, longest: 2, lastEntryDate: '2026-03-10' });
    await write(filer, { content: 'aujourd’hui' });
    expect((await call(filer, 'GET', `${URL}/streak`)).json().current).toBe(1);
  });
});

describe('export and import', () => {
  let writer: Account;
  const tricky = 'Virgule, "guillemets" et\nun retour à la ligne\r\nfin';
  beforeAll(async () => {
    writer = await signedIn(t.app, t.db, 'EMPLOYEE');
    await giveConsent(t, writer.employeeId!);
    await write(writer, { content: tricky, mood: 'NEUTRAL', tags: ['a,b', 'x"y'] });
    await write(writer, { content: '=1+1', mood: 'GOOD', tags: [] });
  });

  it('exports CSV with RFC 4180 quoting that round-trips, audited without content', async () => {
    const response = await call(writer, 'GET', `${URL}/export?format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="journal-.*\.csv"/);
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual([...JOURNAL_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const byContent = new Map(rows.slice(1).map((r) => [r[5], r]));
    expect(byContent.get(tricky)?.[3]).toBe('NEUTRAL');
    expect(JSON.parse(byContent.get(tricky)![4]!)).toEqual(['a,b', 'x"y']);
    expect(byContent.has('=1+1')).toBe(true);
    expect(response.body).toContain('"Virgule, ""guillemets"" et\nun retour');

    const audits = await t.db.ownerDb.select().from(auditLogs).where(eq(auditLogs.userId, writer.user.id));
    const exported = audits.find((a) => a.action === 'EXPORT');
    expect(exported?.details).toMatchObject({ format: 'csv', entries: 2 });
    expect(JSON.stringify(audits)).not.toContain('guillemets');
  });

  it('exports JSON that re-imports idempotently, keeping createdAt', async () => {
    const exported = await call(writer, 'GET', `${URL}/export?format=json`);
    expect(exported.statusCode).toBe(200);
    const document = exported.json();
    expect(document.entries.map((e: { content: string }) => e.content).sort()).toEqual(
      ['=1+1', tricky].sort(),
    );

    // Into the same journal: everything is already there.
    expect((await call(writer, 'POST', `${URL}/import`, document)).json()).toEqual({
      created: 0,
      skipped: 2,
    });

    // Into another journal (the ids are taken by the writer's rows): created once, then skipped.
    const reader = await signedIn(t.app, t.db, 'EMPLOYEE');
    await giveConsent(t, reader.employeeId!);
    expect((await call(reader, 'POST', `${URL}/import`, document)).json()).toEqual({
      created: 2,
      skipped: 0,
    });
    expect((await call(reader, 'POST', `${URL}/import`, document)).json()).toEqual({
      created: 0,
      skipped: 2,
    });
    const items = (await call(reader, 'GET', URL)).json().items as JournalEntry[];
    expect(items.map((e) => e.content).sort()).toEqual(['=1+1', tricky].sort());
    const original = document.entries.find((e: { content: string }) => e.content === tricky);
    expect(items.find((e) => e.content === tricky)?.createdAt).toBe(original.createdAt);

    // After a deletion, re-importing restores the entry under its own id.
    await call(writer, 'DELETE', `${URL}/${original.id}`);
    expect((await call(writer, 'POST', `${URL}/import`, document)).json()).toEqual({
      created: 1,
      skipped: 1,
    });
    expect((await call(writer, 'GET', `${URL}/${original.id}`)).json().content).toBe(tricky);
  });
});

describe('a ciphertext copied from another row', () => {
  it('answers CONTENT_UNREADABLE for one entry and a flag in lists', async () => {
    const a = await write(marc, { content: 'premier', mood: 'GOOD' });
    const b = await write(marc, { content: 'second', mood: 'BAD' });
    await t.db.owner.query(
      `update journal_entries set (encrypted_content, iv, auth_tag) =
         (select encrypted_content, iv, auth_tag from journal_entries where id = $1) where id = $2`,
      [a.id, b.id],
    );
    const single = await call(marc, 'GET', `${URL}/${b.id}`);
    expect(single.statusCode).toBe(409);
    expect(single.json().code).toBe('CONTENT_UNREADABLE');
    expect(single.body).not.toContain('premier');

    const list = (await call(marc, 'GET', URL)).json().items as JournalEntry[];
    expect(list.find((e) => e.id === b.id)).toMatchObject({
      content: null,
      contentUnreadable: true,
      mood: 'BAD',
    });
    expect(list.find((e) => e.id === a.id)).toMatchObject({ content: 'premier', contentUnreadable: false });

    expect((await call(marc, 'PATCH', `${URL}/${b.id}`, { mood: 'GOOD' })).statusCode).toBe(409);
    const repaired = await call(marc, 'PATCH', `${URL}/${b.id}`, { content: 'réécrit' });
    expect(repaired.json().content).toBe('réécrit');
  });
});

describe('sentiment', () => {
  it('is computed only after opting in, recomputed on edit, cleared on opting out', async () => {
    const e = await signedIn(t.app, t.db, 'EMPLOYEE');
    await giveConsent(t, e.employeeId!);
    const before = await write(e, { content: 'Super journée, excellent travail, je suis heureux.' });
    expect(before.sentimentScore).toBeNull();
    expect((await call(e, 'GET', `${URL}/settings`)).json()).toEqual({
      sentimentEnabled: false,
      language: 'fr',
      sentimentAvailable: true,
    });

    const on = await call(e, 'PUT', `${URL}/settings`, { sentimentEnabled: true });
    expect(on.json().sentimentEnabled, on.body).toBe(true);
    const scored = (await call(e, 'GET', `${URL}/${before.id}`)).json();
    expect(scored.sentimentScore).toBeGreaterThan(0);
    // Scoring is not an edit.
    expect(scored.updatedAt).toBe(before.updatedAt);

    const sad = await call(e, 'PATCH', `${URL}/${before.id}`, {
      content: 'Journée horrible, triste et difficile, tout est mauvais.',
    });
    expect(sad.json().sentimentScore).toBeLessThan(0);
    const fresh = await write(e, { content: 'Très bonne nouvelle, je suis content.' });
    expect(fresh.sentimentScore).toBeGreaterThan(0);

    await call(e, 'PUT', `${URL}/settings`, { sentimentEnabled: false });
    const rows = await t.db.ownerDb
      .select({ score: journalEntries.sentimentScore })
      .from(journalEntries)
      .where(eq(journalEntries.employeeId, e.employeeId!));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.score === null)).toBe(true);
    expect((await write(e, { content: 'Super !' })).sentimentScore).toBeNull();
  });

  it('scores English entries with the English lexicon', async () => {
    const e = await signedIn(t.app, t.db, 'EMPLOYEE');
    await giveConsent(t, e.employeeId!);
    await t.db.ownerDb
      .update(employees)
      .set({ preferredLanguage: 'en' })
      .where(eq(employees.id, e.employeeId!));
    const settings = (await call(e, 'PUT', `${URL}/settings`, { sentimentEnabled: true })).json();
    expect(settings).toMatchObject({ sentimentEnabled: true, sentimentAvailable: true });
    expect((await write(e, { content: 'What a wonderful, happy day' })).sentimentScore).toBeGreaterThan(0);
    expect((await write(e, { content: 'A terrible day, I feel sad and angry' })).sentimentScore).toBeLessThan(
      0,
    );
  });
});

describe('the journal as stored by db:demo', () => {
  it('decrypts a row written the way the demo generator writes it', async () => {
    const id = randomUUID();
    const sealed = t.app.cipher.encrypt('Journée normale, rien de particulier.', {
      table: 'journal_entries',
      column: 'encrypted_content',
      rowId: id,
    });
    await t.db.owner.query(
      `insert into journal_entries (id, employee_id, encrypted_content, iv, auth_tag, mood, tags)
       values ($1, $2, $3, $4, $5, 'NEUTRAL', $6)`,
      [id, other.employeeId, sealed.encryptedContent, sealed.iv, sealed.authTag, ['équipe', 'travail']],
    );
    const read = (await call(other, 'GET', `${URL}/${id}`)).json();
    expect(read).toMatchObject({
      content: 'Journée normale, rien de particulier.',
      tags: ['équipe', 'travail'],
    });
  });
});
