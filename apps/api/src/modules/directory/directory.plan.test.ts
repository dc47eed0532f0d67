// The directory on the demo data set's 500 practitioners: a search runs on the stored search
// documents of migration 0031 (never computing a document per request), for the application role
// under row-level security, and answers through the API.

import { DIRECTORY_SORTS } from '@huntzen/contracts';
import { FieldCipher, masterKey } from '@huntzen/crypto';
import { type Actor, APP_ROLE, actorSettings, employees, practitioners, type Tx } from '@huntzen/db';
import { generateDemoData } from '@huntzen/db/demo-data';
import { and, eq, fillPlaceholders } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ENCRYPTION_KEY, type TestApp } from '../../../test/build-test-app';
import { signedIn } from '../../../test/identity';
import {
  byNextSlot,
  directoryOrder,
  directoryQuery,
  directoryShape,
  directoryValues,
} from './directory.repository';

let t: TestApp;
let actor: Actor;
let account: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await buildTestApp();
  await generateDemoData(t.db, {
    companies: 2,
    employees: 40,
    practitioners: 500,
    consultations: 2000,
    seed: 11,
    cipher: new FieldCipher(masterKey(Buffer.from(TEST_ENCRYPTION_KEY, 'base64'))),
  });
  await t.db.owner.query('analyze practitioners, practitioner_search_documents');
  const [demoEmployee] = await t.db.ownerDb.select().from(employees).limit(1);
  account = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId: demoEmployee!.companyId });
  actor = {
    role: 'EMPLOYEE',
    userId: account.user.id,
    companyId: account.companyId,
    employeeId: account.employeeId,
  };
}, 180_000);
afterAll(async () => {
  await t?.close();
});

/**
 * The plans PostgreSQL runs for the directory's own query, as the employee under row-level
 * security: auto_explain logs the outer query and the statement inside directory_search().
 */
async function plans(q: string): Promise<string[]> {
  // The builder only compiles the SQL here; it is run on the dedicated connection below.
  const params = { filters: { q }, order: directoryOrder(q, 'relevance'), limit: 20, after: null };
  const query = directoryQuery(t.db.appDb as unknown as Tx, params).toSQL();
  const values = fillPlaceholders(query.params, directoryValues(params));
  const settings = actorSettings(actor);
  const client = await t.db.owner.connect();
  const logged: string[] = [];
  client.on('notice', (notice) => logged.push(notice.message ?? ''));
  try {
    await client.query(`load 'auto_explain'`);
    await client.query(`set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on;
      set auto_explain.log_nested_statements = on; set client_min_messages = log`);
    await client.query('begin');
    await client.query(`set local role ${APP_ROLE}`);
    for (const [name, value] of Object.entries(settings)) {
      await client.query('select set_config($1, $2, true)', [name, value]);
    }
    const { rows } = await client.query(query.sql, values);
    expect(rows.length, q).toBeGreaterThan(0);
    await client.query('rollback');
  } finally {
    // The loaded module and settings must not go back to the pool.
    client.release(true);
  }
  return logged.filter((message) => message.startsWith('duration:'));
}

describe('directory search on 500 practitioners', () => {
  it('uses the full-text index, under row-level security', async () => {
    const [someone] = await t.db.ownerDb
      .select({ lastName: practitioners.lastName })
      .from(practitioners)
      .where(and(eq(practitioners.isValidated, true), eq(practitioners.isActive, true)))
      .limit(1);
    for (const q of [someone!.lastName, 'EMDR', 'hypnose', 'deuil']) {
      const logged = await plans(q);
      // The stored documents (0031): matched and ranked without computing any document again;
      // their GIN index or, a few hundred small rows being cheaper to read whole, a scan of them.
      const search = logged.find((plan) => plan.includes('FROM practitioner_search_documents d'));
      expect(search, q).toMatch(
        /Bitmap Index Scan on practitioner_search_documents_idx|Seq Scan on practitioner_search_documents d/,
      );
      expect(search, q).not.toMatch(/practitioner_search_document\(/);
      const outer = logged.find((plan) => plan.includes('directory_search('));
      expect(outer, q).toMatch(/Function Scan on directory_search/);
      // Practitioners are joined by primary key, not read whole.
      expect(outer, q).not.toMatch(/Seq Scan on practitioners/);
      const ms = (plan: string | undefined) => /^duration: ([\d.]+) ms/.exec(plan ?? '')?.[1];
      console.info(`directory search "${q}": ${ms(outer)} ms, of which the index search ${ms(search)} ms`);
    }
  });

  it('answers searches and filters through the API with listed practitioners only', async () => {
    const { rows: listed } = await t.db.owner.query<{ id: string }>(
      'select id from practitioners where is_validated and is_active',
    );
    const allowed = new Set(listed.map((r) => r.id));
    expect(allowed.size).toBeLessThan(500);
    for (const query of ['q=psychologue', 'q=th%C3%A9rapie&format=IN_PERSON', 'language=en&sort=name', '']) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/practitioners?limit=100&${query}`,
        headers: account.headers,
      });
      expect(response.statusCode).toBe(200);
      const items: { id: string }[] = response.json().items;
      expect(items.length, query).toBeGreaterThan(0);
      for (const item of items) expect(allowed.has(item.id), query).toBe(true);
    }
  });
});

describe('the directory’s statements built once', () => {
  // searchPractitioners keeps one statement per shape and connection (builtOnce): two searches of
  // one shape must be one SQL text, or the second would silently run the first one's conditions.
  it('names every choice of the query in its shape', () => {
    const tx = t.db.appDb as unknown as Tx;
    const textOf = new Map<string, string>();
    const slotSources = [
      undefined,
      { end: new Date(), computed: new Map<string, Date | null>(), available: false },
      { end: new Date(), computed: new Map<string, Date | null>(), available: true },
    ];
    let built = 0;
    for (const q of [undefined, 'anxiété', 'sommeil enfan'])
      for (const specialty of [undefined, 'PSYCHOLOGUE_CLINICIEN'] as const)
        for (const subSpecialty of [undefined, 'TCC'])
          for (const language of [undefined, 'fr'])
            for (const format of [undefined, 'VIDEO', 'PHONE'] as const)
              for (const acceptingNewClients of [undefined, true, false])
                for (const sort of DIRECTORY_SORTS)
                  for (const slots of slotSources)
                    for (const withCursor of [false, true]) {
                      const base = directoryOrder(
                        q,
                        sort === 'nextSlot' ? (q ? 'relevance' : 'rating') : sort,
                      );
                      const order =
                        sort === 'nextSlot' ? { ...base, keys: [byNextSlot, ...base.keys] } : base;
                      const params = {
                        filters: { q, specialty, subSpecialty, language, format, acceptingNewClients },
                        order,
                        limit: 20,
                        after: withCursor ? order.keys.map(() => 'x') : null,
                        slots,
                      };
                      const text = directoryQuery(tx, params).toSQL().sql;
                      const shape = directoryShape(params);
                      const known = textOf.get(shape);
                      if (known === undefined) textOf.set(shape, text);
                      else expect(text, shape).toBe(known);
                      built++;
                    }
    // Every shape met several times (the cursor's values, the computed slots vary within one).
    expect(built).toBeGreaterThan(textOf.size);
    expect(new Set(textOf.values()).size).toBe(textOf.size);
  });
});
