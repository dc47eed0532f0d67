// The audit log API on real PostgreSQL: every filter, cursor pages at full timestamp precision,
// access by role, health content kept out, and the CSV export (parsed back, and itself audited).
import { randomBytes, randomUUID } from 'node:crypto';
import { ANONYMOUS_ACTOR, auditLogs, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { clientIp, createCompany, signedIn } from '../../../test/identity';
import { recordAudit } from '../../platform/audit';
import { AUDIT_CSV_COLUMNS } from './audit.csv';
import { EXPORT_BATCH } from './audit.service';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;
let companyA: string;
let companyB: string;
const tag = randomBytes(4).toString('hex');
const R = `test_${tag}`; // the resource of this file's rows, so other rows never get in the way
const alice = { id: randomUUID(), email: `alice@${tag}.test` };
const aliceSmith = { id: randomUUID(), email: `alice.smith@${tag}.test` };
const bob = { id: randomUUID(), email: `bob@${tag}.test` };

type Seed = Partial<typeof auditLogs.$inferInsert> & { user: { id: string; email: string } };
const row = ({ user, ...values }: Seed): typeof auditLogs.$inferInsert => ({
  userId: user.id,
  userEmail: user.email,
  userRole: 'ADMIN_RH',
  action: 'UPDATE',
  resource: R,
  ...values,
});

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
  companyA = (await createCompany(t.db, { name: `Calm ${tag}` })).id;
  companyB = (await createCompany(t.db)).id;
  await t.db.ownerDb.insert(auditLogs).values([
    row({
      user: alice,
      action: 'CREATE',
      resourceId: 'r-1',
      companyId: companyA,
      createdAt: new Date('2024-01-10T10:00:00Z'),
      ipAddress: '10.1.2.3',
      details: { field: 'name' },
    }),
    row({
      user: alice,
      resourceId: 'r-1',
      companyId: companyA,
      isSensitive: true,
      createdAt: new Date('2024-01-15T23:30:00Z'),
      changesBefore: { status: 'SCHEDULED', cancel_reason: 'anxiety', notes: 'private' },
      changesAfter: { status: 'CANCELLED', cancel_reason: 'anxiety' },
    }),
    row({
      user: bob,
      userRole: 'PRACTITIONER',
      action: 'DELETE',
      resourceId: 'r-2',
      companyId: companyB,
      createdAt: new Date('2024-02-01T00:00:00Z'),
    }),
    row({
      user: aliceSmith,
      userRole: 'EMPLOYEE',
      action: 'LOGIN',
      createdAt: new Date('2024-02-20T12:00:00Z'),
      userAgent: '=cmd|"/c calc"!A1',
      details: { outcome: 'success', note: 'comma, and "quotes"\nnew line' },
    }),
  ]);
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = admin.headers) =>
  t.app.inject({ method: 'GET', url, headers, remoteAddress: clientIp() });

/** The list answer for `query` (always restricted to this file's resource unless given). */
async function list(query: Record<string, string>, headers = admin.headers) {
  const response = await get(`/api/v1/audit-logs?${new URLSearchParams({ resource: R, ...query })}`, headers);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: Record<string, unknown>[]; nextCursor: string | null };
}
const resourceIdsOf = async (query: Record<string, string>) =>
  (await list(query)).items.map((item) => `${item.action}:${item.resourceId ?? '-'}`);

/** RFC 4180 parser (quotes, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      fields.push(field);
      rows.push(fields);
      fields = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || fields.length) rows.push([...fields, field]);
  return rows;
}

describe('GET /api/v1/audit-logs filters', () => {
  it('lists newest first, with the company name, the actor kind and JSON columns as objects', async () => {
    const { items, nextCursor } = await list({});
    expect(items.map((item) => item.createdAt)).toEqual([
      '2024-02-20T12:00:00.000Z',
      '2024-02-01T00:00:00.000Z',
      '2024-01-15T23:30:00.000Z',
      '2024-01-10T10:00:00.000Z',
    ]);
    expect(nextCursor).toBeNull();
    expect(items.at(-1)).toEqual({
      id: expect.any(String),
      createdAt: '2024-01-10T10:00:00.000Z',
      actorKind: 'USER',
      userId: alice.id,
      userEmail: alice.email,
      userRole: 'ADMIN_RH',
      action: 'CREATE',
      resource: R,
      resourceId: 'r-1',
      companyId: companyA,
      companyName: `Calm ${tag}`,
      ipAddress: '10.1.2.3',
      userAgent: null,
      details: { field: 'name' },
      changesBefore: null,
      changesAfter: null,
      isSensitive: false,
    });
  });

  it('never lets health content through, even if a row held some', async () => {
    const [sensitive] = (await list({ isSensitive: 'true' })).items;
    expect(sensitive!.changesBefore).toEqual({
      status: 'SCHEDULED',
      cancel_reason: '[redacted]',
      notes: '[redacted]',
    });
    expect(sensitive!.changesAfter).toEqual({ status: 'CANCELLED', cancel_reason: '[redacted]' });
  });

  it('filters by actor: user id, email prefix (case-insensitive, LIKE characters literal) or exact email', async () => {
    expect(await resourceIdsOf({ actor: alice.id })).toEqual(['UPDATE:r-1', 'CREATE:r-1']);
    expect(await resourceIdsOf({ actor: alice.id.toUpperCase() })).toEqual(['UPDATE:r-1', 'CREATE:r-1']);
    expect(await resourceIdsOf({ actor: 'ALICE' })).toEqual(['LOGIN:-', 'UPDATE:r-1', 'CREATE:r-1']);
    expect(await resourceIdsOf({ actor: 'alice.' })).toEqual(['LOGIN:-']);
    expect(await resourceIdsOf({ actor: alice.email.toUpperCase(), actorMatch: 'exact' })).toEqual([
      'UPDATE:r-1',
      'CREATE:r-1',
    ]);
    expect(await resourceIdsOf({ actor: 'alice', actorMatch: 'exact' })).toEqual([]);
    expect(await resourceIdsOf({ actor: '%' })).toEqual([]);
    expect(await resourceIdsOf({ actor: 'a_ice' })).toEqual([]);
  });

  it('filters by action, resource, resource id, company and sensitivity', async () => {
    expect(await resourceIdsOf({ action: 'DELETE' })).toEqual(['DELETE:r-2']);
    expect(await resourceIdsOf({ resourceId: 'r-1' })).toEqual(['UPDATE:r-1', 'CREATE:r-1']);
    expect(await resourceIdsOf({ companyId: companyB })).toEqual(['DELETE:r-2']);
    expect(await resourceIdsOf({ companyId: randomUUID() })).toEqual([]);
    expect(await resourceIdsOf({ isSensitive: 'true' })).toEqual(['UPDATE:r-1']);
    expect(await resourceIdsOf({ isSensitive: 'false' })).toEqual(['LOGIN:-', 'DELETE:r-2', 'CREATE:r-1']);
    expect(await resourceIdsOf({ resource: `${R}_other` })).toEqual([]);
    expect(await resourceIdsOf({ action: 'UPDATE', actor: alice.email, isSensitive: 'true' })).toEqual([
      'UPDATE:r-1',
    ]);
  });

  it('filters by date range: instants (from included, to excluded) or whole UTC days', async () => {
    expect(await resourceIdsOf({ from: '2024-01-15T23:30:00Z', to: '2024-02-01T00:00:00Z' })).toEqual([
      'UPDATE:r-1',
    ]);
    expect(await resourceIdsOf({ from: '2024-01-16T00:30:00+01:00' })).toEqual([
      'LOGIN:-',
      'DELETE:r-2',
      'UPDATE:r-1',
    ]);
    expect(await resourceIdsOf({ from: '2024-01-15', to: '2024-02-01' })).toEqual([
      'DELETE:r-2',
      'UPDATE:r-1',
    ]);
    expect(await resourceIdsOf({ to: '2024-01-14' })).toEqual(['CREATE:r-1']);
  });

  it('shows rows without a user as the system or an anonymous caller', async () => {
    await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      recordAudit(tx, SYSTEM_ACTOR, { action: 'DELETE', resource: `${R}_system`, details: { count: 2 } }),
    );
    await withActor(t.db, ANONYMOUS_ACTOR, (tx) =>
      recordAudit(tx, ANONYMOUS_ACTOR, { action: 'LOGIN', resource: `${R}_system` }),
    );
    const items = (await list({ resource: `${R}_system` })).items;
    expect(items.map((item) => [item.action, item.actorKind, item.userEmail])).toEqual([
      ['LOGIN', 'ANONYMOUS', 'anonymous@huntzen.internal'],
      ['DELETE', 'SYSTEM', 'system@huntzen.internal'],
    ]);
    expect(items[1]!.details).toEqual({ actor: 'SYSTEM', count: 2 });
  });

  it('answers 400 for an unknown action, a bad company id, date, flag, limit or cursor', async () => {
    for (const query of [
      'action=NOPE',
      'companyId=acme',
      'from=yesterday',
      'to=2024-13-01',
      'isSensitive=maybe',
      'limit=0',
      'limit=101',
      'actorMatch=fuzzy',
      'cursor=not-a-cursor',
      `cursor=${Buffer.from(JSON.stringify({ t: 'x', id: 'y' })).toString('base64url')}`,
    ]) {
      const response = await get(`/api/v1/audit-logs?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code, query).toBe('VALIDATION_FAILED');
    }
  });
});

describe('GET /api/v1/audit-logs pages', () => {
  const P = `${R}_pages`;
  beforeAll(async () => {
    // 25 rows in one transaction (one timestamp), and 5 a few microseconds apart within one
    // millisecond: JavaScript dates cannot tell them apart, the cursor must.
    await t.db.owner.query(
      `insert into audit_logs (user_id, user_role, user_email, action, resource, resource_id, created_at)
       select $1::uuid, 'ADMIN_RH'::role, $2, 'READ'::audit_action, $3, 'same-' || n,
              '2024-03-01T08:00:00Z'::timestamptz
         from generate_series(1, 25) n
       union all
       select $1::uuid, 'ADMIN_RH'::role, $2, 'READ'::audit_action, $3, 'micro-' || n,
              '2024-03-01T09:00:00.123Z'::timestamptz + n * interval '1 microsecond'
         from generate_series(1, 5) n`,
      [alice.id, alice.email, P],
    );
  });

  it('pages by cursor through rows that share a timestamp, without loss or repeat', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list({ resource: P, limit: '7', ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((item) => item.resourceId as string));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(30);
    expect(seen.slice(0, 5)).toEqual(['micro-5', 'micro-4', 'micro-3', 'micro-2', 'micro-1']);
  });

  it('gives 20 rows by default and a cursor for the rest', async () => {
    const first = await list({ resource: P });
    expect(first.items).toHaveLength(20);
    const second = await list({ resource: P, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(10);
    expect(second.nextCursor).toBeNull();
  });
});

describe('access', () => {
  const urls = ['/api/v1/audit-logs', '/api/v1/audit-logs/export.csv'];

  it('answers anonymous callers 401', async () => {
    for (const url of urls) expect((await get(url, {})).statusCode, url).toBe(401);
  });

  it('answers HR, practitioners and employees 403', async () => {
    const company = (await createCompany(t.db)).id;
    for (const role of ['ADMIN_RH', 'PRACTITIONER', 'EMPLOYEE'] as const) {
      const { headers } = await signedIn(
        t.app,
        t.db,
        role,
        role === 'PRACTITIONER' ? {} : { companyId: company },
      );
      for (const url of urls) {
        const response = await get(url, headers);
        expect(response.statusCode, `${role} ${url}`).toBe(403);
        expect(response.json().code).toBe('FORBIDDEN');
      }
    }
  });

  it('lets ADMIN_HUNTZEN read, and shows their own sign-in', async () => {
    const hz = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
    const { items } = await list({ resource: 'user', action: 'LOGIN', actor: hz.email }, hz.headers);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      userId: hz.user.id,
      userRole: 'ADMIN_HUNTZEN',
      actorKind: 'USER',
      details: { outcome: 'success', secondFactor: 'totp' },
    });
  });
});

describe('GET /api/v1/audit-logs/export.csv', () => {
  it('streams the filtered rows as CSV, then records the export as an EXPORT audit row', async () => {
    const response = await get(
      `/api/v1/audit-logs/export.csv?${new URLSearchParams({ resource: R, actor: 'alice' })}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-logs-\d{8}T\d{6}Z\.csv"$/,
    );
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = parseCsv(response.body.slice(1));
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    const records = lines.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i]])));
    expect(records.map((r) => `${r.action}:${r.userEmail}`)).toEqual([
      `LOGIN:${aliceSmith.email}`,
      `UPDATE:${alice.email}`,
      `CREATE:${alice.email}`,
    ]);
    const [login, update, create] = records;
    // Formula-like cells are defused; commas, quotes and line breaks survive the round trip.
    expect(login!.userAgent).toBe(`'=cmd|"/c calc"!A1`);
    expect(JSON.parse(login!.details!)).toEqual({
      outcome: 'success',
      note: 'comma, and "quotes"\nnew line',
    });
    expect(JSON.parse(update!.changesBefore!)).toEqual({
      status: 'SCHEDULED',
      cancel_reason: '[redacted]',
      notes: '[redacted]',
    });
    expect(update!.isSensitive).toBe('true');
    expect(create).toMatchObject({
      companyId: companyA,
      companyName: `Calm ${tag}`,
      createdAt: '2024-01-10T10:00:00.000Z',
    });

    const exports = await list({ resource: 'audit_log', action: 'EXPORT', actor: admin.user.id });
    expect(exports.items).toHaveLength(1);
    expect(exports.items[0]).toMatchObject({
      userEmail: admin.email,
      userRole: 'SUPER_ADMIN',
      details: { format: 'csv', filters: { resource: R, actor: 'alice', actorMatch: 'prefix' } },
    });
  });

  it('exports more rows than one batch, each once, and never lists its own audit row', async () => {
    const B = `${R}_bulk`;
    const total = EXPORT_BATCH * 2 + 37;
    await t.db.owner.query(
      `insert into audit_logs (user_id, user_role, user_email, action, resource, resource_id, created_at)
       select $1::uuid, 'ADMIN_RH', $2, 'READ', $3, n::text, '2024-04-01T00:00:00Z'::timestamptz + (n % 50) * interval '1 second'
         from generate_series(1, $4::int) n`,
      [bob.id, bob.email, B, total],
    );
    const response = await get(`/api/v1/audit-logs/export.csv?resource=${B}`);
    const [, ...lines] = parseCsv(response.body.slice(1));
    expect(lines).toHaveLength(total);
    const id = AUDIT_CSV_COLUMNS.indexOf('id');
    expect(new Set(lines.map((cells) => cells[id])).size).toBe(total);

    const all = await get('/api/v1/audit-logs/export.csv?action=EXPORT');
    const exported = parseCsv(all.body.slice(1)).slice(1);
    // The two earlier exports are listed; this one is not.
    expect(exported.map((cells) => cells[AUDIT_CSV_COLUMNS.indexOf('resource')])).toEqual([
      'audit_log',
      'audit_log',
    ]);
  });

  it('answers an invalid filter with problem+json, before any CSV', async () => {
    const response = await get('/api/v1/audit-logs/export.csv?action=NOPE');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});
