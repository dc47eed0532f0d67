import { createDatabase, withActor, type Actor } from '@huntzen/db';
import { sql } from 'drizzle-orm';
const url = 'postgres://postgres@127.0.0.1:5432/h5_probe';
const db = createDatabase({ url, maxConnections: 8 });
const [e] = (await db.owner.query('select id, user_id, company_id from employees limit 1')).rows;
const actor: Actor = { role: 'EMPLOYEE', userId: e.user_id, companyId: e.company_id, employeeId: e.id };
const ids = (await db.owner.query('select id from practitioners')).rows.map((r: any) => r.id);
const from = new Date(); const to = new Date(from.getTime() + 60 * 86400000);
for (let k = 0; k < 3; k++) {
  await withActor(db, actor, async (tx) => {
    let t = performance.now();
    const a = await tx.execute(sql`select practitioner_id, starts_at, ends_at from practitioner_busy_times(${sql.param(ids)}::uuid[], ${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)`);
    const t1 = performance.now() - t; t = performance.now();
    const b = await tx.execute(sql`select practitioner_id, array_agg(extract(epoch from starts_at)::float8 * 1000 order by starts_at) as starts, array_agg(extract(epoch from ends_at)::float8 * 1000 order by starts_at) as ends from practitioner_busy_times(${sql.param(ids)}::uuid[], ${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz) group by practitioner_id`);
    const t2 = performance.now() - t; t = performance.now();
    const c = await tx.execute(sql`select count(*) from practitioner_busy_times(${sql.param(ids)}::uuid[], ${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)`);
    const t3 = performance.now() - t;
    console.log(`rows ${a.rows.length} ${t1.toFixed(0)} ms; arrays ${b.rows.length} ${t2.toFixed(0)} ms (${typeof (b.rows[0] as any).starts[0]}); count only ${t3.toFixed(0)} ms`);
  });
}
await db.close();
