// The session check of a signed-in request (issue #13, ADR 0004): a read's rides its first
// transaction (withActor, `require_live_session`, migration 0037) instead of a statement of its own,
// and a read that opens no transaction is checked before its answer leaves; a change is checked
// before its handler runs. Either way an ended session gets 401, and a live read costs no extra
// round trip.
import { SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { recordStatements } from '@huntzen/db/testing/statements';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/platform/errors';
import { buildTestApp, type TestApp } from './build-test-app';
import { bearer, createAccount } from './identity';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  const { app, db } = t;
  app.get('/api/v1/test/session/none', { config: { access: 'authenticated' } }, async () => ({ ok: true }));
  app.get('/api/v1/test/session/one', { config: { access: 'authenticated' } }, async (request) =>
    withActor(db, request.actor, async (tx) => {
      const { rows } = await tx.execute<{ user: string }>(
        sql`select current_setting('app.current_user') as user`,
      );
      return { user: rows[0]?.user };
    }),
  );
  app.get('/api/v1/test/session/two', { config: { access: 'authenticated' } }, async (request) => {
    await withActor(db, request.actor, (tx) => tx.execute(sql`select 1`));
    await withActor(db, request.actor, (tx) => tx.execute(sql`select 1`));
    return { ok: true };
  });
  // A transaction that runs no statement opens nothing: the session is checked before the answer.
  app.get('/api/v1/test/session/empty', { config: { access: 'authenticated' } }, async (request) => {
    await withActor(db, request.actor, async () => undefined);
    return { ok: true };
  });
  // A handler that swallows its transaction's failure and answers anyway.
  app.get('/api/v1/test/session/swallowed', { config: { access: 'authenticated' } }, async (request) => {
    const outcome = await withActor(db, request.actor, async (tx) => {
      await tx.execute(sql`select 1`);
      return 'read';
    }).catch(() => 'failed');
    return { outcome };
  });
  app.get('/api/v1/test/session/failing', { config: { access: 'authenticated' } }, async () => {
    throw new AppError('NOT_FOUND', 'Nothing here.');
  });
  app.get('/api/v1/test/session/hr-only', { config: { access: ['ADMIN_RH'] } }, async () => ({ ok: true }));
  // A change that writes as SYSTEM before (or without) any transaction of the caller's.
  app.post('/api/v1/test/session/as-system', { config: { access: 'authenticated' } }, async (request) => {
    changes += 1;
    await withActor(db, SYSTEM_ACTOR, async () => undefined);
    return withActor(db, request.actor, async () => ({ ok: true }));
  });
});

let changes = 0;

afterAll(async () => {
  await t.close();
});

/** A signed-in employee and a way to end their session (as "log out everywhere" does). */
async function signedInEmployee() {
  const account = await createAccount(t.db, 'EMPLOYEE');
  const headers = await bearer(t.app, account.email);
  const end = () =>
    t.db.owner.query('update refresh_tokens set revoked_at = now() where user_id = $1', [account.user.id]);
  return { account, headers, end };
}

const get = (url: string, headers: Record<string, string>) => t.app.inject({ url, headers });

/** The texts of the statements sent to PostgreSQL while `run` runs. */
const statementsOf = async (run: () => Promise<unknown>) => (await recordStatements(run)).map((s) => s.text);

describe('session check', () => {
  it('is made by the first transaction, in the round trip that opens it, and only once', async () => {
    const { account, headers } = await signedInEmployee();
    let response = await get('/api/v1/test/session/one', headers);
    const statements = await statementsOf(async () => {
      response = await get('/api/v1/test/session/one', headers);
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: account.user.id });
    expect(statements.some((s) => /session_is_live/.test(s))).toBe(false);
    // BEGIN, then the settings and the check, then the statement: sent together.
    const run = statements.filter((s) => !/^prepare /.test(s));
    expect(run.filter((s) => /require_live_session/.test(s))).toHaveLength(1);
    expect(run[0]).toBe('begin');
    expect(run[1]).toMatch(/^select set_config\(.*require_live_session\(/s);

    const two = await statementsOf(async () => {
      expect((await get('/api/v1/test/session/two', headers)).statusCode).toBe(200);
    });
    expect(two.filter((s) => /^begin/.test(s))).toHaveLength(2);
    expect(two.filter((s) => /^select .*require_live_session/s.test(s))).toHaveLength(1);

    const empty = await statementsOf(async () => {
      expect((await get('/api/v1/test/session/empty', headers)).statusCode).toBe(200);
    });
    expect(empty.some((s) => /^begin/.test(s))).toBe(false);
    expect(empty.filter((s) => /session_is_live/.test(s))).toHaveLength(1);
  });

  it('answers 401 once the session has ended, from the first transaction', async () => {
    const { headers, end } = await signedInEmployee();
    expect((await get('/api/v1/test/session/one', headers)).statusCode).toBe(200);
    await end();
    const response = await get('/api/v1/test/session/one', headers);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'This session has ended.' });
    // A real route too.
    expect((await get('/api/v1/auth/me', headers)).statusCode).toBe(401);
  });

  it('checks before the answer leaves when no transaction ran, or when its failure was swallowed', async () => {
    const { headers, end } = await signedInEmployee();
    expect((await get('/api/v1/test/session/none', headers)).json()).toEqual({ ok: true });
    expect((await get('/api/v1/test/session/swallowed', headers)).json()).toEqual({ outcome: 'read' });
    await end();
    for (const path of ['none', 'empty', 'swallowed', 'failing']) {
      const response = await get(`/api/v1/test/session/${path}`, headers);
      expect(response.statusCode, path).toBe(401);
      expect(response.json().code, path).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a role with 403 while the session lives, with 401 once it has ended', async () => {
    const { headers, end } = await signedInEmployee();
    expect((await get('/api/v1/test/session/hr-only', headers)).statusCode).toBe(403);
    expect((await get('/api/v1/test/session/failing', headers)).statusCode).toBe(404);
    await end();
    expect((await get('/api/v1/test/session/hr-only', headers)).statusCode).toBe(401);
  });

  it('checks a change before its handler runs, once, in a statement of its own', async () => {
    const { headers, end } = await signedInEmployee();
    const post = () => t.app.inject({ method: 'POST', url: '/api/v1/test/session/as-system', headers });
    const before = changes;
    const statements = await statementsOf(async () => {
      expect((await post()).json()).toEqual({ ok: true });
    });
    expect(changes).toBe(before + 1);
    expect(statements.filter((s) => /session_is_live/.test(s))).toHaveLength(1);
    expect(statements.some((s) => /require_live_session/.test(s))).toBe(false);
    await end();
    const refused = await post();
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('UNAUTHENTICATED');
    expect(changes).toBe(before + 1); // the handler never ran
  });

  it('ends with the account: a deactivated user gets 401', async () => {
    const { account, headers } = await signedInEmployee();
    await t.db.owner.query('update users set is_active = false where id = $1', [account.user.id]);
    expect((await get('/api/v1/test/session/one', headers)).statusCode).toBe(401);
    expect((await get('/api/v1/test/session/none', headers)).statusCode).toBe(401);
  });
});
