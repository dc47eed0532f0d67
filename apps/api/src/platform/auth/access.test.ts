// The deny-by-default guard, on a bare Fastify instance with the application's error handling.
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandling } from '../errors';
import { installAccessGuard } from './access';

function guarded(): FastifyInstance {
  const app = Fastify();
  installErrorHandling(app);
  installAccessGuard(app, { publicPrefixes: ['/api/docs'] });
  return app;
}

describe('access guard', () => {
  it('refuses to register an /api route without an access rule', async () => {
    const app = guarded();
    expect(() => app.get('/api/v1/things', async () => ({}))).toThrow(
      /GET \/api\/v1\/things has no access rule: routes under \/api\/ are denied by default/,
    );
    await app.close();
  });

  it('refuses it inside a plugin too, failing the start-up', async () => {
    const app = guarded();
    app.register(
      async (api) => {
        api.post('/things', async () => ({}));
      },
      { prefix: '/api/v1' },
    );
    await expect(app.ready()).rejects.toThrow(/POST \/api\/v1\/things has no access rule/);
  });

  it('refuses an empty or unknown role list', async () => {
    const app = guarded();
    expect(() => app.get('/api/v1/a', { config: { access: [] } }, async () => ({}))).toThrow(
      /invalid access rule/,
    );
    // @ts-expect-error: not a role
    expect(() => app.get('/api/v1/b', { config: { access: ['ROOT'] } }, async () => ({}))).toThrow(
      /invalid access rule \["ROOT"\]/,
    );
    await app.close();
  });

  it('serves public routes, denies role-restricted ones with 401, leaves non-API routes alone', async () => {
    const app = guarded();
    app.get('/api/v1/public', { config: { access: 'public' } }, async () => ({ ok: true }));
    app.get('/api/v1/private', { config: { access: ['ADMIN_RH'] } }, async () => ({ secret: 42 }));
    app.get('/api/docs/json', async () => ({ openapi: '3.1.0' }));
    app.get('/healthz', async () => ({ status: 'ok' }));

    expect((await app.inject({ url: '/api/v1/public' })).json()).toEqual({ ok: true });
    expect((await app.inject({ url: '/api/docs/json' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);

    for (const method of ['GET', 'HEAD'] as const) {
      const denied = await app.inject({ method, url: '/api/v1/private' });
      expect(denied.statusCode).toBe(401);
      expect(denied.headers['www-authenticate']).toBe('Bearer realm="HuntZen"');
      if (method === 'GET') {
        expect(denied.json()).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
        expect(denied.body).not.toContain('42');
      }
    }
    await app.close();
  });
});
