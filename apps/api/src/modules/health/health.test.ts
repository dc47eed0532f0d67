import { ProblemSchema, ReadinessSchema } from '@huntzen/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe('health probes', () => {
  it('GET /healthz says the process is alive', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz is ok on a migrated database', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(ReadinessSchema.parse(response.json())).toEqual({
      status: 'ok',
      checks: { database: 'ok', migrations: 'ok' },
    });
  });

  it('GET /readyz answers 503 while a migration is pending', async () => {
    const { rows } = await t.db.owner.query<{ id: number; hash: string; created_at: string }>(
      `delete from drizzle.__drizzle_migrations
        where id = (select max(id) from drizzle.__drizzle_migrations) returning *`,
    );
    try {
      const response = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(ProblemSchema.parse(response.json())).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        status: 503,
        errors: [{ path: 'checks.migrations', message: '1 migration(s) not applied' }],
      });
    } finally {
      const [row] = rows;
      await t.db.owner.query(
        'insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)',
        [row?.id, row?.hash, row?.created_at],
      );
    }
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});
