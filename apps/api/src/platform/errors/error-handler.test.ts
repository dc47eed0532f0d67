// The problem+json contract, through the real application on a real database.
import { ProblemSchema } from '@huntzen/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { AppError } from './app-error';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  // Routes of this test only, registered before the first request.
  t.app.post(
    '/api/test/people',
    {
      config: { access: 'public' },
      bodyLimit: 1024,
      schema: {
        body: z.object({ email: z.email(), age: z.number().int().min(18), tags: z.array(z.string()).max(2) }),
        querystring: z.object({ dryRun: z.enum(['yes', 'no']).optional() }),
      },
    },
    async (request) => ({ email: request.body.email }),
  );
  t.app.get('/api/test/crash', { config: { access: 'public' } }, async () => {
    throw new Error('connection to 10.0.0.7 refused: password authentication failed for user "owner"');
  });
  t.app.get('/api/test/conflict', { config: { access: 'public' } }, async () => {
    throw new AppError('SLOT_TAKEN', 'This slot was booked a moment ago.');
  });
  t.app.get('/api/test/internal', { config: { access: 'public' } }, async () => {
    throw new AppError('INTERNAL', 'invariant broken in ledger row 42');
  });
});
afterAll(() => t?.close());

function problemOf(response: { headers: Record<string, unknown>; json(): unknown }) {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json(;|$)/);
  return ProblemSchema.parse(response.json());
}

describe('error handler', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here?token=abc' });
    expect(response.statusCode).toBe(404);
    expect(problemOf(response)).toEqual({
      type: 'https://huntzen.care/problems/not-found',
      title: 'Not found',
      status: 404,
      code: 'NOT_FOUND',
      detail: 'Nothing at GET /api/v1/nothing-here',
      instance: '/api/v1/nothing-here',
    });
  });

  it('lists each invalid field of a request', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/people',
      payload: { email: 'not-an-email', age: 12, tags: ['a', 'b', 'c'] },
    });
    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['body.age', 'body.email', 'body.tags']);
    expect(problem.errors?.every((e) => e.message.length > 0)).toBe(true);
  });

  it('names the query string `query`', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/people?dryRun=maybe',
      payload: { email: 'ada@example.com', age: 36, tags: [] },
    });
    expect(problemOf(response).errors?.map((e) => e.path)).toEqual(['query.dryRun']);
  });

  it('refuses NUL characters and lone surrogates anywhere in a request, naming each field', async () => {
    const query = await t.app.inject({
      method: 'POST',
      url: '/api/test/people?dryRun=%00',
      payload: { email: 'ada@example.com', age: 36, tags: [] },
    });
    expect(query.statusCode).toBe(400);
    expect(problemOf(query)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'query.dryRun', message: expect.stringMatching(/NUL/) }],
    });

    // Escaped in the JSON text, as a client would send them; JSON.parse turns them back.
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/test/people',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"ada\\u0000@example.com","age":36,"tags":["ok","\\ud800"],"\\udc00":1}',
    });
    expect(problemOf(body).errors).toEqual([
      { path: 'body.email', message: expect.stringMatching(/NUL/) },
      { path: 'body.tags.1', message: expect.stringMatching(/surrogate/) },
      { path: 'body.\\udc00', message: expect.stringMatching(/^name .*surrogate/) },
    ]);
  });

  it('refuses a lone surrogate sent percent-encoded in a URL', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/people?dryRun=%ED%A0%80',
      payload: {},
    });
    expect(response.statusCode).toBe(400);
    expect(['VALIDATION_FAILED', 'BAD_REQUEST']).toContain(problemOf(response).code);
  });

  it('names a missing field by its path', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/people',
      payload: { age: 30, tags: [] },
    });
    expect(problemOf(response).errors).toEqual([{ path: 'body.email', message: expect.any(String) }]);
  });

  it('accepts a valid request', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/people',
      payload: { email: 'ada@example.com', age: 36, tags: [] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ email: 'ada@example.com' });
  });

  it('hides the details of an unexpected error behind the request id', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/test/crash',
      headers: { 'x-request-id': 'trace-500' },
    });
    expect(response.statusCode).toBe(500);
    const problem = problemOf(response);
    expect(problem).toMatchObject({ code: 'INTERNAL', status: 500, title: 'Internal server error' });
    expect(problem.detail).toBe('An unexpected error occurred. Reference: trace-500');
    expect(response.body).not.toContain('password');
    expect(response.body).not.toContain('10.0.0.7');
  });

  it('hides the message of an INTERNAL AppError too', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/internal' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('ledger');
  });

  it('maps AppError codes to their status', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/conflict' });
    expect(response.statusCode).toBe(409);
    expect(problemOf(response)).toMatchObject({
      code: 'SLOT_TAKEN',
      detail: 'This slot was booked a moment ago.',
      type: 'https://huntzen.care/problems/slot-taken',
    });
  });

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/people',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "ada@example.com",',
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ code: 'BAD_REQUEST', instance: '/api/test/people' });
  });

  it('answers a body over the limit with 413 and an unknown media type with 415', async () => {
    const large = await t.app.inject({
      method: 'POST',
      url: '/api/test/people',
      payload: { email: 'ada@example.com', age: 36, tags: ['x'.repeat(2000)] },
    });
    expect(large.statusCode).toBe(413);
    expect(problemOf(large).code).toBe('PAYLOAD_TOO_LARGE');

    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/test/people',
      headers: { 'content-type': 'application/xml' },
      payload: '<person/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(problemOf(xml).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a malformed URL with a 400 problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).code).toBe('BAD_REQUEST');
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });
});
