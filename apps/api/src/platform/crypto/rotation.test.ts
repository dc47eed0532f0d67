// Key rotation on a real PostgreSQL: rows written under key A, rotation to key B, while "the
// application" (other connections) keeps editing rows.
import { randomBytes } from 'node:crypto';
import { DecryptionError, FieldCipher } from '@huntzen/crypto';
import { createTestDatabase, type TestDatabase } from '@huntzen/db/testing/test-database';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRowsByKey, type RotationReport, rotateEncryptedColumns } from './rotation';
import {
  createEncryptedRows,
  decryptStored,
  type EncryptedRow,
  readStored,
  snapshot,
  writeEncrypted,
} from './rotation.fixtures';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const onlyA = FieldCipher.fromKeys(keyA);
const onlyB = FieldCipher.fromKeys(keyB);
/** The ring of the rotation (and of an application instance already restarted with B). */
const ring = FieldCipher.fromKeys(keyB, [keyA]);

const fast = { passes: 2, retryDelayMs: 20 };
const total = (report: RotationReport, field: 'found' | 'reencrypted' | 'remaining' | 'changed') =>
  report.columns.reduce((n, c) => n + c[field], 0);

let t: TestDatabase;
let rows: EncryptedRow[];

beforeEach(async () => {
  t = await createTestDatabase();
  rows = await createEncryptedRows(t.db, onlyA, 5);
});
afterEach(async () => {
  await t.drop();
});

async function expectAllUnderB(expected: Map<string, string> = new Map()) {
  for (const row of rows) {
    expect(await decryptStored(t.db, onlyB, row)).toBe(expected.get(row.id) ?? row.plaintext);
  }
}

describe('rotateEncryptedColumns', () => {
  it('moves every row from key A to key B, contents unchanged; a second run touches nothing', async () => {
    const seen: string[] = [];
    const report = await rotateEncryptedColumns(t.db.owner, ring, {
      batchSize: 2,
      onProgress: (p) => {
        if (p.finished) seen.push(`${p.table}:${p.done}/${p.total}`);
      },
    });
    expect(
      report.columns.map((c) => [c.table, c.column, c.found, c.reencrypted, c.failures.length, c.remaining]),
    ).toEqual([
      ['messages', 'encrypted_content', 5, 5, 0, 0],
      ['clinical_notes', 'encrypted_content', 5, 5, 0, 0],
      ['clinical_note_addenda', 'encrypted_content', 5, 5, 0, 0],
      ['journal_entries', 'encrypted_content', 5, 5, 0, 0],
      ['users', 'two_factor_secret', 5, 5, 0, 0],
      ['files', 'encryption_key', 5, 5, 0, 0],
      ['consultations', 'room_password', 5, 5, 0, 0],
    ]);
    expect(seen).toEqual([
      'messages:5/5',
      'clinical_notes:5/5',
      'clinical_note_addenda:5/5',
      'journal_entries:5/5',
      'users:5/5',
      'files:5/5',
      'consultations:5/5',
    ]);
    await expectAllUnderB();
    for (const row of rows) await expect(decryptStored(t.db, onlyA, row)).rejects.toThrow(DecryptionError);

    const before = await snapshot(t.db);
    const again = await rotateEncryptedColumns(t.db.owner, ring);
    expect(total(again, 'found') + total(again, 'reencrypted')).toBe(0);
    expect(await snapshot(t.db)).toEqual(before);
    const counts = await countRowsByKey(t.db.owner);
    expect(counts.map((c) => c.byKey)).toEqual(Array(7).fill({ [onlyB.current.id]: 5 }));
  });

  it('keeps what the application writes during the rotation, under either key', async () => {
    const messages = rows.filter((r) => r.table === 'messages').sort((a, b) => a.id.localeCompare(b.id));
    const [first, , , fourth, last] = messages as [
      EncryptedRow,
      EncryptedRow,
      EncryptedRow,
      EncryptedRow,
      EncryptedRow,
    ];
    const edits = new Map<string, string>();
    let edited = false;
    // One pass, so that the row edited behind the rotation is left for the next run to find.
    await rotateEncryptedColumns(t.db.owner, ring, {
      batchSize: 2,
      passes: 1,
      onProgress: async (p) => {
        if (edited || p.table !== 'messages') return;
        edited = true;
        // After the first batch: an instance restarted with B edits a row not yet reached, one
        // still on A edits another, and a row already re-encrypted is edited again under A.
        for (const [row, cipher, text] of [
          [last, ring, 'modifié (B) pendant la rotation'],
          [fourth, onlyA, 'modifié (A) pendant la rotation'],
          [first, onlyA, 'déjà tourné, puis modifié (A)'],
        ] as const) {
          await writeEncrypted(t.db, cipher, row, text);
          edits.set(row.id, text);
        }
      },
    });
    // The row edited under A behind the rotation's back is found by a later run.
    expect(await decryptStored(t.db, ring, first)).toBe('déjà tourné, puis modifié (A)');
    const next = await rotateEncryptedColumns(t.db.owner, ring);
    expect(total(next, 'reencrypted')).toBe(1);
    await expectAllUnderB(edits);
  });

  it('leaves a row the application holds locked, and moves it once the edit is committed', async () => {
    const journal = rows.find((r) => r.table === 'journal_entries')!;
    const app = await t.db.owner.connect();
    try {
      await app.query('begin');
      await app.query('select 1 from journal_entries where id = $1 for update', [journal.id]);
      const report = await rotateEncryptedColumns(t.db.owner, ring, fast);
      const column = report.columns.find((c) => c.table === 'journal_entries')!;
      expect([column.found, column.reencrypted, column.remaining]).toEqual([5, 4, 1]);
      const f = onlyA.encrypt('écrit par l’application', {
        table: 'journal_entries',
        column: 'encrypted_content',
        rowId: journal.id,
      });
      await app.query(
        'update journal_entries set encrypted_content = $2, iv = $3, auth_tag = $4 where id = $1',
        [journal.id, f.encryptedContent, f.iv, f.authTag],
      );
      await app.query('commit');
    } finally {
      app.release();
    }
    expect(await decryptStored(t.db, onlyA, journal)).toBe('écrit par l’application');
    const next = await rotateEncryptedColumns(t.db.owner, ring, fast);
    expect(total(next, 'reencrypted')).toBe(1);
    await expectAllUnderB(new Map([[journal.id, 'écrit par l’application']]));
    expect(total(await rotateEncryptedColumns(t.db.owner, ring), 'reencrypted')).toBe(0);
  });

  it('never overwrites edits made concurrently with a running rotation', async () => {
    const messages = rows.filter((r) => r.table === 'messages');
    const last = new Map<string, string>();
    let running = true;
    const rotation = rotateEncryptedColumns(t.db.owner, ring, { batchSize: 1, ...fast }).finally(() => {
      running = false;
    });
    // The application edits at its own pace for as long as the rotation runs; each UPDATE waits
    // for a batch's lock at most, and whatever it wrote last is what must remain.
    for (let i = 0; i < 20 || (running && i < 2000); i++) {
      const row = messages[i % messages.length]!;
      const text = `édition ${i}`;
      await writeEncrypted(t.db, i % 2 ? onlyA : ring, row, text);
      last.set(row.id, text);
    }
    await rotation;
    await rotateEncryptedColumns(t.db.owner, ring, fast);
    await expectAllUnderB(last);
  });

  it('reports a tampered row or one under an unknown key as a DecryptionError, and moves the others', async () => {
    const note = rows.find((r) => r.table === 'clinical_notes')!;
    const user = rows.find((r) => r.table === 'users')!;
    const stored = await readStored(t.db, note);
    const tag = Buffer.from(stored.authTag!, 'base64');
    tag[0]! ^= 1;
    await t.db.owner.query('update clinical_notes set auth_tag = $2 where id = $1', [
      note.id,
      tag.toString('base64'),
    ]);
    await writeEncrypted(t.db, FieldCipher.fromKeys(randomBytes(32)), user, 'clé inconnue');
    const tampered = await snapshot(t.db);

    const report = await rotateEncryptedColumns(t.db.owner, ring, fast);
    const failures = report.columns.flatMap((c) => c.failures);
    expect(failures.map((f) => [f.table, f.rowId])).toEqual([
      ['clinical_notes', note.id],
      ['users', user.id],
    ]);
    for (const f of failures) expect(f.error).toBeInstanceOf(DecryptionError);
    expect(failures[1]!.error.message).toMatch(/unknown key/);
    expect(total(report, 'reencrypted')).toBe(33);
    expect(total(report, 'remaining')).toBe(0);
    // The failed rows are left exactly as they were: nothing made up, nothing lost.
    const after = await snapshot(t.db);
    for (const id of [note.id, user.id]) {
      expect(after.filter((v) => v.includes(id))).toEqual(tampered.filter((v) => v.includes(id)));
    }
    await expect(decryptStored(t.db, ring, note)).rejects.toThrow(DecryptionError);
  });

  it('does not make a row look edited: updated_at keeps its value', async () => {
    const stamps = async () =>
      (
        await t.db.owner.query(
          `select id, updated_at from journal_entries union all select id, updated_at from clinical_notes
           union all select id, updated_at from users order by id`,
        )
      ).rows.map((r) => `${r.id} ${r.updated_at.toISOString()}`);
    const before = await stamps();
    const report = await rotateEncryptedColumns(t.db.owner, ring, fast);
    expect(total(report, 'reencrypted')).toBe(35);
    expect(await stamps()).toEqual(before);
  });

  it('re-encrypts messages bound to their consultation, and leaves deleted (wiped) messages alone', async () => {
    const [first, second] = rows.filter((r) => r.table === 'messages') as [EncryptedRow, EncryptedRow];
    // Bound to `${consultationId}/${id}`: the message id alone does not open it.
    expect(first.aadRowId).toMatch(new RegExp(`^[0-9a-f-]{36}/${first.id}$`));
    const stored = await readStored(t.db, first);
    expect(() =>
      onlyA.decrypt(stored, { table: 'messages', column: 'encrypted_content', rowId: first.id }),
    ).toThrow(DecryptionError);
    // A deleted message keeps an empty ciphertext: nothing to rotate, no failure.
    await t.db.owner.query(
      `update messages set encrypted_content = '', iv = '', auth_tag = null, is_deleted = true,
         deleted_at = now() where id = $1`,
      [second.id],
    );
    const report = await rotateEncryptedColumns(t.db.owner, ring, fast);
    const messages = report.columns.find((c) => c.table === 'messages')!;
    expect([messages.found, messages.reencrypted, messages.failures.length, messages.remaining]).toEqual([
      4, 4, 0, 0,
    ]);
    expect(await decryptStored(t.db, onlyB, first)).toBe(first.plaintext);
    expect(await readStored(t.db, second)).toEqual({ encryptedContent: '', iv: '', authTag: null });
  });

  it('keeps other properties stored beside the three fields of a JSON column', async () => {
    const file = rows.find((r) => r.table === 'files')!;
    const sealed = onlyA.encrypt(file.plaintext, {
      table: 'files',
      column: 'encryption_key',
      rowId: file.id,
    });
    await t.db.owner.query('update files set encryption_key = $2 where id = $1', [
      file.id,
      JSON.stringify({ algorithm: 'aes-256-gcm', ...sealed }),
    ]);
    await rotateEncryptedColumns(t.db.owner, ring, fast);
    const { rows: stored } = await t.db.owner.query('select encryption_key from files where id = $1', [
      file.id,
    ]);
    expect(JSON.parse(stored[0].encryption_key).algorithm).toBe('aes-256-gcm');
    expect(await decryptStored(t.db, onlyB, file)).toBe(file.plaintext);
  });
});
