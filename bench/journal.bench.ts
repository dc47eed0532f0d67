// What reading a journal costs: one employee's 1 000 entries listed through the journal service
// (withActor + RLS, the consent check, 10 pages of 100 with their cursors, AES-256-GCM decryption of
// every entry) against the same rows read alone with node-postgres in one query on the owner pool
// (no RLS, no transaction, no decryption) — the fastest it could be.
import { randomBytes, randomUUID } from 'node:crypto';
import { CURRENT_CONSENT_VERSION } from '@huntzen/contracts';
import { FieldCipher } from '@huntzen/crypto';
import { createJournalService } from '../apps/api/src/modules/journal/journal.service';
import { createJournalSentiment } from '../apps/api/src/modules/journal/sentiment';
import type { RequestActor } from '../apps/api/src/platform/auth';
import { type BenchDatabase, opsPerSecond, report, sized } from './harness';

const ENTRIES = sized(1_000, 100);
const PAGE = sized(100, 20);
const MOODS = ['VERY_BAD', 'BAD', 'NEUTRAL', 'GOOD', 'VERY_GOOD'] as const;

/** Runs the benchmark and prints its ratios. */
export async function benchJournal({ db }: BenchDatabase): Promise<void> {
  const cipher = FieldCipher.fromKeys(randomBytes(32));
  const { rows } = await db.owner.query<{ user_id: string; id: string; company_id: string }>(`
    with c as (
      insert into companies (name, slug, email_domains, is_active)
      values ('Journal bench', 'journal-bench', '{@journal-bench.test}', true) returning id
    ), u as (
      insert into users (email, password_hash, role, company_id)
      select 'writer@journal-bench.test', 'x', 'EMPLOYEE', c.id from c returning id, company_id
    )
    insert into employees (user_id, company_id, first_name, last_name, consent_given_at, consent_version)
    select id, company_id, 'J', 'Bench', now(), '${CURRENT_CONSENT_VERSION}' from u
    returning user_id, id, company_id`);
  const employee = rows[0]!;
  // About 600 characters per entry: a few paragraphs, as people write them.
  const text = 'Journée chargée mais je me sens mieux après la marche de midi. '.repeat(10);
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const id = randomUUID();
    const sealed = cipher.encrypt(`${text}${i}`, {
      table: 'journal_entries',
      column: 'encrypted_content',
      rowId: id,
    });
    const at = new Date(Date.now() - i * 3_600_000).toISOString();
    const n = values.length;
    tuples.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8})`);
    values.push(
      id,
      employee.id,
      sealed.encryptedContent,
      sealed.iv,
      sealed.authTag,
      MOODS[i % 5],
      ['travail'],
      at,
    );
  }
  await db.owner.query(
    `insert into journal_entries (id, employee_id, encrypted_content, iv, auth_tag, mood, tags, created_at)
     values ${tuples.join(',')}`,
    values,
  );
  await db.owner.query('analyze journal_entries');

  const service = createJournalService({
    db,
    cipher,
    sentiment: createJournalSentiment(),
    log: { warn: () => {} },
  });
  const actor: RequestActor = {
    role: 'EMPLOYEE',
    userId: employee.user_id,
    email: 'writer@journal-bench.test',
    companyId: employee.company_id,
    employeeId: employee.id,
    sessionId: randomUUID(),
    mfa: 'ok',
  };

  const iterations = sized(40, 3);
  const baseline = await opsPerSecond(iterations, () =>
    db.owner.query(
      `select id, encrypted_content, iv, auth_tag, mood, tags, sentiment_score, created_at, updated_at
       from journal_entries where employee_id = $1 order by created_at desc, id desc`,
      [employee.id],
    ),
  );
  let listed = 0;
  const throughService = await opsPerSecond(iterations, async () => {
    let cursor: string | undefined;
    listed = 0;
    do {
      const page = await service.list(actor, { limit: PAGE, cursor });
      listed += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  });
  if (listed !== ENTRIES) throw new Error(`the service listed ${listed} entries, not ${ENTRIES}`);
  const exported = await opsPerSecond(iterations, () => service.exportJournal(actor, 'json'));

  console.info(`\nJournal: one employee's ${ENTRIES} entries (~${text.length} characters each)`);
  report('node-postgres, one query, no decryption', 'itself', baseline, baseline);
  report(
    `service list, ${ENTRIES / PAGE} pages of ${PAGE}, decrypted`,
    'node-postgres',
    baseline,
    throughService,
  );
  report('service export (JSON, decrypted, audited)', 'node-postgres', baseline, exported);
}
