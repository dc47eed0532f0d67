// Demo data on real PostgreSQL, at a small size: the requested counts, no overlapping bookings,
// consistent states and counters, and encrypted columns the application's key opens.
import { randomBytes } from 'node:crypto';
import { DecryptionError, FieldCipher, masterKey } from '@huntzen/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSummary, generateDemoData } from './demo-data';
import { seedDatabase } from './seed';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

const OPTIONS = { companies: 2, employees: 30, practitioners: 5, consultations: 300, seed: 20_251 };
const cipher = new FieldCipher(masterKey(randomBytes(32)));

let t: TestDatabase;
let summary: DemoSummary;

beforeAll(async () => {
  t = await createTestDatabase();
  summary = await generateDemoData(t.db, { ...OPTIONS, cipher });
});

afterAll(async () => {
  await t?.drop();
});

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await t.db.owner.query(sql, params)).rows as T[];
}

async function count(sql: string): Promise<number> {
  return (await rows<{ n: number }>(`select count(*)::int as n from (${sql}) q`))[0]!.n;
}

describe('generateDemoData', () => {
  it('writes the requested numbers of companies, people and consultations', async () => {
    expect(summary.totals).toMatchObject({
      companies: 2,
      users: 2 + 30 + 5,
      employees: 30,
      practitioners: 5,
      consultations: 300,
    });
    expect(summary.inserted.consultations).toBe(300);
    for (const table of ['consultation_events', 'messages', 'clinical_notes', 'practitioner_reviews']) {
      expect(summary.inserted[table as keyof DemoSummary['inserted']]).toBeGreaterThan(0);
    }
    // Every practitioner has weekly RECURRING hours; every company an ADMIN_RH.
    expect(
      await count(`select 1 from practitioners p where not exists
      (select 1 from availabilities a where a.practitioner_id = p.id and a.type = 'RECURRING')`),
    ).toBe(0);
    expect(
      await count(`select 1 from companies c where not exists
      (select 1 from users u where u.company_id = c.id and u.role = 'ADMIN_RH')`),
    ).toBe(0);
  });

  it('never books a practitioner or an employee twice at the same time', async () => {
    const overlaps = (who: string) =>
      count(`select 1 from consultations a join consultations b
               on a.${who} = b.${who} and a.id < b.id
              and a.scheduled_at < b.scheduled_end_at and b.scheduled_at < a.scheduled_end_at
            where a.status <> 'CANCELLED' and b.status <> 'CANCELLED'`);
    expect(await overlaps('practitioner_id')).toBe(0);
    expect(await overlaps('employee_id')).toBe(0);
  });

  it('gives each status its timestamps, and completed ones their duration in whole minutes', async () => {
    const statuses = (await rows<{ status: string }>('select distinct status from consultations')).map(
      (r) => r.status,
    );
    expect(statuses).toEqual(expect.arrayContaining(['COMPLETED', 'CANCELLED', 'NO_SHOW']));
    expect(statuses.some((s) => s === 'SCHEDULED' || s === 'CONFIRMED')).toBe(true);
    expect(
      await count(`select 1 from consultations where status = 'COMPLETED' and (started_at is null
        or ended_at is null or actual_duration is distinct from
           round(extract(epoch from ended_at - started_at) / 60)::int)`),
    ).toBe(0);
    expect(
      await count(`select 1 from consultations where status = 'CANCELLED' and (cancelled_at is null
        or cancel_reason is null or cancelled_within24h is distinct from
           (scheduled_at - cancelled_at < interval '24 hours'))`),
    ).toBe(0);
    expect(
      await count(`select 1 from consultations where status = 'NO_SHOW'
        and (no_show_at is null or no_show_by not in ('employee', 'practitioner'))`),
    ).toBe(0);
    expect(
      await count(`select 1 from consultations where status in ('SCHEDULED', 'CONFIRMED')
      and scheduled_at < now()`),
    ).toBe(0);
    // Employees book within their own company, at least two hours ahead.
    expect(
      await count(`select 1 from consultations c join employees e on e.id = c.employee_id
      where e.company_id <> c.company_id or c.created_at > c.scheduled_at - interval '2 hours'`),
    ).toBe(0);
    // One CREATED event each; reviews and notes only for completed sessions, by their practitioner.
    expect(
      await count(`select 1 from consultations c where (select count(*) from consultation_events e
      where e.consultation_id = c.id and e.event_type = 'CREATED') <> 1`),
    ).toBe(0);
    expect(
      await count(`select 1 from practitioner_reviews r join consultations c on c.id = r.consultation_id
      where c.status <> 'COMPLETED' or r.practitioner_id <> c.practitioner_id
         or r.employee_id <> c.employee_id`),
    ).toBe(0);
    expect(
      await count(`select 1 from clinical_notes n join consultations c on c.id = n.consultation_id
      where c.status <> 'COMPLETED' or n.practitioner_id <> c.practitioner_id`),
    ).toBe(0);
  });

  it('keeps practitioners’ counters consistent with their sessions and published reviews', async () => {
    expect(
      await count(`select 1 from practitioners p where
        p.total_consultations <> (select count(*) from consultations c
                                  where c.practitioner_id = p.id and c.status = 'COMPLETED')
        or p.review_count <> (select count(*) from practitioner_reviews r
                              where r.practitioner_id = p.id and r.is_published)
        or p.average_rating is distinct from (select round(avg(rating)::numeric, 2)::float8
          from practitioner_reviews r where r.practitioner_id = p.id and r.is_published)`),
    ).toBe(0);
  });

  it('encrypts messages, clinical notes and journal entries under the given key only', async () => {
    const other = new FieldCipher(masterKey(randomBytes(32)));
    for (const table of ['messages', 'clinical_notes', 'journal_entries']) {
      const [row] = await rows<{ id: string; encrypted_content: string; iv: string; auth_tag: string }>(
        // Messages are bound to their consultation too (messageContentContext).
        table === 'messages'
          ? `select consultation_id || '/' || id as id, encrypted_content, iv, auth_tag from ${table} limit 1`
          : `select id, encrypted_content, iv, auth_tag from ${table} limit 1`,
      );
      const field = { encryptedContent: row!.encrypted_content, iv: row!.iv, authTag: row!.auth_tag };
      const context = { table, column: 'encrypted_content', rowId: row!.id };
      expect(cipher.decrypt(field, context).length).toBeGreaterThan(5);
      expect(() => other.decrypt(field, context)).toThrow(DecryptionError);
      expect(() => cipher.decrypt(field, { ...context, rowId: randomBytes(16).toString('hex') })).toThrow(
        DecryptionError,
      );
    }
  });

  it('gives video and audio sessions a room whose password only the given key opens', async () => {
    expect(
      await count(`select 1 from consultations
        where (format = 'IN_PERSON') <> (room_name is null) or (room_name is null) <> (room_password is null)`),
    ).toBe(0);
    const [row] = await rows<{ id: string; room_password: string }>(
      'select id, room_password from consultations where room_password is not null limit 1',
    );
    const context = { table: 'consultations', column: 'room_password', rowId: row!.id };
    expect(cipher.decryptJson(row!.room_password, context)).toMatch(/^[0-9a-f]{16}$/);
    const other = new FieldCipher(masterKey(randomBytes(32)));
    expect(() => other.decryptJson(row!.room_password, context)).toThrow(DecryptionError);
  });

  it('sends every message from one of the consultation’s two participants', async () => {
    expect(
      await count(`select 1 from messages m join consultations c on c.id = m.consultation_id
        where not ((m.sender_role = 'EMPLOYEE' and m.sender_id = c.employee_id)
                or (m.sender_role = 'PRACTITIONER' and m.sender_id = c.practitioner_id))`),
    ).toBe(0);
    const roles = await rows<{ sender_role: string }>(
      'select distinct sender_role::text from messages order by 1',
    );
    expect(roles.map((r) => r.sender_role)).toEqual(['EMPLOYEE', 'PRACTITIONER']);
  });

  it('refreshes employee_usage_stats to the direct aggregate of completed billable sessions', async () => {
    const view = await rows(`select employee_id, period, consultation_count::int as n,
        total_duration_minutes::int as minutes
      from employee_usage_stats where period is not null order by employee_id, period`);
    const direct = await rows(`select employee_id, date_trunc('month', scheduled_at) as period,
        count(*)::int as n, coalesce(sum(actual_duration), 0)::int as minutes
      from consultations where status = 'COMPLETED' and is_billable
      group by employee_id, date_trunc('month', scheduled_at) order by employee_id, period`);
    expect(view.length).toBeGreaterThan(0);
    expect(view).toEqual(direct);
  });

  it('runs again beside the seed without reusing a unique value', async () => {
    await seedDatabase(t.db);
    const again = await generateDemoData(t.db, {
      ...OPTIONS,
      employees: 10,
      consultations: 20,
      cipher,
    });
    expect(again.totals).toMatchObject({ companies: 2 + 2 + 1, employees: 30 + 10 + 1, consultations: 320 });
    expect(await count(`select 1 from users where email like '%@%.example'`)).toBe(2 + 30 + 5 + (2 + 10 + 5));
  });

  it('refuses to run when NODE_ENV=production', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(generateDemoData(t.db, { ...OPTIONS, cipher })).rejects.toThrow(/NODE_ENV=production/);
    } finally {
      if (previous === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = previous;
    }
  });
});
