import { ProblemSchema, ReadinessSchema } from '@huntzen/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInto, type TestApp } from '../../../test/build-test-app';

let t: TestApp;
const logLines: string[] = [];
/** The log lines so far, parsed. */
const logEntries = (): Record<string, unknown>[] => logLines.map((line) => JSON.parse(line));
beforeAll(async () => {
  const logDestination = logInto(logLines);
  t = await buildTestApp({ logDestination });
});

/** Removes the last applied migration's row while `run` runs (the instance is then not ready). */
async function withPendingMigration(run: () => Promise<void>) {
  const { rows } = await t.db.owner.query<{ id: number; hash: string; created_at: string }>(
    `delete from drizzle.__drizzle_migrations
      where id = (select max(id) from drizzle.__drizzle_migrations) returning *`,
  );
  try {
    await run();
  } finally {
    const [row] = rows;
    await t.db.owner.query(
      'insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)',
      [row?.id, row?.hash, row?.created_at],
    );
  }
}

// The probes run in a context of their own (platform/probes.ts) that skips per-request work they do
// not need; what they answer must not change.
describe('what a probe keeps', () => {
  const SECURITY_HEADERS = [
    'content-security-policy',
    'cross-origin-opener-policy',
    'cross-origin-resource-policy',
    'origin-agent-cluster',
    'referrer-policy',
    'strict-transport-security',
    'x-content-type-options',
    'x-dns-prefetch-control',
    'x-download-options',
    'x-frame-options',
    'x-permitted-cross-domain-policies',
    'x-xss-protection',
  ];
  const securityHeaders = (headers: Record<string, unknown>) =>
    Object.fromEntries(SECURITY_HEADERS.map((name) => [name, headers[name]]));

  it('GET /healthz answers with the request id, without the browser security headers of the other routes', async () => {
    const probe = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-probe-1' } });
    expect(probe.statusCode).toBe(200);
    expect(probe.headers['content-type']).toMatch(/^application\/json/);
    expect(probe.json()).toEqual({ status: 'ok' });
    expect(probe.headers['x-request-id']).toBe('lb-probe-1');
    const generated = await t.app.inject({ url: '/healthz' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // Constant JSON for an orchestrator: none of the dozen headers meant for pages (platform/probes.ts).
    expect(securityHeaders(probe.headers)).toEqual(
      Object.fromEntries(SECURITY_HEADERS.map((name) => [name, undefined])),
    );

    // Every other answer keeps them: an API error, a missing page, the API documentation.
    for (const url of ['/api/v1/auth/me', '/healthz/nothing-here', '/api/docs/json']) {
      const answer = await t.app.inject({ url });
      expect(answer.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(answer.headers['x-content-type-options'], url).toBe('nosniff');
      expect(answer.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(answer.headers['cross-origin-resource-policy'], url).toBe('same-origin');
    }
  });

  it('a failing probe still logs its refusal with its request id', async () => {
    await withPendingMigration(async () => {
      const response = await t.app.inject({ url: '/readyz', headers: { 'x-request-id': 'lb-probe-2' } });
      expect(response.statusCode).toBe(503);
      expect(response.headers['x-request-id']).toBe('lb-probe-2');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['x-frame-options']).toBeUndefined();
    });
    expect(logEntries()).toContainEqual(
      expect.objectContaining({ reqId: 'lb-probe-2', code: 'SERVICE_UNAVAILABLE', msg: 'request refused' }),
    );
    // A probe that succeeds writes no log line.
    const before = logLines.length;
    await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-probe-3' } });
    expect(
      logEntries()
        .slice(before)
        .filter((line) => line.reqId === 'lb-probe-3'),
    ).toEqual([]);
  });
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
