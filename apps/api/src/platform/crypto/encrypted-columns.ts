// Every encrypted column of the database, and the SQL that finds, reads and rewrites its
// ciphertexts. A new encrypted column joins ENCRYPTED_COLUMNS, or a key rotation leaves it behind
// (and the old key can then never be retired).

/**
 * `fields`: the spec's three columns `encrypted_content` / `iv` / `auth_tag`, AAD column
 * 'encrypted_content'. `json`: one text column holding the JSON of {encryptedContent, iv, authTag}.
 */
export type EncryptedForm = 'fields' | 'json';

export interface EncryptedColumn {
  table: string;
  /** The column named in the associated data (and, for `json`, the column itself). */
  column: string;
  form: EncryptedForm;
  /**
   * The SQL expression (over the table's own columns) of the AAD's row id, when it is not `id`: it
   * must build the same string as the writer's context (e.g. `messageContentContext`).
   */
  rowIdSql?: string;
}

/** The encrypted columns; the AAD of each row is (table, column, row id). */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  // Bound to the consultation too: `${consultationId}/${id}` (@huntzen/crypto messageContentContext).
  {
    table: 'messages',
    column: 'encrypted_content',
    form: 'fields',
    rowIdSql: "consultation_id::text || '/' || id::text",
  },
  { table: 'clinical_notes', column: 'encrypted_content', form: 'fields' },
  // Corrections of signed notes (migration 0016): insert-only for the application, rotated by the owner.
  { table: 'clinical_note_addenda', column: 'encrypted_content', form: 'fields' },
  { table: 'journal_entries', column: 'encrypted_content', form: 'fields' },
  { table: 'users', column: 'two_factor_secret', form: 'json' },
  // Per-file keys, wrapped by the master key (NULL for files stored in clear).
  { table: 'files', column: 'encryption_key', form: 'json' },
  // The Jitsi room password of video and audio consultations (modules/consultations/rooms.ts).
  { table: 'consultations', column: 'room_password', form: 'json' },
];

/** The SQL of one encrypted column. Names come from ENCRYPTED_COLUMNS, never from input. */
export interface ColumnSql {
  /** The AAD row id of a row (selected as `row_id` by `selectBatch`). */
  rowId: string;
  /** Key id of a row's ciphertext, as FieldCipher.keyIdOf reads it ('' when there is none). */
  keyId: string;
  /** Condition of the rows that hold a ciphertext (the JSON column may be NULL). */
  present: string;
  /** Next rows after $1 (NULL: from the start) not under key $2, at most $3, locked; skips locked ones. */
  selectBatch: string;
  /** Rewrites rows whose ciphertext is still the one read (compare-and-set); `$n` arrays. */
  update: string;
}

/** Builds the SQL of `c`. */
export function columnSql(c: EncryptedColumn): ColumnSql {
  for (const name of [c.table, c.column])
    if (!/^[a-z_]+$/.test(name)) throw new Error(`not a plain SQL name: ${name}`);
  const t = `"${c.table}"`;
  // FOR NO KEY UPDATE, not FOR UPDATE: same protection against concurrent edits, but inserts that
  // reference the row (a new session of a user, a message of a consultation) are not held up.
  const lock = 'for no key update skip locked';
  const rowId = c.rowIdSql ?? 'id::text';
  if (c.form === 'fields') {
    const keyId = `(case when strpos(encrypted_content, '.') > 0 then split_part(encrypted_content, '.', 1) else '' end)`;
    // A deleted message keeps an empty ciphertext (the wipe): nothing to re-encrypt.
    const present = `encrypted_content <> ''`;
    return {
      rowId,
      keyId,
      present,
      selectBatch: `select id::text as id, ${rowId} as row_id, encrypted_content, iv, auth_tag from ${t}
        where ($1::uuid is null or id > $1::uuid) and ${present} and ${keyId} <> $2
        order by id limit $3 ${lock}`,
      update: `update ${t} as t
        set encrypted_content = v.new_content, iv = v.new_iv, auth_tag = v.new_tag
        from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
          as v(id, old_content, old_iv, old_tag, new_content, new_iv, new_tag)
        where t.id = v.id and t.encrypted_content = v.old_content and t.iv = v.old_iv
          and t.auth_tag is not distinct from v.old_tag`,
    };
  }
  const col = `"${c.column}"`;
  // The key id sits at the start of encryptedContent whatever the order of the JSON's keys.
  const keyId = `coalesce(substring(${col} from '"encryptedContent"\\s*:\\s*"([^".]*)\\.'), '')`;
  return {
    rowId,
    keyId,
    present: `${col} is not null`,
    selectBatch: `select id::text as id, ${rowId} as row_id, ${col} as stored from ${t}
      where ($1::uuid is null or id > $1::uuid) and ${col} is not null and ${keyId} <> $2
      order by id limit $3 ${lock}`,
    update: `update ${t} as t set ${col} = v.new_value
      from unnest($1::uuid[], $2::text[], $3::text[]) as v(id, old_value, new_value)
      where t.id = v.id and t.${col} = v.old_value`,
  };
}
