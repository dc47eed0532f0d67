// The headers built once must be the very headers @fastify/helmet sends from the same options, on
// every kind of answer, and a route's own header must still win.
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSecurityHeaders, type SecurityHeadersOptions, securityHeaders } from './security-headers';

// The shape of the application's options (app.ts), over plain HTTP and over HTTPS.
const OPTIONS: Record<string, SecurityHeadersOptions> = {
  http: {
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", 'https://meet.example'],
        frameSrc: ["'self'", 'blob:', 'https://meet.example'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  },
  https: {
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", 'https://meet.example'],
        frameSrc: ["'self'", 'blob:', 'https://meet.example'],
        imgSrc: ["'self'", 'data:', 'blob:'],
      },
    },
    hsts: { maxAge: 180 * 24 * 3600, includeSubDomains: true },
  },
};

function routes(app: FastifyInstance) {
  app.get('/ok', async () => ({ ok: true }));
  app.get('/page', async (_request, reply) => {
    reply.header('content-security-policy', "default-src 'none'").type('text/html');
    return '<p>page</p>';
  });
  app.get('/boom', async () => {
    throw new Error('boom');
  });
}

/** Every header but those that change from one answer to the next. */
function stable(headers: Record<string, unknown>) {
  const { date: _date, 'keep-alive': _keepAlive, connection: _connection, ...rest } = headers;
  return rest;
}

describe.each(Object.entries(OPTIONS))('security headers built once (%s)', (_name, options) => {
  let reference: FastifyInstance;
  let ours: FastifyInstance;
  beforeAll(async () => {
    reference = Fastify();
    // (@fastify/helmet types its options with helmet's CommonJS declarations.)
    await reference.register(fastifyHelmet, options as Parameters<typeof fastifyHelmet>[1]);
    routes(reference);
    ours = Fastify();
    installSecurityHeaders(ours, options);
    routes(ours);
    await Promise.all([reference.ready(), ours.ready()]);
  });
  afterAll(async () => {
    await Promise.all([reference.close(), ours.close()]);
  });

  it.each(['/ok', '/page', '/boom', '/missing'])(
    'GET %s: the same headers as @fastify/helmet',
    async (url) => {
      const [expected, actual] = await Promise.all([reference.inject({ url }), ours.inject({ url })]);
      expect(actual.statusCode).toBe(expected.statusCode);
      expect(stable(actual.headers)).toEqual(stable(expected.headers));
      expect(actual.headers['x-content-type-options']).toBe('nosniff');
      expect(actual.headers['content-security-policy']).toBeDefined();
    },
  );

  it("keeps a route's own header", async () => {
    const page = await ours.inject({ url: '/page' });
    expect(page.headers['content-security-policy']).toBe("default-src 'none'");
    const ok = await ours.inject({ url: '/ok' });
    expect(ok.headers['content-security-policy']).toContain("script-src 'self' https://meet.example");
  });

  it('sends the same values on every request (nothing is consumed by the first one)', async () => {
    const first = await ours.inject({ url: '/ok' });
    const second = await ours.inject({ url: '/ok' });
    expect(stable(second.headers)).toEqual(stable(first.headers));
  });
});

describe('headers computed once', () => {
  it("are Helmet's, lowercase, X-Powered-By left out", () => {
    const headers = new Map(securityHeaders(OPTIONS.https!));
    expect(headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
    expect(headers.get('content-security-policy')).toContain("frame-src 'self' blob: https://meet.example");
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect([...headers.keys()].every((name) => name === name.toLowerCase())).toBe(true);
    expect(headers.has('x-powered-by')).toBe(false);
    expect(new Map(securityHeaders(OPTIONS.http!)).has('strict-transport-security')).toBe(false);
  });

  it('options with a value computed per request still get it on every request', async () => {
    const app = Fastify();
    installSecurityHeaders(app, {
      contentSecurityPolicy: {
        directives: {
          scriptSrc: ["'self'", (request) => `'nonce-${String(request.headers['x-nonce'])}'`],
        },
      },
    });
    app.get('/ok', async () => ({ ok: true }));
    const first = await app.inject({ url: '/ok', headers: { 'x-nonce': 'one' } });
    const second = await app.inject({ url: '/ok', headers: { 'x-nonce': 'two' } });
    expect(first.headers['content-security-policy']).toContain("script-src 'self' 'nonce-one'");
    expect(second.headers['content-security-policy']).toContain("script-src 'self' 'nonce-two'");
    expect(second.headers['x-content-type-options']).toBe('nosniff');
    await app.close();
  });
});
