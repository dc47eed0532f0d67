import { createDatabase, ensureDatabase, migrate, withActor, type Actor } from '@huntzen/db';
import { populate } from './slots.bench';
import { loadBusy, loadSchedules, nextFreeSlots } from '../apps/api/src/modules/availability/slots/slots.repository';
const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
await ensureDatabase(admin, 'h5_probe');
const url = 'postgres://postgres@127.0.0.1:5432/h5_probe';
await migrate(url);
const db = createDatabase({ url, maxConnections: 8 });
const n = (await db.owner.query('select count(*)::int as n from practitioners')).rows[0].n;
if (n === 0) await populate({ db, close: async () => {} });
const [e] = (await db.owner.query('select id, user_id, company_id from employees limit 1')).rows;
const actor: Actor = { role: 'EMPLOYEE', userId: e.user_id, companyId: e.company_id, employeeId: e.id };
const ids = (await db.owner.query('select id from practitioners')).rows.map((r: any) => r.id);
const now = new Date(); const range = { from: now, to: new Date(now.getTime() + 60 * 86400000) };
for (let k = 0; k < 3; k++) {
  await withActor(db, actor, async (tx) => {
    let t = performance.now();
    const s = await loadSchedules(tx, ids, range); const t1 = performance.now() - t; t = performance.now();
    const b = await loadBusy(tx, ids, range, 10); const t2 = performance.now() - t; t = performance.now();
    await nextFreeSlots(tx, ids, range, { now }); const t3 = performance.now() - t;
    console.log(`schedules ${t1.toFixed(0)} ms, busy ${t2.toFixed(0)} ms, whole batch ${t3.toFixed(0)} ms`);
  });
}
await db.close();
