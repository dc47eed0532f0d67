// The assembled application: request ids, security headers, the OpenAPI document and its UI, the
// web application, and log redaction on a real request.
import { SYSTEM_ACTOR } from '@huntzen/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, logInto, type TestApp } from '../test/build-test-app';

let t: TestApp;
const logLines: string[] = [];

beforeAll(async () => {
  const logDestination = logInto(logLines);
  t = await buildTestApp({ logDestination });
  // A route of this test that logs what a careless handler might log.
  t.app.post(
    '/api/test/sign-in',
    { config: { access: 'public' }, schema: { body: z.object({ email: z.string(), password: z.string() }) } },
    async (request) => {
      request.log.info({ body: request.body, headers: request.headers }, 'sign-in attempt');
      return { token: 'not-logged-token' };
    },
  );
});
afterAll(() => t?.close());

describe('tenancy', () => {
  it("app.withActor runs on the application role with the actor's settings", async () => {
    const result = await t.app.withActor(SYSTEM_ACTOR, (tx) =>
      tx.execute<{ role: string; who: string }>(
        sql`select current_setting('app.current_role', true) as role, current_user as who`,
      ),
    );
    expect(result.rows[0]).toEqual({ role: 'SYSTEM', who: 'huntzen_app' });
  });
});

describe('request ids', () => {
  it('echoes a sane x-request-id and generates one otherwise', async () => {
    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-7f3e2a' } });
    expect(given.headers['x-request-id']).toBe('lb-7f3e2a');

    const generated = await t.app.inject({ url: '/healthz' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const insane = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'a b <script>' } });
    expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes it on errors too', async () => {
    const response = await t.app.inject({ url: '/api/v1/missing', headers: { 'x-request-id': 'err-1' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['x-request-id']).toBe('err-1');
  });
});

describe('OpenAPI', () => {
  it('serves a valid OpenAPI 3.1 document with the health routes and the Problem schema', async () => {
    const response = await t.app.inject({ url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'HuntZen API', version: expect.any(String) });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    const ready = doc.paths['/readyz'].get;
    expect(ready.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Readiness',
    });
    expect(ready.responses['503'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    expect(doc.components.schemas.Problem.properties).toHaveProperty('code');
    // The placeholder page and the UI's own routes are not API operations.
    expect(doc.paths['/']).toBeUndefined();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/api/docs'))).toBe(false);
    // Every operation declares at least one response, as OpenAPI requires.
    for (const [pathName, item] of Object.entries<Record<string, { responses?: object }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(Object.keys(operation.responses ?? {}), `${method} ${pathName}`).not.toHaveLength(0);
      }
    }
  });

  it('serves Swagger UI under a CSP that lets its own scripts run', async () => {
    const page = await t.app.inject({ url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    // Over plain HTTP (PUBLIC_URL http://…), no forced upgrade to an https that is not there.
    expect(csp).not.toContain('upgrade-insecure-requests');
    // Swagger UI loads only same-origin scripts, no inline ones.
    const scripts = [...page.body.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(attributes).toMatch(/src="\/api\/docs\/static\//);
      expect(inline?.trim()).toBe('');
    }
    const initializer = await t.app.inject({ url: '/api/docs/static/swagger-initializer.js' });
    expect(initializer.statusCode).toBe(200);
    expect(initializer.body).toContain("resolveUrl('./json')"); // → /api/docs/json
    const bundle = await t.app.inject({ url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
  });
});

describe('web application', () => {
  it('serves the page for every client route, with security headers and no inline script', async () => {
    for (const url of ['/', '/login', '/signup/employee', '/verify-email?token=abc']) {
      const response = await t.app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.body).toMatch(/<html|<!doctype html/i);
      expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it('answers unknown API paths and missing files with a 404 problem, not the page', async () => {
    for (const url of ['/api/v1/nope', '/dev/nope', '/nope.js']) {
      const response = await t.app.inject({ url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});

describe('logs', () => {
  it('never contain the password or the bearer token of a request', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/sign-in',
      headers: { authorization: 'Bearer eyJhbGciOi.secret-part', cookie: 'refresh=cookie-secret' },
      payload: { email: 'ada@example.com', password: 'correct horse battery staple' },
    });
    expect(response.statusCode).toBe(200);
    const logs = logLines.join('');
    expect(logs).toContain('sign-in attempt');
    expect(logs).toContain('ada@example.com');
    for (const secret of [
      'correct horse',
      'eyJhbGciOi',
      'secret-part',
      'cookie-secret',
      'not-logged-token',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});
