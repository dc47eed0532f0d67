// Test fixtures of the rotation tests (not used by the application): rows in every encrypted
// column, written the way the application writes them, and a reader of what is stored.
import { randomBytes, randomUUID } from 'node:crypto';
import { type FieldCipher, messageContentContext, type StoredField } from '@huntzen/crypto';
import type { Database } from '@huntzen/db';
import { createConsultation, createPractitioner, createUser } from '@huntzen/db/testing/factories';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from './encrypted-columns';

/** One encrypted row: where it is and what it says. */
export interface EncryptedRow extends EncryptedColumn {
  id: string;
  /** The row id of the associated data when it is not `id` (messages: `${consultationId}/${id}`). */
  aadRowId?: string;
  plaintext: string;
}

const where = (row: { table: string; column: string; id: string; aadRowId?: string }) => ({
  table: row.table,
  column: row.column,
  rowId: row.aadRowId ?? row.id,
});

/** Writes `plaintext` into `row`'s column, encrypted with `cipher` (an UPDATE, as an edit would be). */
export async function writeEncrypted(
  db: Database,
  cipher: FieldCipher,
  row: { table: string; column: string; form: EncryptedColumn['form']; id: string; aadRowId?: string },
  plaintext: string,
): Promise<void> {
  if (row.form === 'json') {
    await db.owner.query(`update "${row.table}" set "${row.column}" = $2 where id = $1`, [
      row.id,
      cipher.encryptToJson(plaintext, where(row)),
    ]);
  } else {
    const f = cipher.encrypt(plaintext, where(row));
    await db.owner.query(
      `update "${row.table}" set encrypted_content = $2, iv = $3, auth_tag = $4 where id = $1`,
      [row.id, f.encryptedContent, f.iv, f.authTag],
    );
  }
}

/** `perTable` rows in each encrypted column (and files without a key), encrypted with `cipher`. */
export async function createEncryptedRows(
  db: Database,
  cipher: FieldCipher,
  perTable: number,
): Promise<EncryptedRow[]> {
  const consultation = await createConsultation(db.ownerDb);
  const rows: EncryptedRow[] = [];
  const column = (table: string) => ENCRYPTED_COLUMNS.find((c) => c.table === table)!;
  for (let i = 0; i < perTable; i++) {
    const seal = (table: string, id: string, plaintext: string) => {
      rows.push({ ...column(table), id, plaintext });
      return cipher.encrypt(plaintext, { table, column: column(table).column, rowId: id });
    };
    let id = randomUUID();
    // Messages are bound to their consultation too, as the API writes them.
    const message = messageContentContext({ id, consultationId: consultation.id });
    const text = `Bonjour docteur, message ${i} 🌱`;
    rows.push({ ...column('messages'), id, aadRowId: message.rowId, plaintext: text });
    let f = cipher.encrypt(text, message);
    await db.owner.query(
      `insert into messages (id, consultation_id, sender_id, sender_role, encrypted_content, iv, auth_tag)
       values ($1, $2, $3, 'EMPLOYEE', $4, $5, $6)`,
      [id, consultation.id, consultation.employeeId, f.encryptedContent, f.iv, f.authTag],
    );
    id = randomUUID();
    f = seal('clinical_notes', id, `Séance ${i} : anxiété en baisse.`);
    await db.owner.query(
      `insert into clinical_notes (id, consultation_id, practitioner_id, encrypted_content, iv, auth_tag)
       values ($1, $2, $3, $4, $5, $6)`,
      [id, consultation.id, consultation.practitionerId, f.encryptedContent, f.iv, f.authTag],
    );
    const noteId = id;
    id = randomUUID();
    f = seal('clinical_note_addenda', id, `Addendum ${i} : précision sur le traitement.`);
    await db.owner.query(
      `insert into clinical_note_addenda (id, note_id, practitioner_id, encrypted_content, iv, auth_tag)
       values ($1, $2, $3, $4, $5, $6)`,
      [id, noteId, consultation.practitionerId, f.encryptedContent, f.iv, f.authTag],
    );
    id = randomUUID();
    f = seal('journal_entries', id, `Journal ${i} — « une bonne journée »`);
    await db.owner.query(
      `insert into journal_entries (id, employee_id, encrypted_content, iv, auth_tag) values ($1, $2, $3, $4, $5)`,
      [id, consultation.employeeId, f.encryptedContent, f.iv, f.authTag],
    );
    const user = await createUser(db.ownerDb, { role: 'PRACTITIONER' });
    f = seal('users', user.id, randomBytes(20).toString('hex').toUpperCase());
    await db.owner.query('update users set two_factor_secret = $2 where id = $1', [
      user.id,
      JSON.stringify(f),
    ]);
    id = randomUUID();
    f = seal('files', id, randomBytes(32).toString('base64'));
    await db.owner.query(
      `insert into files (id, uploaded_by, user_role, filename, original_name, mime_type, size, path,
         is_encrypted, encryption_key, file_type)
       values ($1, $2, 'PRACTITIONER', $3, 'diplome.pdf', 'application/pdf', 1234, $3, true, $4, 'DIPLOMA')`,
      [id, user.id, `${id}.bin`, JSON.stringify(f)],
    );
    const session = await createConsultation(db.ownerDb, { format: 'AUDIO' });
    f = seal('consultations', session.id, randomBytes(16).toString('hex'));
    await db.owner.query('update consultations set room_password = $2 where id = $1', [
      session.id,
      JSON.stringify(f),
    ]);
  }
  // Rows without a ciphertext: a public file, a user without 2FA, a consultation without a room.
  const { practitioner } = await createPractitioner(db.ownerDb);
  await db.owner.query(
    `insert into files (uploaded_by, user_role, filename, original_name, mime_type, size, path, file_type)
     values ($1, 'PRACTITIONER', 'a.png', 'a.png', 'image/png', 10, 'a.png', 'AVATAR')`,
    [practitioner.userId],
  );
  return rows;
}

/** What `row` stores now, as the three fields. */
export async function readStored(db: Database, row: EncryptedRow): Promise<StoredField> {
  if (row.form === 'json') {
    const { rows } = await db.owner.query(`select "${row.column}" as v from "${row.table}" where id = $1`, [
      row.id,
    ]);
    return JSON.parse(rows[0].v);
  }
  const { rows } = await db.owner.query(
    `select encrypted_content as "encryptedContent", iv, auth_tag as "authTag" from "${row.table}" where id = $1`,
    [row.id],
  );
  return rows[0];
}

/** Decrypts `row` as stored now with `cipher` (throws DecryptionError when it cannot). */
export async function decryptStored(db: Database, cipher: FieldCipher, row: EncryptedRow): Promise<string> {
  return cipher.decrypt(await readStored(db, row), where(row));
}

/** Every encrypted value of the database, as stored (to compare before and after a run). */
export async function snapshot(db: Database): Promise<string[]> {
  const parts: string[] = [];
  for (const c of ENCRYPTED_COLUMNS) {
    const value = c.form === 'json' ? `"${c.column}"` : `encrypted_content || iv || coalesce(auth_tag, '')`;
    const { rows } = await db.owner.query(`select id || ':' || ${value} as v from "${c.table}" order by id`);
    parts.push(...rows.map((r) => `${c.table}:${r.v}`));
  }
  return parts;
}
