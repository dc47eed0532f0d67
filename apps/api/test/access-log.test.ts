// The access log: one line per request when it ends (method, URL, status, time, request id), none
// when it arrives, none for the health probes; and never a header's secret.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, logInto, type TestApp } from './build-test-app';

let t: TestApp;
const lines: string[] = [];
beforeAll(async () => {
  t = await buildTestApp({ logDestination: logInto(lines) });
});
afterAll(() => t?.close());

/** The parsed log lines of the request `id`. */
const linesOf = (id: string) =>
  lines.map((line) => JSON.parse(line) as Record<string, never>).filter((line) => line.reqId === id);

it('writes one line per request, when it ends', async () => {
  const response = await t.app.inject({ url: '/api/v1/articles', headers: { 'x-request-id': 'access-1' } });
  expect(response.statusCode).toBe(200);
  const written = linesOf('access-1');
  expect(written.map((line) => line.msg)).toEqual(['request completed']);
  expect(written[0]).toMatchObject({
    level: 30,
    req: { method: 'GET', url: '/api/v1/articles' },
    res: { statusCode: 200 },
    responseTime: expect.any(Number),
  });
});

it('a refused request: its problem code, then the same one line', async () => {
  const response = await t.app.inject({
    url: '/api/v1/auth/me',
    headers: { 'x-request-id': 'access-3', authorization: 'Bearer not-a-token' },
  });
  expect(response.statusCode).toBe(401);
  const written = linesOf('access-3');
  expect(written.map((line) => line.msg)).toEqual(['request refused', 'request completed']);
  expect(written[1]).toMatchObject({ req: { url: '/api/v1/auth/me' }, res: { statusCode: 401 } });
  expect(JSON.stringify(written)).not.toContain('not-a-token');
});

it('writes none for a health probe that answers', async () => {
  await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'access-2' } });
  expect(linesOf('access-2')).toEqual([]);
});
